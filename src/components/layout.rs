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

/// A section of the site: its name in the navigation and its route (a function: routes own strings).
pub type Section = (Msg, fn() -> Route);

/// The site's sections, in the order the navigation lists them.
pub const NAV: &[Section] = &[
    (Msg::NavHome, || Route::Home),
    (Msg::NavGuided, || Route::Guided(Vec::new())),
    (Msg::NavTasks, || Route::Task("migrate".into())),
    (Msg::NavSetup, || Route::Setup),
    (Msg::NavAll, || Route::All),
    (Msg::NavManifest, || Route::Manifest),
    (Msg::NavName, || Route::Name),
];

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let ctx = use_ctx();
    let onclick = props.memory.then(|| follow_in_memory(ctx.go.clone()));
    let nav: Vec<String> = NAV.iter().map(|(_, route)| ctx.href(route())).collect();
    let langs: Vec<String> = Lang::ALL
        .iter()
        .map(|&lang| {
            let mut link = ctx.link.clone();
            link.lang = Some(lang);
            link.to_fragment()
        })
        .collect();
    html! {
        <Chrome lang={ctx.lang} embed={ctx.link.embed} {nav} {langs} {onclick}>
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
        </Chrome>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChromeProps {
    pub lang: Lang,
    pub embed: bool,
    /// The links of [`NAV`], in its order (the first is the home page's).
    pub nav: Vec<String>,
    /// The links of the language switch, one per entry of `Lang::ALL`.
    pub langs: Vec<String>,
    #[prop_or_default]
    pub onclick: Option<Callback<MouseEvent>>,
    /// The pointer or the focus is on the navigation: the first-paint shell starts loading the
    /// pages then, ahead of the click.
    #[prop_or_default]
    pub on_nav_intent: Option<Callback<()>>,
    pub children: Html,
}

/// The chrome itself, from ready-made links: shared by [`Layout`] and the first-paint shell, which
/// has no [`Ctx`](crate::context::Ctx) and must look the same.
#[component]
pub fn Chrome(props: &ChromeProps) -> Html {
    let t = |m: Msg| m.text(props.lang);
    let home = props.nav.first().cloned().unwrap_or_default();
    let onpointerover = props.on_nav_intent.clone().map(|cb| cb.reform(|_: PointerEvent| ()));
    let onfocusin = props.on_nav_intent.clone().map(|cb| cb.reform(|_: FocusEvent| ()));
    html! {
        <div class={classes!("shell", props.embed.then_some("embed"))} onclick={props.onclick.clone()}>
            <a class="skip" href="#content" onclick={skip_to_content()}>{t(Msg::SkipToContent)}</a>
            if !props.embed {
                <header class="top">
                    <a class="brand" href={home}>{t(Msg::AppName)}</a>
                    <nav aria-label={t(Msg::NavHome)} {onpointerover} {onfocusin}>
                        <ul>
                        { for NAV.iter().zip(&props.nav).map(|((msg, _), href)| html! {
                            <li><a href={href.clone()}>{t(*msg)}</a></li>
                        }) }
                        </ul>
                    </nav>
                    <LanguageSwitch lang={props.lang} links={props.langs.clone()} />
                </header>
            }
            <main id="content" tabindex="-1">
                { props.children.clone() }
            </main>
            if !props.embed {
                <footer class="bottom"><p>{t(Msg::Tagline)}</p></footer>
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

#[derive(Properties, PartialEq)]
struct LanguageSwitchProps {
    lang: Lang,
    links: Vec<String>,
}

#[component]
fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    html! {
        <nav class="langs" aria-label={Msg::LanguageLabel.text(props.lang)} data-testid="language-switch">
            <ul>
            { for Lang::ALL.iter().zip(&props.links).map(|(&lang, href)| {
                let current = lang == props.lang;
                html! {
                    <li>
                        <a href={href.clone()} hreflang={lang.code()} lang={lang.code()}
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
