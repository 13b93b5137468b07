//! Page chrome: skip link, header with the language switch, navigation, the main landmark, footer.

use crate::context::use_ctx;
use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::link::{Link, Route};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
    /// The link had parts that were ignored.
    #[prop_or_default]
    pub notices: bool,
    /// Mounted in a host page: internal links are followed in memory, not through the address bar.
    #[prop_or_default]
    pub memory: bool,
    /// Problems in the portal's registry-doctor.json (the page runs on defaults).
    #[prop_or_default]
    pub preset_errors: Vec<String>,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let ctx = use_ctx();
    let embed = ctx.link.embed;
    let onclick = props.memory.then(|| follow_in_memory(ctx.go.clone()));
    html! {
        <div class={classes!("shell", embed.then_some("embed"))} {onclick}>
            <a class="skip" href="#content" onclick={skip_to_content()}>{ctx.t(Msg::SkipToContent)}</a>
            if !embed {
                <header class="top">
                    <a class="brand" href={ctx.href(Route::Home)}>{ctx.t(Msg::AppName)}</a>
                    <nav aria-label={ctx.t(Msg::NavHome)}>
                        <ul>
                            <li><a href={ctx.href(Route::Home)}>{ctx.t(Msg::NavHome)}</a></li>
                            <li><a href={ctx.href(Route::Guided(Vec::new()))}>{ctx.t(Msg::NavGuided)}</a></li>
                            <li><a href={ctx.href(Route::Task("migrate".into()))}>{ctx.t(Msg::NavTasks)}</a></li>
                            <li><a href={ctx.href(Route::Setup)}>{ctx.t(Msg::NavSetup)}</a></li>
                            <li><a href={ctx.href(Route::All)}>{ctx.t(Msg::NavAll)}</a></li>
                            <li><a href={ctx.href(Route::Manifest)}>{ctx.t(Msg::NavManifest)}</a></li>
                            <li><a href={ctx.href(Route::Name)}>{ctx.t(Msg::NavName)}</a></li>
                        </ul>
                    </nav>
                    <LanguageSwitch />
                </header>
            }
            <main id="content" tabindex="-1">
                if !props.preset_errors.is_empty() {
                    <div class="notice" role="status" data-testid="preset-errors">
                        <p>{ctx.t(Msg::PresetsInvalid)}</p>
                        <ul>{ for props.preset_errors.iter().map(|e| html! { <li><code>{e.clone()}</code></li> }) }</ul>
                    </div>
                }
                if props.notices {
                    <p class="notice" role="status" data-testid="link-notice">{ctx.t(Msg::LinkNotice)}</p>
                }
                { props.children.clone() }
            </main>
            if !embed {
                <footer class="bottom"><p>{ctx.t(Msg::Tagline)}</p></footer>
            }
        </div>
    }
}

/// The skip link moves focus to main without touching the URL fragment (which holds our state).
fn skip_to_content() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(el) =
            crate::browser::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("content"))
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    })
}

/// One delegated click handler: an internal link (`#/…`) is decoded and followed in memory.
fn follow_in_memory(go: Callback<Link>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        use wasm_bindgen::JsCast;
        let anchor = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#/']").ok().flatten());
        if let Some(href) = anchor.and_then(|a| a.get_attribute("href")) {
            e.prevent_default();
            let (mut link, _) = Link::parse(&href);
            link.embed = true;
            go.emit(link);
        }
    })
}

#[component]
fn LanguageSwitch() -> Html {
    let ctx = use_ctx();
    html! {
        <nav class="langs" aria-label={ctx.t(Msg::LanguageLabel)} data-testid="language-switch">
            <ul>
            { for Lang::ALL.iter().map(|&lang| {
                let mut link = ctx.link.clone();
                link.lang = Some(lang);
                let current = lang == ctx.lang;
                html! {
                    <li>
                        <a href={link.to_fragment()} hreflang={lang.code()} lang={lang.code()}
                           aria-current={current.then_some("true")} data-lang={lang.code()}>
                            {lang.native_name()}
                        </a>
                    </li>
                }
            }) }
            </ul>
        </nav>
    }
}
