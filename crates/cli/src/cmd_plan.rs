//! `registry-doctor plan`: the scripts of fix plans and guided tasks.
//!
//! `plan --list --json` → `{"tasks":[{"id","params":[{"name","kind","example"}]}]}` (every task, then
//! every fix plan); `plan ID [--set NAME=VALUE …] [--json]` → the script, or with `--json`
//! `{"script": "…", "commands": [{"argv": ["docker", "push", "…"]}]}`. A refused value exits 2 with the
//! reason on stderr; missing values render as `<name>` and are named on stderr.

use crate::args::{Args, Failure, Spec};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::kb::{self, ParamKind, Plan};
use registry_doctor_core::plan::{self, Rendered, Values};
use serde_json::json;

pub const SPEC: Spec = &[("--json", false), ("--list", false), ("--set", true), ("--lang", true)];

/// (name, kind, example) of every parameter a static plan asks for; the derived `repository` is
/// asked for as `project_path` and `image_name`.
fn plan_params(p: &Plan) -> Vec<(&'static str, ParamKind, &'static str)> {
    let mut out: Vec<(&'static str, ParamKind, &'static str)> = Vec::new();
    for &i in p.params {
        let Some(def) = kb::PARAMS.get(usize::from(i)) else {
            continue;
        };
        let defs: Vec<&kb::ParamDef> = if def.derived {
            ["project_path", "image_name"].iter().filter_map(|n| kb::param(n)).collect()
        } else {
            vec![def]
        };
        for d in defs {
            if !out.iter().any(|o| o.0 == d.name) {
                out.push((d.name, d.kind, d.example));
            }
        }
    }
    out
}

fn list(json_out: bool) {
    let mut tasks = Vec::new();
    for t in plan::TASKS {
        let params: Vec<_> =
            t.params.iter().map(|p| json!({"name": p.name, "kind": p.kind.name(), "example": p.example})).collect();
        tasks.push((t.id, t.title.en, params));
    }
    for p in kb::PLANS {
        let params: Vec<_> =
            plan_params(p).into_iter().map(|(n, k, e)| json!({"name": n, "kind": k.name(), "example": e})).collect();
        tasks.push((p.id, p.title.en, params));
    }
    if json_out {
        let v: Vec<_> = tasks.into_iter().map(|(id, _, params)| json!({"id": id, "params": params})).collect();
        println!("{}", json!({ "tasks": v }));
    } else {
        for (id, title, _) in tasks {
            println!("{id:32} {title}");
        }
    }
}

pub fn run(args: Args) -> Result<u8, Failure> {
    args.at_most(1)?;
    let lang = match args.value("--lang") {
        None => Lang::En,
        Some(c) => Lang::from_code(c).ok_or_else(|| Failure::Usage(format!("--lang must be en or ja, not `{c}`")))?,
    };
    if args.has("--list") {
        list(args.has("--json"));
        return Ok(0);
    }
    let Some(id) = args.positional.first() else {
        return Err(Failure::Usage("plan needs a TASK or plan id (see `plan --list`)".into()));
    };
    let mut values = Values::new();
    let settings = args.settings()?;
    let rendered: Rendered = if let Some(t) = plan::task(id) {
        for (k, v) in settings {
            if !t.params.iter().any(|p| p.name == k) {
                return Err(Failure::Usage(format!("`{id}` has no parameter `{k}`")));
            }
            values.insert(k, v);
        }
        t.render(&values, lang)
    } else if let Some(p) = kb::plan(id) {
        let names = plan_params(p);
        for (k, v) in settings {
            if !names.iter().any(|n| n.0 == k) {
                return Err(Failure::Usage(format!("`{id}` has no parameter `{k}`")));
            }
            values.insert(k, v);
        }
        plan::render(p, &values, lang)
    } else {
        return Err(Failure::Usage(format!("unknown task or plan `{id}` (see `plan --list`)")));
    };
    if !rendered.refused.is_empty() {
        for r in &rendered.refused {
            eprintln!("registry-doctor: refused value for `{}`: {}", r.param, r.reason);
        }
        return Ok(2);
    }
    if !rendered.missing.is_empty() {
        eprintln!("registry-doctor: missing values (shown as <name>): {}", rendered.missing.join(", "));
    }
    if args.has("--json") {
        let commands: Vec<_> = rendered
            .commands
            .iter()
            .map(|c| json!({"argv": c.iter().map(|a| a.text.as_str()).collect::<Vec<_>>()}))
            .collect();
        println!("{}", json!({"script": rendered.script, "commands": commands}));
    } else {
        print!("{}", rendered.script);
    }
    Ok(0)
}
