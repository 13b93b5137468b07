//! What every component may read: the current link (route + values), the language, and a way to
//! move to another link. Provided once by `App`.

use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::link::{Link, Route};
use registry_doctor_core::presets::Presets;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub link: Link,
    /// The language in effect (the link's, or the browser's).
    pub lang: Lang,
    /// Go to a link: pushes a history entry (a deliberate step).
    pub go: Callback<Link>,
    /// Replace the current link without a history entry (typing into a form).
    pub replace: Callback<Link>,
    /// The portal's presets (defaults when there is no `registry-doctor.json`).
    pub presets: Rc<Presets>,
    /// A tag list handed from "Check my setup" to the transfer task (too big for a link).
    pub handoff: Handoff,
}

/// A value one page leaves for the next within this tab, never in the URL or storage.
#[derive(Clone, Default)]
pub struct Handoff(pub Rc<std::cell::RefCell<Option<Rc<str>>>>);

impl Handoff {
    pub fn put(&self, value: Rc<str>) {
        *self.0.borrow_mut() = Some(value);
    }
    pub fn take(&self) -> Option<Rc<str>> {
        self.0.borrow_mut().take()
    }
}

impl PartialEq for Handoff {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Ctx {
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }

    /// A link to `route` that keeps the language and values (but not a pasted text: that belongs to
    /// the home page's share link only).
    pub fn link_to(&self, route: Route) -> Link {
        Link { route, ..self.link.without_paste() }
    }

    /// Sets one value in the link without a history entry (typing into a form); an empty value
    /// removes it.
    pub fn set_value(&self, name: &str, value: &str) {
        let mut link = self.link.clone();
        link.set_value(name, value.trim());
        self.replace.emit(link);
    }

    pub fn href(&self, route: Route) -> String {
        self.link_to(route).to_fragment()
    }
}

#[hook]
pub fn use_ctx() -> Ctx {
    use_context::<Ctx>().expect("Ctx is provided by App above every component")
}
