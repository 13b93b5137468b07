//! Copies a text to the clipboard and says so. Needs `allow="clipboard-write"` when embedded.

use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    #[prop_or_default]
    pub text: AttrValue,
    /// Or: builds the text when the button is pressed (for texts that are costly to build).
    #[prop_or_default]
    pub produce: Option<Callback<(), String>>,
    /// What is copied, for screen readers ("Copy step 2").
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// The button's text before it is pressed.
    #[prop_or(Msg::Copy)]
    pub caption: Msg,
    #[prop_or(AttrValue::Static("copy"))]
    pub testid: AttrValue,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let ctx = use_ctx();
    let copied = use_state(|| false);
    let onclick = {
        let (text, produce) = (props.text.clone(), props.produce.clone());
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = crate::browser::window() {
                let text = produce.as_ref().map_or_else(|| text.to_string(), |p| p.emit(()));
                let _ = w.navigator().clipboard().write_text(&text);
                copied.set(true);
            }
        })
    };
    html! {
        <button type="button" class="copy" data-testid={props.testid.clone()} {onclick} aria-label={props.label.clone()}>
            { if *copied { ctx.t(Msg::Copied) } else { ctx.t(props.caption) } }
        </button>
    }
}
