//! The manifest page's input: a labelled text area, a file picker and drag-and-drop. A chosen or
//! dropped file is put into the text area, so it can be edited like a paste.

use crate::context::use_ctx;
use crate::file_read::{on_file_chosen, on_file_dropped};
use registry_doctor_core::i18n::Msg;
use std::rc::Rc;
use yew::prelude::*;

/// Bytes: twice what registries must accept (4 MB), so an oversized manifest still gets its finding.
const MAX_FILE: f64 = 8.0 * 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct ManifestInputProps {
    /// The whole text after every change.
    pub on_text: Callback<Rc<str>>,
    /// Text to start with (a shared link's manifest).
    #[prop_or_default]
    pub initial: Option<AttrValue>,
}

#[component]
pub fn ManifestInput(props: &ManifestInputProps) -> Html {
    let ctx = use_ctx();
    let area = use_node_ref();
    let file_name = use_state(|| None::<String>);
    let too_large = use_state(|| false);
    let oninput = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                on_text.emit(Rc::from(area.value()));
            }
        })
    };
    let read_file = {
        let on_text = props.on_text.clone();
        let (file_name, too_large) = (file_name.clone(), too_large.clone());
        let area = area.clone();
        Callback::from(move |file: web_sys::File| {
            file_name.set(Some(file.name()));
            // A big log dropped here by mistake would only freeze the text area.
            too_large.set(file.size() > MAX_FILE);
            if file.size() > MAX_FILE {
                return;
            }
            let (on_text, area) = (on_text.clone(), area.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(buf) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else { return };
                // A manifest is UTF-8 JSON; anything else still shows, with U+FFFD where bytes were bad.
                let text: Rc<str> = Rc::from(String::from_utf8_lossy(&js_sys::Uint8Array::new(&buf).to_vec()));
                if let Some(el) = area.cast::<web_sys::HtmlTextAreaElement>() {
                    el.set_value(&text);
                }
                on_text.emit(text);
            });
        })
    };
    let onchange = on_file_chosen(read_file.clone());
    let (ondragover, ondrop) = on_file_dropped(read_file);
    html! {
        <div class="paste" {ondragover} {ondrop} data-testid="manifest-drop-zone">
            <label for="manifest-input">{ctx.t(Msg::ManifestLabel)}</label>
            <textarea id="manifest-input" data-testid="manifest-input" rows="14" spellcheck="false"
                      autocomplete="off" ref={area} {oninput}
                      defaultvalue={props.initial.clone().unwrap_or_default()} />
            <p class="file">
                <label for="manifest-file">{ctx.t(Msg::ManifestChooseFile)}</label>
                <input type="file" id="manifest-file" data-testid="manifest-file" accept=".json,application/json,text/plain" {onchange} />
                if let Some(name) = &*file_name {
                    <span class="file-name" data-testid="file-name">{name.clone()}</span>
                }
                if *too_large {
                    <span class="warn-text" role="alert">{ctx.t(Msg::ManifestFileTooLarge)}</span>
                }
            </p>
        </div>
    }
}
