//! Passing the page from the first-paint shell to the full app.
//!
//! The first load transfers only the shell (`src/shell.rs`: the chrome and the paste box). The
//! first time the user pastes, drops a file or goes to another page, the shell leaves what was
//! pasted in a property of `window` (memory only: never the URL, never storage) and fires
//! [`LOAD_FULL`]; the loader (`scripts/extract-loader.mjs`) then imports the full app, whose start
//! removes the shell's element and mounts in its place, and whose home page picks up the paste.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Event on `window` asking the loader for the full app.
pub const LOAD_FULL: &str = "registry-doctor:load-full";
/// Event on `window` from the loader when the full app could not be loaded.
pub const LOAD_FAILED: &str = "registry-doctor:load-failed";
/// Id of the shell's element inside `#app`.
pub const SHELL_ID: &str = "first-paint";
/// Property of `window` holding the paste on its way (`{ text }` or `{ file }`).
const KEY: &str = "registryDoctorHandover";

/// What the user gave the shell.
#[derive(Clone)]
pub enum Handover {
    Text(String),
    File(web_sys::File),
}

/// Leaves `paste` for the full app (replacing an earlier one: typing goes on while it loads) and
/// asks for it. Repeated calls are harmless: the loader loads once.
pub fn request_full(paste: Option<Handover>) {
    let Some(window) = crate::browser::window() else { return };
    if let Some(paste) = paste {
        let value = js_sys::Object::new();
        let (key, v): (&str, JsValue) = match paste {
            Handover::Text(t) => ("text", t.into()),
            Handover::File(f) => ("file", f.into()),
        };
        let _ = js_sys::Reflect::set(&value, &key.into(), &v);
        let _ = js_sys::Reflect::set(&window, &KEY.into(), &value);
    }
    if let Ok(event) = web_sys::Event::new(LOAD_FULL) {
        let _ = window.dispatch_event(&event);
    }
}

/// The paste the shell left, once (the property is removed).
pub fn take() -> Option<Handover> {
    let window = crate::browser::window()?;
    let value = js_sys::Reflect::get(&window, &KEY.into()).ok().filter(|v| v.is_object())?;
    let _ = js_sys::Reflect::delete_property(&window, &KEY.into());
    let get = |k: &str| js_sys::Reflect::get(&value, &k.into()).ok();
    if let Some(text) = get("text").and_then(|t| t.as_string()) {
        return Some(Handover::Text(text));
    }
    get("file").and_then(|f| f.dyn_into::<web_sys::File>().ok()).map(Handover::File)
}

thread_local! {
    /// The shell's paste box had the focus when the full app took over.
    static REFOCUS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Removes the shell's element, if the shell ran: the full app takes the page over. Remembers
/// whether the paste box had the focus there, for [`refocus_paste_box`].
pub fn remove_shell() {
    let Some(document) = crate::browser::document() else { return };
    let Some(shell) = document.get_element_by_id(SHELL_ID) else { return };
    let had_focus = document.active_element().is_some_and(|a| a.id() == "paste-input");
    REFOCUS.with(|r| r.set(had_focus));
    shell.remove();
}

/// Gives the full app's paste box the focus the shell's had, caret at the end, so that typing
/// goes on where it was (the keys pressed while the app started are delivered after this). Called
/// once the home page is in the DOM.
pub fn refocus_paste_box() {
    if !REFOCUS.with(|r| r.replace(false)) {
        return;
    }
    let area = crate::browser::document()
        .and_then(|d| d.get_element_by_id("paste-input"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        let _ = area.focus();
        let end = area.value().encode_utf16().count() as u32;
        let _ = area.set_selection_range(end, end);
    }
}
