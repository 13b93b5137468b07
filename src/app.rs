//! The root component: turns the URL fragment into the page to show, and provides [`Ctx`].

use crate::components::layout::Layout;
use crate::context::{Ctx, Handoff};
use crate::hooks::use_hash_link;
use crate::pages;
use registry_doctor_core::link::{Link, Route};
use registry_doctor_core::presets::Presets;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The link to show when there is no browser URL (server rendering in tests).
    #[prop_or_default]
    pub initial: Link,
    /// Mounted into a host page: the link lives in memory, not in the address bar.
    #[prop_or_default]
    pub memory: bool,
    /// Framed with `?embed=1`: no site chrome.
    #[prop_or_default]
    pub embedded: bool,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let hash = use_hash_link(props.initial.clone(), props.memory);
    let presets = use_state(|| (Rc::new(Presets::default()), Vec::new()));
    {
        let presets = presets.clone();
        use_effect_with(props.memory, move |&memory| {
            if !memory {
                wasm_bindgen_futures::spawn_local(async move {
                    let (p, errors) = crate::presets_load::load().await;
                    presets.set((Rc::new(p), errors));
                });
            }
        });
    }
    let lang = hash.link.lang.or(presets.0.language).unwrap_or_else(crate::browser::preferred_lang);
    let memory = props.memory;
    use_effect_with(lang, move |lang| {
        if !memory {
            crate::browser::set_document_lang(*lang)
        }
    });
    let mut link = hash.link.clone();
    link.embed |= props.embedded;
    // The portal's hosts fill the commands unless the link says otherwise.
    presets.0.fill(&mut link);
    let handoff = use_state(Handoff::default);
    // Another page than home: take the page over from the first-paint shell, if it ran (the home
    // page does it itself, carrying the paste on).
    use_effect_with((), {
        let home = hash.link.route == Route::Home;
        move |_| {
            if !home {
                crate::handover::take_over();
            }
        }
    });
    let ctx = Ctx {
        link,
        lang,
        go: hash.go.clone(),
        replace: hash.replace.clone(),
        presets: presets.0.clone(),
        handoff: (*handoff).clone(),
    };
    let preset_errors: Vec<String> = presets.1.iter().map(|e| e.message(lang)).collect();
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <Layout notices={!hash.notices.is_empty()} memory={props.memory} {preset_errors}>
                { page(&hash.link.route) }
            </Layout>
        </ContextProvider<Ctx>>
    }
}

fn page(route: &Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Guided(path) => html! { <pages::guided::Guided path={path.clone()} /> },
        Route::Entry(id) => html! { <pages::entry::EntryPage id={AttrValue::from(id.clone())} /> },
        Route::All => html! { <pages::all::AllEntries /> },
        Route::Setup => html! { <pages::setup::SetupPage /> },
        Route::Task(id) => html! { <pages::task::TaskPage id={AttrValue::from(id.clone())} /> },
        Route::Manifest => html! { <pages::manifest::ManifestPage /> },
        Route::Name => html! { <pages::name::NamePage /> },
        Route::NotFound => html! { <pages::not_found::NotFound /> },
    }
}
