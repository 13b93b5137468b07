//! The first-paint shell: what the first page load runs (a separate, small binary,
//! `src/shell_main.rs`). It shows the home page's chrome and paste box, in the same markup as the
//! full app, and nothing that needs the knowledge base; the first paste, dropped file or move to
//! another page loads the full app ([`crate::handover`]). Links to anything but the plain home page
//! go to the full app straight away.

use crate::components::home_intro::{GuidedIntro, HomeIntro};
use crate::components::layout::{Chrome, NAV};
use crate::components::paste_box::PasteBox;
use crate::handover::{request_full, Handover, LOAD_FAILED, SHELL_ID};
use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::link::{plain_home, route_fragment, Route};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Starts the shell in a new element inside `<div id="app">`.
pub fn start() {
    crate::crash::install_panic_screen();
    let Some(app) = crate::browser::app_root() else { return };
    let Some(root) = crate::browser::append_div(&app, Some(SHELL_ID)) else { return };
    yew::Renderer::<ShellApp>::with_root(root).render();
}

/// Where the shell is.
#[derive(Clone, Copy, PartialEq)]
enum Phase {
    /// Waiting for the first paste.
    Ready,
    /// The full app is on its way.
    Loading,
    /// The loader said it could not load it.
    Failed,
}

#[derive(Properties, PartialEq, Default)]
pub struct ShellProps {
    /// The link's language where there is no address bar (server rendering in tests).
    #[prop_or_default]
    pub lang: Option<Lang>,
}

#[component]
pub fn ShellApp(props: &ShellProps) -> Html {
    let link_lang = use_state(|| plain_home(&crate::browser::fragment()).flatten().or(props.lang));
    let phase = use_state(|| Phase::Ready);
    {
        let (link_lang, phase) = (link_lang.clone(), phase.clone());
        use_effect_with((), move |_| follow_page_events(link_lang, phase));
    }
    let lang = (*link_lang).unwrap_or_else(crate::browser::preferred_lang);
    use_effect_with(lang, |lang| crate::browser::set_document_lang(*lang));
    let nav: Vec<String> = NAV.iter().map(|(_, route)| route_fragment(&route(), *link_lang)).collect();
    let langs: Vec<String> = Lang::ALL.iter().map(|&l| route_fragment(&Route::Home, Some(l))).collect();
    let load = {
        let phase = phase.clone();
        Callback::from(move |paste: Option<Handover>| {
            phase.set(Phase::Loading);
            request_full(paste);
        })
    };
    let on_input = {
        let load = load.clone();
        Callback::from(move |bytes: Rc<[u8]>| {
            load.emit(Some(Handover::Text(String::from_utf8_lossy(&bytes).into_owned())))
        })
    };
    let on_file = {
        let load = load.clone();
        Callback::from(move |file: web_sys::File| load.emit(Some(Handover::File(file))))
    };
    let retry = Callback::from(move |_: MouseEvent| load.emit(None));
    // Focus on the paste box or a file dragged over it: start loading, keep showing the shell.
    let on_intent = Callback::from(|()| request_full(None));
    html! {
        <Chrome {lang} embed={false} {nav} {langs} on_nav_intent={on_intent.clone()}>
            <HomeIntro {lang} />
            <PasteBox {lang} {on_input} {on_file} {on_intent} />
            <section class="results" aria-live="polite" data-testid="results">
                { status(lang, *phase, retry) }
            </section>
            <GuidedIntro {lang} href={route_fragment(&Route::Guided(Vec::new()), *link_lang)} />
        </Chrome>
    }
}

fn status(lang: Lang, phase: Phase, retry: Callback<MouseEvent>) -> Html {
    match phase {
        Phase::Ready => html! { <p class="hint">{Msg::PasteEmpty.text(lang)}</p> },
        Phase::Loading => html! { <p data-testid="loading-app">{Msg::LoadingApp.text(lang)}{"…"}</p> },
        Phase::Failed => html! {
            <div class="warn" role="alert" data-testid="load-failed">
                <p>{Msg::LoadFailed.text(lang)}</p>
                <button type="button" onclick={retry}>{Msg::Retry.text(lang)}</button>
            </div>
        },
    }
}

/// Follows the address (a language switch stays here; any other page needs the full app) and the
/// loader's failure event. Returns the effect's cleanup.
fn follow_page_events(link_lang: UseStateHandle<Option<Lang>>, phase: UseStateHandle<Phase>) -> impl FnOnce() {
    let window = crate::browser::window();
    let on_hash = Closure::<dyn Fn()>::new(move || match plain_home(&crate::browser::fragment()) {
        Some(lang) => link_lang.set(lang),
        None => request_full(None),
    });
    let on_failed = Closure::<dyn Fn()>::new(move || phase.set(Phase::Failed));
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
        let _ = w.add_event_listener_with_callback(LOAD_FAILED, on_failed.as_ref().unchecked_ref());
    }
    // A link the shell does not show: the loader normally sends these to the full app directly.
    if plain_home(&crate::browser::fragment()).is_none() && window.is_some() {
        request_full(None);
    }
    move || {
        if let Some(w) = window {
            let _ = w.remove_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
            let _ = w.remove_event_listener_with_callback(LOAD_FAILED, on_failed.as_ref().unchecked_ref());
        }
    }
}
