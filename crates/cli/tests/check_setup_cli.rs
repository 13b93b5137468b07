//! `registry-doctor check-setup` against the local GitLab stand-in (`e2e/stub-gitlab.mjs`, answers
//! shaped as GitLab's API documentation shows them): what the user reads, the exit codes, and that the
//! token only ever travels in a header.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

/// The stand-in, stopped when the test ends (by its own handle, nothing broader).
struct Stub {
    child: Child,
    url: String,
}

impl Stub {
    fn start() -> Stub {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut child = Command::new("node")
            .args(["e2e/stub-gitlab.mjs", "--port", "0", "--slow-ms", "4000"])
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs the GitLab stand-in");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("the stub prints its port");
        let v: serde_json::Value = serde_json::from_str(line.trim()).expect("{\"port\":N}");
        Stub { url: format!("http://127.0.0.1:{}", v["port"]), child }
    }

    /// Every request the stub saw: `[{method, url, token}]`.
    fn log(&self) -> Vec<serde_json::Value> {
        let out = check(&self.url, &["--project", "x/y"], None); // any request works; read the log next
        drop(out);
        let port = self.url.rsplit(':').next().unwrap();
        let mut s = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
        use std::io::{Read, Write};
        write!(s, "GET /__stub/log HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut resp = String::new();
        s.read_to_string(&mut resp).unwrap();
        let body = resp.split("\r\n\r\n").nth(1).unwrap();
        // Chunked or not, the JSON array is the part between the first `[` and the last `]`.
        let json = &body[body.find('[').unwrap()..=body.rfind(']').unwrap()];
        serde_json::from_str::<Vec<serde_json::Value>>(json).unwrap()
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn check(gitlab: &str, args: &[&str], token: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_registry-doctor"));
    cmd.args(["check-setup", "--gitlab", gitlab]).args(args).env_remove("GITLAB_TOKEN");
    if let Some(t) = token {
        cmd.env("GITLAB_TOKEN", t);
    }
    cmd.output().expect("run registry-doctor")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn status_of<'a>(v: &'a serde_json::Value, check: &str) -> &'a serde_json::Value {
    v["checks"].as_array().unwrap().iter().find(|c| c["check"] == check).unwrap_or_else(|| panic!("no {check}: {v}"))
}

#[test]
fn a_maintainer_sees_every_check_and_the_problems_link_their_entries() {
    let stub = Stub::start();
    let out = check(
        &stub.url,
        &["--project", "my-group/my-project", "--target-project", "platform/locked", "--json"],
        Some("glpat-maintainer"),
    );
    assert_eq!(out.status.code(), Some(1), "problems found → 1");
    let v = json(&out);
    for (check, status) in [
        ("token", "pass"),
        ("project", "pass"),
        ("registry", "pass"),
        ("repositories", "pass"),
        ("repository-protection", "pass"),
        ("tag-protection", "problem"),
        ("cleanup-policy", "pass"),
        ("job-token-allowlist", "problem"),
    ] {
        assert_eq!(status_of(&v, check)["status"], status, "{check}: {}", status_of(&v, check));
    }
    let jt = status_of(&v, "job-token-allowlist");
    assert_eq!(jt["catalog"], "SEED-06");
    assert_eq!(jt["values"]["project_id"], "78");
    assert_eq!(jt["values"]["target_project_id"], "42");
    assert!(jt["link"].as_str().unwrap().starts_with("#/d/ci-image-pull-job-token-denied?"));
    assert_eq!(status_of(&v, "tag-protection")["catalog"], "ENT-B04");
    // The tag list is exactly what the transfer task reads.
    let tags = &v["tag_list"];
    assert_eq!(tags[0]["path"], "my-group/my-project");
    assert_eq!(tags[0]["tags"][1]["name"], "latest");
    // Allowed in through the target's documented allowlist: a pass, exit 1 only for the tag rule.
    let v = json(&check(
        &stub.url,
        &["--project", "my-group/my-project", "--target-project", "platform/base-images", "--json"],
        Some("glpat-maintainer"),
    ));
    assert_eq!(status_of(&v, "job-token-allowlist")["status"], "pass");
}

#[test]
fn roles_and_scopes_that_fall_short_say_what_they_need() {
    let stub = Stub::start();
    let out = check(&stub.url, &["--project", "my-group/my-project"], Some("glpat-developer"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Protected repositories: Could not check: 403 — needs the Maintainer role or higher."),
        "{text}"
    );
    let out = check(&stub.url, &["--project", "my-group/my-project", "--json"], Some("glpat-reader"));
    let v = json(&out);
    assert_eq!(status_of(&v, "token")["catalog"], "ENT-B01");
    assert!(status_of(&v, "token")["message"].as_str().unwrap().contains("write_registry"));
    assert_eq!(out.status.code(), Some(1));
    for (token, words) in [("glpat-expired", "expired"), ("glpat-revoked", "revoked"), ("glpat-wrong", "401")] {
        let v = json(&check(&stub.url, &["--project", "my-group/my-project", "--json"], Some(token)));
        let t = status_of(&v, "token");
        assert_eq!((t["status"].as_str(), t["catalog"].as_str()), (Some("problem"), Some("ENT-A01")));
        assert!(t["message"].as_str().unwrap().contains(words), "{t}");
    }
    let v = json(&check(&stub.url, &["--project", "my-group/my-project", "--json"], Some("glpat-noapi")));
    assert_eq!(status_of(&v, "token")["reason"], "insufficient-scope");
}

#[test]
fn anonymous_private_public_and_a_thousand_tags() {
    let stub = Stub::start();
    let v = json(&check(&stub.url, &["--project", "my-group/my-project", "--json"], None));
    assert_eq!(status_of(&v, "token")["reason"], "needs-token");
    assert_eq!(status_of(&v, "project")["catalog"], "ENT-B02", "private projects are invisible anonymously");
    let v = json(&check(&stub.url, &["--project", "registry/off", "--json"], None));
    assert_eq!(status_of(&v, "registry")["catalog"], "ENT-A08");
    let v = json(&check(&stub.url, &["--project", "public/app", "--json"], None));
    assert_eq!(status_of(&v, "registry")["catalog"], "ENT-B02", "a private registry needs Reporter");
    let out = check(&stub.url, &["--project", "big/registry", "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert!(status_of(&v, "repositories")["message"].as_str().unwrap().starts_with("250 repositories, 1000 tags"));
    let total: usize = v["tag_list"].as_array().unwrap().iter().map(|r| r["tags"].as_array().unwrap().len()).sum();
    assert_eq!(total, 1000);
    let pages = stub
        .log()
        .iter()
        .filter(|r| r["url"].as_str().unwrap().starts_with("/api/v4/projects/50/registry/repositories?"))
        .count();
    assert_eq!(pages, 3, "100 per page, following X-Next-Page / Link");
}

#[test]
fn every_failure_mode_gets_its_own_message() {
    let stub = Stub::start();
    let cases = [
        ("fail/forbidden", "project", "403"),
        ("fail/missing", "project", "was not found"),
        ("fail/server-error", "project", "500 — GitLab or a proxy in front of it failed"),
        ("fail/html", "project", "a web page instead of JSON"),
        ("fail/bad-json", "project", "not what GitLab's API documents"),
        ("fail/rate-limited", "project", "Try again in 7 seconds"),
    ];
    for (project, check_name, words) in cases {
        let v = json(&check(&stub.url, &["--project", project, "--json"], Some("glpat-developer")));
        let m = status_of(&v, check_name)["message"].as_str().unwrap().to_string();
        assert!(m.contains(words), "{project}: {m}");
    }
    let v = json(&check(&stub.url, &["--project", "my-group/my-project", "--json"], Some("glpat-limited")));
    assert!(v["checks"].as_array().unwrap().iter().all(|c| c["reason"] == "rate-limited"), "{v}");
    // A slow GitLab: the bounded wait ends it, exit 2 (unreachable).
    let started = std::time::Instant::now();
    let out = check(&stub.url, &["--project", "fail/slow", "--timeout", "1"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(started.elapsed().as_secs() < 4);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no answer in time"));
    // Nothing listening: unreachable, exit 2.
    let out = check("http://127.0.0.1:9", &["--project", "a/b"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn only_gets_and_the_token_only_in_a_header() {
    let stub = Stub::start();
    let secret = "glpat-maintainer";
    let out = check(
        &stub.url,
        &["--project", "my-group/my-project", "--target-project", "platform/base-images", "--json"],
        Some(secret),
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains(secret));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(secret));
    let log = stub.log();
    let api: Vec<_> = log.iter().filter(|r| r["url"].as_str().unwrap().starts_with("/api/")).collect();
    assert!(api.len() >= 9, "{log:?}");
    assert!(api.iter().all(|r| r["method"] == "GET"), "{log:?}");
    assert!(log.iter().all(|r| !r["url"].as_str().unwrap().contains("glpat")));
    assert!(api.iter().filter(|r| r["token"] == true).count() >= 9);
}

#[test]
fn usage_errors_exit_2_before_any_request() {
    for args in [
        vec!["check-setup"],
        vec!["check-setup", "--gitlab", "http://gitlab.example.com", "--project", "a/b"],
        vec!["check-setup", "--gitlab", "https://u:p@gitlab.example.com", "--project", "a/b"],
        vec!["check-setup", "--gitlab", "https://gitlab.example.com", "--project", "../etc"],
        vec!["check-setup", "--gitlab", "https://gitlab.example.com"],
        vec!["check-setup", "--gitlab", "https://gitlab.example.com", "--project", "a/b", "--timeout", "0"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_registry-doctor")).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    }
}
