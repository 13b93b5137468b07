//! `registry-doctor manifest` as a user runs it: the JSON contract and the exit codes.

use serde_json::Value;
use std::process::Output;

const H: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

mod common;

fn run(args: &[&str], stdin_text: &str) -> Output {
    let mut all = vec!["manifest"];
    all.extend_from_slice(args);
    common::run_cli(&all, stdin_text.as_bytes())
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn valid_index() -> String {
    format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
  {{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":7143,"digest":"sha256:{H}","platform":{{"architecture":"amd64","os":"linux"}}}},
  {{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":7682,"digest":"sha256:{H}1","platform":{{"architecture":"arm64","os":"linux","variant":"v8"}}}}
]}}"#
    )
}

#[test]
fn valid_manifest_exits_0_with_the_json_contract() {
    let text = valid_index().replace(&format!("{H}1"), &H.replace('0', "f"));
    let out = run(&["--json"], &text);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let v = json_of(&out);
    assert_eq!(v["kind"], "docker-manifest-list");
    assert_eq!(v["valid"], true);
    assert!(v["digest"].as_str().unwrap().starts_with("sha256:") && v["digest"].as_str().unwrap().len() == 71);
    let platforms = v["platforms"].as_array().unwrap();
    assert_eq!(platforms.len(), 2);
    assert_eq!(platforms[1]["architecture"], "arm64");
    assert_eq!(platforms[1]["variant"], "v8");
    assert_eq!(platforms[1]["is_attestation"], false);
    assert_eq!(v["platforms_csv"], "linux/amd64,linux/arm64");
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in ["severity", "path", "line", "column", "message", "entries"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        assert_ne!(f["severity"], "error");
        assert!(f["entries"].is_array());
    }
    let seed04 = findings.iter().find(|f| f["catalog"][0] == "SEED-04").expect("SEED-04 finding");
    assert_eq!(seed04["path"], "$");
}

#[test]
fn errors_exit_1_with_path_line_and_column() {
    let out = run(&["--json", "-"], &valid_index());
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["valid"], false);
    let f = &v["findings"][0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "$.manifests[1].digest");
    assert_eq!(f["line"], 3);
    assert_eq!(f["column"], 92);
    assert!(f["message"].as_str().unwrap().contains("64 hex digits"));
}

#[test]
fn not_json_exits_2_with_location_on_stderr() {
    let out = run(&[], "{\n  \"schemaVersion\": 2,\n  \"layers\": [}\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("line 3, column 14"), "{err}");
    let out = run(&["--lang", "ja"], "hello");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 行 1 列"));
}

#[test]
fn text_report_and_japanese() {
    let schema1 = format!(
        r#"{{"schemaVersion":1,"name":"a/b","tag":"1","architecture":"amd64","fsLayers":[{{"blobSum":"sha256:{H}"}}],"history":[{{"v1Compatibility":"{{}}"}}]}}"#
    );
    let out = run(&[], &schema1);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Kind: docker-schema1 (unsigned)"), "{text}");
    assert!(text.contains("skopeo copy --format v2s2"));
    let out = run(&["--lang", "ja", "--json"], &schema1);
    let v = json_of(&out);
    assert!(v["findings"][0]["message"].as_str().unwrap().contains("スキーマ 1"));
}

#[test]
fn reads_a_file_and_rejects_bad_usage() {
    let dir = std::env::temp_dir().join(format!("rd-manifest-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("index.json");
    std::fs::write(&path, format!("$ crane manifest x\n{}\n$ ", valid_index())).unwrap();
    let out = run(&["--json", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["code"] == "leading-text"));
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(run(&["--lang", "fr"], "{}").status.code(), Some(2));
    assert_eq!(run(&["a", "b"], "{}").status.code(), Some(2));
    assert_eq!(run(&["/nonexistent/manifest.json"], "").status.code(), Some(2));
}
