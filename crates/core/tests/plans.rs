//! Every static plan and every guided task renders with its examples with nothing missing or
//! refused; and every script, run under real bash and dash with each external program replaced by a
//! recorder, runs exactly the argv that `commands` promises — hostile values included.

use registry_doctor_core::i18n::Lang;
use registry_doctor_core::kb;
use registry_doctor_core::plan::{self, ArgPart, Rendered, Values};
use std::path::Path;
use std::process::{Command, Stdio};

fn plan_values(p: &kb::Plan) -> Values {
    let mut v = Values::new();
    for &i in p.params {
        let def = &kb::PARAMS[usize::from(i)];
        let defs: Vec<&kb::ParamDef> = if def.derived {
            ["project_path", "image_name"].iter().filter_map(|n| kb::param(n)).collect()
        } else {
            vec![def]
        };
        for d in defs {
            v.insert(d.name.to_string(), d.example.to_string());
        }
    }
    v
}

fn task_values(t: &plan::Task) -> Values {
    t.params.iter().map(|p| (p.name.to_string(), p.example.to_string())).collect()
}

fn assert_complete(id: &str, r: &Rendered) {
    assert!(r.missing.is_empty(), "{id}: missing {:?}", r.missing);
    assert!(r.refused.is_empty(), "{id}: refused {:?}", r.refused);
    assert!(r.steps.iter().all(|s| !s.has_placeholders), "{id}: placeholder left");
    assert!(r.script.starts_with("#!/bin/sh\n") && r.script.contains("set -eu\n"), "{id}");
    assert!(!r.commands.is_empty() || r.steps.iter().all(|s| s.is_snippet), "{id}: no commands");
}

#[test]
fn every_static_plan_renders_with_its_examples() {
    assert!(!kb::PLANS.is_empty());
    for p in kb::PLANS {
        for lang in Lang::ALL {
            assert_complete(p.id, &plan::render(p, &plan_values(p), lang));
        }
    }
    // Every param example is valid for its kind.
    for d in kb::PARAMS {
        assert!(plan::validate(d.kind, d.example).is_ok(), "params.toml `{}` example", d.name);
    }
}

#[test]
fn every_task_renders_with_its_examples() {
    assert_eq!(plan::TASKS.iter().map(|t| t.id).collect::<Vec<_>>(), ["migrate", "transfer", "multiarch", "ci-pull"]);
    for t in plan::TASKS {
        for p in t.params {
            assert!(plan::validate(p.kind, p.example).is_ok(), "{}: example of {}", t.id, p.name);
        }
        for lang in Lang::ALL {
            assert_complete(t.id, &t.render(&task_values(t), lang));
        }
    }
}

#[test]
fn missing_and_refused_values_become_placeholders() {
    let p = kb::plan("docker-login-token").expect("plan");
    let r = plan::render(p, &Values::new(), Lang::En);
    assert_eq!(r.missing, ["registry", "username"]);
    assert!(r.script.contains("'<registry>'") && r.script.contains("exit 1\n"));
    let mut v = plan_values(p);
    v.insert("username".into(), "-rf".into());
    let r = plan::render(p, &v, Lang::Ja);
    assert_eq!(r.refused.len(), 1);
    assert!(r.refused[0].reason.contains("`-`"));
    assert!(r.script.contains("'<username>'"));
    assert!(r.script.contains("printf '%s' \"$GITLAB_TOKEN\" | docker login"));
}

/// The shell's absolute path (the scripts run with a PATH that finds nothing).
fn shell_path(name: &str) -> std::path::PathBuf {
    std::env::var_os("PATH")
        .and_then(|p| std::env::split_paths(&p).map(|d| d.join(name)).find(|f| f.is_file()))
        .unwrap_or_else(|| {
            panic!(
                "`{name}` not found on PATH: these tests need real bash and dash (Debian: apt-get install bash dash)"
            )
        })
}

/// Runs `r.script` under `shell` with recorders; returns every recorded argv.
fn run_recorded(shell: &str, r: &Rendered, dir: &Path) -> Vec<Vec<String>> {
    let rec = dir.join(format!("rec-{shell}"));
    let _ = std::fs::remove_file(&rec);
    // Recorders are executables in a directory that is the whole PATH (any program name works, even
    // `gitlab-rake`; nothing else can run). Each drains stdin first (so in `a | b`, `a` has recorded
    // before `b` does), records its argv NUL-separated, one command per line, and prints `[]` (what an
    // empty API list returns).
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let mut programs: Vec<String> = r.commands.iter().map(|c| c[0].text.clone()).collect();
    programs.extend(["sleep", "docker", "skopeo", "curl", "jq", "base64", "tr", "touch", "id"].map(String::from));
    for p in programs {
        let f = bin.join(&p);
        let body = format!("#!/bin/sh\n/bin/cat >/dev/null\n{{ printf '%s\\0' '{p}' \"$@\"; printf '\\n'; }} >>\"$REC\"\nprintf '[]'\n");
        std::fs::write(&f, body).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let prelude = "";
    let mut cmd = Command::new(shell_path(shell));
    if shell == "bash" {
        cmd.arg("--norc");
    }
    // No PATH: anything but our recorders and builtins fails with "not found" instead of running.
    cmd.arg("-c").arg(format!("{prelude}{}", r.script)).env_clear().env("PATH", &bin).env("REC", &rec);
    for e in &r.env {
        cmd.env(e, format!("${e}"));
    }
    let out = cmd
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shell}: {e} (install bash and dash)"));
    assert!(out.status.success(), "{shell}: {}\n{}", String::from_utf8_lossy(&out.stderr), r.script);
    let data = std::fs::read(&rec).unwrap_or_default();
    data.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut a: Vec<String> = l.split(|&b| b == 0).map(|s| String::from_utf8_lossy(s).into_owned()).collect();
            a.pop();
            a
        })
        .collect()
}

/// The argv `commands` promises, with environment variables as the test sets them (`$NAME`) and
/// captured variables as the recorders print them (`[]`).
fn promised(r: &Rendered) -> Vec<Vec<String>> {
    r.commands
        .iter()
        .map(|c| {
            c.iter()
                .map(|a| {
                    a.parts
                        .iter()
                        .map(|p| match p {
                            ArgPart::Text(t) => t.clone(),
                            ArgPart::Var(v) if r.env.contains(v) => format!("${v}"),
                            ArgPart::Var(_) => "[]".to_string(),
                        })
                        .collect::<String>()
                })
                .collect()
        })
        .collect()
}

fn check_recorded(id: &str, r: &Rendered) -> usize {
    assert!(r.is_complete(), "{id}: {:?} {:?}", r.missing, r.refused);
    if r.commands.iter().any(|c| c[0].text.contains('/')) {
        eprintln!("{id}: runs a program by path, not recorded");
        return 0;
    }
    let dir = std::env::temp_dir().join(format!("rd-plans-{}-{id}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for shell in ["bash", "dash"] {
        assert_eq!(run_recorded(shell, r, &dir), promised(r), "{id} under {shell}:\n{}", r.script);
        assert!(!dir.join("PWNED").exists(), "{id}: a value ran a command");
    }
    let _ = std::fs::remove_dir_all(&dir);
    2
}

fn with(mut v: Values, pairs: &[(&str, &str)]) -> Values {
    for (k, val) in pairs {
        v.insert(k.to_string(), val.to_string());
    }
    v
}

#[test]
fn scripts_run_exactly_the_promised_commands() {
    let mut runs = 0;
    for p in kb::PLANS {
        runs += check_recorded(p.id, &plan::render(p, &plan_values(p), Lang::En));
    }
    let t = |id| plan::task(id).unwrap();
    let mut variants: Vec<(String, &plan::Task, Values)> =
        plan::TASKS.iter().map(|x| (x.id.to_string(), x, task_values(x))).collect();
    let m = task_values(t("migrate"));
    for transport in ["docker", "oci", "docker-archive", "oci-archive", "dir", "containers-storage", "docker-daemon"] {
        for digests in ["preserve", "v2s2", "oci"] {
            variants.push((
                format!("migrate-{transport}-{digests}"),
                t("migrate"),
                with(m.clone(), &[("transport", transport), ("digests", digests), ("source_path", "./images/app.tar")]),
            ));
        }
    }
    variants.push((
        "migrate-all-tags".into(),
        t("migrate"),
        with(m.clone(), &[("scope", "all-tags"), ("source_auth", "env")]),
    ));
    let tr = task_values(t("transfer"));
    let lines = "REPOSITORY                                   TAG     IMAGE ID       CREATED       SIZE\nregistry.example.com/my-group/my-project     1.0.0   0123456789ab   2 days ago    5MB\nregistry.example.com/my-group/my-project/app v2      0123456789ab   2 days ago    5MB\ndocker.io/library/alpine                     3.20    0123456789ab   2 days ago    5MB\n";
    variants.push(("transfer-docker-images".into(), t("transfer"), with(tr.clone(), &[("tag_list", lines)])));
    variants.push((
        "transfer-rename-only".into(),
        t("transfer"),
        with(tr, &[("new_project_path", "my-group/renamed")]),
    ));
    variants.push((
        "ci-pull-deploy-token".into(),
        t("ci-pull"),
        with(task_values(t("ci-pull")), &[("mode", "deploy-token")]),
    ));
    variants.push((
        "multiarch-3".into(),
        t("multiarch"),
        with(task_values(t("multiarch")), &[("platforms", "linux/amd64,linux/arm64/v8,linux/arm/v7")]),
    ));
    for (id, task, values) in &variants {
        runs += check_recorded(id, &task.render(values, Lang::En));
    }
    eprintln!("recorded {} scripts ({runs} real shell runs)", kb::PLANS.len() + variants.len());
}

const HOSTILE: &[&str] = &[
    "./a b;$(touch PWNED)",
    "`touch PWNED`",
    "x'y\"z",
    "$HOME",
    "{a,b}",
    "*",
    "~",
    "a!b",
    "a|touch PWNED",
    "x&&touch PWNED",
    "日本語 ディレクトリ",
    "'; touch PWNED; '",
    "\\$(touch PWNED)",
];

#[test]
fn hostile_values_never_run_anything() {
    let mut runs = 0;
    for (i, h) in HOSTILE.iter().enumerate() {
        // Free-form kinds accept these: they must reach the program as exactly one argument.
        let m = with(task_values(plan::task("migrate").unwrap()), &[("transport", "dir"), ("source_path", h)]);
        let r = plan::task("migrate").unwrap().render(&m, Lang::En);
        runs += check_recorded(&format!("hostile-migrate-{i}"), &r);
        assert!(r.commands.iter().any(|c| c.iter().any(|a| a.text == format!("dir:{h}"))));
        let ma = with(task_values(plan::task("multiarch").unwrap()), &[("context", h)]);
        runs +=
            check_recorded(&format!("hostile-multiarch-{i}"), &plan::task("multiarch").unwrap().render(&ma, Lang::En));
        // Strict kinds refuse them, and the script keeps a placeholder and stops before running.
        for (task, name) in
            [("migrate", "tag"), ("transfer", "new_project_path"), ("ci-pull", "registry"), ("multiarch", "platforms")]
        {
            let t = plan::task(task).unwrap();
            let r = t.render(&with(task_values(t), &[(name, h)]), Lang::En);
            assert!(r.refused.iter().any(|x| x.param == name), "{task} {name} {h:?}");
            assert!(
                r.commands.iter().flatten().all(|a| !a.text.contains(h)),
                "{task} {name}: refused value in a command"
            );
        }
    }
    eprintln!("hostile values: {runs} real shell runs");
}
