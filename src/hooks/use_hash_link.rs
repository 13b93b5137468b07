//! The URL fragment as state: reads it, follows `hashchange`, and writes it back.

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

fn current_fragment() -> String {
    crate::browser::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// `initial` is used where there is no browser (server rendering in tests).
#[hook]
pub fn use_hash_link(initial: Link) -> HashLink {
    let state = use_state(|| {
        if crate::browser::window().is_some() {
            Link::parse(&current_fragment())
        } else {
            (initial, Vec::new())
        }
    });
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || state.set(Link::parse(&current_fragment())));
            let window = crate::browser::window();
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
            let fragment = link.to_fragment();
            if let Some(w) = crate::browser::window() {
                // Setting location.hash adds a history entry and fires hashchange.
                let _ = w.location().set_hash(&fragment);
                scroll_to_top(&w);
            }
            state.set((link, Vec::new()));
        })
    };
    let replace = {
        let state = state.clone();
        Callback::from(move |link: Link| {
            if let Some(w) = crate::browser::window() {
                if let Ok(history) = w.history() {
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link.to_fragment()));
                }
            }
            state.set((link, Vec::new()));
        })
    };
    HashLink { link: state.0.clone(), notices: state.1.clone(), go, replace }
}

fn scroll_to_top(w: &web_sys::Window) {
    w.scroll_to_with_x_and_y(0.0, 0.0);
}
