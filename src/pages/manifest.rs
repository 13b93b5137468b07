//! `#/manifest`: paste or drop a manifest and see what it is, what is wrong with it (marked in the
//! text), its platforms and the fix commands filled with what it reveals. Analysis runs on every
//! input event: the core analyzer is linear and the text view renders only the lines that matter.

use crate::components::findings_list::FindingsList;
use crate::components::manifest_fixes::ManifestFixes;
use crate::components::manifest_input::ManifestInput;
use crate::components::manifest_summary::ManifestSummary;
use crate::components::manifest_text::{layout, ManifestText, TextLayout};
use crate::components::platforms_table::PlatformsTable;
use crate::components::rich_text::rich_text;
use crate::components::share_paste::SharePaste;
use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::Route;
use registry_doctor_core::manifest::{analyze, Report};
use std::rc::Rc;
use yew::prelude::*;

/// One analysis: the text, its report and where its findings sit. Equal when it is the same one,
/// so children compare in O(1) however large the manifest.
#[derive(Clone)]
pub struct Checked {
    pub text: Rc<str>,
    pub report: Rc<Report>,
    pub layout: Rc<TextLayout>,
}

impl PartialEq for Checked {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report)
    }
}

impl Checked {
    pub fn new(text: &str) -> Checked {
        let report = analyze(text);
        let layout = layout(text, &report.findings);
        Checked { text: Rc::from(text), report: Rc::new(report), layout: Rc::new(layout) }
    }
}

#[component]
pub fn ManifestPage() -> Html {
    let ctx = use_ctx();
    // A link may carry the manifest (when its sender chose to include it): check it straight away.
    let from_link: Option<Rc<str>> = ctx.link.paste.as_ref().map(|p| Rc::from(p.text()));
    let checked = {
        let from_link = from_link.clone();
        use_state(move || from_link.filter(|t| !t.trim().is_empty()).map(|t| Checked::new(&t)))
    };
    let on_text = {
        let checked = checked.clone();
        Callback::from(move |text: Rc<str>| {
            checked.set((!text.trim().is_empty()).then(|| Checked::new(&text)));
        })
    };
    html! {
        <article class="manifest-page" data-testid="manifest-page">
            <h1>{ctx.t(Msg::ManifestTitle)}</h1>
            <p class="lead">{rich_text(ctx.t(Msg::ManifestIntro))}</p>
            <ManifestInput {on_text} initial={from_link.map(|t| AttrValue::from(t.to_string()))} />
            <section class="results" data-testid="manifest-results">
            { match &*checked {
                None => html! { <p class="hint">{ctx.t(Msg::ManifestEmpty)}</p> },
                Some(c) => view_checked(c),
            } }
            </section>
            if let Some(c) = &*checked {
                <SharePaste text={c.text.clone()} route={Route::Manifest} />
            }
        </article>
    }
}

fn view_checked(c: &Checked) -> Html {
    let report = c.report.clone();
    if report.parse_error.is_some() {
        return html! { <ManifestSummary report={report} /> };
    }
    html! {
        <>
            <ManifestSummary report={report.clone()} />
            <FindingsList checked={c.clone()} />
            <ManifestText checked={c.clone()} />
            <PlatformsTable report={report.clone()} />
            <ManifestFixes report={report} />
        </>
    }
}
