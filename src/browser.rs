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
