//! The root component: turns the URL fragment into the page to show, and provides [`Ctx`].

use crate::components::layout::Layout;
use crate::context::Ctx;
use crate::hooks::use_hash_link;
use crate::pages;
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::link::{Link, Route};
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The link to show when there is no browser URL (server rendering in tests).
    #[prop_or_default]
    pub initial: Link,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let hash = use_hash_link(props.initial.clone());
    let lang = hash.link.lang.unwrap_or_else(browser_lang);
    use_effect_with(lang, |lang| set_document_lang(*lang));
    let ctx = Ctx { link: hash.link.clone(), lang, go: hash.go.clone(), replace: hash.replace.clone() };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <Layout notices={!hash.notices.is_empty()}>
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
        Route::Task(id) => html! { <pages::task::TaskPage id={AttrValue::from(id.clone())} /> },
        Route::Manifest | Route::Name | Route::NotFound => html! { <pages::not_found::NotFound /> },
    }
}

/// The browser's preferred language among ours (English where there is no browser).
fn browser_lang() -> Lang {
    let Some(window) = crate::browser::window() else { return Lang::En };
    let langs = window.navigator().languages();
    let tags: Vec<String> = langs.iter().filter_map(|v| v.as_string()).collect();
    Lang::from_browser(tags.iter().map(String::as_str))
}

fn set_document_lang(lang: Lang) {
    if let Some(el) = crate::browser::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.code());
    }
}
