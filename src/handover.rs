//! Passing the page from the first-paint shell to the full app.
//!
//! The first load transfers only the shell (`src/shell.rs`: the chrome and the paste box). When the
//! user focuses its paste box, pastes, drops a file or goes to another page, the shell fires
//! [`LOAD_FULL`], and keeps what was pasted in a property of `window` (memory only: never the URL,
//! never storage), updated on every keystroke. The loader (`scripts/loader.template.js`) imports
//! the full app, which renders next to the shell, hidden by app.css while the shell is there, and
//! then takes over in one go ([`take_over`]): removes the shell, carries the paste on, restores
//! the focus.

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

/// What the shell leaves the full app.
pub struct TakeOver {
    /// What the user pasted, typed or dropped there, the latest.
    pub paste: Option<Handover>,
    /// Its paste box had the focus.
    pub had_focus: bool,
}

/// Takes the page over from the shell, if it ran: removes the shell's element and returns what
/// it was given. Called from an effect, once the full app is in the DOM (hidden by app.css while
/// the shell is there). The shell stays usable until this runs, and everything here happens in one
/// go, so no keystroke can fall between the two paste boxes.
pub fn take_over() -> Option<TakeOver> {
    let document = crate::browser::document()?;
    let shell = document.get_element_by_id(SHELL_ID)?;
    let had_focus = document.active_element().is_some_and(|a| a.id() == "paste-input");
    let paste = take();
    shell.remove();
    Some(TakeOver { paste, had_focus })
}

/// The paste the shell left, once (the property is removed).
fn take() -> Option<Handover> {
    let window = crate::browser::window()?;
    let value = js_sys::Reflect::get(&window, &KEY.into()).ok().filter(|v| v.is_object())?;
    let _ = js_sys::Reflect::delete_property(&window, &KEY.into());
    let get = |k: &str| js_sys::Reflect::get(&value, &k.into()).ok();
    if let Some(text) = get("text").and_then(|t| t.as_string()) {
        return Some(Handover::Text(text));
    }
    get("file").and_then(|f| f.dyn_into::<web_sys::File>().ok()).map(Handover::File)
}

/// Focuses the paste box with the caret at the end, so that typing goes on where it was.
pub fn focus_at_end(area: &web_sys::HtmlTextAreaElement) {
    let _ = area.focus();
    let end = area.value().encode_utf16().count() as u32;
    let _ = area.set_selection_range(end, end);
}
