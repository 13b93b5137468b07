//! The paste analyzer on what users really paste: whole CI job logs with hundreds of lines of build
//! output around the error, several errors in one log, terminal noise (ANSI colours, `\r` progress
//! bars, Windows line endings, runner timestamps), broken bytes, and failures that are not registry
//! problems at all — which must diagnose nothing.

mod support {
    pub mod noisy_log;
}

use registry_doctor_core::analyze::{analyze, analyze_text, Analysis, InputKind};
use support::noisy_log::{push_line, push_noise, Dress, Rng, RUNNER_HEADER};

/// A job log: runner header, `before` noise lines, the error lines, `after` noise lines.
fn job_log(seed: u64, before: u64, error: &[&str], after: u64, dress: Dress) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rng = Rng::new(seed);
    let mut n = 0;
    for line in RUNNER_HEADER {
        push_line(&mut out, line, n, dress);
        n += 1;
    }
    push_noise(&mut out, &mut rng, n, before, dress);
    n += before;
    for line in error {
        push_line(&mut out, line, n, dress);
        n += 1;
    }
    push_noise(&mut out, &mut rng, n, after, dress);
    out
}

fn ids(a: &Analysis) -> Vec<&'static str> {
    a.diagnoses.iter().map(|d| d.entry.id).collect()
}

fn first(a: &Analysis) -> &'static str {
    a.diagnoses.first().map_or("<nothing>", |d| d.entry.id)
}

/// The 1-based line of the first line containing `needle`.
fn line_of(log: &[u8], needle: &str) -> usize {
    let at = memchr::memmem::find(log, needle.as_bytes()).expect("needle in log");
    log[..at].iter().filter(|&&b| b == b'\n').count() + 1
}

const DENIED_PUSH: &[&str] = &[
    "$ docker push registry.example.com:5050/acme/platform/api:1.4.2",
    "The push refers to repository [registry.example.com:5050/acme/platform/api]",
    "5f70bf18a086: Preparing",
    "denied: requested access to the resource is denied",
    "\u{1b}[31;1mERROR: Job failed: exit code 1\u{1b}[0;m",
];

const X509: &[&str] = &[
    "$ docker login -u gitlab-ci-token --password-stdin registry.example.com:5050",
    "Error response from daemon: Get \"https://registry.example.com:5050/v2/\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
];

#[test]
fn pure_build_noise_diagnoses_nothing() {
    for (seed, dress) in [(1, Dress::default()), (2, Dress { timestamps: true, crlf: true })] {
        let log = job_log(seed, 3000, &[], 0, dress);
        let a = analyze(&log);
        assert_eq!(a.kind, InputKind::Log);
        assert!(a.diagnoses.is_empty(), "noise diagnosed as {:?}", ids(&a));
    }
}

#[test]
fn one_error_in_hundreds_of_lines_is_found_with_its_line_and_values() {
    let log = job_log(7, 600, DENIED_PUSH, 400, Dress::default());
    let a = analyze(&log);
    assert_eq!(first(&a), "push-denied-insufficient-scope", "got {:?}", ids(&a));
    let d = &a.diagnoses[0];
    let hit = d.evidence.iter().find(|l| l.is_match()).expect("a highlighted line");
    assert_eq!(hit.line, line_of(&log, "denied: requested access"));
    assert_eq!(hit.text, "denied: requested access to the resource is denied");
    let (s, e) = hit.highlights[0];
    assert_eq!(&hit.text[s..e], "denied: requested access to the resource is denied");
    // Context around it, without the colour codes of the runner's ERROR line.
    assert!(d.evidence.iter().any(|l| l.text.starts_with("The push refers to repository")));
    assert!(d.evidence.iter().any(|l| l.text == "ERROR: Job failed: exit code 1"));
    assert_eq!(a.values.registry.as_deref(), Some("registry.example.com:5050"));
    assert_eq!(a.values.repository.as_deref(), Some("acme/platform/api"));
    assert_eq!(a.values.tag.as_deref(), Some("1.4.2"));
    assert_eq!(a.values.client.as_deref(), Some("docker"));
    assert_eq!(a.values.runner_version.as_deref(), Some("17.4.1"));
    assert_eq!(a.values.job_stage.as_deref(), Some("step_script"));
    assert_eq!(a.values.project_path.as_deref(), Some("acme/platform/api"));
    let params = a.values.as_params();
    assert!(params.contains(&("project_path", "acme/platform/api".into())), "{params:?}");
    assert_eq!(a.lines, log.iter().filter(|&&b| b == b'\n').count());
}

#[test]
fn several_errors_give_several_diagnoses() {
    let mut error: Vec<&str> = X509.to_vec();
    error.extend_from_slice(&["Compiling api v0.1.0", "blob upload unknown: blob upload unknown to registry"]);
    error.extend_from_slice(DENIED_PUSH);
    let log = job_log(3, 300, &error, 300, Dress::default());
    let found = ids(&analyze(&log));
    for want in ["x509-unknown-authority", "blob-upload-unknown", "push-denied-insufficient-scope"] {
        assert!(found.contains(&want), "{want} missing from {found:?}");
    }
}

#[test]
fn timestamps_crlf_ansi_and_progress_bars_do_not_hide_the_error() {
    let error = [
        "$ docker push registry.example.com:5050/acme/platform/api:1.4.2",
        "5f70bf18a086: Pushing [=>      ]  1.2MB/40MB\r5f70bf18a086: Pushing [====>   ] 20MB/40MB\r\u{1b}[1A\u{1b}[2K5f70bf18a086: Retrying in 5 seconds",
        "\u{1b}[0;31mdenied: requested access to the resource is denied\u{1b}[0m",
    ];
    let log = job_log(11, 250, &error, 250, Dress { timestamps: true, crlf: true });
    let a = analyze(&log);
    assert_eq!(first(&a), "push-denied-insufficient-scope", "got {:?}", ids(&a));
    let hit = a.diagnoses[0].evidence.iter().find(|l| l.is_match()).unwrap();
    // No timestamp, no colour codes, no carriage return in what is shown.
    assert_eq!(hit.text, "denied: requested access to the resource is denied");
    let bar =
        a.diagnoses[0].evidence.iter().find(|l| l.text.contains("5f70bf18a086")).expect("progress line as context");
    assert_eq!(bar.text, "5f70bf18a086: Retrying in 5 seconds");
    assert_eq!(a.values.registry.as_deref(), Some("registry.example.com:5050"));
}

#[test]
fn runner_section_markers_and_image_pull_in_prepare_stage() {
    let log = "\u{1b}[0KRunning with gitlab-runner 16.11.0 (91a27b2a)\u{1b}[0;m\n\
section_start:1714557600:prepare_executor\r\u{1b}[0K\u{1b}[0K\u{1b}[36;1mPreparing the \"docker\" executor\u{1b}[0;m\n\
\u{1b}[0KUsing Docker executor with image registry.example.com:5050/acme/tools/builder:2.0 ...\u{1b}[0;m\n\
\u{1b}[0KPulling docker image registry.example.com:5050/acme/tools/builder:2.0 ...\u{1b}[0;m\n\
\u{1b}[0;33mWARNING: Failed to pull image with policy \"always\": Error response from daemon: pull access denied for registry.example.com:5050/acme/tools/builder, repository does not exist or may require 'docker login': denied: requested access to the resource is denied (manager.go:250:0s)\u{1b}[0;m\n\
\u{1b}[31;1mERROR: Job failed: failed to pull image \"registry.example.com:5050/acme/tools/builder:2.0\" with specified policies [always]: Error response from daemon: pull access denied for registry.example.com:5050/acme/tools/builder, repository does not exist or may require 'docker login': denied: requested access to the resource is denied (manager.go:250:0s)\u{1b}[0;m\n";
    let a = analyze_text(log);
    assert_eq!(first(&a), "ci-image-pull-job-token-denied", "got {:?}", ids(&a));
    assert_eq!(a.values.job_stage.as_deref(), Some("prepare_executor"));
    assert_eq!(a.values.repository.as_deref(), Some("acme/tools/builder"));
    assert_eq!(a.values.client.as_deref(), Some("gitlab-runner"));
    assert_eq!(a.values.client_version.as_deref(), Some("16.11.0"));
}

#[test]
fn invalid_utf8_and_binary_garbage_still_analyze_the_valid_parts() {
    let mut log = Vec::new();
    log.extend_from_slice(b"\x00\x01\x02\xff\xfe binary \x89PNG\r\n\x1a\n");
    log.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    log.extend_from_slice(b"\n\xc3\x28 broken \xe2\x82 sequence\n");
    log.extend_from_slice(X509.join("\n").as_bytes());
    log.extend_from_slice(b"\n\xf0\x9f\x92 trailing");
    let a = analyze(&log);
    assert!(a.invalid_utf8);
    assert_eq!(first(&a), "x509-unknown-authority", "got {:?}", ids(&a));
    assert!(a.diagnoses[0].evidence.iter().all(|l| !l.text.contains('\r')));
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng::new(99);
    for len in [0usize, 1, 2, 7, 100, 4096, 70_000] {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let _ = analyze(&bytes);
        // Bytes made of the characters our scanners react to.
        let alphabet = b"\r\n\x1b[]:/@\"' -sha256:v2$dockerpush";
        let bytes: Vec<u8> = (0..len).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect();
        let _ = analyze(&bytes);
    }
}

#[test]
fn a_huge_line_without_newlines_is_cut_around_the_match() {
    let mut log = vec![b'='; 3_000_000];
    log.extend_from_slice(X509[1].as_bytes());
    log.extend(vec![b'.'; 3_000_000]);
    let a = analyze(&log);
    assert_eq!(first(&a), "x509-unknown-authority");
    let hit = a.diagnoses[0].evidence.iter().find(|l| l.is_match()).unwrap();
    assert!(hit.text.len() < 2000 && hit.text.contains("x509: certificate signed by unknown authority"));
    assert_eq!(a.lines, 1);
}

#[test]
fn values_for_other_clients() {
    let podman = "$ podman --version\npodman version 5.2.1\n$ podman push registry.gitlab.com/acme/web/frontend:v3\nGetting image source signatures\nError: writing blob: initiating layer upload to /v2/acme/web/frontend/blobs/uploads/ in registry.gitlab.com: unauthorized: HTTP Basic: Access denied\n";
    let a = analyze_text(podman);
    assert_eq!(a.values.client.as_deref(), Some("podman"));
    assert_eq!(a.values.client_version.as_deref(), Some("5.2.1"));
    assert_eq!(a.values.registry.as_deref(), Some("registry.gitlab.com"));
    assert_eq!(a.values.gitlab_host.as_deref(), Some("gitlab.com"));
    let kaniko = "Using Docker executor with image gcr.io/kaniko-project/executor:v1.23.2-debug ...\n$ /kaniko/executor --context . --destination registry.example.com/acme/api:7f3c\nerror checking push permissions -- make sure you entered the correct tag name, and that you are authenticated correctly, and try again: checking push permission for \"registry.example.com/acme/api:7f3c\": POST https://registry.example.com/v2/acme/api/blobs/uploads/: UNAUTHORIZED: authentication required\n";
    let a = analyze_text(kaniko);
    assert_eq!(
        (a.values.client.as_deref(), a.values.client_version.as_deref()),
        (Some("kaniko"), Some("1.23.2-debug"))
    );
    assert_eq!(a.values.tag.as_deref(), Some("7f3c"));
    let curl = "$ curl -sI https://registry.example.com/v2/acme/api/manifests/sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nHTTP/1.1 404 Not Found\n";
    let a = analyze_text(curl);
    assert_eq!(a.values.http_status, Some(404));
    assert!(a.values.digest.as_deref().is_some_and(|d| d.starts_with("sha256:0123")));
    let env = "CI_JOB_NAME=build-image\nCI_JOB_STAGE=package\nCI_SERVER_HOST=gitlab.example.com\n";
    let a = analyze_text(env);
    assert_eq!(a.values.job_name.as_deref(), Some("build-image"));
    assert_eq!(a.values.ci_stage.as_deref(), Some("package"));
    assert_eq!(a.values.gitlab_host.as_deref(), Some("gitlab.example.com"));
}

/// Failures that are not registry problems: the analyzer must say nothing matched.
#[test]
fn non_registry_failures_diagnose_nothing() {
    let cases: &[(&str, &str)] = &[
        ("rust compile error", "   Compiling api v0.1.0 (/builds/acme/api)\nerror[E0308]: mismatched types\n  --> src/main.rs:4:18\n   |\n4  |     let x: u32 = \"five\";\n   |            ---   ^^^^^^ expected `u32`, found `&str`\n   |            |\n   |            expected due to this\n\nFor more information about this error, try `rustc --explain E0308`.\nerror: could not compile `api` (bin \"api\") due to 1 previous error\nERROR: Job failed: exit code 1\n"),
        ("go test failure", "=== RUN   TestParseConfig\n    config_test.go:42: expected registry \"registry.example.com\", got \"\"\n--- FAIL: TestParseConfig (0.00s)\nFAIL\nFAIL\tgitlab.example.com/acme/api/internal/config\t0.012s\nFAIL\nERROR: Job failed: exit code 1\n"),
        ("python test failure", "============================= FAILURES =============================\n___________________________ test_login ____________________________\n\n    def test_login():\n>       assert client.login(\"registry.example.com\") is True\nE       AssertionError: assert False is True\n\ntests/test_client.py:12: AssertionError\n=========================== short test summary info ===========================\nFAILED tests/test_client.py::test_login - AssertionError: assert False is True\n========================= 1 failed, 41 passed in 2.31s =========================\n"),
        ("jest failure", " FAIL  src/registry.test.ts\n  ● registry client › pushes an image\n\n    expect(received).toBe(expected) // Object.is equality\n\n    Expected: 201\n    Received: 401\n\n      at Object.<anonymous> (src/registry.test.ts:22:27)\n\nTests:       1 failed, 12 passed, 13 total\n"),
        ("npm network error", "npm ERR! code ECONNRESET\nnpm ERR! syscall read\nnpm ERR! errno ECONNRESET\nnpm ERR! network request to https://registry.npmjs.org/react failed, reason: read ECONNRESET\nnpm ERR! network This is a problem related to network connectivity.\nnpm ERR! network In most cases you are behind a proxy or have bad network settings.\nnpm ERR! A complete log of this run can be found in: /root/.npm/_logs/2024-05-01T10_00_00_000Z-debug-0.log\n"),
        ("npm 401 from its own registry", "npm ERR! code E401\nnpm ERR! 401 Unauthorized - GET https://gitlab.example.com/api/v4/projects/42/packages/npm/@acme%2fui - unauthenticated\n"),
        ("git clone with a wrong password", "$ git clone https://gitlab.example.com/acme/api.git\nCloning into 'api'...\nremote: HTTP Basic: Access denied. The provided password or token is incorrect or your account has 2FA enabled and you must use a personal access token instead of a password. See https://gitlab.example.com/help/topics/git/troubleshooting_git#error-on-git-fetch-http-basic-access-denied\nfatal: Authentication failed for 'https://gitlab.example.com/acme/api.git/'\n"),
        ("runner fetching sources", "Getting source from Git repository\nFetching changes with git depth set to 20...\nReinitialized existing Git repository in /builds/acme/api/.git/\nremote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://gitlab.example.com/acme/api.git/'\nERROR: Job failed: exit code 1\n"),
        ("apt cannot resolve", "$ apt-get update\nErr:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'\nErr:2 http://deb.debian.org/debian-security bookworm-security InRelease\n  Temporary failure resolving 'deb.debian.org'\nW: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'\nW: Some index files failed to download. They have been ignored, or old ones used instead.\nE: Unable to locate package curl\n"),
        ("terraform error", "$ terraform apply -auto-approve\n\u{2577}\n\u{2502} Error: error creating S3 Bucket (acme-state): BucketAlreadyExists: The requested bucket name is not available.\n\u{2502} \tstatus code: 409, request id: 8XKJ2, host id: abc\n\u{2502}\n\u{2502}   with aws_s3_bucket.state,\n\u{2502}   on main.tf line 12, in resource \"aws_s3_bucket\" \"state\":\n\u{2575}\nError: Process completed with exit code 1.\n\u{2502} Error: Failed to query available provider packages\n\u{2502} Could not retrieve the list of available versions for provider hashicorp/aws: could not connect to registry.terraform.io: failed to request discovery document: Get \"https://registry.terraform.io/.well-known/terraform.json\": dial tcp: lookup registry.terraform.io on 10.0.0.2:53: no such host\n"),
        ("maven dependency failure", "[ERROR] Failed to execute goal on project api: Could not resolve dependencies for project com.acme:api:jar:1.0: Could not transfer artifact org.slf4j:slf4j-api:jar:2.0.9 from/to central (https://repo.maven.apache.org/maven2): Connection timed out -> [Help 1]\n"),
    ];
    let mut wrong = Vec::new();
    for (label, text) in cases {
        // Alone and inside a job log with timestamps.
        for log in [
            text.as_bytes().to_vec(),
            job_log(5, 200, &text.lines().collect::<Vec<_>>(), 50, Dress { timestamps: true, crlf: false }),
        ] {
            let a = analyze(&log);
            if !a.diagnoses.is_empty() {
                wrong.push(format!("{label}: {:?}", ids(&a)));
            }
        }
    }
    assert!(wrong.is_empty(), "non-registry failures diagnosed:\n{}", wrong.join("\n"));
}

#[test]
fn a_big_log_is_analyzed_and_counted() {
    // ~12 MB: above the size where the scan is split across threads.
    let mut log = Vec::new();
    let mut rng = Rng::new(8);
    let dress = Dress { timestamps: true, crlf: false };
    let mut n = 0;
    while log.len() < 12 * 1024 * 1024 {
        push_noise(&mut log, &mut rng, n, 10_000, dress);
        n += 10_000;
        if n == 70_000 {
            for l in X509 {
                push_line(&mut log, l, n, dress);
            }
        }
    }
    for l in DENIED_PUSH {
        push_line(&mut log, l, n, dress);
    }
    let a = analyze(&log);
    let found = ids(&a);
    assert!(
        found.contains(&"x509-unknown-authority") && found.contains(&"push-denied-insufficient-scope"),
        "{found:?}"
    );
    assert_eq!(a.lines, log.iter().filter(|&&b| b == b'\n').count());
    let x509 = a.diagnoses.iter().find(|d| d.entry.id == "x509-unknown-authority").unwrap();
    let hit = x509.evidence.iter().find(|l| l.is_match()).unwrap();
    assert_eq!(hit.line, line_of(&log, "x509: certificate signed"));
}

#[test]
fn what_was_pasted_is_told_apart() {
    assert_eq!(analyze(b"").kind, InputKind::Empty);
    assert_eq!(analyze(b" \r\n\t").kind, InputKind::Empty);
    assert_eq!(analyze(b"registry.example.com:5050/acme/api:1.0").kind, InputKind::Reference);
    assert_eq!(analyze(b"{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.oci.image.index.v1+json\",\n  \"manifests\": []\n}\n").kind, InputKind::Manifest);
    // A JSON-lines registry log that mentions a media type is still a log.
    let jsonl = b"{\"level\":\"info\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"msg\":\"ok\"}\n{\"level\":\"error\",\"msg\":\"manifest unknown\"}\n";
    assert_eq!(analyze(jsonl).kind, InputKind::Log);
}
