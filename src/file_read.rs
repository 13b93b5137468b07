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
