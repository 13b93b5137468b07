//! Sharing an analysis: a link to these results (values found, language), optionally with the pasted
//! text — redacted first, and the page lists what was removed — and "copy as Markdown".

use crate::browser::{page_address, share_href};
use crate::components::copy_button::CopyButton;
use crate::components::share_paste::redacted_list;
use crate::context::use_ctx;
use registry_doctor_core::analyze::Analysis;
use registry_doctor_core::export;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::{Link, PasteError, Route};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct ShareResultsProps {
    pub analysis: Rc<Analysis>,
    /// The pasted text, when it is text and small enough to be offered for the link.
    pub text: Option<Rc<str>>,
}

impl PartialEq for ShareResultsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis) && self.text == other.text
    }
}

#[component]
pub fn ShareResults(props: &ShareResultsProps) -> Html {
    let ctx = use_ctx();
    let include = use_state(|| false);
    // Without the text, the link opens the best diagnosis with the values found; with it, the home
    // page re-runs this analysis.
    let best = props.analysis.diagnoses.first().map(|d| Route::Entry(d.entry.id.to_string()));
    let mut link: Link = ctx.link_to(if *include { Route::Home } else { best.unwrap_or(Route::Home) });
    for (name, value) in props.analysis.values.as_params() {
        if link.value(name).is_none() {
            link.set_value(name, &value);
        }
    }
    let mut redacted = Vec::new();
    let mut too_large = false;
    if let (true, Some(text)) = (*include, &props.text) {
        match link.set_paste(text) {
            Ok(found) => redacted = found,
            Err(PasteError::TooLarge { .. }) => too_large = true,
            Err(PasteError::Empty) => {}
        }
    }
    let toggle = {
        let include = include.clone();
        Callback::from(move |_: Event| include.set(!*include))
    };
    let markdown = {
        let (analysis, link, lang) = (props.analysis.clone(), link.without_paste(), ctx.lang);
        Callback::from(move |()| export::analysis_markdown(&analysis, &link, &page_address(), lang))
    };
    html! {
        <section class="share-results" data-testid="share-results">
            <h2>{ctx.t(Msg::ShareLink)}</h2>
            if props.text.is_some() {
                <p>
                    <input type="checkbox" id="include-paste" data-testid="include-paste" checked={*include} onchange={toggle} />
                    {" "}<label for="include-paste">{ctx.t(Msg::IncludePaste)}</label>
                </p>
            }
            if too_large { <p class="warn" role="status">{ctx.t(Msg::PasteTooLarge)}</p> }
            { redacted_list(&redacted, ctx.lang) }
            <p class="share">
                <label for="results-link">{ctx.t(Msg::ShareLink)}</label>
                <input id="results-link" data-testid="results-link" readonly=true value={share_href(&link.to_fragment())} />
            </p>
            <p class="export"><CopyButton produce={markdown} caption={Msg::CopyMarkdown} testid="copy-markdown" /></p>
        </section>
    }
}
