//! Reading a dropped or picked file in slices, so a 100 MB log shows progress, can be cancelled, and
//! never passes through the DOM or a JavaScript string.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;

/// Bytes read per slice.
const SLICE: f64 = 8.0 * 1024.0 * 1024.0;

pub enum ReadOutcome {
    Done(Vec<u8>),
    Cancelled,
    Failed,
}

/// Reads `file`, calling `progress(read, total)` after each slice and stopping when `cancel` is set.
pub async fn read_file(file: web_sys::File, progress: impl Fn(f64, f64), cancel: Rc<Cell<bool>>) -> ReadOutcome {
    let total = file.size();
    let mut out: Vec<u8> = Vec::with_capacity(total as usize);
    let mut offset = 0.0;
    while offset < total {
        if cancel.get() {
            return ReadOutcome::Cancelled;
        }
        let end = (offset + SLICE).min(total);
        let Ok(blob) = file.slice_with_f64_and_f64(offset, end) else { return ReadOutcome::Failed };
        let Ok(buf) = JsFuture::from(blob.array_buffer()).await else { return ReadOutcome::Failed };
        let bytes = js_sys::Uint8Array::new(&buf);
        let start = out.len();
        out.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut out[start..]);
        offset = end;
        progress(offset, total);
    }
    if cancel.get() {
        return ReadOutcome::Cancelled;
    }
    ReadOutcome::Done(out)
}

/// Lets the browser paint (progress, "Analyzing…") before a long synchronous step.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = crate::browser::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Milliseconds since page load, for the timings the end-to-end tests report.
pub fn now_ms() -> f64 {
    crate::browser::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// `onchange` of an `<input type="file">`: hands the first chosen file to `on_file`.
pub fn on_file_chosen(on_file: yew::Callback<web_sys::File>) -> yew::Callback<web_sys::Event> {
    use wasm_bindgen::JsCast;
    yew::Callback::from(move |e: web_sys::Event| {
        let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
            on_file.emit(file);
        }
    })
}

/// `ondragover` and `ondrop` of a drop zone: the first dropped file goes to `on_file` (the browser's
/// default, opening the file in the tab, is prevented).
pub fn on_file_dropped(
    on_file: yew::Callback<web_sys::File>,
) -> (yew::Callback<web_sys::DragEvent>, yew::Callback<web_sys::DragEvent>) {
    let ondragover = yew::Callback::from(|e: web_sys::DragEvent| e.prevent_default());
    let ondrop = yew::Callback::from(move |e: web_sys::DragEvent| {
        e.prevent_default();
        if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            on_file.emit(file);
        }
    });
    (ondragover, ondrop)
}
