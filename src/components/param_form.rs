//! The values form at the top of a diagnosis page. Every change replaces the URL (no history entry
//! per keystroke), so the share link and every command on the page follow what is typed.

use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb::{self, ParamDef, PARAMS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ParamFormProps {
    pub entry_id: &'static str,
}

/// The parameters the entry's commands use, in first-use order, without derived ones.
pub fn params_of(entry_id: &str) -> Vec<&'static ParamDef> {
    let mut out: Vec<&'static ParamDef> = Vec::new();
    let Some(entry) = kb::entry(entry_id) else { return out };
    for plan in entry.fix.iter().filter_map(|f| f.plan()) {
        for &i in plan.params {
            let p = &PARAMS[usize::from(i)];
            let expanded: Vec<&'static ParamDef> = if p.derived {
                ["project_path", "image_name"].iter().filter_map(|n| kb::param(n)).collect()
            } else {
                vec![p]
            };
            for p in expanded {
                if !out.iter().any(|q| q.name == p.name) {
                    out.push(p);
                }
            }
        }
    }
    out
}

#[component]
pub fn ParamForm(props: &ParamFormProps) -> Html {
    let ctx = use_ctx();
    let params = params_of(props.entry_id);
    if params.is_empty() {
        return html! {};
    }
    html! {
        <section class="values" data-testid="param-form">
            <h2>{ctx.t(Msg::Values)}</h2>
            <p class="hint">{ctx.t(Msg::ValuesHint)}</p>
            <div class="fields">
            { for params.iter().map(|p| {
                let id = format!("param-{}", p.name);
                let name = p.name;
                let oninput = {
                    let ctx = ctx.clone();
                    Callback::from(move |e: InputEvent| {
                        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                            ctx.set_value(name, &input.value());
                        }
                    })
                };
                html! {
                    <p class="field">
                        <label for={id.clone()}>{p.label.get(ctx.lang)}</label>
                        <input id={id} name={p.name} data-param={p.name} type="text" spellcheck="false" autocomplete="off"
                               value={ctx.link.value(p.name).unwrap_or("").to_string()} placeholder={p.example} {oninput} />
                    </p>
                }
            }) }
            </div>
        </section>
    }
}
