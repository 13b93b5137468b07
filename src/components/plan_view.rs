//! A command plan rendered with the page's values: what to set first, each step with its comment and
//! a copy button, and the whole script. Quoting and validation all happen in the core renderer.

use crate::components::copy_button::CopyButton;
use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb;
use registry_doctor_core::plan::{render, Rendered, Values};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlanViewProps {
    pub plan_id: &'static str,
}

/// The link's values as renderer input.
pub fn link_values(link: &registry_doctor_core::link::Link) -> Values {
    link.values.iter().cloned().collect()
}

#[component]
pub fn PlanView(props: &PlanViewProps) -> Html {
    let ctx = use_ctx();
    let Some(plan) = kb::plan(props.plan_id) else { return html! {} };
    let rendered = render(plan, &link_values(&ctx.link), ctx.lang);
    html! { <div class="plan" data-plan={props.plan_id}>{ view_rendered(&rendered, ctx.lang) }</div> }
}

/// Shared by fix plans and guided tasks.
pub fn view_rendered(r: &Rendered, lang: registry_doctor_core::i18n::Lang) -> Html {
    let t = |m: Msg| m.text(lang);
    html! {
        <>
            if !r.env.is_empty() {
                <p class="env">{t(Msg::SetEnvFirst)}{" "}{ for r.env.iter().map(|e| html! { <><code>{e.clone()}</code>{" "}</> }) }</p>
            }
            if !r.refused.is_empty() {
                <ul class="warn" role="alert" data-testid="refused">
                    { for r.refused.iter().map(|v| html! { <li><code>{v.param.clone()}</code>{": "}{v.reason.clone()}</li> }) }
                </ul>
            }
            if !r.missing.is_empty() {
                <p class="warn" data-testid="missing">{t(Msg::FillPlaceholders)}{" "}
                    { for r.missing.iter().map(|m| html! { <><code>{format!("<{m}>")}</code>{" "}</> }) }</p>
            }
            <ol class="steps">
            { for r.steps.iter().enumerate().map(|(i, s)| html! {
                <li>
                    <p class="comment">{s.comment.clone()}</p>
                    <pre data-testid={if s.is_snippet { "snippet" } else { "command" }} data-lang={s.lang.clone()}
                         tabindex="0" aria-label={format!("{} {}", t(Msg::StepWord), i + 1)}><code>{s.text.clone()}</code></pre>
                    <CopyButton text={AttrValue::from(s.text.clone())} label={AttrValue::from(format!("{} {}", t(Msg::Copy), i + 1))} />
                </li>
            }) }
            </ol>
            if r.steps.len() > 1 {
                <details class="script">
                    <summary>{t(Msg::WholeScript)}</summary>
                    <pre data-testid="script" tabindex="0" aria-label={t(Msg::WholeScript)}><code>{r.script.clone()}</code></pre>
                    <CopyButton text={AttrValue::from(r.script.clone())} />
                </details>
            }
        </>
    }
}
