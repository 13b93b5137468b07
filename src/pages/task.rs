//! A guided task (`#/task/<id>`): a form for the task's inputs and the whole reviewed script for them.
//! Single-line inputs live in the URL like every other value; a pasted tag list stays on the page.

use crate::browser::page_address;
use crate::components::copy_button::CopyButton;
use crate::components::plan_view::{link_values, view_rendered};
use crate::context::{use_ctx, Ctx};
use crate::pages::not_found::NotFound;
use registry_doctor_core::export;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb::ParamKind;
use registry_doctor_core::link::Route;
use registry_doctor_core::plan::{task, Task, TaskParam, TASKS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TaskPageProps {
    pub id: AttrValue,
}

/// A multi-line pasted input that is kept out of links.
fn is_pasted_list(p: &TaskParam) -> bool {
    p.kind == ParamKind::FreeText && p.choices.is_empty()
}

#[component]
pub fn TaskPage(props: &TaskPageProps) -> Html {
    let ctx = use_ctx();
    // "Check my setup" may have handed over the project's tag list for the transfer task.
    let pasted = {
        let handoff = ctx.handoff.clone();
        use_state(move || handoff.take().map(|l| l.to_string()).unwrap_or_default())
    };
    let Some(task) = task(&props.id) else { return html! { <NotFound /> } };
    let mut values = link_values(&ctx.link);
    if let Some(p) = task.params.iter().find(|p| is_pasted_list(p)) {
        if !pasted.is_empty() {
            values.insert(p.name.to_string(), (*pasted).clone());
        }
    }
    let rendered = task.render(&values, ctx.lang);
    html! {
        <article class="task" data-testid="task" data-task={task.id}>
            <nav aria-label={ctx.t(Msg::NavTasks)}>
                <ul class="tabs">
                { for TASKS.iter().map(|t| html! {
                    <li><a href={ctx.href(Route::Task(t.id.to_string()))} aria-current={(t.id == task.id).then_some("page")}>{t.title.get(ctx.lang)}</a></li>
                }) }
                </ul>
            </nav>
            <h1>{task.title.get(ctx.lang)}</h1>
            <p class="lead">{ctx.t(Msg::TasksIntro)}</p>
            <section class="values" data-testid="param-form">
                <h2>{ctx.t(Msg::Values)}</h2>
                <div class="fields">{ for task.params.iter().map(|p| field(&ctx, p, &pasted)) }</div>
            </section>
            <p class="check-setup"><a href={ctx.href(Route::Setup)} data-testid="open-setup">{ctx.t(Msg::NavSetup)}</a>{" — "}{ctx.t(Msg::CheckAgainstGitlab)}</p>
            <section class="plan" data-plan={task.id}>{ view_rendered(&rendered, ctx.lang) }</section>
            <p class="export">
                <CopyButton produce={task_markdown(task, &ctx)}
                            caption={Msg::CopyMarkdown} testid="copy-markdown" />
            </p>
        </article>
    }
}

fn field(ctx: &Ctx, p: &'static TaskParam, pasted: &UseStateHandle<String>) -> Html {
    let id = format!("param-{}", p.name);
    let label = html! { <label for={id.clone()}>{p.label.get(ctx.lang)}</label> };
    if is_pasted_list(p) {
        let start = (**pasted).clone();
        let pasted = pasted.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                pasted.set(area.value());
            }
        });
        return html! { <p class="field wide">{label}<textarea id={id} data-param={p.name} rows="6" spellcheck="false" placeholder={p.example} {oninput} defaultvalue={start} /></p> };
    }
    let set = {
        let ctx = ctx.clone();
        move |value: String| ctx.set_value(p.name, &value)
    };
    let current = ctx.link.value(p.name).unwrap_or("").to_string();
    if !p.choices.is_empty() {
        let onchange = Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                set(sel.value());
            }
        });
        return html! {
            <p class="field">{label}
                <select id={id} data-param={p.name} {onchange}>
                { for p.choices.iter().enumerate().map(|(i, c)| {
                    // Nothing chosen yet: the first choice is the default (the core renders it so).
                    let selected = current == *c || (current.is_empty() && i == 0);
                    html! { <option value={*c} {selected}>{*c}</option> }
                }) }
                </select>
            </p>
        };
    }
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            set(input.value());
        }
    });
    html! {
        <p class="field">{label}
            <input id={id} data-param={p.name} type="text" spellcheck="false" autocomplete="off" value={current} placeholder={p.example} {oninput} />
        </p>
    }
}

/// "Copy as Markdown" of the task, built only when the button is pressed.
fn task_markdown(task: &'static Task, ctx: &Ctx) -> Callback<(), String> {
    let (link, lang) = (ctx.link.clone(), ctx.lang);
    Callback::from(move |()| export::task_markdown(task, &link, &page_address(), lang))
}
