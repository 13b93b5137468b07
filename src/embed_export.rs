//! The JavaScript API for portals (README, "Embedding"): `mount(element, config)`. Part of the full
//! app's binary only, so the first-paint shell does not export (and carry) the whole app.

use registry_doctor::app::App;
use wasm_bindgen::prelude::*;

/// A mounted instance; `destroy()` removes it from the host page.
#[wasm_bindgen]
pub struct EmbedHandle {
    handle: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl EmbedHandle {
    pub fn destroy(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
    }
}

/// See [`registry_doctor::embed::mount_app`].
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, config: JsValue) -> EmbedHandle {
    EmbedHandle { handle: Some(registry_doctor::embed::mount_app(element, &config)) }
}
