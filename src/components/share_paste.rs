//! "Include the pasted text in the link": a checkbox, then the link that reopens `route` with the
//! text (redacted first; the list of what was removed is shown). Off by default: pasted text is
//! never put into a link unless the user asks.

use crate::browser::share_href;
use crate::context::use_ctx;
use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::link::{PasteError, Route};
use registry_doctor_core::redact::Redaction;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePasteProps {
    pub text: Rc<str>,
    /// The view the link opens.
    pub route: Route,
}

#[component]
pub fn SharePaste(props: &SharePasteProps) -> Html {
    let ctx = use_ctx();
    let include = use_state(|| false);
    let toggle = {
        let include = include.clone();
        Callback::from(move |_: Event| include.set(!*include))
    };
    let mut link = ctx.link_to(props.route.clone());
    let outcome = (*include).then(|| link.set_paste(&props.text));
    html! {
        <section class="share-results" data-testid="share-paste">
            <p>
                <input type="checkbox" id="include-paste" data-testid="include-paste" checked={*include} onchange={toggle} />
                {" "}<label for="include-paste">{ctx.t(Msg::IncludePaste)}</label>
            </p>
            { match outcome {
                None | Some(Err(PasteError::Empty)) => html! {},
                Some(Err(PasteError::TooLarge { .. })) => html! { <p class="warn" role="status">{ctx.t(Msg::PasteTooLarge)}</p> },
                Some(Ok(found)) => html! {
                    <>
                        { redacted_list(&found, ctx.lang) }
                        <p class="share">
                            <label for="paste-link">{ctx.t(Msg::ShareLink)}</label>
                            <input id="paste-link" data-testid="paste-link" readonly=true value={share_href(&link.to_fragment())} />
                        </p>
                    </>
                },
            } }
        </section>
    }
}

/// What redaction removed, by kind and line; nothing when nothing was removed.
pub fn redacted_list(found: &[Redaction], lang: Lang) -> Html {
    if found.is_empty() {
        return html! {};
    }
    html! {
        <div class="redacted" role="status" data-testid="redacted">
            <p>{Msg::RedactedList.text(lang)}</p>
            <ul>{ for found.iter().map(|r| html! { <li>{r.kind.label(lang)}{format!(" — {} {}", Msg::LineN.text(lang), r.line)}</li> }) }</ul>
        </div>
    }
}
