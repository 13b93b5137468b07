//! Portal presets: the optional `registry-doctor.json` next to index.html, fetched once from our own
//! origin (never from a URL parameter, so a shared link cannot change what the page recommends).

use registry_doctor_core::presets::{from_fetch, PresetError, Presets};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Relative to the page, so it works under any sub-path.
const FILE: &str = "registry-doctor.json";

/// A missing file (404) is normal and silent: defaults, no errors.
pub async fn load() -> (Presets, Vec<PresetError>) {
    let Some(window) = crate::browser::window() else { return (Presets::default(), Vec::new()) };
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_cache(web_sys::RequestCache::NoCache);
    let promise = window.fetch_with_str_and_init(FILE, &init);
    let Ok(value) = JsFuture::from(promise).await else { return (Presets::default(), Vec::new()) };
    let Ok(response) = value.dyn_into::<web_sys::Response>() else { return (Presets::default(), Vec::new()) };
    if !response.ok() {
        return from_fetch(None);
    }
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    };
    from_fetch(Some(text.as_deref().unwrap_or("")))
}
