//! An entry from the portal's own `registry-doctor.json`, shown inline (it has no built-in page).
//! Its texts are plain text nodes like ours; its source links were validated as https by the core.

use crate::components::plan_view::PlanView;
use crate::components::rich_text::rich_text;
use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::presets::CustomEntry;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CustomEntryViewProps {
    pub entry: Rc<CustomEntry>,
}

#[component]
pub fn CustomEntryView(props: &CustomEntryViewProps) -> Html {
    let ctx = use_ctx();
    let e = &props.entry;
    let lang = ctx.lang;
    html! {
        <article class="diagnosis custom" data-testid="custom-entry" data-entry={e.id.clone()}>
            <details>
                <summary><strong>{rich_text(e.title.get(lang))}</strong>{" "}<span class="catalog">{ctx.t(Msg::FromYourOrganization)}</span></summary>
                <p>{rich_text(e.summary.get(lang))}</p>
                <h4>{ctx.t(Msg::Causes)}</h4>
                <ol>{ for e.causes.iter().map(|c| html! {
                    <li><p>{rich_text(c.text.get(lang))}</p><p class="ask"><strong>{ctx.t(Msg::AskYourself)}</strong>{" "}{rich_text(c.question.get(lang))}</p></li>
                }) }</ol>
                <h4>{ctx.t(Msg::Fix)}</h4>
                <ol>{ for e.fix.iter().map(|f| html! {
                    <li><p>{rich_text(f.text.get(lang))}</p>if let Some(plan) = f.plan() { <PlanView plan_id={plan.id} /> }</li>
                }) }</ol>
                <ul class="sources">{ for e.sources.iter().map(|s| html! {
                    <li><a href={s.url.clone()} rel="noopener noreferrer" target="_blank">{s.title.clone()}</a></li>
                }) }</ul>
            </details>
        </article>
    }
}
