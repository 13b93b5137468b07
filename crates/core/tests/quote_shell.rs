//! The quoting function against REAL shells: every value either is refused by `validate` or comes
//! back byte-for-byte from `bash --norc -c` and `dash -c` running `printf '%s\0' <quoted…>`.
//! (`shell_words::split` or any Rust parser is not a shell: no brace, tilde or history expansion.)

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use registry_doctor_core::plan::quote::ALL_KINDS;
use registry_doctor_core::plan::{quote, validate, Unquotable};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

thread_local! {
    // Per test thread: tests run in parallel.
    static SHELL_RUNS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn shell_runs() -> usize {
    SHELL_RUNS.with(|c| c.get())
}

fn shell_argv(shell: &str, script: &str) -> Vec<String> {
    let mut cmd = Command::new(shell);
    if shell == "bash" {
        cmd.arg("--norc");
    }
    let out = cmd.arg("-c").arg(script).env_clear().env("PATH", "/usr/bin:/bin").output().unwrap_or_else(|e| {
        panic!("cannot run `{shell}` ({e}): these tests need real bash and dash (Debian: apt-get install bash dash)")
    });
    SHELL_RUNS.with(|c| c.set(c.get() + 1));
    assert!(out.status.success(), "{shell} failed on {script:?}: {}", String::from_utf8_lossy(&out.stderr));
    let mut parts: Vec<String> =
        out.stdout.split(|&b| b == 0).map(|b| String::from_utf8(b.to_vec()).expect("utf-8 back")).collect();
    parts.pop(); // after the last NUL
    parts
}

/// Quotes every value and checks both shells read back exactly the values.
fn round_trip(values: &[String]) -> Result<(), TestCaseError> {
    let quoted: Vec<String> = values.iter().map(|v| quote(v).expect("no NUL")).collect();
    let script = format!("printf '%s\\0' {}", quoted.join(" "));
    for shell in ["bash", "dash"] {
        let got = shell_argv(shell, &script);
        prop_assert_eq!(&got, &values.to_vec(), "{} on {:?}", shell, script);
    }
    Ok(())
}

const HOSTILE: &[&str] = &[
    "$(id)",
    "`id`",
    ";",
    "&&",
    "|",
    ">",
    "<",
    "{a,b}",
    "~root",
    "~",
    "*",
    "?",
    "[a]",
    "a!b",
    "!!",
    "^a^b",
    "-rf",
    "--help",
    "'",
    "''",
    "\"",
    "\\",
    "\\'",
    "$HOME",
    "${HOME}",
    "$((1+1))",
    "a b",
    "#",
    "=x",
    "a=b",
    "%1",
    "\u{a0}",
    "\u{2019}",
    "é",
    "日本",
    "\t",
    "\n",
    "\r",
    "\u{1}",
    "\u{1b}[201~",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    " ",
    "",
    "@(a)",
    "+(a)",
    "!(a)",
    "&",
    "(",
    ")",
    "{",
    "}",
];

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>().prop_map(|s| s.replace('\0', "")),
        proptest::collection::vec(proptest::sample::select(HOSTILE), 1..6).prop_map(|v| v.concat()),
        "[ -~]{0,40}",
        "[a-z0-9./:_@%+=,-]{1,20}",
    ]
}

#[test]
fn quote_round_trips_through_bash_and_dash() {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let before = shell_runs();
    runner.run(&proptest::collection::vec(hostile_string(), 1..8), |values| round_trip(&values)).unwrap();
    let runs = shell_runs() - before;
    eprintln!("quote_round_trips_through_bash_and_dash: {cases} cases, {runs} real shell runs");
    assert_eq!(runs, cases as usize * 2);
}

#[test]
fn validated_values_round_trip_for_every_kind() {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let accepted = AtomicUsize::new(0);
    let before = shell_runs();
    runner
        .run(&hostile_string(), |v| {
            let kinds: Vec<_> = ALL_KINDS.iter().filter(|k| validate(**k, &v).is_ok()).collect();
            if kinds.is_empty() {
                return Ok(()); // refused for every kind
            }
            // Anything a kind accepts has no control character and cannot become an option.
            prop_assert!(!v.starts_with('-') && !v.chars().any(|c| c.is_control()));
            accepted.fetch_add(1, Ordering::Relaxed);
            round_trip(&[v])
        })
        .unwrap();
    let runs = shell_runs() - before;
    eprintln!(
        "validated_values_round_trip_for_every_kind: {cases} cases, {} accepted by some kind, {runs} real shell runs",
        accepted.load(Ordering::Relaxed)
    );
}

/// perfsec §4.4 item 2: each is refused by validation or round-trips exactly.
#[test]
fn negative_corpus() {
    let long = "a".repeat(10 * 1024);
    let mut corpus: Vec<String> = HOSTILE
        .iter()
        .chain(&["\n", "\r", "\u{1}", "\u{1b}[201~", "\u{202e}", "\u{2019}"])
        .map(|s| s.to_string())
        .collect();
    corpus.push(long);
    for v in &corpus {
        for kind in ALL_KINDS {
            if validate(kind, v).is_ok() {
                round_trip(std::slice::from_ref(v)).unwrap();
            }
        }
        round_trip(std::slice::from_ref(v)).unwrap(); // the quoting alone is exact regardless
    }
    assert_eq!(quote("a\0b"), Err(Unquotable::Nul));
    for kind in ALL_KINDS {
        for bad in [
            "\n",
            "x\ry",
            "\u{1}",
            "\u{1b}[201~",
            "\u{7f}",
            "\u{9b}",
            "\u{202e}",
            "\u{2066}x",
            "a\u{200b}",
            "\u{feff}",
            "\u{2028}",
            "a\0b",
            "-rf",
            "--help",
        ] {
            assert!(validate(kind, bad).is_err(), "{kind:?} must refuse {bad:?}");
        }
        assert!(validate(kind, &"a".repeat(10 * 1024)).is_err());
    }
}

#[test]
fn quote_is_the_same_everywhere() {
    // The assertion the wasm32 test repeats: no host-OS dispatch.
    assert_eq!(quote("$(id)").unwrap(), "'$(id)'");
    assert_eq!(quote("it's").unwrap(), "'it'\\''s'");
    assert_eq!(quote("").unwrap(), "''");
    assert_eq!(quote("registry.example.com/g/p:1.0").unwrap(), "registry.example.com/g/p:1.0");
    assert_eq!(quote("-rf").unwrap(), "'-rf'");
    assert_eq!(quote("=x").unwrap(), "'=x'");
    assert_eq!(quote("{a,b}").unwrap(), "'{a,b}'");
    assert_eq!(quote("~root").unwrap(), "'~root'");
}
