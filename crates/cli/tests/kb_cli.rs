//! `registry-doctor kb` lists every entry with its catalog ids and both titles.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_registry-doctor")).args(args).output().expect("run the CLI");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn json_lists_every_entry_with_titles_and_example_counts() {
    let (code, out) = run(&["kb", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let entries = v["entries"].as_array().expect("entries array");
    assert!(entries.len() >= 85);
    let seed4 = entries.iter().find(|e| e["catalog"][0] == "SEED-04").expect("SEED-04 is in the knowledge base");
    assert_eq!(seed4["id"], "manifest-list-blob-unknown");
    assert!(seed4["title"]["ja"].as_str().is_some_and(|t| !t.is_ascii()));
    assert!(entries.iter().all(|e| e["examples"].as_u64().unwrap_or(0) >= 2));
}

#[test]
fn table_and_usage_errors() {
    let (code, out) = run(&["kb"]);
    assert_eq!(code, 0);
    assert!(out.contains("manifest-list-blob-unknown"));
    let (code, _) = run(&["kb", "--nope"]);
    assert_eq!(code, 2);
    let (code, out) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("registry-doctor "));
}
