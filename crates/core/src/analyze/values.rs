//! Values found in a pasted text that the fix commands can use: registry host, image path, tag,
//! digest, HTTP status, client and version, GitLab host, CI job and stage. Hand-written scanners over
//! a bounded prefix of each interesting line: no regex engine ships to the browser.

/// What the text revealed. Each field holds the first convincing value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub registry: Option<String>,
    /// Full repository path below the registry (`group/project/image`).
    pub repository: Option<String>,
    pub tag: Option<String>,
    pub digest: Option<String>,
    pub http_status: Option<u16>,
    pub client: Option<String>,
    pub client_version: Option<String>,
    pub gitlab_host: Option<String>,
    pub runner_version: Option<String>,
    pub job_stage: Option<String>,
}

impl Found {
    /// Values as parameter name → value, for filling command plans. The project path is a guess
    /// from the repository path (GitLab allows up to two image levels below a project), so the page
    /// shows it for the user to confirm.
    pub fn as_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(r) = &self.registry {
            out.push(("registry", r.clone()));
        }
        if let Some(repo) = &self.repository {
            let parts: Vec<&str> = repo.split('/').collect();
            if parts.len() >= 3 {
                out.push(("project_path", parts[..parts.len() - 1].join("/")));
                out.push(("image_name", parts[parts.len() - 1].to_string()));
            } else {
                out.push(("project_path", repo.clone()));
            }
        }
        if let Some(t) = &self.tag {
            out.push(("tag", t.clone()));
        }
        if let Some(d) = &self.digest {
            out.push(("digest", d.clone()));
        }
        if let Some(h) = &self.gitlab_host {
            out.push(("gitlab_url", format!("https://{h}")));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        *self == Found::default()
    }
}

/// Only this many bytes of a line are looked at; log lines can be megabytes long.
const LINE_WINDOW: usize = 2048;

pub fn extract(input: &[u8]) -> Found {
    let mut f = Found::default();
    for raw in input.split(|&b| b == b'\n') {
        let raw = &raw[..raw.len().min(LINE_WINDOW)];
        if !might_matter(raw) {
            continue;
        }
        let line = String::from_utf8_lossy(raw);
        let line = super::evidence::strip_ansi(&line);
        scan_line(line.trim_end_matches('\r'), &mut f);
    }
    f
}

/// Cheap filter so a 100 MB log is not decoded line by line.
fn might_matter(raw: &[u8]) -> bool {
    const KEYS: &[&[u8]] = &[
        b"push",
        b"pull",
        b"login",
        b"/v2/",
        b"sha256:",
        b"HTTP",
        b"status",
        b"version",
        b"gitlab-runner",
        b"Executing",
        b"manifest",
        b"docker",
        b"podman",
        b"skopeo",
        b"kaniko",
        b"buildx",
        b"jwt/auth",
        b"Pulling",
        b"repository",
        b"destination",
    ];
    KEYS.iter().any(|k| memchr::memmem::find(raw, k).is_some())
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            *slot = Some(v);
        }
    }
}

fn scan_line(line: &str, f: &mut Found) {
    if let Some(rest) = after(line, "The push refers to repository [") {
        let name = rest.split(']').next().unwrap_or("");
        take_reference(name, f);
    }
    for cmd in [
        "docker push ",
        "docker pull ",
        "podman push ",
        "podman pull ",
        "docker manifest push ",
        "docker tag ",
        "buildah push ",
    ] {
        if let Some(rest) = after(line, cmd) {
            if let Some(word) = rest.split_whitespace().rev().find(|w| !w.starts_with('-')) {
                take_reference(word.trim_matches(['"', '\'']), f);
            }
        }
    }
    for key in [
        "pull access denied for ",
        "failed to put manifest ",
        "--destination=",
        "--destination ",
        "failed to resolve reference \"",
        "failed to pull image \"",
        "Failed to pull image \"",
    ] {
        if let Some(rest) = after(line, key) {
            let word = rest.split([',', ' ', '"', '\'']).next().unwrap_or("").trim_end_matches(':');
            take_reference(word, f);
        }
    }
    for key in ["docker login ", "podman login ", "skopeo login "] {
        if let Some(rest) = after(line, key) {
            if let Some(host) =
                rest.split_whitespace().filter(|w| !w.starts_with('-')).find(|w| w.contains('.') || w.contains(':'))
            {
                let host = host.trim_matches(['"', '\'']);
                if is_host(host) {
                    set(&mut f.registry, Some(host.to_string()));
                }
            }
        }
    }
    // `Get "https://registry.example.com/v2/": …`, `Head "https://…/v2/group/app/manifests/1.0"`.
    if let Some(i) = line.find("https://") {
        let url = line[i + 8..].split(['"', ' ', '\'']).next().unwrap_or("");
        if let Some((host, path)) = url.split_once('/') {
            if let Some(repo_path) = path.strip_prefix("v2/") {
                set(&mut f.registry, is_host(host).then(|| host.to_string()));
                if let Some((repo, _)) = repo_path.split_once("/manifests/").or_else(|| repo_path.split_once("/blobs/"))
                {
                    set(&mut f.repository, Some(repo.to_string()));
                }
            } else if path.starts_with("jwt/auth") {
                set(&mut f.gitlab_host, is_host(host).then(|| host.to_string()));
            }
        }
    }
    if let Some(i) = line.find("sha256:") {
        let hex: String = line[i + 7..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        if hex.len() == 64 {
            set(&mut f.digest, Some(format!("sha256:{}", hex.to_ascii_lowercase())));
        }
    }
    if f.http_status.is_none() {
        f.http_status = http_status(line);
    }
    if let Some(v) = after(line, "Running with gitlab-runner ") {
        set(&mut f.runner_version, v.split_whitespace().next().map(str::to_string));
    }
    for (marker, client) in [
        ("Docker version ", "docker"),
        ("podman version ", "podman"),
        ("github.com/docker/buildx v", "buildx"),
        ("kaniko-project/executor:v", "kaniko"),
        ("skopeo version ", "skopeo"),
    ] {
        if let Some(v) = after(line, marker) {
            set(&mut f.client, Some(client.to_string()));
            set(&mut f.client_version, v.split([' ', ',', '"']).next().map(str::to_string));
        }
    }
    if let Some(rest) = after(line, "Executing \"") {
        set(&mut f.job_stage, rest.split('"').next().map(str::to_string));
    }
}

fn after<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.find(key).map(|i| &line[i + key.len()..])
}

/// `registry.example.com:5050/group/app:1.0@sha256:…` → registry, repository, tag, digest.
fn take_reference(word: &str, f: &mut Found) {
    let word = word.trim_start_matches("docker://");
    if word.is_empty() || word.contains('$') {
        return;
    }
    let (name, digest) = match word.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (word, None),
    };
    let (name, tag) = match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => (&name[..i], Some(&name[i + 1..])),
        _ => (name, None),
    };
    let Some((first, rest)) = name.split_once('/') else { return };
    if !(first.contains('.') || first.contains(':') || first == "localhost") || !is_host(first) {
        return;
    }
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-/".contains(&b)) {
        return;
    }
    set(&mut f.registry, Some(first.to_string()));
    set(&mut f.repository, Some(rest.to_string()));
    set(&mut f.tag, tag.filter(|t| !t.is_empty() && t.len() <= 128).map(str::to_string));
    set(&mut f.digest, digest.filter(|d| d.starts_with("sha256:") && d.len() == 71).map(str::to_string));
}

fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 255
        && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        && !h.starts_with(['-', '.'])
}

/// `… 401 Unauthorized`, `status: 403`, `HTTP 404`, `unexpected HTTP status: 500 Internal …`.
fn http_status(line: &str) -> Option<u16> {
    for key in ["HTTP status: ", "status: ", "status code ", "HTTP/1.1 ", "HTTP/2 ", "error parsing HTTP ", "registry "]
    {
        if let Some(rest) = after(line, key) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<u16>() {
                if (400..600).contains(&n) {
                    return Some(n);
                }
            }
        }
    }
    for (text, code) in [
        ("401 Unauthorized", 401),
        ("403 Forbidden", 403),
        ("404 Not Found", 404),
        ("413 Request Entity Too Large", 413),
        ("429 Too Many Requests", 429),
        ("500 Internal Server Error", 500),
        ("502 Bad Gateway", 502),
        ("503 Service Unavailable", 503),
    ] {
        if line.contains(text) {
            return Some(code);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_push_target_and_status() {
        let log = b"$ docker push registry.example.com:5050/group/project/app:1.2\nThe push refers to repository [registry.example.com:5050/group/project/app]\nunexpected status: 401 Unauthorized\n";
        let f = extract(log);
        assert_eq!(f.registry.as_deref(), Some("registry.example.com:5050"));
        assert_eq!(f.repository.as_deref(), Some("group/project/app"));
        assert_eq!(f.tag.as_deref(), Some("1.2"));
        assert_eq!(f.http_status, Some(401));
        let params = f.as_params();
        assert!(params.contains(&("project_path", "group/project".to_string())));
        assert!(params.contains(&("image_name", "app".to_string())));
    }

    #[test]
    fn ignores_variables_and_docker_hub_names() {
        let f = extract(b"$ docker push $CI_REGISTRY_IMAGE:latest\n$ docker pull alpine:3.20\n");
        assert_eq!(f.registry, None);
    }
}
