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
