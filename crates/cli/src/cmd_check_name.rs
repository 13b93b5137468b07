//! `registry-doctor check-name NAME [--as KIND] [--project PATH] [--json] [--lang en|ja]`: checks a
//! name against the reference grammar and GitLab's path rules. Exit 0 valid (warnings allowed),
//! 1 problems, 2 usage.

use crate::args::{Args, Failure, Spec};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::names::{self, NameKind, Severity};
use serde_json::json;

pub const SPEC: Spec = &[("--json", false), ("--as", true), ("--project", true), ("--lang", true)];

pub fn run(args: Args) -> Result<u8, Failure> {
    args.at_most(1)?;
    let Some(name) = args.positional.first() else {
        return Err(Failure::Usage("check-name needs a NAME".into()));
    };
    let kind = match args.value("--as") {
        None => NameKind::Reference,
        Some(k) => NameKind::from_name(k).ok_or_else(|| {
            Failure::Usage(format!(
                "--as must be one of reference|host|project-path|image-path|tag|branch|digest, not `{k}`"
            ))
        })?,
    };
    let lang = match args.value("--lang") {
        None => Lang::En,
        Some(c) => Lang::from_code(c).ok_or_else(|| Failure::Usage(format!("--lang must be en or ja, not `{c}`")))?,
    };
    let report = names::check_in_project(name, kind, args.value("--project"));
    if args.has("--json") {
        let problems: Vec<_> = report
            .problems
            .iter()
            .map(|p| {
                json!({
                    "rule": p.rule.code(),
                    "severity": if p.severity == Severity::Error { "error" } else { "warning" },
                    "byte": p.byte,
                    "char": p.char_index,
                    "found": p.found.map(String::from),
                    "message": p.message(lang),
                    "catalog": p.catalog(),
                })
            })
            .collect();
        let out = json!({
            "name": name,
            "kind": kind.name(),
            "valid": report.is_valid(),
            "problems": problems,
            "suggestion": report.suggestion,
            "hints": report.hints.iter().map(|h| h.message(lang)).collect::<Vec<_>>(),
            "related": report.related,
        });
        println!("{out}");
    } else {
        println!("{name}");
        if report.problems.is_empty() {
            println!("  valid {}", kind.name());
        }
        for p in &report.problems {
            let what = if p.severity == Severity::Error { "error" } else { "warning" };
            // A caret under the offending character (names with wide characters may shift it).
            println!("  {}^ {what} at char {}: {}", " ".repeat(p.char_index), p.char_index, p.message(lang));
        }
        if let Some(s) = &report.suggestion {
            println!("  suggestion: {s}");
        }
        for h in &report.hints {
            println!("  hint: {}", h.message(lang));
        }
        if !report.related.is_empty() {
            println!("  see: {}", report.related.join(", "));
        }
    }
    Ok(if report.is_valid() { 0 } else { 1 })
}
