//! The only way components reach the browser window. On the host (server rendering in tests) there
//! is no browser: wasm-bindgen imports would panic there, so this answers `None` instead.

pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The page's `#app` element, where the app (and the first-paint shell) start.
pub fn app_root() -> Option<web_sys::Element> {
    document()?.get_element_by_id("app")
}

/// The address' fragment, with its `#` ("" without a browser).
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's address without its fragment ("" without a browser).
pub fn page_address() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// The absolute link to the view `fragment` describes.
pub fn share_href(fragment: &str) -> String {
    format!("{}{fragment}", page_address())
}

/// The browser's preferred language among ours (English where there is no browser).
pub fn preferred_lang() -> registry_doctor_core::i18n::Lang {
    use registry_doctor_core::i18n::Lang;
    let Some(window) = window() else { return Lang::En };
    let langs = window.navigator().languages();
    let tags: Vec<String> = langs.iter().filter_map(|v| v.as_string()).collect();
    Lang::from_browser(tags.iter().map(String::as_str))
}

/// `<html lang>`, for screen readers and the browser's own translation offer.
pub fn set_document_lang(lang: registry_doctor_core::i18n::Lang) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.code());
    }
}

/// A new `<div>` (with `id`, if given) at the end of `parent`.
pub fn append_div(parent: &web_sys::Element, id: Option<&str>) -> Option<web_sys::Element> {
    let div = document()?.create_element("div").ok()?;
    if let Some(id) = id {
        div.set_id(id);
    }
    parent.append_child(&div).ok()?;
    Some(div)
}
