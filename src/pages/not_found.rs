use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::Route;
use yew::prelude::*;

#[component]
pub fn NotFound() -> Html {
    let ctx = use_ctx();
    html! {
        <section data-testid="not-found">
            <h1>{ctx.t(Msg::NotFoundTitle)}</h1>
            <p>{ctx.t(Msg::NotFoundBody)}</p>
            <p><a href={ctx.href(Route::Home)}>{ctx.t(Msg::NavHome)}</a></p>
        </section>
    }
}
