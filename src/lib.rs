//! The Registry Doctor web app: Yew components that wire `registry-doctor-core` to the page.
//! No product logic lives here: parsing, scoring, rendering commands and links are all in the core.

pub mod app;
pub mod browser;
pub mod components;
pub mod context;
pub mod crash;
pub mod embed;
pub mod file_read;
pub mod handover;
pub mod hooks;
pub mod pages;
pub mod presets_load;
pub mod services;
pub mod shell;

pub use app::{App, AppProps};

/// Starts the app in `<div id="app">` of our index.html, with the crash screen armed. On a portal's
/// page (the module loaded for `mount`) there is no `#app`, and nothing starts by itself.
pub fn start() {
    crash::install_panic_screen();
    let Some(app) = browser::app_root() else { return };
    // Yew empties the element it mounts in: ours is a new one, so that the first-paint shell beside
    // it stays until the page takes over from it (handover.rs).
    let Some(root) = browser::append_div(&app, None) else { return };
    if let Some(doc) = browser::document().and_then(|d| d.document_element()) {
        embed::apply_theme(&doc, embed::search_flag("theme").as_deref());
    }
    let embedded = embed::search_flag("embed").is_some_and(|v| v == "1");
    if embedded {
        embed::start_height_reporter();
    }
    yew::Renderer::<App>::with_root_and_props(root, AppProps { embedded, ..AppProps::default() }).render();
}
