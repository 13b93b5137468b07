//! The Registry Doctor web app: Yew components that wire `registry-doctor-core` to the page.
//! No product logic lives here: parsing, scoring, rendering commands and links are all in the core.

pub mod app;
pub mod browser;
pub mod components;
pub mod context;
pub mod crash;
pub mod file_read;
pub mod hooks;
pub mod pages;

pub use app::{App, AppProps};

/// Starts the app in `<main id="app">` of index.html (or the body), with the crash screen armed.
pub fn start() {
    crash::install_panic_screen();
    let root = gloo_root();
    match root {
        Some(el) => {
            yew::Renderer::<App>::with_root_and_props(el, AppProps::default()).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

fn gloo_root() -> Option<web_sys::Element> {
    crate::browser::window()?.document()?.get_element_by_id("app")
}
