//! Evidence lines with their line numbers; matched literals are wrapped in <mark>, and a gap in the
//! numbering is shown as an ellipsis row.

use crate::context::use_ctx;
use registry_doctor_core::analyze::EvidenceLine;
use registry_doctor_core::i18n::Msg;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EvidenceProps {
    pub lines: Rc<Vec<EvidenceLine>>,
}

#[component]
pub fn Evidence(props: &EvidenceProps) -> Html {
    let ctx = use_ctx();
    if props.lines.is_empty() {
        return html! {};
    }
    let mut rows = Vec::new();
    let mut previous: Option<usize> = None;
    for line in props.lines.iter() {
        if previous.is_some_and(|p| line.line > p + 1) {
            rows.push(html! { <div class="gap" aria-hidden="true">{"⋯"}</div> });
        }
        previous = Some(line.line);
        rows.push(view_line(line, ctx.t(Msg::LineN)));
    }
    html! {
        <figure class="evidence" data-testid="evidence">
            <figcaption>{ctx.t(Msg::Evidence)}</figcaption>
            <div class="lines" tabindex="0" role="region" aria-label={ctx.t(Msg::Evidence)}>{ for rows }</div>
        </figure>
    }
}

fn view_line(line: &EvidenceLine, line_word: &'static str) -> Html {
    let mut parts = Vec::new();
    let mut at = 0;
    for &(start, end) in &line.highlights {
        let (Some(before), Some(marked)) = (line.text.get(at..start), line.text.get(start..end)) else { continue };
        parts.push(html! { {before.to_string()} });
        parts.push(html! { <mark>{marked.to_string()}</mark> });
        at = end;
    }
    parts.push(html! { {line.text.get(at..).unwrap_or("").to_string()} });
    html! {
        <div class={classes!("line", line.is_match().then_some("hit"))} data-line={line.line.to_string()}>
            <span class="no"><span class="visually-hidden">{line_word}{" "}</span>{line.line}</span>
            <code>{ for parts }</code>
        </div>
    }
}
