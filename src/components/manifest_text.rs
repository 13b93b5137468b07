//! The pasted text with line numbers and each finding's spot in a `<mark>`. A mark is a button that
//! moves focus to its finding (the URL fragment is our router state, so no `#id` anchors).
//!
//! Large texts show only the lines around the marks, and very long lines (minified JSON) only the
//! parts around the marks: the page stays fast for a 1 MB manifest whatever is typed.

use crate::context::use_ctx;
use crate::pages::manifest::Checked;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::manifest::{Finding, Severity};
use yew::prelude::*;

/// Texts up to this size are shown whole.
const FULL_BYTES: usize = 64 * 1024;
const FULL_LINES: usize = 800;
/// Lines shown before and after a marked line in a large text.
const CONTEXT_LINES: usize = 2;
/// Lines longer than this are shown as excerpts around their marks.
const LONG_LINE: usize = 1000;
const CONTEXT_BYTES: usize = 60;
/// A mark never covers more than this (a whole-document span on one minified line).
const MAX_MARK: usize = 120;
/// Findings listed and marked; a 10 000-entry index can have one per entry, and the page must stay
/// fast. The list is most severe first, so errors are never the ones left out.
pub const MAX_LISTED: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Byte range in the text, within one line.
    pub start: usize,
    pub end: usize,
    /// Index into the report's findings (the first one at this spot).
    pub finding: usize,
    pub severity: Severity,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Line {
        /// 1-based.
        number: usize,
        start: usize,
        end: usize,
        /// Byte ranges of the line that are shown (the whole line unless it is very long).
        windows: Vec<(usize, usize)>,
        /// Range of `TextLayout::marks` on this line.
        marks: (usize, usize),
    },
    Gap,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextLayout {
    /// In text order, not overlapping.
    pub marks: Vec<Mark>,
    /// For each finding, the mark that shows it (none for findings without a place, or not drawn).
    pub finding_mark: Vec<Option<usize>>,
    pub rows: Vec<Row>,
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Start of every line.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1)).collect()
}

/// End of the line starting at `starts[l]`, without its line break.
fn line_end(text: &str, starts: &[usize], l: usize) -> usize {
    let end = starts.get(l + 1).map_or(text.len(), |&next| next - 1);
    if end > starts[l] && text.as_bytes().get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    }
}

/// Where the findings go in the text, and which lines to show.
pub fn layout(text: &str, findings: &[Finding]) -> TextLayout {
    let starts = line_starts(text);
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, f) in findings.iter().enumerate().take(MAX_LISTED) {
        let s = f.span.start;
        if f.span.end <= s || s >= text.len() || !text.is_char_boundary(s) {
            continue;
        }
        let e = f.span.end.min(line_end(text, &starts, line_of(s))).min(ceil(text, s + MAX_MARK));
        if e > s {
            candidates.push((s, floor(text, e).max(s), i));
        }
    }
    candidates.sort_by_key(|&(s, e, i)| (s, std::cmp::Reverse(e), i));
    let mut marks: Vec<Mark> = Vec::new();
    let mut finding_mark = vec![None; findings.len()];
    for (s, e, i) in candidates {
        match marks.last() {
            // Inside the previous mark: that mark shows this finding too.
            Some(last) if s < last.end => finding_mark[i] = Some(marks.len() - 1),
            _ if e <= s => {}
            _ => {
                finding_mark[i] = Some(marks.len());
                marks.push(Mark { start: s, end: e, finding: i, severity: findings[i].severity });
            }
        }
    }
    let rows = rows(text, &starts, &marks, line_of);
    TextLayout { marks, finding_mark, rows }
}

fn rows(text: &str, starts: &[usize], marks: &[Mark], line_of: impl Fn(usize) -> usize) -> Vec<Row> {
    let total = starts.len();
    let shown: Vec<usize> = if text.len() <= FULL_BYTES && total <= FULL_LINES {
        (0..total).collect()
    } else if marks.is_empty() {
        (0..total.min(20)).collect()
    } else {
        let mut lines: Vec<usize> = marks
            .iter()
            .flat_map(|m| {
                let l = line_of(m.start);
                l.saturating_sub(CONTEXT_LINES)..(l + CONTEXT_LINES + 1).min(total)
            })
            .collect();
        lines.dedup();
        lines.sort_unstable();
        lines.dedup();
        lines
    };
    let mut rows = Vec::with_capacity(shown.len() + 2);
    let mut previous: Option<usize> = None;
    for &l in &shown {
        if previous.map_or(l > 0, |p| l > p + 1) {
            rows.push(Row::Gap);
        }
        previous = Some(l);
        let (start, end) = (starts[l], line_end(text, starts, l));
        let first = marks.partition_point(|m| m.start < start);
        let last = marks.partition_point(|m| m.start <= end);
        rows.push(Row::Line {
            number: l + 1,
            start,
            end,
            windows: windows(text, start, end, &marks[first..last]),
            marks: (first, last),
        });
    }
    if previous.is_some_and(|p| p + 1 < total) {
        rows.push(Row::Gap);
    }
    rows
}

fn windows(text: &str, start: usize, end: usize, marks: &[Mark]) -> Vec<(usize, usize)> {
    if end - start <= LONG_LINE {
        return vec![(start, end)];
    }
    if marks.is_empty() {
        return vec![(start, floor(text, start + 200))];
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in marks {
        let ws = floor(text, m.start.saturating_sub(CONTEXT_BYTES).max(start));
        let we = ceil(text, (m.end + CONTEXT_BYTES).min(end));
        match out.last_mut() {
            Some(last) if ws <= last.1 => last.1 = last.1.max(we),
            _ => out.push((ws, we)),
        }
    }
    out
}

/// Moves focus to the element matching `selector` inside the same page as the event's target.
pub fn focus_in_page(target: Option<web_sys::EventTarget>, selector: &str) {
    use wasm_bindgen::JsCast;
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let page = el.closest("[data-testid=manifest-page]").ok().flatten();
    let found = page.and_then(|p| p.query_selector(selector).ok().flatten());
    if let Some(found) = found.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = found.focus();
    }
}

#[derive(Properties, PartialEq)]
pub struct ManifestTextProps {
    pub checked: Checked,
}

#[component]
pub fn ManifestText(props: &ManifestTextProps) -> Html {
    let ctx = use_ctx();
    let text: &str = &props.checked.text;
    let lay = &props.checked.layout;
    // One listener for every mark: which finding to go to is on the mark itself.
    let onclick = Callback::from(|e: MouseEvent| {
        use wasm_bindgen::JsCast;
        let mark = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-finding]").ok().flatten());
        if let Some(finding) = mark.and_then(|m| m.get_attribute("data-finding")) {
            focus_in_page(e.target(), &format!("[data-finding-item=\"{finding}\"]"));
        }
    });
    let go_to = ctx.t(Msg::GoToFinding);
    let line_word = ctx.t(Msg::LineN);
    html! {
        <figure class="evidence manifest-text" data-testid="manifest-text">
            <figcaption>{ctx.t(Msg::ManifestText)}</figcaption>
            <div class="lines" {onclick}>
            { for lay.rows.iter().map(|row| view_row(text, row, lay, line_word, go_to)) }
            </div>
        </figure>
    }
}

fn view_row(text: &str, row: &Row, lay: &TextLayout, line_word: &'static str, go_to: &'static str) -> Html {
    let Row::Line { number, start, end, windows, marks } = row else {
        return html! { <div class="gap" aria-hidden="true">{"⋯"}</div> };
    };
    let hit = marks.1 > marks.0;
    html! {
        <div class={classes!("line", hit.then_some("hit"))} data-line={number.to_string()}>
            <span class="no"><span class="visually-hidden">{line_word}{" "}</span>{*number}</span>
            <code>{ view_line(text, (*start, *end), windows, (marks.0, &lay.marks[marks.0..marks.1]), go_to) }</code>
        </div>
    }
}

/// `marks`: the index of the line's first mark, and the line's marks.
fn view_line(
    text: &str,
    line: (usize, usize),
    windows: &[(usize, usize)],
    marks: (usize, &[Mark]),
    go_to: &'static str,
) -> Html {
    let slice = |a: usize, b: usize| text.get(a..b).unwrap_or("").to_string();
    let mut parts: Vec<Html> = Vec::new();
    for &(ws, we) in windows {
        if ws > line.0 {
            parts.push(html! { <span class="cut" aria-hidden="true">{"…"}</span> });
        }
        let mut at = ws;
        for (index, m) in marks.1.iter().enumerate().filter(|(_, m)| m.start >= ws && m.end <= we) {
            let index = marks.0 + index;
            parts.push(html! { {slice(at, m.start)} });
            parts.push(html! {
                <mark class={m.severity.as_str()} data-finding={m.finding.to_string()}>
                    <button type="button" class="mark-link" data-mark={index.to_string()}>
                        {slice(m.start, m.end)}<span class="visually-hidden">{" — "}{go_to}</span>
                    </button>
                </mark>
            });
            at = m.end;
        }
        parts.push(html! { {slice(at, we)} });
        if we < line.1 {
            parts.push(html! { <span class="cut" aria-hidden="true">{"…"}</span> });
        }
    }
    parts.into_iter().collect()
}
