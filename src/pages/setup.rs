//! `#/setup` — "Check my setup": the user's GitLab URL, project and optional token; read-only GETs
//! from the browser; results as pass / problem / could not check, each linking to its fix.
//!
//! The token lives in this component's state only: never in the link (`ctx.replace` only ever gets
//! the URL and the project path), storage, logs or copied text; "Forget the token" clears it, and
//! leaving the page drops it. A GitLab address the user did not type here (it came with a link or
//! from a pasted log) needs an explicit confirmation before anything is sent to it.

use crate::components::copy_button::CopyButton;
use crate::components::setup_results::SetupResults;
use crate::context::{use_ctx, Ctx};
use crate::services::gitlab::{self, Abort, CspWatch};
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::Route;
use registry_doctor_core::setup::{CheckResult, Config, Origin, ProjectRef, Reason, Session, Token};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
enum Run {
    #[default]
    Idle,
    /// Requests sent so far.
    Running(usize),
    Done {
        results: Rc<Vec<CheckResult>>,
        tag_list: Option<AttrValue>,
        /// The page's CSP (`connect-src`) or CORS kept the browser from reaching GitLab.
        blocked: bool,
        csp_source: AttrValue,
        /// Values for the transfer task link.
        values: Rc<Vec<(String, String)>>,
    },
}

#[component]
pub fn SetupPage() -> Html {
    let ctx = use_ctx();
    let token = use_state(String::new);
    let target = use_state(String::new);
    // The address was typed on this page (not pre-filled from a link or a pasted log).
    let typed = use_state(|| false);
    let confirmed = use_state(|| None::<String>);
    let asking = use_state(|| false);
    let error = use_state(|| None::<String>);
    let run = use_state(Run::default);
    let abort = use_mut_ref(|| None::<Abort>);

    // The link's value, else the portal's preset (which the host configured, so it needs no confirmation).
    let preset = ctx.presets.gitlab_url.clone();
    let url = ctx.link.value("gitlab_url").map(str::to_string).or_else(|| preset.clone()).unwrap_or_default();
    let project = ctx.link.value("project_path").unwrap_or("").to_string();

    let set_link = |name: &'static str, typed: Option<UseStateHandle<bool>>| {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                ctx.set_value(name, &input.value());
                if let Some(t) = &typed {
                    t.set(true);
                }
            }
        })
    };
    let on_url = set_link("gitlab_url", Some(typed.clone()));
    let on_project = set_link("project_path", None);
    let on_target = text_setter(&target);
    let on_token = text_setter(&token);
    let forget = {
        let token = token.clone();
        Callback::from(move |_: MouseEvent| token.set(String::new()))
    };
    let start = {
        let (ctx, token, target, typed, confirmed, asking, error, run, abort) = (
            ctx.clone(),
            token.clone(),
            target.clone(),
            typed.clone(),
            confirmed.clone(),
            asking.clone(),
            error.clone(),
            run.clone(),
            abort.clone(),
        );
        let url = url.clone();
        Callback::from(move |force: bool| {
            let origin = match Origin::parse(&url) {
                Ok(o) => o,
                Err(e) => return error.set(Some(e.message(ctx.lang).to_string())),
            };
            let Some(project) = ProjectRef::parse(ctx.link.value("project_path").unwrap_or("")) else {
                return error.set(Some(ctx.t(Msg::SetupProject).to_string() + ": ?"));
            };
            let target_ref = if target.trim().is_empty() { None } else { ProjectRef::parse(&target) };
            if !target.trim().is_empty() && target_ref.is_none() {
                return error.set(Some(ctx.t(Msg::SetupTarget).to_string() + ": ?"));
            }
            error.set(None);
            let from_preset = preset.as_deref().and_then(|p| Origin::parse(p).ok()).is_some_and(|p| p == origin);
            let ok_origin = force || *typed || from_preset || confirmed.as_deref() == Some(origin.as_str());
            if !ok_origin {
                return asking.set(true);
            }
            asking.set(false);
            confirmed.set(Some(origin.as_str().to_string()));
            let token = Token::new(&token);
            let cfg =
                Config { origin, project, target: target_ref, has_token: token.is_some(), today: gitlab::today() };
            let Some(switch) = Abort::new() else { return };
            *abort.borrow_mut() = Some(switch.clone());
            run.set(Run::Running(0));
            let run = run.clone();
            wasm_bindgen_futures::spawn_local(checks(cfg, token, switch, run));
        })
    };
    let on_run = {
        let start = start.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            start.emit(false);
        })
    };
    let on_confirm = {
        let start = start.clone();
        Callback::from(move |_: MouseEvent| start.emit(true))
    };
    let on_cancel = {
        let abort = abort.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = abort.borrow().as_ref() {
                a.cancel();
            }
        })
    };
    let running = matches!(*run, Run::Running(_));
    let host = Origin::parse(&url).map(|o| o.as_str().to_string()).unwrap_or_default();

    html! {
        <article class="setup" data-testid="setup">
            <h1>{ctx.t(Msg::SetupTitle)}</h1>
            <p class="lead">{ctx.t(Msg::SetupIntro)}</p>
            <form class="values" data-testid="setup-form" onsubmit={on_run} autocomplete="off">
                <div class="fields">
                    <p class="field">
                        <label for="setup-gitlab">{ctx.t(Msg::SetupGitlabUrl)}</label>
                        <input id="setup-gitlab" data-param="gitlab_url" type="url" inputmode="url" spellcheck="false" autocomplete="off"
                               value={url.clone()} placeholder="https://gitlab.example.com" oninput={on_url} />
                    </p>
                    <p class="field">
                        <label for="setup-project">{ctx.t(Msg::SetupProject)}</label>
                        <input id="setup-project" data-param="project_path" type="text" spellcheck="false" autocomplete="off"
                               value={project} placeholder="my-group/my-project" oninput={on_project} />
                    </p>
                    <p class="field">
                        <label for="setup-target">{ctx.t(Msg::SetupTarget)}</label>
                        <input id="setup-target" type="text" spellcheck="false" autocomplete="off"
                               value={(*target).clone()} placeholder="platform/base-images" oninput={on_target} />
                    </p>
                    <p class="field">
                        <label for="setup-token">{ctx.t(Msg::SetupToken)}</label>
                        <input id="setup-token" data-testid="setup-token" type="password" autocomplete="off" spellcheck="false"
                               value={(*token).clone()} oninput={on_token} aria-describedby="setup-token-hint" />
                    </p>
                </div>
                <p class="hint" id="setup-token-hint">{ctx.t(Msg::SetupTokenHint)}</p>
                <p class="actions">
                    <button class="button" type="submit" data-testid="setup-run" disabled={running}>{ctx.t(Msg::SetupRun)}</button>
                    {" "}
                    <button class="copy" type="button" data-testid="setup-forget" onclick={forget} disabled={token.is_empty()}>{ctx.t(Msg::SetupForgetToken)}</button>
                    if running {
                        {" "}<button class="copy" type="button" data-testid="setup-cancel" onclick={on_cancel}>{ctx.t(Msg::SetupCancel)}</button>
                    }
                </p>
            </form>
            if let Some(e) = &*error {
                <p class="notice warn" role="alert" data-testid="setup-error">{e.clone()}</p>
            }
            if *asking {
                <div class="notice" role="alert" data-testid="setup-confirm">
                    <p>{ctx.t(Msg::SetupConfirm)}</p>
                    <p><code>{host}</code></p>
                    <button class="button" type="button" data-testid="setup-confirm-yes" onclick={on_confirm}>{ctx.t(Msg::SetupConfirmYes)}</button>
                </div>
            }
            { view_run(&ctx, &run) }
        </article>
    }
}

fn text_setter(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            state.set(input.value());
        }
    })
}

/// The whole run: one request at a time, as the core asks; the token only in the header.
async fn checks(cfg: Config, token: Option<Token>, abort: Abort, run: UseStateHandle<Run>) {
    let csp = CspWatch::start();
    let csp_source = AttrValue::from(cfg.origin.csp_source().to_string());
    let mut session = Session::new(cfg);
    let mut sent = 0;
    while let Some(req) = session.next_request() {
        let url = session.config().origin.url(&req.path);
        let answer = gitlab::get(&url, token.as_ref().filter(|_| req.auth), &abort).await;
        sent += 1;
        run.set(Run::Running(sent));
        match &answer {
            Ok(fetched) => session.feed(Ok(fetched.as_response())),
            Err(f) => session.feed(Err(*f)),
        }
    }
    let results = session.results();
    let blocked = csp.blocked() || results.iter().any(|r| r.reason == Some(Reason::Network));
    run.set(Run::Done {
        tag_list: session.tag_list_json().filter(|l| l != "[]").map(AttrValue::from),
        values: Rc::new(session.values()),
        results: Rc::new(results),
        blocked,
        csp_source,
    });
}

fn view_run(ctx: &Ctx, run: &Run) -> Html {
    match run {
        Run::Idle => html! {},
        Run::Running(n) => {
            html! { <p class="progress" role="status" data-testid="setup-progress">{ctx.t(Msg::SetupRunning)}{" "}{n}</p> }
        }
        Run::Done { results, tag_list, blocked, csp_source, values } => {
            let mut transfer = ctx.link_to(Route::Task("transfer".into()));
            for (k, v) in values.iter() {
                transfer.set_value(k, v);
            }
            html! {
                <section data-testid="setup-done">
                    if *blocked {
                        <div class="notice warn" role="alert" data-testid="setup-blocked">
                            <p>{ctx.t(Msg::SetupBlocked)}{" "}<code>{csp_source.clone()}</code></p>
                            <p>{ctx.t(Msg::SetupBlockedCors)}</p>
                        </div>
                    }
                    <SetupResults results={results.clone()} />
                    if let Some(list) = tag_list {
                        <section class="tag-list" data-testid="setup-tag-list">
                            <p>{ctx.t(Msg::SetupTagList)}</p>
                            <p class="field wide"><textarea readonly=true rows="4" spellcheck="false" value={list.clone()} /></p>
                            <p><CopyButton text={list.clone()} />{" "}<a href={transfer.to_fragment()} onclick={hand_over(ctx, list)} data-testid="setup-open-transfer">{ctx.t(Msg::SetupOpenTransfer)}</a></p>
                        </section>
                    }
                </section>
            }
        }
    }
}

/// Following the link to the transfer task takes the tag list along (in memory, not in the URL).
fn hand_over(ctx: &Ctx, list: &AttrValue) -> Callback<MouseEvent> {
    let (handoff, list) = (ctx.handoff.clone(), Rc::<str>::from(list.as_str()));
    Callback::from(move |_: MouseEvent| handoff.put(list.clone()))
}
