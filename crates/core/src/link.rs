//! The URL fragment is the page's shared state. This is the one place that reads and writes it:
//! `#/<route>?<query>`, versioned so a link made today still opens the same view later.
//!
//! Version 1 (the only one so far): the query holds `lang`, `embed=1` and parameter values as
//! `<param>=<value>`, percent-encoded. A link without `v` is version 1. Decoding is tolerant: an
//! unknown key, a bad value or an oversized fragment is dropped with a notice, never an error page.
//!
//! Also in version 1: `paste=d<base64url>`, the pasted text, only when the user asks for it, always
//! redacted first (`crate::redact`), deflated and capped (`link/paste.rs`). It is written last, so a
//! tool that cuts a long link loses the paste, not the view.

use crate::i18n::Lang;
use crate::kb;
use crate::redact::Redaction;

mod paste;

pub use paste::{Paste, PasteError, MAX_PASTE_COMPRESSED, MAX_PASTE_TEXT};

/// The newest link format this build writes.
pub const VERSION: u32 = 1;
/// Fragments longer than this are not decoded at all (links are meant to stay under 2 KB).
pub const MAX_FRAGMENT: usize = 32 * 1024;
/// Longest parameter value accepted from a link.
pub const MAX_VALUE: usize = 512;

/// Every view of the app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    Home,
    /// The guided diagnosis: the node ids answered so far below `root` (empty = the first question).
    Guided(Vec<String>),
    /// A diagnosis page.
    Entry(String),
    /// The list of every entry.
    All,
    Manifest,
    Name,
    Task(String),
    /// "Check my setup": live read-only checks against the user's GitLab.
    Setup,
    NotFound,
}

/// A decoded link: the view plus the state that travels with it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Link {
    pub route: Route,
    pub lang: Option<Lang>,
    /// Parameter name → value, only names known to the knowledge base, in a stable order.
    pub values: Vec<(String, String)>,
    pub embed: bool,
    /// Pasted text the user chose to include (already redacted).
    pub paste: Option<Paste>,
}

/// Something in a link that was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    TooLong,
    NewerVersion(u32),
    UnknownKey(String),
    BadValue(String),
    UnknownRoute,
    /// The pasted text in the link is over the size caps; it was left out.
    PasteTooLarge,
    /// The pasted text in the link could not be decoded; it was left out.
    BadPaste,
}

impl Link {
    pub fn new(route: Route) -> Link {
        Link { route, ..Link::default() }
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Sets (or, with an empty value, removes) a parameter value, keeping the order stable.
    pub fn set_value(&mut self, name: &str, value: &str) {
        self.values.retain(|(k, _)| k != name);
        if !value.is_empty() {
            self.values.push((name.to_string(), value.to_string()));
            self.values.sort();
        }
    }

    /// Redacts `raw` and puts it into the link (what the "include the pasted text" switch calls).
    /// Returns what was redacted, for the page to list; on error the link keeps no paste.
    pub fn set_paste(&mut self, raw: &str) -> Result<Vec<Redaction>, PasteError> {
        self.paste = None;
        let (paste, found) = Paste::new(raw)?;
        self.paste = Some(paste);
        Ok(found)
    }

    /// The same link without the pasted text (navigation links, exports).
    pub fn without_paste(&self) -> Link {
        Link { paste: None, ..self.clone() }
    }

    /// The fragment, starting with `#`.
    pub fn to_fragment(&self) -> String {
        let mut out = route_path(&self.route);
        let mut query: Vec<String> = Vec::new();
        if let Some(lang) = self.lang {
            query.push(format!("lang={}", lang.code()));
        }
        for (k, v) in &self.values {
            query.push(format!("{}={}", encode(k), encode(v)));
        }
        if self.embed {
            query.push("embed=1".into());
        }
        if let Some(p) = &self.paste {
            // Base64url needs no percent-encoding.
            query.push(format!("paste={}", p.encoded()));
        }
        if !query.is_empty() {
            out.push('?');
            out.push_str(&query.join("&"));
        }
        out
    }

    /// Reads a fragment (with or without the leading `#`). Never fails: what cannot be understood
    /// is dropped and reported.
    pub fn parse(fragment: &str) -> (Link, Vec<Notice>) {
        let mut notices = Vec::new();
        if fragment.len() > MAX_FRAGMENT {
            return (Link::default(), vec![Notice::TooLong]);
        }
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let mut link = Link { route: parse_route(path), ..Link::default() };
        // A damaged or unknown route opens the home page with a notice (never a blank page).
        if link.route == Route::NotFound && !path.trim_matches('/').eq("not-found") {
            notices.push(Notice::UnknownRoute);
            link.route = Route::Home;
        }
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(k), Some(v)) = (decode(k), decode(v)) else {
                notices.push(Notice::BadValue(pair.chars().take(40).collect()));
                continue;
            };
            match k.as_str() {
                "v" => match v.parse::<u32>() {
                    Ok(n) if n <= VERSION => {}
                    Ok(n) => notices.push(Notice::NewerVersion(n)),
                    Err(_) => notices.push(Notice::BadValue("v".into())),
                },
                "lang" => match Lang::from_code(&v) {
                    Some(l) => link.lang = Some(l),
                    None => notices.push(Notice::BadValue("lang".into())),
                },
                "embed" => link.embed = v == "1",
                "paste" => match Paste::decode(&v) {
                    Ok(p) => link.paste = Some(p),
                    Err(paste::Undecodable::TooLarge) => notices.push(Notice::PasteTooLarge),
                    Err(paste::Undecodable::Damaged) => notices.push(Notice::BadPaste),
                },
                name if is_shareable_param(name) => {
                    if v.len() > MAX_VALUE || v.chars().any(char::is_control) {
                        notices.push(Notice::BadValue(name.into()));
                    } else {
                        link.set_value(name, &v);
                    }
                }
                name => notices.push(Notice::UnknownKey(name.chars().take(40).collect())),
            }
        }
        (link, notices)
    }
}

/// `#/` and the route's path, without a query.
fn route_path(route: &Route) -> String {
    let mut out = String::from("#/");
    match route {
        Route::Home => {}
        Route::Guided(path) => {
            out.push_str("guided");
            for id in path {
                out.push('/');
                out.push_str(&encode(id));
            }
        }
        Route::Entry(id) => {
            out.push_str("d/");
            out.push_str(&encode(id));
        }
        Route::All => out.push_str("all"),
        Route::Manifest => out.push_str("manifest"),
        Route::Name => out.push_str("name"),
        Route::Task(id) => {
            out.push_str("task/");
            out.push_str(&encode(id));
        }
        Route::Setup => out.push_str("setup"),
        Route::NotFound => out.push_str("not-found"),
    }
    out
}

/// The fragment of a link to `route` that carries only a language: what [`Link::to_fragment`]
/// gives for such a link, without the code for values and pastes (the first-paint shell uses it).
pub fn route_fragment(route: &Route, lang: Option<Lang>) -> String {
    let mut out = route_path(route);
    if let Some(lang) = lang {
        out.push_str("?lang=");
        out.push_str(lang.code());
    }
    out
}

/// For a link to the plain home page (no values, no pasted text, not embedded, nothing the full
/// parser would report), its language; `None` for every other link. The first-paint shell shows
/// such links itself and loads the whole app for the others. Does not touch the knowledge base.
pub fn plain_home(fragment: &str) -> Option<Option<Lang>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
    if !path.is_empty() && path != "/" {
        return None;
    }
    let mut lang = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("lang", code)) => lang = Some(Lang::from_code(code)?),
            Some(("v", "1")) => {}
            _ => return None,
        }
    }
    Some(lang)
}

/// Values of single pages that links carry too: the name checker's input.
pub const PAGE_VALUES: &[&str] = &["name"];

/// Values a link may carry: the knowledge base's parameters (not derived ones) and the guided
/// tasks' single-line inputs. Pasted lists (a task's tag list) stay out of links.
pub fn is_shareable_param(name: &str) -> bool {
    use crate::kb::ParamKind;
    PAGE_VALUES.contains(&name)
        || kb::param(name).is_some_and(|p| !p.derived)
        || crate::plan::TASKS
            .iter()
            .flat_map(|t| t.params)
            .any(|p| p.name == name && (p.kind != ParamKind::FreeText || !p.choices.is_empty()))
}

fn parse_route(path: &str) -> Route {
    let mut parts = path.trim_start_matches('/').split('/').filter(|s| !s.is_empty());
    let head = parts.next();
    let rest: Vec<String> = parts.map(|p| decode(p).unwrap_or_default()).collect();
    let slug_ok = |s: &str| {
        !s.is_empty() && s.len() <= 80 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    match (head, rest.as_slice()) {
        (None, []) => Route::Home,
        (Some("guided"), ids) if ids.iter().all(|s| slug_ok(s)) && ids.len() <= 16 => Route::Guided(ids.to_vec()),
        (Some("d"), [id]) if kb::entry(id).is_some() => Route::Entry(id.clone()),
        (Some("all"), []) => Route::All,
        (Some("manifest"), []) => Route::Manifest,
        (Some("name"), []) => Route::Name,
        (Some("setup"), []) => Route::Setup,
        (Some("task"), [id]) if slug_ok(id) => Route::Task(id.clone()),
        _ => Route::NotFound,
    }
}

/// Percent-encodes everything except unreserved characters (RFC 3986) and `/` `:` `@` `,`,
/// which keeps image references readable in links.
pub fn encode(s: &str) -> String {
    percent_encode(s, b"/:@,")
}

/// Percent-encodes every byte except RFC 3986 unreserved characters and those in `also_keep`.
pub(crate) fn percent_encode(s: &str, also_keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || also_keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The inverse of [`encode`] (also accepts `+` as a space). `None` for broken escapes or non-UTF-8.
pub fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_shows_exactly_the_plain_home_links() {
        for (fragment, lang) in
            [("", None), ("#", None), ("#/", None), ("#/?lang=ja", Some(Lang::Ja)), ("#/?v=1&lang=en", Some(Lang::En))]
        {
            assert_eq!(plain_home(fragment), Some(lang), "{fragment}");
            // The full parser agrees: home, that language, nothing else.
            let (link, notices) = Link::parse(fragment);
            assert_eq!(
                (link.route, link.lang, link.values.len(), link.paste.is_none(), notices.len()),
                (Route::Home, lang, 0, true, 0)
            );
        }
        for fragment in [
            "#/all",
            "#/?registry=r.example.com",
            "#/?lang=xx",
            "#/?embed=1",
            "#/?paste=abc",
            "#/d/x",
            "#/?x=1",
            "#/?v=2",
        ] {
            assert_eq!(plain_home(fragment), None, "{fragment}");
        }
    }

    #[test]
    fn route_fragments_equal_the_full_links() {
        let routes = [
            Route::Home,
            Route::All,
            Route::Guided(Vec::new()),
            Route::Task("migrate".into()),
            Route::Setup,
            Route::Manifest,
            Route::Name,
        ];
        for route in routes {
            for lang in [None, Some(Lang::Ja)] {
                let full = Link { route: route.clone(), lang, ..Link::default() }.to_fragment();
                assert_eq!(route_fragment(&route, lang), full);
            }
        }
    }

    #[test]
    fn round_trips_routes_and_values() {
        let mut link = Link::new(Route::Entry("manifest-list-blob-unknown".into()));
        link.lang = Some(Lang::Ja);
        link.set_value("registry", "registry.example.com:5050");
        link.set_value("tag", "1.0 & more");
        let frag = link.to_fragment();
        assert_eq!(
            frag,
            "#/d/manifest-list-blob-unknown?lang=ja&registry=registry.example.com:5050&tag=1.0%20%26%20more"
        );
        assert_eq!(Link::parse(&frag), (link, vec![]));
    }

    #[test]
    fn tolerates_damage() {
        let (link, notices) = Link::parse("#/d/no-such-entry?lang=xx&evil=%ZZ&registry=a%0Ab");
        assert_eq!(link.route, Route::Home);
        assert!(notices.contains(&Notice::UnknownRoute));
        assert_eq!(link.values, vec![]);
        assert_eq!(notices.len(), 4);
        assert_eq!(Link::parse(&"#/".repeat(MAX_FRAGMENT)).1, vec![Notice::TooLong]);
    }
}
