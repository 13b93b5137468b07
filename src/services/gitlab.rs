//! One GET to the user's GitLab with the browser's `fetch`, for "Check my setup". The core
//! (`registry_doctor_core::setup`) chooses the URL and judges the answer; this only carries it.
//!
//! `web_sys::Request` + `AbortController` directly rather than `gloo-net`: the same browser calls with
//! no extra layer, and the two things this needs that a wrapper would hide — an abort signal shared
//! by the timeout and the cancel button, and telling a timeout from a cancel.
//!
//! Rules kept here: `credentials: "omit"` (no cookies of a signed-in GitLab session ride along),
//! `redirect: "manual"` (the token never follows a redirect to another host), `cache: "no-store"`,
//! `referrerPolicy: "no-referrer"`, the token only in the `PRIVATE-TOKEN` header and never logged.

#[cfg(target_arch = "wasm32")]
use registry_doctor_core::setup::MAX_BODY;
use registry_doctor_core::setup::{Failure, Token};

/// An answer, owned (the core borrows from it).
#[derive(Debug, Default)]
pub struct Fetched {
    pub status: u16,
    pub content_type: Option<String>,
    pub link: Option<String>,
    pub next_page: Option<String>,
    /// Browsers only show it when GitLab exposes it through CORS (it does not, today).
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

impl Fetched {
    pub fn as_response(&self) -> registry_doctor_core::setup::Response<'_> {
        registry_doctor_core::setup::Response {
            status: self.status,
            content_type: self.content_type.as_deref(),
            link: self.link.as_deref(),
            next_page: self.next_page.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
        }
    }
}

/// Milliseconds to wait for one answer before giving up.
pub const TIMEOUT_MS: i32 = 15_000;

/// A run's abort switch: the cancel button and each request's timeout pull the same signal.
#[derive(Clone)]
pub struct Abort {
    #[cfg(target_arch = "wasm32")]
    controller: web_sys::AbortController,
}

impl Abort {
    pub fn new() -> Option<Abort> {
        #[cfg(target_arch = "wasm32")]
        {
            web_sys::AbortController::new().ok().map(|controller| Abort { controller })
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            None
        }
    }

    pub fn cancel(&self) {
        #[cfg(target_arch = "wasm32")]
        self.controller.abort();
    }
}

#[cfg(target_arch = "wasm32")]
pub async fn get(url: &str, token: Option<&Token>, abort: &Abort) -> Result<Fetched, Failure> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Headers, ReferrerPolicy, Request, RequestCache, RequestCredentials, RequestInit, RequestMode, RequestRedirect,
        Response, ResponseType,
    };

    let window = crate::browser::window().ok_or(Failure::Network)?;
    let headers = Headers::new().map_err(|_| Failure::Network)?;
    headers.set("Accept", "application/json").map_err(|_| Failure::Network)?;
    if let Some(t) = token {
        headers.set("PRIVATE-TOKEN", t.expose()).map_err(|_| Failure::Network)?;
    }
    // Each request gets its own controller for its timeout; the run's controller cancels all of them.
    let own = web_sys::AbortController::new().map_err(|_| Failure::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (own, timed_out) = (own.clone(), timed_out.clone());
        Closure::once(move || {
            timed_out.set(true);
            own.abort();
        })
    };
    let on_cancel = {
        let own = own.clone();
        Closure::<dyn FnMut()>::new(move || own.abort())
    };
    let run_signal = abort.controller.signal();
    if run_signal.aborted() {
        return Err(Failure::Cancelled);
    }
    let _ = run_signal.add_event_listener_with_callback("abort", on_cancel.as_ref().unchecked_ref());
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), TIMEOUT_MS)
        .map_err(|_| Failure::Network)?;

    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    init.set_redirect(RequestRedirect::Manual);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_headers(&headers);
    init.set_signal(Some(&own.signal()));

    let result = async {
        let request = Request::new_with_str_and_init(url, &init).map_err(|_| Failure::Network)?;
        let resp: Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(|_| Failure::Network)?
            .dyn_into()
            .map_err(|_| Failure::Network)?;
        if resp.type_() == ResponseType::Opaqueredirect {
            // A redirect (often to a sign-in page): its target is hidden from us, on purpose.
            return Ok(Fetched { status: 302, ..Fetched::default() });
        }
        let h = resp.headers();
        let header = |name: &str| h.get(name).ok().flatten();
        if header("content-length").and_then(|l| l.parse::<usize>().ok()).is_some_and(|l| l > MAX_BODY) {
            return Err(Failure::TooLarge);
        }
        let mut out = Fetched {
            status: resp.status(),
            content_type: header("content-type"),
            link: header("link"),
            next_page: header("x-next-page"),
            retry_after: header("retry-after"),
            body: Vec::new(),
        };
        let buf =
            JsFuture::from(resp.array_buffer().map_err(|_| Failure::Network)?).await.map_err(|_| Failure::Network)?;
        let bytes = js_sys::Uint8Array::new(&buf);
        if bytes.length() as usize > MAX_BODY {
            return Err(Failure::TooLarge);
        }
        out.body = bytes.to_vec();
        Ok(out)
    }
    .await;

    window.clear_timeout_with_handle(timer);
    let _ = run_signal.remove_event_listener_with_callback("abort", on_cancel.as_ref().unchecked_ref());
    drop(on_timeout);
    drop(on_cancel);
    match result {
        Err(Failure::Network) if timed_out.get() => Err(Failure::Timeout),
        Err(Failure::Network) if run_signal.aborted() => Err(Failure::Cancelled),
        other => other,
    }
}

/// On the host there is no browser: nothing is ever sent (server rendering, tests).
#[cfg(not(target_arch = "wasm32"))]
pub async fn get(_url: &str, _token: Option<&Token>, _abort: &Abort) -> Result<Fetched, Failure> {
    Err(Failure::Network)
}

/// Notices when the page's own Content-Security-Policy blocks a request (`connect-src`), so the page
/// can say so instead of a generic network error. Listens while it lives.
pub struct CspWatch {
    blocked: std::rc::Rc<std::cell::Cell<bool>>,
    #[cfg(target_arch = "wasm32")]
    listener: Option<wasm_bindgen::closure::Closure<dyn FnMut(web_sys::SecurityPolicyViolationEvent)>>,
}

impl CspWatch {
    pub fn start() -> CspWatch {
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let flag = blocked.clone();
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::SecurityPolicyViolationEvent)>::new(
                move |e: web_sys::SecurityPolicyViolationEvent| {
                    if e.effective_directive().starts_with("connect-src") {
                        flag.set(true);
                    }
                },
            );
            let added = crate::browser::document().is_some_and(|d| {
                d.add_event_listener_with_callback("securitypolicyviolation", listener.as_ref().unchecked_ref()).is_ok()
            });
            CspWatch { blocked, listener: added.then_some(listener) }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            CspWatch { blocked }
        }
    }

    pub fn blocked(&self) -> bool {
        self.blocked.get()
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for CspWatch {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let (Some(l), Some(d)) = (self.listener.take(), crate::browser::document()) {
            let _ = d.remove_event_listener_with_callback("securitypolicyviolation", l.as_ref().unchecked_ref());
        }
    }
}

/// Today in UTC as `YYYY-MM-DD` (to notice an expired token), from the browser's clock.
pub fn today() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let iso: String = js_sys::Date::new_0().to_iso_string().into();
        iso.get(..10).map(str::to_string)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}
