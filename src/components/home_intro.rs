//! The fixed parts of the home page around the paste box: the heading with the tagline, and the
//! way into the guided diagnosis. Shared by the home page and the first-paint shell, which must
//! look the same.

use registry_doctor_core::i18n::{Lang, Msg};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeIntroProps {
    pub lang: Lang,
}

#[component]
pub fn HomeIntro(props: &HomeIntroProps) -> Html {
    html! {
        <>
            <h1>{Msg::AppName.text(props.lang)}</h1>
            <p class="lead">{Msg::Tagline.text(props.lang)}</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct GuidedIntroProps {
    pub lang: Lang,
    /// The guided diagnosis' link (keeping the language and values of the current one).
    pub href: AttrValue,
}

#[component]
pub fn GuidedIntro(props: &GuidedIntroProps) -> Html {
    html! {
        <aside class="guided-intro">
            <p>{Msg::GuidedIntro.text(props.lang)}</p>
            <a class="button" href={props.href.clone()} data-testid="start-guided">{Msg::StartGuided.text(props.lang)}</a>
        </aside>
    }
}
