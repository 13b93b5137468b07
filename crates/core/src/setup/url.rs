//! The only place a GitLab address or a token is accepted: validated once, then carried as types
//! that cannot be printed by mistake (`Token`) or point anywhere else (`Origin`).

use crate::names::{self, NameKind};
use std::fmt;

/// A GitLab token. Debug and Display print `***`, so it cannot leak into a log, an error message or
/// a `{:?}` of a struct that holds it. Only [`Token::expose`] gives the value (to put in a header).
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// `None` for an empty token or one with characters no HTTP header may carry.
    pub fn new(value: &str) -> Option<Token> {
        let v = value.trim();
        (!v.is_empty() && v.len() <= 512 && v.bytes().all(|b| b.is_ascii_graphic())).then(|| Token(v.to_string()))
    }

    /// The secret, for the `PRIVATE-TOKEN` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Why a GitLab URL was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginError {
    Empty,
    /// Not `https://` (or `http://` for this machine).
    Scheme,
    /// `http://` to a host other than localhost / 127.0.0.1 / [::1].
    PlainHttp,
    /// `user:password@` in the URL.
    Credentials,
    BadHost,
    /// A query or a fragment.
    Extra,
}

impl OriginError {
    pub fn message(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang::*;
        match (self, lang) {
            (OriginError::Empty, En) => "Enter your GitLab URL, for example https://gitlab.example.com.",
            (OriginError::Empty, Ja) => "GitLab の URL を入力してください（例：https://gitlab.example.com）。",
            (OriginError::Scheme, En) => "The GitLab URL must start with https://.",
            (OriginError::Scheme, Ja) => "GitLab の URL は https:// で始めてください。",
            (OriginError::PlainHttp, En) => {
                "Only https:// is allowed (http:// only for localhost): the token would travel unencrypted."
            }
            (OriginError::PlainHttp, Ja) => {
                "https:// のみ使えます（http:// は localhost のみ）。トークンが暗号化されずに送られるためです。"
            }
            (OriginError::Credentials, En) => "Remove the user name and password from the URL.",
            (OriginError::Credentials, Ja) => "URL からユーザー名とパスワードを取り除いてください。",
            (OriginError::BadHost, En) => "The host name in the GitLab URL is not valid.",
            (OriginError::BadHost, Ja) => "GitLab の URL のホスト名が正しくありません。",
            (OriginError::Extra, En) => "Enter only the GitLab address, without ? or #.",
            (OriginError::Extra, Ja) => "? や # を含めず、GitLab のアドレスだけを入力してください。",
        }
    }
}

/// A validated GitLab base URL: scheme, host, optional port and an optional path prefix (GitLab
/// under a relative URL root), without a trailing slash. Every request goes below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    base: String,
    host: String,
}

impl Origin {
    pub fn parse(input: &str) -> Result<Origin, OriginError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(OriginError::Empty);
        }
        let lower_scheme = s.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
        let (https, rest) = if lower_scheme.starts_with("https://") {
            (true, &s[8..])
        } else if lower_scheme.starts_with("http://") {
            (false, &s[7..])
        } else {
            return Err(OriginError::Scheme);
        };
        if rest.contains(['?', '#']) {
            return Err(OriginError::Extra);
        }
        let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
        if authority.contains('@') {
            return Err(OriginError::Credentials);
        }
        let (host, port) = split_port(authority).ok_or(OriginError::BadHost)?;
        let host = host.to_ascii_lowercase();
        if !valid_host(&host) {
            return Err(OriginError::BadHost);
        }
        if !https && !matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") {
            return Err(OriginError::PlainHttp);
        }
        // A path prefix (relative URL root); a pasted `/api/v4` or a project URL's tail is not ours.
        let mut prefix = path.trim_end_matches('/').to_string();
        if let Some(p) = prefix.strip_suffix("api/v4") {
            prefix = p.trim_end_matches('/').to_string();
        }
        if !prefix.split('/').filter(|s| !s.is_empty()).all(|seg| {
            seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)) && seg != ".." && seg != "."
        }) {
            return Err(OriginError::BadHost);
        }
        let scheme = if https { "https" } else { "http" };
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        let prefix = if prefix.is_empty() { String::new() } else { format!("/{}", prefix.trim_start_matches('/')) };
        Ok(Origin { base: format!("{scheme}://{host}{port}{prefix}"), host })
    }

    /// `https://host[:port][/prefix]`, no trailing slash.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// The full URL of a request path (which starts with `/api/v4/`).
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base)
    }

    /// `scheme://host[:port]`: what a Content-Security-Policy `connect-src` must name.
    pub fn csp_source(&self) -> &str {
        let after = self.base.find("://").map_or(0, |i| i + 3);
        match self.base[after..].find('/') {
            Some(i) => &self.base[..after + i],
            None => &self.base,
        }
    }
}

fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (h, rest) = authority.split_at(end + 1);
        (h, rest.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|&n| n > 0)?),
        None => None,
    };
    Some((host, port))
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// A project as the API's `:id`: a numeric id, or a full path that the name rules accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRef(String);

impl ProjectRef {
    pub fn parse(input: &str) -> Option<ProjectRef> {
        let s = input.trim().trim_matches('/');
        if !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Some(ProjectRef(s.to_string()));
        }
        (s.contains('/') && names::check(s, NameKind::ProjectPath).is_valid()).then(|| ProjectRef(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `:id` path segment: the path URL-encoded (`group%2Fproject`).
    pub fn segment(&self) -> String {
        encode_component(&self.0)
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters (so `/` becomes `%2F`).
pub fn encode_component(s: &str) -> String {
    crate::link::percent_encode(s, b"")
}
