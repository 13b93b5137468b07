//! `#/name`: check an image reference, host, path, tag, branch or digest while typing. The name
//! also lives in the link (value `name`) so a check can be shared; the page works without it.

use crate::components::name_report::NameReport;
use crate::components::rich_text::rich_text;
use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::MAX_VALUE;
use registry_doctor_core::names::{check, NameKind};
use std::rc::Rc;
use yew::prelude::*;

/// The link value that carries the name.
pub const NAME_VALUE: &str = "name";

pub fn kind_label(kind: NameKind) -> Msg {
    match kind {
        NameKind::Reference => Msg::KindReference,
        NameKind::Host => Msg::KindHost,
        NameKind::ProjectPath => Msg::KindProjectPath,
        NameKind::ImagePath => Msg::KindImagePath,
        NameKind::Tag => Msg::KindTag,
        NameKind::Branch => Msg::KindBranch,
        NameKind::Digest => Msg::KindDigest,
    }
}

/// Whether a name can go into a link (links refuse long values and control characters).
fn fits_link(name: &str) -> bool {
    name.len() <= MAX_VALUE && !name.chars().any(char::is_control)
}

#[component]
pub fn NamePage() -> Html {
    let ctx = use_ctx();
    let name = {
        let from_link = ctx.link.value(NAME_VALUE).unwrap_or("").to_string();
        use_state(move || from_link)
    };
    let kind = use_state(|| NameKind::Reference);
    let oninput = {
        let (name, ctx) = (name.clone(), ctx.clone());
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            let value = input.value();
            let mut link = ctx.link.clone();
            link.set_value(NAME_VALUE, if fits_link(&value) { &value } else { "" });
            ctx.replace.emit(link);
            name.set(value);
        })
    };
    let onchange = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                kind.set(NameKind::from_name(&sel.value()).unwrap_or(NameKind::Reference));
            }
        })
    };
    let report = Rc::new(check(&name, *kind));
    html! {
        <article class="name-page" data-testid="name-page">
            <h1>{ctx.t(Msg::NameTitle)}</h1>
            <p class="lead">{rich_text(ctx.t(Msg::NameIntro))}</p>
            <div class="name-form fields" data-testid="name-form">
                <p class="field">
                    <label for="name-kind">{ctx.t(Msg::NameKindLabel)}</label>
                    <select id="name-kind" data-testid="name-kind" {onchange}>
                    { for NameKind::ALL.iter().map(|&k| html! {
                        <option value={k.name()} selected={k == *kind}>{ctx.t(kind_label(k))}</option>
                    }) }
                    </select>
                </p>
                <p class="field wide">
                    <label for="name-input">{ctx.t(Msg::NameLabel)}</label>
                    <input id="name-input" data-testid="name-input" type="text" spellcheck="false" autocomplete="off"
                           autocapitalize="off" value={(*name).clone()} placeholder="registry.example.com/group/project/app:1.0" {oninput} />
                </p>
            </div>
            <NameReport name={AttrValue::from((*name).clone())} {report} />
        </article>
    }
}
