//! Values found in a pasted text that the fix commands can use: registry host, image path, tag,
//! digest, HTTP status, client and version, GitLab host, project path, CI job and stage.
//!
//! No per-line work over the whole input: the scan looks for [`TRIGGERS`] (the literals that start
//! an interesting line) in the first and last 64 KB of the input (the runner header, the commands
//! that ran, the end of the job) and 64 KB around each symptom match; only those lines — plus the
//! evidence lines of the best diagnosis, which are looked at first — go through the hand-written
//! scanners here. Every `section_start:` line is found wherever it is. No regex engine ships to
//! the browser.

/// Literals that announce a line worth reading for values (searched by the scan, see the module
/// comment).
pub const TRIGGERS: &[&str] = &[
    "The push refers to repository [",
    "docker push ",
    "docker pull ",
    "docker tag ",
    "docker build ",
    "buildx build ",
    "docker manifest ",
    "imagetools create ",
    "podman push ",
    "podman pull ",
    "buildah push ",
    "buildah pull ",
    "skopeo copy ",
    "skopeo inspect ",
    "nerdctl push ",
    "nerdctl pull ",
    "ctr images pull ",
    "ctr image pull ",
    "crane push ",
    "pull access denied for ",
    "failed to put manifest ",
    "--destination",
    "reference \"",
    "pull image \"",
    "docker://",
    "docker login",
    "podman login",
    "buildah login",
    "skopeo login",
    "nerdctl login",
    "/v2/",
    "/jwt/auth",
    "/help/",
    "/api/v4/",
    "repo_url=",
    "Git repository in /builds/",
    "digest: sha256:",
    "@sha256:",
    "status: ",
    "status code ",
    "HTTP/1.1 ",
    "HTTP/2 ",
    "error parsing HTTP ",
    "Unauthorized",
    "Forbidden",
    "Not Found",
    "Too Many Requests",
    "Internal Server Error",
    "Bad Gateway",
    "Service Unavailable",
    "Gateway Time",
    "Request Entity Too Large",
    "Running with gitlab-runner ",
    "Docker version ",
    "Client: Docker Engine",
    "podman version ",
    "buildah version ",
    "skopeo version ",
    "github.com/docker/buildx v",
    "kaniko-project/executor:",
    "github.com/containerd/containerd v",
    "nerdctl version ",
    "executor with image ",
    "Using docker image ",
    "$ docker ",
    "$ podman ",
    "$ buildah ",
    "$ skopeo ",
    "$ nerdctl ",
    "$ ctr ",
    "/kaniko/executor",
    "section_start:",
    "CI_JOB_NAME",
    "CI_JOB_STAGE",
    "CI_SERVER_HOST=",
    "CI_SERVER_URL=",
];

/// Lines kept per trigger: values come from the first convincing line, but every runner section
/// start is kept (the section of the error is the last one started before it).
pub(crate) fn trigger_cap(trigger: u16) -> usize {
    match TRIGGERS.get(usize::from(trigger)) {
        Some(&"section_start:") => 4096,
        _ => 16,
    }
}

/// What the text revealed. Each field holds the first convincing value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Registry host, with its port when one was given (`registry.example.com:5050`).
    pub registry: Option<String>,
    /// Full repository path below the registry (`group/project/image`).
    pub repository: Option<String>,
    pub tag: Option<String>,
    pub digest: Option<String>,
    pub http_status: Option<u16>,
    /// The tool that talked to the registry: docker, podman, buildah, skopeo, buildx, kaniko,
    /// containerd, nerdctl, or gitlab-runner when only the runner did.
    pub client: Option<String>,
    pub client_version: Option<String>,
    pub gitlab_host: Option<String>,
    pub runner_version: Option<String>,
    /// The runner section the best diagnosis' first evidence line is in (`step_script`,
    /// `prepare_executor`, …).
    pub job_stage: Option<String>,
    /// The GitLab project path, when the text names it (the runner's clone directory, `repo_url=`).
    pub project_path: Option<String>,
    /// `CI_JOB_NAME` / `CI_JOB_STAGE`, when the text shows them.
    pub job_name: Option<String>,
    pub ci_stage: Option<String>,
}

impl Found {
    /// The full image path: `registry/repository`.
    pub fn image(&self) -> Option<String> {
        Some(format!("{}/{}", self.registry.as_ref()?, self.repository.as_ref()?))
    }

    /// The project path and image name below it. From the text when it names the project;
    /// otherwise a guess from the repository path (GitLab allows up to two image levels below a
    /// project, one is the common case), which the page shows for the user to confirm.
    pub fn project_and_image(&self) -> Option<(String, Option<String>)> {
        let repo = self.repository.as_deref();
        if let Some(project) = &self.project_path {
            let project = project.to_ascii_lowercase();
            return Some(match repo.and_then(|r| r.strip_prefix(project.as_str())) {
                Some(rest) if rest.starts_with('/') => (project, Some(rest[1..].to_string())),
                _ => (project, None),
            });
        }
        let repo = repo?;
        let parts: Vec<&str> = repo.split('/').collect();
        Some(if parts.len() >= 3 {
            (parts[..parts.len() - 1].join("/"), Some(parts[parts.len() - 1].to_string()))
        } else {
            (repo.to_string(), None)
        })
    }

    /// Values as parameter name → value, for filling command plans.
    pub fn as_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(r) = &self.registry {
            out.push(("registry", r.clone()));
        }
        if let Some((project, image)) = self.project_and_image() {
            out.push(("project_path", project));
            if let Some(image) = image {
                out.push(("image_name", image));
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

    /// Every value by a stable name (the CLI's JSON `values` object, the report).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                out.push((k, v));
            }
        };
        put("registry", self.registry.clone());
        put("image", self.image());
        put("repository", self.repository.clone());
        let (project, image_name) = self.project_and_image().map_or((None, None), |(p, i)| (Some(p), i));
        put("project_path", project);
        put("image_name", image_name);
        put("tag", self.tag.clone());
        put("digest", self.digest.clone());
        put("http_status", self.http_status.map(|s| s.to_string()));
        put("client", self.client.clone());
        put("client_version", self.client_version.clone());
        put("runner_version", self.runner_version.clone());
        put("gitlab_host", self.gitlab_host.clone());
        put("job_name", self.job_name.clone());
        put("ci_stage", self.ci_stage.clone());
        put("job_stage", self.job_stage.clone());
        out
    }

    pub fn is_empty(&self) -> bool {
        *self == Found::default()
    }
}

/// Only this many bytes around a trigger are looked at; log lines can be megabytes long.
const LINE_WINDOW: usize = 2048;

/// Values of the whole input on their own (no diagnosis to focus on).
pub fn extract(input: &[u8]) -> Found {
    let hits = super::scan::scan(input);
    from_hits(input, &hits.values, &[], input.len())
}

/// `triggers`: the scan's trigger hits; `first`: lines looked at before them (the best diagnosis'
/// evidence); `focus`: where the best diagnosis matched (for the runner section).
pub(crate) fn from_hits(input: &[u8], triggers: &[(usize, u16)], first: &[&str], focus: usize) -> Found {
    let mut acc = Acc::default();
    for line in first {
        acc.line(line);
    }
    let mut last_line = usize::MAX;
    for &(pos, t) in triggers {
        let (start, end) = line_around(input, pos);
        if TRIGGERS[usize::from(t)] == "section_start:" {
            if pos < focus {
                acc.section = section_name(&input[pos..end]);
            }
            continue;
        }
        if start == last_line {
            continue;
        }
        last_line = start;
        let text = clean(&input[start..end]);
        acc.line(&text);
        if TRIGGERS[usize::from(t)] == "Client: Docker Engine" {
            // `docker version`: the version is on a following ` Version:` line.
            let mut at = end;
            for _ in 0..3 {
                let (s, e) = line_around(input, (at + 1).min(input.len()));
                let next = clean(&input[s..e]);
                if let Some(v) = after(&next, "Version:") {
                    acc.version("docker", v.trim(), 1);
                    break;
                }
                at = e;
            }
        }
    }
    acc.finish()
}

fn line_around(input: &[u8], pos: usize) -> (usize, usize) {
    let lo = pos.saturating_sub(LINE_WINDOW);
    let start = memchr::memrchr(b'\n', &input[lo..pos]).map_or(lo, |i| lo + i + 1);
    let hi = (pos + LINE_WINDOW).min(input.len());
    let end = memchr::memchr(b'\n', &input[pos..hi]).map_or(hi, |i| pos + i);
    (start, end)
}

fn clean(raw: &[u8]) -> String {
    super::evidence::strip_ansi(&String::from_utf8_lossy(raw)).replace('\r', " ")
}

/// `section_start:1714557607:step_script\r…` → `step_script`.
fn section_name(raw: &[u8]) -> Option<String> {
    let rest = raw.strip_prefix(b"section_start:")?;
    let rest = &rest[memchr::memchr(b':', rest)? + 1..];
    let name: String =
        rest.iter().take_while(|b| b.is_ascii_alphanumeric() || b"_-".contains(b)).map(|&b| char::from(b)).collect();
    (!name.is_empty()).then_some(name)
}

#[derive(Default)]
struct Acc {
    f: Found,
    /// Tool of the first registry command seen (`$ docker push …`).
    command_client: Option<&'static str>,
    /// (tool, version, rank): rank 0 for a tool's own version line, 1 for `docker version`, 2 for
    /// a guess from the job image tag.
    versions: Vec<(&'static str, String, u8)>,
    section: Option<String>,
}

impl Acc {
    fn version(&mut self, tool: &'static str, raw: &str, rank: u8) {
        let v: String = raw
            .trim_start_matches('v')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || ".-+".contains(*c))
            .collect();
        if v.starts_with(|c: char| c.is_ascii_digit()) && !self.versions.iter().any(|(t, _, _)| *t == tool) {
            self.versions.push((tool, v, rank));
        }
    }

    fn finish(mut self) -> Found {
        self.versions.sort_by_key(|(_, _, rank)| *rank);
        let client = self.command_client.or_else(|| self.versions.first().map(|(t, _, _)| *t)).or(self
            .f
            .runner_version
            .as_ref()
            .map(|_| "gitlab-runner"));
        if let Some(c) = client {
            self.f.client = Some(c.to_string());
            self.f.client_version = if c == "gitlab-runner" {
                self.f.runner_version.clone()
            } else {
                self.versions.iter().find(|(t, _, _)| *t == c).map(|(_, v, _)| v.clone())
            };
        }
        if self.f.gitlab_host.is_none() {
            self.f.gitlab_host = self.f.registry.as_deref().and_then(gitlab_host_from_registry);
        }
        self.f.job_stage = self.section;
        self.f
    }

    fn line(&mut self, line: &str) {
        let f = &mut self.f;
        if let Some(rest) = after(line, "The push refers to repository [") {
            take_reference(rest.split(']').next().unwrap_or(""), f);
        }
        for (cmd, tool) in [
            ("docker push ", "docker"),
            ("docker pull ", "docker"),
            ("docker manifest push ", "docker"),
            ("docker manifest create ", "docker"),
            ("podman push ", "podman"),
            ("podman pull ", "podman"),
            ("buildah push ", "buildah"),
            ("buildah pull ", "buildah"),
            ("nerdctl push ", "nerdctl"),
            ("nerdctl pull ", "nerdctl"),
            ("ctr images pull ", "containerd"),
            ("ctr image pull ", "containerd"),
            ("crane push ", "crane"),
            ("skopeo copy ", "skopeo"),
            ("skopeo inspect ", "skopeo"),
        ] {
            if let Some(rest) = after(line, cmd) {
                // The destination is the last word that is not an option (`skopeo copy SRC DST`).
                if let Some(word) = rest.split_whitespace().rev().find(|w| !w.starts_with('-')) {
                    take_reference(word.trim_matches(['"', '\'']), f);
                }
                if line.trim_start().starts_with('$') || line.contains("$ ") {
                    self.command_client.get_or_insert(tool);
                }
            }
        }
        // `docker tag SRC DST`, `docker build -t X`, `buildx build --tag X --push`.
        for cmd in ["docker tag ", "docker build ", "buildx build "] {
            if let Some(rest) = after(line, cmd) {
                let mut words = rest.split_whitespace().peekable();
                while let Some(w) = words.next() {
                    let value = match w {
                        "-t" | "--tag" => words.next(),
                        _ => w.strip_prefix("--tag=").or_else(|| w.strip_prefix("-t=")),
                    };
                    if let Some(v) = value {
                        take_reference(v.trim_matches(['"', '\'']), f);
                    }
                }
                if cmd == "docker tag " {
                    if let Some(w) = rest.split_whitespace().rev().find(|w| !w.starts_with('-')) {
                        take_reference(w, f);
                    }
                }
                if line.contains("$ ") {
                    self.command_client.get_or_insert(if cmd == "buildx build " { "buildx" } else { "docker" });
                }
            }
        }
        for (marker, tool) in [
            ("$ docker buildx ", "buildx"),
            ("$ docker ", "docker"),
            ("$ podman ", "podman"),
            ("$ buildah ", "buildah"),
            ("$ skopeo ", "skopeo"),
            ("$ nerdctl ", "nerdctl"),
            ("$ ctr ", "containerd"),
            ("/kaniko/executor", "kaniko"),
        ] {
            if line.contains(marker) && (marker.starts_with('/') || mentions_registry_command(line)) {
                self.command_client.get_or_insert(tool);
            }
        }
        for key in [
            "pull access denied for ",
            "failed to put manifest ",
            "--destination=",
            "--destination ",
            "reference \"",
            "pull image \"",
            "docker://",
        ] {
            if let Some(rest) = after(line, key) {
                let word = rest.split([',', ' ', '"', '\'']).next().unwrap_or("").trim_end_matches(':');
                take_reference(word, f);
            }
        }
        for key in ["docker login", "podman login", "buildah login", "skopeo login", "nerdctl login"] {
            if let Some(rest) = after(line, key) {
                let mut words = rest.split_whitespace();
                let mut host = None;
                while let Some(w) = words.next() {
                    if matches!(w, "-u" | "--username" | "-p" | "--password" | "--authfile") {
                        words.next();
                    } else if !w.starts_with('-') && !w.starts_with('<') && !w.starts_with('|') {
                        host = Some(w.trim_matches(['"', '\'']));
                        break;
                    }
                }
                let host = host.map(|h| h.trim_start_matches("https://").trim_end_matches('/'));
                if let Some(h) = host.filter(|h| looks_like_registry(h)) {
                    set(&mut f.registry, Some(h.to_string()));
                }
            }
        }
        urls(line, f);
        digest_and_tag(line, f);
        if f.http_status.is_none() {
            f.http_status = http_status(line);
        }
        if let Some(v) = after(line, "Running with gitlab-runner ") {
            set(&mut f.runner_version, v.split_whitespace().next().map(str::to_string));
        }
        self.project_and_job(line);
        for (marker, tool, rank) in [
            ("Docker version ", "docker", 0),
            ("podman version ", "podman", 0),
            ("buildah version ", "buildah", 0),
            ("skopeo version ", "skopeo", 0),
            ("github.com/docker/buildx v", "buildx", 0),
            ("kaniko-project/executor:v", "kaniko", 0),
            ("github.com/containerd/containerd v", "containerd", 0),
            ("nerdctl version ", "nerdctl", 0),
            ("executor with image docker:", "docker", 2),
            (" for docker:", "docker", 2),
        ] {
            if let Some(v) = after(line, marker) {
                self.version(tool, v, rank);
            }
        }
    }

    fn project_and_job(&mut self, line: &str) {
        let f = &mut self.f;
        if let Some(rest) = after(line, "Git repository in /builds/") {
            let path = rest.split_whitespace().next().unwrap_or("").trim_end_matches('/');
            let path = path.strip_suffix("/.git").unwrap_or(path);
            let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
            // `/builds/<runner token>/<concurrency id>/<project path>` on runners with concurrency.
            let skip = if parts.len() >= 4 && parts[1].bytes().all(|b| b.is_ascii_digit()) { 2 } else { 0 };
            if parts.len() >= skip + 2 && parts.iter().all(|p| is_path_segment(p)) {
                set(&mut f.project_path, Some(parts[skip..].join("/")));
            }
        }
        if let Some(rest) = after(line, "repo_url=") {
            let url = rest.split_whitespace().next().unwrap_or("");
            if let Some((host, path)) = url.strip_prefix("https://").and_then(|u| u.split_once('/')) {
                set(&mut f.gitlab_host, is_host(host).then(|| host.to_string()));
                let path = path.trim_end_matches(".git");
                if path.split('/').count() >= 2 && path.split('/').all(is_path_segment) {
                    set(&mut f.project_path, Some(path.to_string()));
                }
            }
        }
        for (key, slot) in [("CI_JOB_NAME", &mut f.job_name), ("CI_JOB_STAGE", &mut f.ci_stage)] {
            if let Some(rest) = after(line, key) {
                if let Some(v) = rest.strip_prefix('=').or_else(|| rest.strip_prefix(": ")) {
                    let v = v.trim().trim_matches(['"', '\'']);
                    if !v.is_empty() && !v.starts_with('$') && v.len() <= 255 {
                        set(slot, Some(v.to_string()));
                    }
                }
            }
        }
        for key in ["CI_SERVER_HOST=", "CI_SERVER_URL=https://"] {
            if let Some(rest) = after(line, key) {
                let host = rest.split(['/', ' ', '"', '\'']).next().unwrap_or("");
                set(&mut f.gitlab_host, is_host(host).then(|| host.to_string()));
            }
        }
    }
}

/// A `$ docker …` line that talks to a registry (not `docker info` or `docker run`).
fn mentions_registry_command(line: &str) -> bool {
    [" push", " pull", " login", " manifest", " buildx", " build", " tag", " copy", " inspect", " images"]
        .iter()
        .any(|w| line.contains(w))
}

fn is_path_segment(s: &str) -> bool {
    !s.is_empty() && s.len() <= 255 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// `Get "https://registry.example.com/v2/group/app/manifests/1.0"`, the token endpoint, help and API
/// links.
fn urls(line: &str, f: &mut Found) {
    let mut rest = line;
    while let Some(i) = rest.find("https://") {
        let url = rest[i + 8..].split(['"', ' ', '\'', ')', '>', ']']).next().unwrap_or("");
        rest = &rest[i + 8..];
        let Some((host, path)) = url.split_once('/') else { continue };
        if !is_host(host) {
            continue;
        }
        if let Some(repo_path) = path.strip_prefix("v2/") {
            set(&mut f.registry, Some(host.to_string()));
            let found = ["/manifests/", "/blobs/", "/tags/list"]
                .iter()
                .find_map(|m| repo_path.split_once(m).map(|(repo, what)| (repo, *m, what)));
            if let Some((repo, marker, what)) = found {
                if is_repository(repo) {
                    set(&mut f.repository, Some(repo.to_string()));
                    if marker == "/manifests/" {
                        let reference = what.split(['?', '#']).next().unwrap_or("");
                        if is_digest(reference) {
                            set(&mut f.digest, Some(reference.to_string()));
                        } else if is_tag(reference) {
                            set(&mut f.tag, Some(reference.to_string()));
                        }
                    }
                }
            }
        } else if path.starts_with("jwt/auth") || path.starts_with("help/") || path.starts_with("api/v4/") {
            set(&mut f.gitlab_host, Some(host.to_string()));
        }
    }
}

/// `1.4.2: digest: sha256:… size: 1234` (docker push), `@sha256:…` in references.
fn digest_and_tag(line: &str, f: &mut Found) {
    if let Some(i) = line.find(": digest: sha256:") {
        let tag = line[..i].rsplit([' ', '\t']).next().unwrap_or("");
        if is_tag(tag) {
            set(&mut f.tag, Some(tag.to_string()));
        }
        take_digest(&line[i + 10..], f);
    }
    if let Some(i) = line.find("@sha256:") {
        take_digest(&line[i + 1..], f);
    }
}

fn take_digest(s: &str, f: &mut Found) {
    let candidate = s.get(..71).unwrap_or("");
    if is_digest(candidate) {
        set(&mut f.digest, Some(candidate.to_ascii_lowercase()));
    }
}

fn is_digest(s: &str) -> bool {
    s.len() == 71 && s.starts_with("sha256:") && s[7..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_tag(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        && !s.starts_with(['.', '-'])
}

fn is_repository(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 255
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-/".contains(&b))
        && !s.starts_with('/')
        && !s.ends_with('/')
        && !s.contains("//")
}

fn after<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.find(key).map(|i| &line[i + key.len()..])
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            *slot = Some(v);
        }
    }
}

/// `registry.example.com:5050/group/app:1.0@sha256:…` → registry, repository, tag, digest.
fn take_reference(word: &str, f: &mut Found) {
    let word = word.trim_start_matches("docker://").trim_start_matches("https://");
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
    if !looks_like_registry(first) || !is_repository(rest) {
        return;
    }
    // One reference gives all of its parts or none: a tag from another image would mislead.
    if f.registry.as_deref().is_some_and(|r| r != first) || f.repository.as_deref().is_some_and(|r| r != rest) {
        return;
    }
    set(&mut f.registry, Some(first.to_string()));
    set(&mut f.repository, Some(rest.to_string()));
    set(&mut f.tag, tag.filter(|t| is_tag(t)).map(str::to_string));
    set(&mut f.digest, digest.filter(|d| is_digest(d)).map(str::to_string));
}

/// A registry host: has a dot or a port, or is localhost (Docker's rule for the first component).
fn looks_like_registry(h: &str) -> bool {
    (h.contains('.') || h.contains(':') || h == "localhost") && is_host(h)
}

fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 255
        && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        && !h.starts_with(['-', '.', ':'])
        && !h.ends_with(['.', ':'])
}

/// GitLab's own layouts: the registry on port 5050 of the GitLab host, or `registry.` in front of a
/// `gitlab.` host name. Anything else is not guessed.
fn gitlab_host_from_registry(registry: &str) -> Option<String> {
    if let Some(host) = registry.strip_suffix(":5050") {
        return Some(host.to_string());
    }
    let host = registry.split(':').next().unwrap_or(registry);
    host.strip_prefix("registry.").filter(|h| h.starts_with("gitlab.")).map(str::to_string)
}

/// `… 401 Unauthorized`, `status: 403`, `HTTP 404`, `unexpected HTTP status: 500 Internal …`.
fn http_status(line: &str) -> Option<u16> {
    for key in
        ["HTTP status: ", "status: ", "status code ", "status code: ", "HTTP/1.1 ", "HTTP/2 ", "error parsing HTTP "]
    {
        let mut rest = line;
        while let Some(i) = rest.find(key) {
            rest = &rest[i + key.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse::<u16>() {
                if digits.len() == 3 && (400..600).contains(&n) {
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
        ("504 Gateway Time", 504),
    ] {
        if let Some(i) = line.find(text) {
            if !line[..i].ends_with(|c: char| c.is_ascii_digit()) {
                return Some(code);
            }
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
        assert_eq!(f.client.as_deref(), Some("docker"));
        assert_eq!(f.gitlab_host.as_deref(), Some("registry.example.com"));
        let params = f.as_params();
        assert!(params.contains(&("project_path", "group/project".to_string())));
        assert!(params.contains(&("image_name", "app".to_string())));
    }

    #[test]
    fn ignores_variables_and_docker_hub_names() {
        let f = extract(b"$ docker push $CI_REGISTRY_IMAGE:latest\n$ docker pull alpine:3.20\n");
        assert_eq!(f.registry, None);
    }

    #[test]
    fn reads_versions_sections_and_project() {
        let log = "section_start:1:prepare_executor\r\x1b[0KPreparing\n\
                   Running with gitlab-runner 17.4.1 (b92ee590)\n\
                   section_start:2:step_script\r\x1b[0KExecuting\n\
                   Initialized empty Git repository in /builds/t3_Xk9pQ/0/acme/Platform/api/.git/\n\
                   $ podman --version\npodman version 5.2.1\n$ podman push registry.gitlab.com/acme/platform/api/web:v2\n\
                   v2: digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef size: 528\n";
        let f = extract(log.as_bytes());
        assert_eq!(f.runner_version.as_deref(), Some("17.4.1"));
        assert_eq!(f.client.as_deref(), Some("podman"));
        assert_eq!(f.client_version.as_deref(), Some("5.2.1"));
        assert_eq!(f.job_stage.as_deref(), Some("step_script"));
        assert_eq!(f.gitlab_host.as_deref(), Some("gitlab.com"));
        assert_eq!(f.tag.as_deref(), Some("v2"));
        assert!(f.digest.as_deref().is_some_and(|d| d.ends_with("abcdef")));
        assert_eq!(f.project_and_image(), Some(("acme/platform/api".into(), Some("web".into()))));
    }
}
