//! Secret redaction of pasted text before it may go into a link or an export.
//!
//! Regex-free on purpose (a regex engine would add its tables to the web build): each detector is a
//! small scanner over one line, finding the byte span of a secret *value*. Spans from all detectors
//! are merged and replaced with [`MARK`]; what identifies the secret's kind (`glpat-`,
//! `Authorization: Bearer`, the user name in `user:pass@`) stays, so a redacted log still diagnoses.
//!
//! Not secrets, and kept: variable references (`$CI_JOB_TOKEN`, `${TOKEN}`), GitLab's `[MASKED]`,
//! placeholders (`<token>`, `***`), our own `[REDACTED]` (so redaction is idempotent), digests and
//! image references.

use crate::i18n::{Lang, Msg};

/// What replaces a secret value.
pub const MARK: &str = "[REDACTED]";

/// What kind of secret was removed; the page lists them so the user can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SecretKind {
    /// A prefixed GitLab token (`glpat-`, `gldt-`, `glrt-` …) or a session cookie.
    GitlabToken,
    /// A legacy runner registration token (`GR1348941…`).
    RunnerRegistrationToken,
    /// A JSON Web Token (`eyJ….eyJ….sig`).
    Jwt,
    /// An AWS access key id (`AKIA…`).
    AwsAccessKey,
    /// An AWS secret access key.
    AwsSecretKey,
    /// `docker login -p …` / `--password …` (and podman, helm, skopeo …).
    LoginPassword,
    /// `user:password` given to curl `-u`, skopeo `--creds`.
    UserPassword,
    /// An `Authorization:` header's credentials.
    AuthorizationHeader,
    /// `PRIVATE-TOKEN:`, `JOB-TOKEN:`, `DEPLOY-TOKEN:` headers.
    TokenHeader,
    /// The `auth` (or `identitytoken`) field of a Docker `config.json`.
    DockerConfigAuth,
    /// The password of a URL (`https://user:pass@host`).
    UrlPassword,
    /// `*_TOKEN=…`, `*_PASSWORD=…`, `password: …` and similar assignments.
    Assignment,
}

impl SecretKind {
    /// A stable machine name (CLI `--json`, tests).
    pub const fn code(self) -> &'static str {
        match self {
            SecretKind::GitlabToken => "gitlab-token",
            SecretKind::RunnerRegistrationToken => "runner-registration-token",
            SecretKind::Jwt => "jwt",
            SecretKind::AwsAccessKey => "aws-access-key",
            SecretKind::AwsSecretKey => "aws-secret-key",
            SecretKind::LoginPassword => "login-password",
            SecretKind::UserPassword => "user-password",
            SecretKind::AuthorizationHeader => "authorization-header",
            SecretKind::TokenHeader => "token-header",
            SecretKind::DockerConfigAuth => "docker-config-auth",
            SecretKind::UrlPassword => "url-password",
            SecretKind::Assignment => "assignment",
        }
    }

    pub const fn msg(self) -> Msg {
        match self {
            SecretKind::GitlabToken => Msg::SecretGitlabToken,
            SecretKind::RunnerRegistrationToken => Msg::SecretRunnerRegistrationToken,
            SecretKind::Jwt => Msg::SecretJwt,
            SecretKind::AwsAccessKey => Msg::SecretAwsAccessKey,
            SecretKind::AwsSecretKey => Msg::SecretAwsSecretKey,
            SecretKind::LoginPassword => Msg::SecretLoginPassword,
            SecretKind::UserPassword => Msg::SecretUserPassword,
            SecretKind::AuthorizationHeader => Msg::SecretAuthorizationHeader,
            SecretKind::TokenHeader => Msg::SecretTokenHeader,
            SecretKind::DockerConfigAuth => Msg::SecretDockerConfigAuth,
            SecretKind::UrlPassword => Msg::SecretUrlPassword,
            SecretKind::Assignment => Msg::SecretAssignment,
        }
    }

    pub const fn label(self, lang: Lang) -> &'static str {
        self.msg().text(lang)
    }

    /// Kinds recognised by the secret's own shape beat kinds recognised by context when two
    /// detectors find the same value.
    const fn by_shape(self) -> bool {
        matches!(
            self,
            SecretKind::GitlabToken | SecretKind::RunnerRegistrationToken | SecretKind::Jwt | SecretKind::AwsAccessKey
        )
    }
}

/// One removed secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redaction {
    pub kind: SecretKind,
    /// 1-based line number in the text.
    pub line: usize,
}

/// The text with every secret replaced by [`MARK`], and what was replaced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redacted {
    pub text: String,
    pub found: Vec<Redaction>,
}

/// Redacts every secret we recognise. Never panics; idempotent (`redact(redact(t).text)` finds
/// nothing more).
pub fn redact(text: &str) -> Redacted {
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let spans = scan_line(line);
        let mut at = 0;
        for s in spans {
            out.push_str(&line[at..s.start]);
            out.push_str(MARK);
            at = s.end;
            found.push(Redaction { kind: s.kind, line: i + 1 });
        }
        out.push_str(&line[at..]);
    }
    Redacted { text: out, found }
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    kind: SecretKind,
}

/// The secret spans of one line, sorted and merged (byte offsets on char boundaries).
fn scan_line(line: &str) -> Vec<Span> {
    let lower = line.to_ascii_lowercase();
    let mut spans = Vec::new();
    let mut push = |start: usize, end: usize, kind: SecretKind| {
        let value = &line[start..end];
        if start < end && !is_not_secret(value) {
            spans.push(Span { start, end, kind });
        }
    };
    gitlab_tokens(line, &mut push);
    runner_registration(line, &mut push);
    jwts(line, &mut push);
    aws_keys(line, &mut push);
    authorization(line, &lower, &mut push);
    login_flags(line, &lower, &mut push);
    url_passwords(line, &mut push);
    assignments(line, &mut push);
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut merged: Vec<Span> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(m) if s.start < m.end => {
                m.end = m.end.max(s.end);
                if s.kind.by_shape() && !m.kind.by_shape() {
                    m.kind = s.kind;
                }
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// Values that look like a secret's place but hold none: variable references, GitLab's masking,
/// placeholders and our own mark.
fn is_not_secret(v: &str) -> bool {
    let v = v.trim_matches(|c| c == '"' || c == '\'');
    v.is_empty()
        || v.starts_with('$')
        || v.starts_with("%{")
        || v.starts_with('<')
        || v.contains(MARK)
        || v.contains("[MASKED]")
        || v.bytes().all(|b| b == b'*' || b == b'x' || b == b'X' || b == b'.')
}

/// Characters of a token, a header value or an unquoted shell word's secret part.
fn is_tok(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A position where a token may begin: start of line or after a non-token character.
fn word_start(line: &str, i: usize) -> bool {
    i == 0 || !is_tok(line.as_bytes()[i - 1])
}

/// End of the run of bytes satisfying `ok` from `from`.
fn run_end(line: &str, from: usize, ok: impl Fn(u8) -> bool) -> usize {
    line.as_bytes()[from..].iter().position(|&b| !ok(b)).map_or(line.len(), |n| from + n)
}

/// Every occurrence of `needle` in `hay`.
fn find_all<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    hay.match_indices(needle).map(|(i, _)| i)
}

/// GitLab token prefixes (docs "Token prefixes") with the shortest body each has: `glpat-` and most
/// others carry 20 characters of `[0-9A-Za-z_-]` (legacy) or a longer routable body with `.` parts.
const GITLAB_PREFIXES: &[(&str, usize)] = &[
    ("glpat-", 20),
    ("gldt-", 20),
    ("glcbt-", 20),
    ("glrt-", 20),
    ("glrtr-", 20),
    ("gloas-", 20),
    ("glptt-", 20),
    ("glft-", 20),
    ("glimt-", 20),
    ("glagent-", 20),
    ("glsoat-", 20),
    ("gltst-", 20),
    ("glffct-", 20),
    ("glwt-", 20),
    ("_gitlab_session=", 20),
];

fn gitlab_tokens(line: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    if !line.contains("gl") && !line.contains("_gitlab_session") {
        return;
    }
    for &(prefix, min) in GITLAB_PREFIXES {
        for i in find_all(line, prefix) {
            if !word_start(line, i) && !prefix.starts_with('_') {
                continue;
            }
            let start = i + prefix.len();
            let end = run_end(line, start, |b| is_tok(b) || b == b'.');
            let end = start + line[start..end].trim_end_matches('.').len();
            if end - start >= min {
                push(start, end, SecretKind::GitlabToken);
            }
        }
    }
}

fn runner_registration(line: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    for i in find_all(line, "GR1348941") {
        let start = i + "GR1348941".len();
        let end = run_end(line, start, is_tok);
        if word_start(line, i) && end - start >= 20 {
            push(start, end, SecretKind::RunnerRegistrationToken);
        }
    }
}

/// `eyJ<header>.eyJ<payload>.<signature>`: base64url JSON objects (`{"` encodes as `eyJ`).
fn jwts(line: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    let b64 = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    for i in find_all(line, "eyJ") {
        if !word_start(line, i) {
            continue;
        }
        let h_end = run_end(line, i, b64);
        if h_end - i < 10 || line.as_bytes().get(h_end) != Some(&b'.') {
            continue;
        }
        let p_end = run_end(line, h_end + 1, b64);
        if p_end - (h_end + 1) < 10 || line.as_bytes().get(p_end) != Some(&b'.') {
            continue;
        }
        let s_end = run_end(line, p_end + 1, b64);
        push(i, s_end, SecretKind::Jwt);
    }
}

fn aws_keys(line: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    for prefix in ["AKIA", "ASIA", "ABIA", "ACCA"] {
        for i in find_all(line, prefix) {
            let end = run_end(line, i, |b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if word_start(line, i) && end - i == 20 && !line.as_bytes().get(end).is_some_and(|&b| is_tok(b)) {
                push(i + 4, end, SecretKind::AwsAccessKey);
            }
        }
    }
}

/// Skips spaces and tabs.
fn skip_blank(line: &str, mut i: usize) -> usize {
    while line.as_bytes().get(i).is_some_and(|&b| b == b' ' || b == b'\t') {
        i += 1;
    }
    i
}

/// The value starting at `i`: a quoted string (without its quotes) or a run of non-space characters
/// that stops at quotes and shell/URL separators.
fn value_at(line: &str, i: usize) -> (usize, usize) {
    match line.as_bytes().get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = line[i + 1..].find(q as char).map_or(line.len(), |n| i + 1 + n);
            (i + 1, end)
        }
        // Unquoted: to the next blank (or a URL/shell separator). Stopping early would leak the rest.
        _ => (i, run_end(line, i, |b| !b.is_ascii_whitespace() && !b"\"'&;".contains(&b))),
    }
}

/// `Authorization: <scheme> <credentials>` and the token headers GitLab reads.
fn authorization(line: &str, lower: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    for i in find_all(lower, "authorization") {
        let mut j = i + "authorization".len();
        if lower.as_bytes().get(j) == Some(&b'"') {
            j += 1; // JSON header maps: "Authorization": "Bearer …"
        }
        j = skip_blank(line, j);
        if !matches!(line.as_bytes().get(j), Some(b':' | b'=')) {
            continue;
        }
        j = skip_blank(line, j + 1);
        if line.as_bytes().get(j) == Some(&b'"') {
            j += 1;
        }
        let scheme_end = run_end(line, j, is_tok);
        let scheme = &lower[j..scheme_end];
        let known = ["basic", "bearer", "token", "jwt", "private-token", "job-token", "negotiate", "digest"];
        let start = if known.contains(&scheme) && line.as_bytes().get(scheme_end) == Some(&b' ') {
            skip_blank(line, scheme_end)
        } else {
            j
        };
        let end = run_end(line, start, |b| !b.is_ascii_whitespace() && !b"\"'".contains(&b));
        push(start, end, SecretKind::AuthorizationHeader);
    }
    for name in ["private-token", "job-token", "deploy-token"] {
        for i in find_all(lower, name) {
            let j = i + name.len();
            if !word_start(line, i) || line.as_bytes().get(j) != Some(&b':') {
                continue;
            }
            let start = skip_blank(line, j + 1);
            let end = run_end(line, start, |b| !b.is_ascii_whitespace() && !b"\"'".contains(&b));
            push(start, end, SecretKind::TokenHeader);
        }
    }
}

/// Shell words of a line with their byte offsets (split on blanks; quotes are not interpreted here).
fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split([' ', '\t']).scan(0usize, |off, w| {
        let start = *off;
        *off += w.len() + 1;
        Some((start, w))
    })
}

/// `login -p SECRET`, `--password SECRET`, `--password=SECRET`, `-pSECRET`; curl/wget `-u user:pass`,
/// `--user user:pass`; skopeo `--creds`/`--src-creds`/`--dest-creds user:pass`.
fn login_flags(line: &str, lower: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    let is_login = lower.contains("login");
    let is_http_client = lower.contains("curl") || lower.contains("wget");
    let ws: Vec<(usize, &str)> = words(line).collect();
    for (n, &(off, w)) in ws.iter().enumerate() {
        let next = ws.get(n + 1).map(|&(o, _)| o);
        // Where the value starts, and whether it is `user:pass` (only the password goes).
        let (start, kind) = match w {
            "-p" | "--password" if is_login => match next {
                Some(o) => (o, SecretKind::LoginPassword),
                None => continue,
            },
            _ if is_login && w.starts_with("--password=") => (off + "--password=".len(), SecretKind::LoginPassword),
            _ if is_login && w.starts_with("-p") && w.len() > 2 && !w.starts_with("--") => {
                (off + 2, SecretKind::LoginPassword)
            }
            "-u" | "--user" if is_http_client => match next {
                Some(o) => (o, SecretKind::UserPassword),
                None => continue,
            },
            _ if is_http_client && w.starts_with("--user=") => (off + "--user=".len(), SecretKind::UserPassword),
            _ if is_http_client && w.starts_with("-u") && w.len() > 2 && !w.starts_with("--") => {
                (off + 2, SecretKind::UserPassword)
            }
            "--creds" | "--src-creds" | "--dest-creds" => match next {
                Some(o) => (o, SecretKind::UserPassword),
                None => continue,
            },
            _ if w.starts_with("--creds=") || w.starts_with("--src-creds=") || w.starts_with("--dest-creds=") => {
                (off + w.find('=').unwrap_or(0) + 1, SecretKind::UserPassword)
            }
            // `--registration-token X`, `--token X`, `--client-secret X` (runner, glab, …).
            _ if w.len() > 2 && w.starts_with("--") && !w.contains('=') && secret_name(&w[2..]).is_some() => match next
            {
                Some(o) => (o, SecretKind::Assignment),
                None => continue,
            },
            _ => continue,
        };
        let (vs, ve) = value_at(line, start);
        if kind == SecretKind::Assignment && !secretish(&line[vs..ve]) {
            continue; // `Using --password via the CLI is insecure` is prose
        }
        if kind == SecretKind::UserPassword {
            if let Some(colon) = line[vs..ve].find(':') {
                push(vs + colon + 1, ve, SecretKind::UserPassword);
            }
        } else {
            push(vs, ve, kind);
        }
    }
}

/// `scheme://user:password@host`: only the password goes.
fn url_passwords(line: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    for i in find_all(line, "://") {
        let start = i + 3;
        let auth_end = run_end(line, start, |b| !b.is_ascii_whitespace() && !b"/?#\"'<>".contains(&b));
        let Some(at) = line[start..auth_end].rfind('@') else { continue };
        // `docker://alpine:3.19@sha256:…` is an image with a digest, not a user.
        if line[start + at + 1..].starts_with("sha256:") || line[start + at + 1..].starts_with("sha512:") {
            continue;
        }
        let userinfo = &line[start..start + at];
        if let Some(colon) = userinfo.find(':') {
            push(start + colon + 1, start + at, SecretKind::UrlPassword);
        }
    }
}

/// Where only context says "secret here", prose must not be mistaken for one: a secret has at least
/// six characters and something besides lowercase letters.
fn secretish(v: &str) -> bool {
    v.len() >= 6 && v.bytes().any(|c| !c.is_ascii_lowercase())
}

/// Names whose value is a secret: `*_TOKEN`, `*_PASSWORD`, `password`, `client_secret` … (any case).
fn secret_name(name: &str) -> Option<SecretKind> {
    let up = name.to_ascii_uppercase();
    let up = up.as_str();
    if up == "AUTH" || up == "IDENTITYTOKEN" || up == "REGISTRYTOKEN" {
        return Some(SecretKind::DockerConfigAuth);
    }
    if up.contains("SECRET") && up.contains("AWS") || up == "SECRETACCESSKEY" {
        return Some(SecretKind::AwsSecretKey);
    }
    let ends =
        ["TOKEN", "PASSWORD", "PASSWD", "SECRET", "_PASS", "_PWD", "APIKEY", "API_KEY", "ACCESS_KEY", "SECRET_KEY"];
    ends.iter().any(|e| up.ends_with(e) || up == e.trim_start_matches('_')).then_some(SecretKind::Assignment)
}

/// `NAME=value`, `NAME: value`, `"name": "value"`, `--name=value` where NAME names a secret.
fn assignments(line: &str, push: &mut impl FnMut(usize, usize, SecretKind)) {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'=' && b != b':' {
            continue;
        }
        // The name: a run of name characters ending right before `=`/`:` (or before `"` in JSON).
        let mut name_end = i;
        while name_end > 0 && matches!(bytes[name_end - 1], b' ' | b'\t') {
            name_end -= 1;
        }
        let quoted_name = name_end > 0 && bytes[name_end - 1] == b'"';
        if quoted_name {
            name_end -= 1;
        }
        let name_start = line[..name_end]
            .bytes()
            .rposition(|c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.'))
            .map_or(0, |p| p + 1);
        let name = &line[name_start..name_end];
        let Some(kind) = secret_name(name.trim_start_matches('-')) else { continue };
        if line[..name_start].ends_with("://") {
            continue; // `https://gitlab-ci-token:…@`: the URL detector takes only the password
        }
        let after = skip_blank(line, i + 1);
        let (vs, ve) = value_at(line, after);
        let quoted_value = after < vs;
        if b == b':' && !quoted_value {
            // `token: invalid` in a message is prose; a bare secret after a colon looks like one.
            if kind == SecretKind::DockerConfigAuth
                || !secretish(&line[vs..ve])
                || i + 1 < line.len() && bytes[i + 1] == b'/'
            {
                continue;
            }
        }
        if kind == SecretKind::DockerConfigAuth && !(quoted_name && quoted_value) {
            continue;
        }
        push(vs, ve, kind);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_prefix_and_reports_the_line() {
        let r = redact("ok\nexport GITLAB_TOKEN=glpat-AbCdEfGhIjKlMnOpQrSt\n");
        assert_eq!(r.text, "ok\nexport GITLAB_TOKEN=[REDACTED]\n");
        assert_eq!(r.found, vec![Redaction { kind: SecretKind::GitlabToken, line: 2 }]);
        let r = redact("token glpat-AbCdEfGhIjKlMnOpQrSt used");
        assert_eq!(r.text, "token glpat-[REDACTED] used");
    }

    #[test]
    fn variable_references_stay() {
        for s in [
            "docker login -u me -p $CI_REGISTRY_PASSWORD reg",
            "CI_JOB_TOKEN=${CI_JOB_TOKEN}",
            "--header 'PRIVATE-TOKEN: '\"$GITLAB_TOKEN\"",
        ] {
            assert_eq!(redact(s).text, s, "{s}");
        }
    }
}
