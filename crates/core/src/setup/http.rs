//! What came back, judged: a status, a content type and a JSON shape, or the reason it is unusable.

/// Longest body read (front ends stop reading here and report `Failure::TooLarge`).
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// One answer, as the transport saw it. Header values are the raw strings (or `None` when absent or,
/// in a browser, not exposed by CORS).
#[derive(Debug, Clone, Copy, Default)]
pub struct Response<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub link: Option<&'a str>,
    pub next_page: Option<&'a str>,
    pub retry_after: Option<&'a str>,
    pub body: &'a [u8],
}

/// A request that produced no HTTP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No answer in time (the front end's bounded wait).
    Timeout,
    /// Refused, unreachable, TLS failure, or — in a browser — blocked by CORS or by the page's CSP
    /// `connect-src` (a browser cannot tell these apart).
    Network,
    /// The user pressed cancel.
    Cancelled,
    /// More than [`MAX_BODY`] bytes.
    TooLarge,
}

/// Why a check could not be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// 401: the token is invalid, expired or revoked (or a deploy token, which the REST API refuses).
    Unauthorized,
    /// 401 without a token: this needs one.
    NeedsToken,
    /// 403: the caller's role is too low; the check says which role it needs.
    Forbidden(super::Role),
    /// 403 `insufficient_scope`: the token has no API scope (`read_api` or `api`).
    InsufficientScope,
    /// 404 on something that should exist.
    NotFound,
    /// 404 on an endpoint that newer GitLab versions have (or a feature that is off).
    NotAvailable,
    /// 429, with the server's `Retry-After` in seconds when it was readable.
    RateLimited(Option<u64>),
    /// 5xx.
    Server(u16),
    /// Any other status.
    Unexpected(u16),
    /// 200 with HTML (a sign-in page, a proxy or a portal in front of GitLab).
    Html,
    /// Not JSON, or JSON of another shape than the endpoint documents.
    BadShape,
    Network,
    Timeout,
    Cancelled,
    TooLarge,
    /// An earlier check this one depends on failed.
    NeedsProject,
    /// The pagination cap was reached.
    TooManyPages,
    /// 200, but GitLab left the field out: it shows it only to this role or higher.
    NotShown(super::Role),
}

impl From<Failure> for Reason {
    fn from(f: Failure) -> Reason {
        match f {
            Failure::Timeout => Reason::Timeout,
            Failure::Network => Reason::Network,
            Failure::Cancelled => Reason::Cancelled,
            Failure::TooLarge => Reason::TooLarge,
        }
    }
}

/// A successful JSON answer or the reason there is none. `needs` is the role a 403 means here;
/// `optional_endpoint` turns a 404 into [`Reason::NotAvailable`].
pub(super) fn judge(
    r: &Response<'_>,
    authed: bool,
    needs: super::Role,
    optional_endpoint: bool,
) -> Result<serde_json::Value, Reason> {
    match r.status {
        200..=299 => {}
        401 if authed => return Err(Reason::Unauthorized),
        401 => return Err(Reason::NeedsToken),
        403 if body_error(r.body).as_deref() == Some("insufficient_scope") => return Err(Reason::InsufficientScope),
        403 => return Err(Reason::Forbidden(needs)),
        404 if optional_endpoint => return Err(Reason::NotAvailable),
        404 => return Err(Reason::NotFound),
        429 => return Err(Reason::RateLimited(r.retry_after.and_then(|v| v.trim().parse().ok()))),
        500..=599 => return Err(Reason::Server(r.status)),
        s => return Err(Reason::Unexpected(s)),
    }
    let ct = r.content_type.unwrap_or("").to_ascii_lowercase();
    let looks_html = r.body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    if ct.starts_with("text/html") || looks_html {
        return Err(Reason::Html);
    }
    // GitLab answers `application/json`; be lenient about a missing type but not about another one.
    if !(ct.is_empty() || ct.starts_with("application/json") || ct.contains("+json")) {
        return Err(Reason::BadShape);
    }
    if r.body.len() > MAX_BODY {
        return Err(Reason::TooLarge);
    }
    serde_json::from_slice(r.body).map_err(|_| Reason::BadShape)
}

/// GitLab's error bodies: `{"error": "insufficient_scope", …}` or `{"message": "401 Unauthorized"}`.
pub(super) fn body_error(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let e = v.get("error").and_then(|e| e.as_str()).or_else(|| v.get("message").and_then(|m| m.as_str()))?;
    Some(e.chars().take(200).collect())
}

/// The `error_description` of a 401 (`Token has expired.`, `Token was revoked. …`).
pub(super) fn error_description(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error_description").and_then(|d| d.as_str()).map(|d| d.chars().take(200).collect()))
        .unwrap_or_default()
}

/// The next page number from `X-Next-Page`, or from `Link: <…page=N…>; rel="next"`. Only the number is
/// taken: the `Link` URL itself is never followed, so a response cannot send us to another host.
pub(super) fn next_page(r: &Response<'_>) -> Option<u32> {
    if let Some(n) = r.next_page.map(str::trim).filter(|s| !s.is_empty()) {
        return n.parse().ok();
    }
    let link = r.link?;
    for part in link.split(',') {
        let (url, params) = part.split_once(';')?;
        if !params.split(';').any(|p| matches!(p.trim(), "rel=\"next\"" | "rel=next")) {
            continue;
        }
        let url = url.trim().trim_start_matches('<').trim_end_matches('>');
        let query = url.split_once('?')?.1;
        return query.split('&').find_map(|kv| kv.strip_prefix("page=")).and_then(|n| n.parse().ok());
    }
    None
}
