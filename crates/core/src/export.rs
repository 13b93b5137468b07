//! "Copy as Markdown": a diagnosis, an analysis result or a guided task's script, ready to paste into
//! a GitLab issue or merge request.
//!
//! Never a secret: commands come from the renderer (secrets stay environment variables), evidence
//! lines go through `crate::redact`, and the link back carries values but never the pasted text.
//! Knowledge-base prose keeps its `code` spans; other Markdown characters are escaped so a text can
//! never turn into a link or HTML.

use crate::analyze::Analysis;
use crate::i18n::{Lang, Msg};
use crate::kb::Entry;
use crate::link::{Link, Route};
use crate::plan::{self, Rendered, Task, Values};
use crate::redact::redact;
use crate::text::{pieces, Piece};

/// An entry with the commands filled from `link`'s values. `page_url` is the page's address without
/// the fragment (`https://portal.example.com/registry-doctor/`); empty leaves the link back out.
pub fn entry_markdown(entry: &Entry, link: &Link, page_url: &str, lang: Lang) -> String {
    let values = values_of(link);
    let mut out = format!("## {}\n\n", prose(entry.title.get(lang)));
    out.push_str(&format!(
        "{} · {}: {}\n\n",
        entry.catalog.join(", "),
        Msg::AppliesTo.text(lang),
        entry.applies_to(lang)
    ));
    out.push_str(&format!("### {}\n\n{}\n\n", Msg::WhatHappened.text(lang), prose(entry.summary.get(lang))));
    out.push_str(&format!("### {}\n\n", Msg::Causes.text(lang)));
    for (i, c) in entry.causes.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, prose(c.text.get(lang))));
        out.push_str(&format!("   - {} {}\n", Msg::AskYourself.text(lang), prose(c.question.get(lang))));
    }
    out.push_str(&format!("\n### {}\n\n", Msg::Fix.text(lang)));
    for (i, f) in entry.fix.iter().enumerate() {
        out.push_str(&format!("**{}.** {}\n\n", i + 1, prose(f.text.get(lang))));
        if let Some(p) = f.plan() {
            push_rendered(&mut out, &plan::render(p, &values, lang), lang);
        }
    }
    if !entry.sources.is_empty() {
        out.push_str(&format!("### {}\n\n", Msg::Sources.text(lang)));
        for s in entry.sources {
            out.push_str(&format!("- [{}](<{}>)\n", prose(s.title), s.url));
        }
        out.push('\n');
    }
    let back = Link { route: Route::Entry(entry.id.to_string()), lang: Some(lang), ..link.without_paste() };
    push_link_back(&mut out, &back, page_url, lang);
    out
}

/// The diagnoses of an analysis, each with its evidence lines (redacted, numbered) and a link to
/// its fix carrying `link`'s values.
pub fn analysis_markdown(analysis: &Analysis, link: &Link, page_url: &str, lang: Lang) -> String {
    let mut out = format!("## {}\n\n", Msg::Diagnoses.text(lang));
    if analysis.diagnoses.is_empty() {
        out.push_str(&format!("{}\n", Msg::NoMatch.text(lang)));
    }
    for (i, d) in analysis.diagnoses.iter().enumerate() {
        let confidence = match d.confidence {
            crate::analyze::Confidence::High => Msg::High,
            crate::analyze::Confidence::Medium => Msg::Medium,
            crate::analyze::Confidence::Low => Msg::Low,
        };
        out.push_str(&format!(
            "### {}. {}\n\n{}: {} · {}\n\n{}\n\n",
            i + 1,
            prose(d.entry.title.get(lang)),
            Msg::Confidence.text(lang),
            confidence.text(lang),
            d.entry.catalog.join(", "),
            prose(d.entry.summary.get(lang)),
        ));
        if !d.evidence.is_empty() {
            let width = d.evidence.iter().map(|l| l.line).max().unwrap_or(1).to_string().len();
            let body: String = d
                .evidence
                .iter()
                .map(|l| {
                    let mark = if l.is_match() { '>' } else { ' ' };
                    format!("{mark}{:>width$} | {}\n", l.line, redact(&l.text).text)
                })
                .collect();
            out.push_str(&format!("{}:\n\n{}\n", Msg::Evidence.text(lang), fenced("text", &body)));
        }
        let to = Link { route: Route::Entry(d.entry.id.to_string()), lang: Some(lang), ..link.without_paste() };
        if let Some(url) = absolute(page_url, &to) {
            out.push_str(&format!("[{}](<{url}>)\n\n", Msg::OpenDiagnosis.text(lang)));
        }
    }
    out
}

/// A guided task's script with `link`'s values.
pub fn task_markdown(task: &Task, link: &Link, page_url: &str, lang: Lang) -> String {
    let r = task.render(&values_of(link), lang);
    let mut out = format!("## {}\n\n", prose(task.title.get(lang)));
    push_rendered(&mut out, &r, lang);
    out.push_str(&format!("{}:\n\n{}\n", Msg::WholeScript.text(lang), fenced("sh", &r.script)));
    let back = Link { route: Route::Task(task.id.to_string()), lang: Some(lang), ..link.without_paste() };
    push_link_back(&mut out, &back, page_url, lang);
    out
}

fn values_of(link: &Link) -> Values {
    link.values.iter().cloned().collect()
}

/// The steps of a rendered plan: what to set first, warnings, each step's comment and fenced text.
fn push_rendered(out: &mut String, r: &Rendered, lang: Lang) {
    if !r.env.is_empty() {
        let env: Vec<String> = r.env.iter().map(|e| format!("`{e}`")).collect();
        out.push_str(&format!("{} {}\n\n", Msg::SetEnvFirst.text(lang), env.join(" ")));
    }
    for v in &r.refused {
        out.push_str(&format!("> **`{}`**: {}\n\n", v.param, prose(&v.reason)));
    }
    if !r.missing.is_empty() {
        let missing: Vec<String> = r.missing.iter().map(|m| format!("`<{m}>`")).collect();
        out.push_str(&format!("> {} {}\n\n", Msg::FillPlaceholders.text(lang), missing.join(" ")));
    }
    for s in &r.steps {
        out.push_str(&format!("{}\n\n", prose(&s.comment)));
        let info = if s.is_snippet { s.lang.as_deref().unwrap_or("text") } else { "sh" };
        out.push_str(&fenced(info, &s.text));
        out.push('\n');
    }
}

fn push_link_back(out: &mut String, link: &Link, page_url: &str, lang: Lang) {
    if let Some(url) = absolute(page_url, link) {
        out.push_str(&format!("[{}](<{url}>)\n", Msg::OpenInRegistryDoctor.text(lang)));
    }
}

/// `page_url` + fragment, when `page_url` is an http(s) URL (anything else is left out).
fn absolute(page_url: &str, link: &Link) -> Option<String> {
    let base = page_url.split('#').next().unwrap_or("");
    let ok = (base.starts_with("https://") || base.starts_with("http://"))
        && !base.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control() || b"<>".contains(&b));
    ok.then(|| format!("{base}{}", link.to_fragment()))
}

/// A fenced code block whose fence is longer than any backtick run inside.
pub fn fenced(info: &str, body: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let nl = if body.ends_with('\n') { "" } else { "\n" };
    format!("{fence}{info}\n{body}{nl}{fence}\n")
}

/// Knowledge-base prose as Markdown: `code` spans kept, everything else escaped.
fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for p in pieces(text) {
        match p {
            Piece::Code(c) => {
                out.push('`');
                out.push_str(c);
                out.push('`');
            }
            Piece::Plain(t) => {
                for ch in t.chars() {
                    if "\\*_[]<>#|~`!".contains(ch) {
                        out.push('\\');
                    }
                    out.push(if ch == '\n' { ' ' } else { ch });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outgrow_backticks_and_prose_is_escaped() {
        assert_eq!(fenced("sh", "a"), "```sh\na\n```\n");
        assert_eq!(fenced("text", "x ```` y\n"), "`````text\nx ```` y\n`````\n");
        assert_eq!(prose("use `a_b` not [x](javascript:y) <b>"), "use `a_b` not \\[x\\](javascript:y) \\<b\\>");
    }
}
