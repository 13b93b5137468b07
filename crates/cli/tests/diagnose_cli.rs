//! `registry-doctor diagnose` as a user (or a CI job's `after_script`) runs it: the JSON contract,
//! the readable report and the exit codes.

use serde_json::Value;
use std::process::Output;

mod common;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["diagnose"];
    all.extend_from_slice(args);
    common::run_cli(&all, stdin)
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

const LOG: &str = "\u{1b}[0KRunning with gitlab-runner 17.4.1 (b92ee590)\u{1b}[0;m\n\
$ docker login -u gitlab-ci-token --password-stdin registry.example.com:5050\n\
Error response from daemon: Get \"https://registry.example.com:5050/v2/\": tls: failed to verify certificate: x509: certificate signed by unknown authority\n\
$ docker push registry.example.com:5050/acme/platform/api:1.4.2\n\
The push refers to repository [registry.example.com:5050/acme/platform/api]\n\
denied: requested access to the resource is denied\n\
ERROR: Job failed: exit code 1\n";

#[test]
fn json_contract_best_first_with_evidence_and_values() {
    let out = run(&["--json"], LOG.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_of(&out);
    assert_eq!(v["input_kind"], "log");
    let diagnoses = v["diagnoses"].as_array().expect("diagnoses array");
    assert!(diagnoses.len() >= 2, "{v:#}");
    let scores: Vec<u64> = diagnoses.iter().map(|d| d["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "not best first: {scores:?}");
    for d in diagnoses {
        for key in ["id", "catalog", "title", "confidence"] {
            assert!(d[key].as_str().is_some_and(|s| !s.is_empty()), "{key} missing in {d:#}");
        }
        assert!(["high", "medium", "low"].contains(&d["confidence"].as_str().unwrap()));
        let evidence = d["evidence"].as_array().unwrap();
        assert!(evidence.iter().all(|l| l["line"].as_u64().is_some() && l["text"].is_string()));
    }
    let x509 = diagnoses.iter().find(|d| d["id"] == "x509-unknown-authority").expect("x509 diagnosed");
    assert!(x509["catalog"].as_str().unwrap().chars().any(|c| c.is_ascii_digit()));
    let hit = x509["evidence"].as_array().unwrap().iter().find(|l| l["match"] == true).unwrap();
    assert_eq!(hit["line"], 3);
    assert!(hit["text"].as_str().unwrap().contains("x509: certificate signed by unknown authority"));
    assert!(diagnoses.iter().any(|d| d["id"] == "push-denied-insufficient-scope"));
    let values = &v["values"];
    assert_eq!(values["registry"], "registry.example.com:5050");
    assert_eq!(values["runner_version"], "17.4.1");
    assert_eq!(values["client"], "docker");
}

#[test]
fn nothing_matched_is_exit_1_with_empty_diagnoses() {
    let out = run(&["--json"], b"error[E0308]: mismatched types\n  --> src/main.rs:4:18\n");
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["input_kind"], "log");
    assert_eq!(v["diagnoses"], Value::Array(vec![]));
    assert!(v["values"].is_object());
    let empty = run(&["--json", "-"], b"");
    assert_eq!(empty.status.code(), Some(1));
    assert_eq!(json_of(&empty)["input_kind"], "empty");
}

#[test]
fn reads_a_file_and_reports_kinds() {
    let dir = std::env::temp_dir().join(format!("rd-diagnose-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("job.log");
    std::fs::write(&path, LOG).unwrap();
    let out = run(&[path.to_str().unwrap(), "--json"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_of(&out)["diagnoses"][0]["id"], "x509-unknown-authority");
    let reference = run(&["--json"], b"registry.example.com/acme/api:1.0\n");
    assert_eq!(json_of(&reference)["input_kind"], "reference");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn readable_report_marks_the_match_and_links_with_values() {
    let out = run(&["--base", "https://rd.example.org/tools/"], LOG.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("https://rd.example.org/tools/#/d/x509-unknown-authority?"), "{text}");
    assert!(
        text.contains("registry=registry.example.com%3A5050") || text.contains("registry=registry.example.com:5050"),
        "{text}"
    );
    // The matching line is marked and the matched text underlined.
    let line = text.lines().find(|l| l.contains("> 3 │") || l.contains(">3 │")).expect("marked line 3");
    assert!(line.contains("x509"));
    assert!(text.lines().any(|l| l.trim_end().ends_with('^')));
    let ja = run(&["--lang", "ja"], LOG.as_bytes());
    let ja = String::from_utf8(ja.stdout).unwrap();
    assert!(ja.contains("診断結果") && ja.contains("lang=ja"), "{ja}");
}

#[test]
fn invalid_utf8_is_said_on_stderr_and_the_rest_analyzed() {
    let mut input = b"\xff\xfe\x00\x01garbage\n".to_vec();
    input.extend_from_slice(LOG.as_bytes());
    let out = run(&["--json"], &input);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary") || err.contains("UTF-8"), "{err}");
    assert_eq!(json_of(&out)["invalid_utf8"], true);
}

#[test]
fn unusable_input_and_usage_errors_are_exit_2() {
    assert_eq!(run(&["/nonexistent/job.log"], b"").status.code(), Some(2));
    assert_eq!(run(&["--nope"], b"").status.code(), Some(2));
    assert_eq!(run(&["--lang", "fr"], b"x").status.code(), Some(2));
    assert_eq!(run(&["a.log", "b.log"], b"").status.code(), Some(2));
    assert_eq!(run(&["--base", "javascript:alert(1)"], b"x").status.code(), Some(2));
}

#[test]
fn a_big_log_gives_the_same_answer_from_a_file_a_redirect_and_a_pipe() {
    // 20 MB (streamed from a file, read whole from a pipe), the error at the very end.
    let mut log = String::from("Running with gitlab-runner 17.4.1 (b92ee590)\n");
    let noise = "#12 12.31 added 1432 packages in 11s, nothing to see here at all\n";
    while log.len() < 20 * 1024 * 1024 {
        log.push_str(noise);
    }
    log.push_str(LOG);
    let dir = std::env::temp_dir().join(format!("rd-diagnose-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("job.log");
    std::fs::write(&path, &log).unwrap();
    let from_file = run(&[path.to_str().unwrap(), "--json"], b"");
    let from_pipe = run(&["--json"], log.as_bytes());
    let redirected = std::process::Command::new(env!("CARGO_BIN_EXE_registry-doctor"))
        .args(["diagnose", "--json"])
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(dir);
    let file = json_of(&from_file);
    assert_eq!(from_file.status.code(), Some(0), "{}", String::from_utf8_lossy(&from_file.stderr));
    assert_eq!(file["diagnoses"][0]["id"], "x509-unknown-authority");
    let last_line = log.lines().count() as u64 - 1;
    assert!(file["diagnoses"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["line"].as_u64().unwrap() > last_line - 8));
    assert_eq!(file, json_of(&from_pipe));
    assert_eq!(file, json_of(&redirected));
}
