//! One ranked diagnosis: its title (a link to the fix, with the values found in the paste), how sure
//! we are, and the evidence lines.

use crate::components::evidence::Evidence;
use crate::components::rich_text::rich_text;
use crate::context::use_ctx;
use registry_doctor_core::analyze::{Confidence, Diagnosis};
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::Route;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosisCardProps {
    pub diagnosis: Rc<Diagnosis>,
    /// Parameter values found in the paste, carried to the diagnosis page.
    pub found: Rc<Vec<(&'static str, String)>>,
    #[prop_or_default]
    pub first: bool,
}

#[component]
pub fn DiagnosisCard(props: &DiagnosisCardProps) -> Html {
    let ctx = use_ctx();
    let d = &props.diagnosis;
    let mut link = ctx.link_to(Route::Entry(d.entry.id.to_string()));
    for (name, value) in props.found.iter() {
        if link.value(name).is_none() {
            link.set_value(name, value);
        }
    }
    let confidence = match d.confidence {
        Confidence::High => Msg::High,
        Confidence::Medium => Msg::Medium,
        Confidence::Low => Msg::Low,
    };
    html! {
        <article class={classes!("diagnosis", props.first.then_some("best"))} data-testid="diagnosis"
                 data-catalog={d.entry.primary_catalog()} data-entry={d.entry.id}>
            <h3><a href={link.to_fragment()}>{rich_text(d.entry.title.get(ctx.lang))}</a></h3>
            <p class="meta">
                <span class={classes!("confidence", d.confidence.code())}>
                    {ctx.t(Msg::Confidence)}{": "}{ctx.t(confidence)}
                </span>
                {" · "}<span class="catalog">{d.entry.catalog.join(", ")}</span>
            </p>
            <p>{rich_text(d.entry.summary.get(ctx.lang))}</p>
            <Evidence lines={Rc::new(d.evidence.clone())} />
            <p><a class="button" href={link.to_fragment()}>{ctx.t(Msg::OpenDiagnosis)}</a></p>
        </article>
    }
}
