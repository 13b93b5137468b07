//! `registry-doctor link`: prints exactly the link the page makes, refuses what the page refuses.

use registry_doctor_core::link::{Link, Route};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_registry-doctor")).args(args).output().expect("run registry-doctor")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn prints_the_pages_link_for_an_entry_with_values() {
    let out = run(&[
        "link",
        "manifest-list-blob-unknown",
        "--set",
        "registry=registry.example.com:5050",
        "--set=tag=1.0.0-rc.1",
        "--lang",
        "ja",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "https://registry-doctor.example/#/d/manifest-list-blob-unknown?lang=ja&registry=registry.example.com:5050&tag=1.0.0-rc.1\n"
    );
    // The page reads it back to the same view.
    let fragment = stdout(&out).trim().split_once('#').unwrap().1.to_string();
    let (link, notices) = Link::parse(&fragment);
    assert!(notices.is_empty());
    assert_eq!(link.route, Route::Entry("manifest-list-blob-unknown".into()));
    assert_eq!(link.value("tag"), Some("1.0.0-rc.1"));
}

#[test]
fn accepts_a_catalog_id_and_a_base_url() {
    let by_id = run(&["link", "manifest-list-blob-unknown", "--base", "https://docs.corp.example/tools/rd/"]);
    let catalog = registry_doctor_core::kb::entry("manifest-list-blob-unknown").unwrap().primary_catalog();
    let by_catalog = run(&["link", catalog, "--base", "https://docs.corp.example/tools/rd/"]);
    assert_eq!(by_id.status.code(), Some(0));
    assert_eq!(stdout(&by_id), stdout(&by_catalog));
    assert_eq!(stdout(&by_id), "https://docs.corp.example/tools/rd/#/d/manifest-list-blob-unknown\n");
    // A trailing slash on a URL value is dropped, as the page's renderer does.
    let out = run(&["link", catalog, "--set", "gitlab_url=https://gitlab.example.com/"]);
    assert!(stdout(&out).ends_with("?gitlab_url=https://gitlab.example.com\n"), "{}", stdout(&out));
}

#[test]
fn unknown_entry_is_a_one_line_error_with_exit_2() {
    let out = run(&["link", "no-such-entry"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown entry `no-such-entry`"), "{err}");
}

#[test]
fn refused_values_exit_2_with_the_reason() {
    let cases = [
        (&["link", "pull-access-denied", "--set", "registry=-oProxyCommand=x"][..], "must not start with `-`"),
        (&["link", "pull-access-denied", "--set", "gitlab_url=javascript:alert(1)"][..], "https://"),
        (&["link", "pull-access-denied", "--set", "project_path=My Group/x"][..], "refused value for `project_path`"),
        (
            &["link", "pull-access-denied", "--set", "token=glpat-x9QeLm2VbT7rKp4sWd1Z"][..],
            "not a value a link can carry",
        ),
        (&["link", "pull-access-denied", "--set", "tag"][..], "expected NAME=VALUE"),
        (&["link", "pull-access-denied", "--base", "javascript:alert(1)"][..], "--base must be"),
        (&["link", "pull-access-denied", "--lang", "fr"][..], "--lang must be en or ja"),
        (&["link"][..], "link needs an ENTRY"),
    ];
    for (args, want) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}
