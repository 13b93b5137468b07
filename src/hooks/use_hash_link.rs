//! The link (route + values) as state. In the page it is the URL fragment: read at start, followed on
//! `hashchange`, written back on navigation. Mounted into a portal's element (`mount`), it lives in
//! memory only, so the host page's URL is never touched.

use registry_doctor_core::link::{Link, Notice};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct HashLink {
    pub link: Link,
    pub notices: Vec<Notice>,
    pub go: Callback<Link>,
    pub replace: Callback<Link>,
}

/// `initial` is the start state where the URL is not used: server rendering in tests, and the
/// in-memory mode of a mounted instance (`memory = true`).
#[hook]
pub fn use_hash_link(initial: Link, memory: bool) -> HashLink {
    let state = use_state(|| {
        if memory || crate::browser::window().is_none() {
            (initial, Vec::new())
        } else {
            Link::parse(&crate::browser::fragment())
        }
    });
    {
        let state = state.clone();
        use_effect_with(memory, move |&memory| {
            let window = if memory { None } else { crate::browser::window() };
            let listener = Closure::<dyn Fn()>::new(move || state.set(Link::parse(&crate::browser::fragment())));
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    let go = {
        let state = state.clone();
        Callback::from(move |link: Link| {
            if let Some(w) = crate::browser::window() {
                if !memory {
                    // Setting location.hash adds a history entry and fires hashchange.
                    let _ = w.location().set_hash(&link.to_fragment());
                }
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            state.set((link, Vec::new()));
        })
    };
    let replace = {
        let state = state.clone();
        Callback::from(move |link: Link| {
            if !memory {
                if let Some(history) = crate::browser::window().and_then(|w| w.history().ok()) {
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link.to_fragment()));
                }
            }
            state.set((link, Vec::new()));
        })
    };
    HashLink { link: state.0.clone(), notices: state.1.clone(), go, replace }
}
