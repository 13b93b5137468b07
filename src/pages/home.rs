//! Home: the paste box and what the analyzer makes of the paste, plus the way into the guided diagnosis.

use crate::components::custom_entry::CustomEntryView;
use crate::components::diagnosis_card::DiagnosisCard;
use crate::components::home_intro::{GuidedIntro, HomeIntro};
use crate::components::paste_box::PasteBox;
use crate::components::share_results::ShareResults;
use crate::context::{use_ctx, Ctx};
use crate::file_read::{next_frame, now_ms, read_file, ReadOutcome};
use crate::handover::Handover;
use registry_doctor_core::analyze::{analyze, Analysis, InputKind};
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::Route;
use registry_doctor_core::link::MAX_PASTE_TEXT;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// An analysis shared by reference; two are equal when they are the same analysis.
#[derive(Clone)]
pub struct SharedAnalysis(pub Rc<Analysis>);

impl PartialEq for SharedAnalysis {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How long the analysis took, and when its input was ready (ms since page load): the end-to-end
/// tests measure from there to the diagnosis on screen.
#[derive(Clone, Copy, PartialEq)]
pub struct Timing {
    pub analyze_ms: f64,
    pub input_ready_at: f64,
}

/// Where the paste is on its way to a result.
#[derive(Clone, PartialEq)]
pub enum PasteState {
    Idle,
    Reading {
        read: f64,
        total: f64,
    },
    Analyzing,
    /// The analysis and how long it took (ms), for the timing the end-to-end tests report.
    Ready(SharedAnalysis, Timing),
    Cancelled,
    Failed,
}

fn analyzed(bytes: &[u8]) -> PasteState {
    let start = now_ms();
    let analysis = analyze(bytes);
    let done = now_ms();
    PasteState::Ready(SharedAnalysis(Rc::new(analysis)), Timing { analyze_ms: done - start, input_ready_at: start })
}

/// The paste as text, when it may be offered for a share link (valid UTF-8, not too large).
fn shareable_text(bytes: &[u8]) -> Option<Rc<str>> {
    (bytes.len() <= MAX_PASTE_TEXT).then(|| std::str::from_utf8(bytes).ok()).flatten().map(Rc::from)
}

#[component]
pub fn Home() -> Html {
    let ctx = use_ctx();
    // A link may carry a (redacted) paste: analyze it straight away.
    let from_link: Option<Rc<str>> = ctx.link.paste.as_ref().map(|p| Rc::from(p.text()));
    let state = {
        let from_link = from_link.clone();
        use_state(move || from_link.map_or(PasteState::Idle, |t| analyzed(t.as_bytes())))
    };
    let text = {
        let from_link = from_link.clone();
        use_state(move || from_link.and_then(|t| shareable_text(t.as_bytes())))
    };
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    let on_input = {
        let state = state.clone();
        let text = text.clone();
        Callback::from(move |bytes: Rc<[u8]>| {
            text.set(shareable_text(&bytes));
            state.set(analyzed(&bytes))
        })
    };
    let on_file = {
        let state = state.clone();
        let cancel = cancel.clone();
        let text = text.clone();
        Callback::from(move |file: web_sys::File| {
            let text = text.clone();
            let flag = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = flag.clone();
            let state = state.clone();
            state.set(PasteState::Reading { read: 0.0, total: file.size() });
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let state = state.clone();
                    move |read, total| state.set(PasteState::Reading { read, total })
                };
                match read_file(file, progress, flag).await {
                    ReadOutcome::Done(bytes) => {
                        text.set(shareable_text(&bytes));
                        state.set(PasteState::Analyzing);
                        next_frame().await;
                        state.set(analyzed(&bytes));
                    }
                    ReadOutcome::Cancelled => state.set(PasteState::Cancelled),
                    ReadOutcome::Failed => state.set(PasteState::Failed),
                }
            });
        })
    };
    // What the first-paint shell was given goes on here, as if given now.
    let on_mounted = {
        let (on_input, on_file) = (on_input.clone(), on_file.clone());
        Callback::from(move |area: web_sys::HtmlTextAreaElement| continue_from_shell(&area, &on_input, &on_file))
    };
    let on_cancel = Callback::from(move |_: MouseEvent| cancel.borrow().set(true));
    html! {
        <>
            <HomeIntro lang={ctx.lang} />
            <PasteBox lang={ctx.lang} {on_input} {on_file} {on_mounted} initial={from_link.map(|t| AttrValue::from(t.to_string()))} />
            <Results state={(*state).clone()} {on_cancel} />
            { custom_matches(&ctx, (*text).as_deref()) }
            if let PasteState::Ready(SharedAnalysis(a), _) = &*state {
                if !a.diagnoses.is_empty() {
                    <ShareResults analysis={a.clone()} text={(*text).clone()} />
                }
            }
            <GuidedIntro lang={ctx.lang} href={ctx.href(Route::Guided(Vec::new()))} />
        </>
    }
}

/// Takes over from the first-paint shell, if it ran (see `handover.rs`), once `area` is in the page.
fn continue_from_shell(
    area: &web_sys::HtmlTextAreaElement,
    on_input: &Callback<Rc<[u8]>>,
    on_file: &Callback<web_sys::File>,
) {
    let Some(took) = crate::handover::take_over() else { return };
    match took.paste {
        Some(Handover::Text(text)) => {
            area.set_value(&text);
            on_input.emit(Rc::from(text.into_bytes()));
        }
        Some(Handover::File(file)) => on_file.emit(file),
        None => {}
    }
    if took.had_focus {
        crate::handover::focus_at_end(area);
    }
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    state: PasteState,
    on_cancel: Callback<MouseEvent>,
}

#[component]
fn Results(props: &ResultsProps) -> Html {
    let ctx = use_ctx();
    let (body, timing) = match &props.state {
        PasteState::Idle => (html! { <p class="hint">{ctx.t(Msg::PasteEmpty)}</p> }, None),
        PasteState::Reading { read, total } => (
            html! {
                <div class="progress" data-testid="reading">
                    <label for="read-progress">{ctx.t(Msg::ReadingFile)}{format!(" — {} / {}", megabytes(*read), megabytes(*total))}</label>
                    <progress id="read-progress" max={total.to_string()} value={read.to_string()}></progress>
                    <button type="button" onclick={props.on_cancel.clone()} data-testid="cancel-read">{ctx.t(Msg::Cancel)}</button>
                </div>
            },
            None,
        ),
        PasteState::Analyzing => (html! { <p data-testid="analyzing">{ctx.t(Msg::Analyzing)}{"…"}</p> }, None),
        PasteState::Cancelled => (html! { <p data-testid="read-cancelled">{ctx.t(Msg::ReadCancelled)}</p> }, None),
        PasteState::Failed => (html! { <p class="warn" role="alert">{ctx.t(Msg::ReadFailed)}</p> }, None),
        PasteState::Ready(SharedAnalysis(a), t) => (view_analysis(&ctx, a), Some(*t)),
    };
    let analyze_ms = timing.map(|t| format!("{:.1}", t.analyze_ms));
    let ready_at = timing.map(|t| format!("{:.1}", t.input_ready_at));
    html! {
        <section class="results" aria-live="polite" data-testid="results" data-analyze-ms={analyze_ms} data-input-ready-at={ready_at}>
            {body}
        </section>
    }
}

/// The portal's own entries whose symptoms the pasted text shows (scored like ours, shown from
/// `MIN_SCORE` up), best first.
fn custom_matches(ctx: &Ctx, text: Option<&str>) -> Html {
    let Some(text) = text else { return html! {} };
    let mut scored: Vec<(u32, &registry_doctor_core::presets::CustomEntry)> = ctx
        .presets
        .entries
        .iter()
        .map(|e| (e.score(text), e))
        .filter(|(score, _)| *score >= registry_doctor_core::analyze::MIN_SCORE)
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.into_iter().map(|(_, e)| html! { <CustomEntryView entry={Rc::new(e.clone())} /> }).collect()
}

fn megabytes(bytes: f64) -> String {
    if bytes < 1_000_000.0 {
        format!("{:.1} KB", bytes / 1_000.0)
    } else {
        format!("{:.1} MB", bytes / 1_000_000.0)
    }
}

fn view_analysis(ctx: &Ctx, a: &Analysis) -> Html {
    let summary = html! {
        <p class="scanned" data-testid="scanned">
            {ctx.t(Msg::Scanned)}{format!(": {} {} ({})", a.lines, ctx.t(Msg::LinesWord), megabytes(a.bytes as f64))}
        </p>
    };
    let not_text =
        a.invalid_utf8.then(|| html! { <p class="warn" data-testid="not-text">{ctx.t(Msg::NotAllText)}</p> });
    let body = match a.kind {
        InputKind::Empty => return html! { <p class="hint">{ctx.t(Msg::PasteEmpty)}</p> },
        InputKind::Manifest => html! {
            <p data-testid="looks-like-manifest">{ctx.t(Msg::LooksLikeManifest)}{" "}<a href={ctx.href(Route::Manifest)}>{ctx.t(Msg::OpenManifest)}</a></p>
        },
        InputKind::Reference => html! {
            <p data-testid="looks-like-reference">{ctx.t(Msg::LooksLikeReference)}{" "}<a href={ctx.href(Route::Name)}>{ctx.t(Msg::OpenNameCheck)}</a></p>
        },
        InputKind::Log if a.diagnoses.is_empty() => html! {
            <div data-testid="no-match">
                <p>{ctx.t(Msg::NoMatch)}</p>
                <p><a href={ctx.href(Route::Guided(Vec::new()))}>{ctx.t(Msg::TryGuided)}</a></p>
            </div>
        },
        InputKind::Log => {
            let found: Rc<Vec<(&'static str, String)>> = Rc::new(a.values.as_params());
            html! {
                <>
                    <h2>{ctx.t(Msg::Diagnoses)}</h2>
                    <ol class="diagnoses">
                    { for a.diagnoses.iter().enumerate().map(|(rank, d)| html! {
                        <li><DiagnosisCard diagnosis={Rc::new(d.clone())} found={found.clone()} first={rank == 0} /></li>
                    }) }
                    </ol>
                </>
            }
        }
    };
    html! { <>{summary}{not_text}{body}{found_values(ctx, a)}</> }
}

/// Labels for the found values that are not command parameters.
fn value_label(name: &str) -> Option<Msg> {
    Some(match name {
        "image" => Msg::ValueImage,
        "http_status" => Msg::ValueHttpStatus,
        "client" => Msg::ValueClient,
        "client_version" => Msg::ValueClientVersion,
        "runner_version" => Msg::ValueRunnerVersion,
        "gitlab_host" => Msg::ValueGitlabHost,
        "job_name" => Msg::ValueJobName,
        "ci_stage" => Msg::ValueCiStage,
        "job_stage" => Msg::ValueJobStage,
        _ => return None,
    })
}

/// What the text revealed (registry, image, tag, status, client and version …): the values the
/// diagnosis links carry into the commands.
fn found_values(ctx: &Ctx, a: &Analysis) -> Html {
    let pairs = a.values.pairs();
    if pairs.is_empty() || a.diagnoses.is_empty() {
        return html! {};
    }
    html! {
        <section class="found" data-testid="found-values">
            <h2>{ctx.t(Msg::FoundValues)}</h2>
            <dl>
            { for pairs.into_iter().map(|(name, value)| {
                let label = value_label(name).map(|m| ctx.t(m)).or_else(|| registry_doctor_core::kb::param(name).map(|p| p.label.get(ctx.lang))).unwrap_or(name);
                html! { <><dt>{label}</dt><dd data-value={name}><code>{value}</code></dd></> }
            }) }
            </dl>
        </section>
    }
}
