//! Shared by the host render tests: the whole app rendered with Yew's server renderer at a link.

use registry_doctor::{App, AppProps};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::link::{Link, Route};

pub fn render(link: Link) -> String {
    futures::executor::block_on(
        yew::LocalServerRenderer::<App>::with_props(AppProps { initial: link, ..AppProps::default() })
            .hydratable(false)
            .render(),
    )
}

pub fn at(route: Route, lang: Lang) -> Link {
    Link { route, lang: Some(lang), ..Link::default() }
}
