//! The exact CLI contract of `plan` and `check-name` (other tools rely on it).

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_registry-doctor")).args(args).output().expect("run registry-doctor")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn list_then_render_every_task_and_plan_with_its_examples() {
    let out = run(&["plan", "--list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let list = json(&out);
    let tasks = list["tasks"].as_array().expect("tasks");
    let ids: Vec<&str> = tasks.iter().map(|t| t["id"].as_str().unwrap()).collect();
    for id in ["migrate", "transfer", "multiarch", "ci-pull", "docker-login-token"] {
        assert!(ids.contains(&id), "{id} listed");
    }
    for t in tasks {
        let id = t["id"].as_str().unwrap();
        let mut args = vec!["plan".to_string(), id.to_string(), "--json".to_string()];
        for p in t["params"].as_array().unwrap() {
            let (name, kind, example) =
                (p["name"].as_str().unwrap(), p["kind"].as_str().unwrap(), p["example"].as_str().unwrap());
            assert!(!kind.is_empty() && !example.is_empty(), "{id}.{name}");
            args.push("--set".into());
            args.push(format!("{name}={example}"));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{id}: {}", String::from_utf8_lossy(&out.stderr));
        let v = json(&out);
        let script = v["script"].as_str().unwrap();
        assert!(script.starts_with("#!/bin/sh\n") && script.contains("set -eu"), "{id}");
        for c in v["commands"].as_array().unwrap() {
            assert!(c["argv"].as_array().is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string)), "{id}");
        }
    }
}

#[test]
fn promised_argv_matches_the_script() {
    let out = run(&[
        "plan",
        "multiarch",
        "--json",
        "--set",
        "registry=registry.example.com",
        "--set",
        "project_path=g/p",
        "--set",
        "tag=1.0",
        "--set",
        "platforms=linux/amd64",
        "--set",
        "username=bot",
    ]);
    let v = json(&out);
    let cmds = v["commands"].as_array().unwrap();
    assert_eq!(
        cmds[0]["argv"],
        serde_json::json!(["docker", "login", "registry.example.com", "--username", "bot", "--password-stdin"])
    );
    assert_eq!(
        cmds.last().unwrap()["argv"],
        serde_json::json!(["docker", "buildx", "imagetools", "inspect", "registry.example.com/g/p:1.0"])
    );
    assert!(v["script"]
        .as_str()
        .unwrap()
        .contains("printf '%s' \"$GITLAB_TOKEN\" | docker login registry.example.com"));
}

#[test]
fn refused_value_exits_2_with_the_reason() {
    let out = run(&[
        "plan",
        "docker-login-token",
        "--json",
        "--set",
        "registry=registry.example.com",
        "--set",
        "username=$(id)",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("username") && err.contains("user name"), "{err}");
    assert_eq!(run(&["plan", "migrate", "--set", "tag=feature/x"]).status.code(), Some(2));
    // Usage errors.
    assert_eq!(run(&["plan", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["plan", "migrate", "--set", "nope=1"]).status.code(), Some(2));
    // Without --json: the commented script; missing values are placeholders named on stderr.
    let out = run(&["plan", "docker-login-token"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("# The token needs"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("registry"));
}

#[test]
fn check_name_exit_codes_and_json() {
    assert_eq!(run(&["check-name", "registry.example.com/g/p:1.0"]).status.code(), Some(0));
    let out = run(&["check-name", "registry.example.com/group/_project", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["valid"], false);
    assert_eq!(v["problems"][0]["rule"], "leading-separator");
    assert_eq!(v["problems"][0]["byte"], 27);
    assert_eq!(v["problems"][0]["char"], 27);
    assert_eq!(v["suggestion"], "registry.example.com/group/project");
    assert!(v["related"].as_array().unwrap().contains(&Value::from("SEED-02")));
    let v = json(&run(&["check-name", "Feature/Login", "--as", "branch", "--json"]));
    assert_eq!(v["suggestion"], "feature-login");
    assert_eq!(run(&["check-name", "x", "--as", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["check-name"]).status.code(), Some(2));
    assert_eq!(run(&["check-name", "Foo/Bar", "--as", "project-path"]).status.code(), Some(0));
}
