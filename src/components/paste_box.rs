//! The one input of the home page: a labelled text area, a file picker and drag-and-drop. It hands
//! the raw bytes up; a dropped file never goes into the DOM (a 100 MB log would freeze the tab).

use crate::file_read::{on_file_chosen, on_file_dropped};
use registry_doctor_core::i18n::{Lang, Msg};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    pub lang: Lang,
    /// Typed or pasted text, as bytes.
    pub on_input: Callback<Rc<[u8]>>,
    /// A dropped or picked file; the parent reads it (with progress and cancel).
    pub on_file: Callback<web_sys::File>,
    /// Text to start with (a shared link's paste).
    #[prop_or_default]
    pub initial: Option<AttrValue>,
    /// The user is about to give something (focus, a file dragged over): the first-paint shell
    /// starts loading the full app then, ahead of the paste.
    #[prop_or_default]
    pub on_intent: Option<Callback<()>>,
    /// Called once the text area is in the page (the full app's home page takes over from the
    /// first-paint shell then, see `handover.rs`).
    #[prop_or_default]
    pub on_mounted: Option<Callback<web_sys::HtmlTextAreaElement>>,
}

#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let t = |m: Msg| m.text(props.lang);
    let file_name = use_state(|| None::<String>);
    let area = use_node_ref();
    {
        let (area, on_mounted) = (area.clone(), props.on_mounted.clone());
        use_effect_with((), move |_| {
            if let (Some(cb), Some(el)) = (on_mounted, area.cast::<web_sys::HtmlTextAreaElement>()) {
                cb.emit(el);
            }
        });
    }
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                on_input.emit(Rc::from(area.value().into_bytes()));
            }
        })
    };
    let read_file = {
        let on_file = props.on_file.clone();
        let file_name = file_name.clone();
        Callback::from(move |file: web_sys::File| {
            file_name.set(Some(file.name()));
            on_file.emit(file);
        })
    };
    let onchange = on_file_chosen(read_file.clone());
    let onfocusin = props.on_intent.clone().map(|cb| cb.reform(|_: FocusEvent| ()));
    let ondragenter = props.on_intent.clone().map(|cb| cb.reform(|_: DragEvent| ()));
    let (ondragover, ondrop) = on_file_dropped(read_file);
    html! {
        <div class="paste" {ondragover} {ondrop} {onfocusin} {ondragenter} data-testid="drop-zone">
            <label for="paste-input">{t(Msg::PasteLabel)}</label>
            <p class="hint" id="paste-hint">{t(Msg::PasteHint)}</p>
            <textarea ref={area} id="paste-input" data-testid="paste-input" rows="10" spellcheck="false"
                      autocomplete="off" aria-describedby="paste-hint" {oninput}
                      defaultvalue={props.initial.clone().unwrap_or_default()} />
            <p class="file">
                <label for="paste-file">{t(Msg::ChooseFile)}</label>
                <input type="file" id="paste-file" data-testid="paste-file" {onchange} />
                if let Some(name) = &*file_name {
                    <span class="file-name" data-testid="file-name">{name.clone()}</span>
                }
            </p>
        </div>
    }
}
