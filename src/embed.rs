//! Embedding: the iframe mode (`?embed=1` or `#…&embed=1`: no chrome, height reported to the parent
//! page) and `mount()` for portals that load our script into their own page.
//!
//! The height message, posted to the embedding page's origin only (never `*`):
//! `{ "type": "registry-doctor:resize", "version": 1, "height": <CSS pixels> }`.

use crate::app::{App, AppProps};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::link::Link;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `?embed=1` / `?theme=dark|light` in the page address (not the fragment: the fragment is the
/// shareable state, these describe the host).
pub fn search_flag(name: &str) -> Option<String> {
    let search = crate::browser::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| v.to_string())
    })
}

/// Applies a forced theme (`light` / `dark`) to `element` (the document root or a mount element).
pub fn apply_theme(element: &web_sys::Element, theme: Option<&str>) {
    if let Some(t) = theme.filter(|t| matches!(*t, "light" | "dark")) {
        let _ = element.set_attribute("data-theme", t);
    }
}

/// The origin of the page that embeds us, if we are in an iframe and the browser tells us.
fn parent_origin(window: &web_sys::Window) -> Option<String> {
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok()?;
    let first = js_sys::Reflect::get(&ancestors, &0.into()).ok()?.as_string();
    first.or_else(|| {
        let referrer = window.document()?.referrer();
        let rest = referrer.split_once("://")?;
        let host = rest.1.split('/').next()?;
        Some(format!("{}://{host}", rest.0))
    })
}

/// Reports the document height to the parent page whenever it changes.
pub fn start_height_reporter() {
    let Some(window) = crate::browser::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return; // not framed
    }
    let Some(origin) = parent_origin(&window) else { return };
    let Some(root) = window.document().and_then(|d| d.document_element()) else { return };
    let report = Closure::<dyn Fn()>::new(move || {
        let Some(w) = crate::browser::window() else { return };
        let Some(doc) = w.document().and_then(|d| d.document_element()) else { return };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"registry-doctor:resize".into());
        let _ = js_sys::Reflect::set(&msg, &"version".into(), &1.into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &doc.scroll_height().into());
        if let Ok(Some(p)) = w.parent() {
            let _ = p.post_message(&msg, &origin);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = window.document().and_then(|d| d.body()) {
            observer.observe(&body);
        }
    }
    report.forget(); // lives as long as the page
}

/// Mounts Registry Doctor into `element` of a host page (exported to JavaScript as `mount` by the
/// full app's binary only: the first-paint shell must not carry the whole app). `config` (all
/// optional): `{ lang: "en" | "ja", link: "#/d/<entry>?registry=…", theme: "light" | "dark" }`.
/// State then lives in the element, never in the host page's address.
pub fn mount_app(element: web_sys::Element, config: &JsValue) -> yew::AppHandle<App> {
    let get = |key: &str| js_sys::Reflect::get(config, &key.into()).ok().and_then(|v| v.as_string());
    let (mut link, _) = Link::parse(&get("link").unwrap_or_default());
    if let Some(lang) = get("lang").and_then(|l| Lang::from_code(&l)) {
        link.lang = Some(lang);
    }
    link.embed = true;
    element.set_class_name(format!("{} rd-root", element.class_name()).trim());
    apply_theme(&element, get("theme").as_deref());
    yew::Renderer::<App>::with_root_and_props(element, AppProps { initial: link, memory: true, embedded: true })
        .render()
}
