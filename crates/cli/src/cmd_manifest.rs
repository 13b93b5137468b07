//! `registry-doctor manifest [FILE|-] [--json] [--lang en|ja]`: identify and check a manifest.
//! Exit 0 valid, 1 has `error` findings, 2 not JSON at all (or unreadable input).

use crate::args::{Args, Failure, Spec};
use crate::input;
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::manifest::{self, Finding, Report, Severity};
use serde_json::{json, Value};
use std::io::Write;

pub const SPEC: Spec = &[("--json", false), ("--lang", true)];

pub fn run(args: Args) -> Result<u8, Failure> {
    args.at_most(1)?;
    let lang = match args.value("--lang") {
        None => Lang::En,
        Some(code) => {
            Lang::from_code(code).ok_or_else(|| Failure::Usage(format!("`--lang {code}`: expected en or ja")))?
        }
    };
    let bytes = input::read_bytes(args.positional.first().map(String::as_str))?;
    // Invalid UTF-8 would not survive a paste either; analyze what a browser would show.
    let text = String::from_utf8_lossy(&bytes);
    let report = manifest::analyze(&text);
    if let Some(e) = report.parse_error {
        let msg = match lang {
            Lang::En => format!("not JSON: {}", e.message_en()),
            Lang::Ja => format!("JSON ではありません: {}", e.message_ja()),
        };
        return Err(Failure::Input(msg));
    }
    let out = if args.has("--json") {
        let mut s = serde_json::to_string_pretty(&to_json(&report, lang)).unwrap_or_default();
        s.push('\n');
        s
    } else {
        to_text(&report, lang)
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(if report.valid() { 0 } else { 1 })
}

fn finding_json(f: &Finding, lang: Lang) -> Value {
    json!({
        "severity": f.severity.as_str(),
        "code": f.code,
        "path": f.path,
        "line": f.pos.line,
        "column": f.pos.column,
        "message": f.message.get(lang),
        "entries": f.entries(),
        "catalog": f.catalog,
    })
}

pub fn to_json(r: &Report, lang: Lang) -> Value {
    let platforms: Vec<Value> = r
        .platforms
        .iter()
        .map(|p| {
            json!({
                "os": p.os,
                "architecture": p.architecture,
                "variant": p.variant,
                "os_version": p.os_version,
                "size": p.size,
                "digest": p.digest,
                "media_type": p.media_type,
                "is_attestation": p.is_attestation,
                "path": p.path,
            })
        })
        .collect();
    json!({
        "kind": r.kind.as_str(),
        "signed": matches!(r.kind, manifest::Kind::DockerSchema1 { signed: true }),
        "unknown_reason": r.unknown_reason.as_ref().map(|t| t.get(lang)),
        "valid": r.valid(),
        "findings": r.findings.iter().map(|f| finding_json(f, lang)).collect::<Vec<_>>(),
        "platforms": platforms,
        "platforms_csv": r.platforms_csv(),
        "missing_platforms": r.missing_platforms,
        "references": r.references,
        "digest": r.digest,
        "canonical_digest": r.canonical_digest,
    })
}

fn to_text(r: &Report, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    let signed = match r.kind {
        manifest::Kind::DockerSchema1 { signed: true } => {
            if ja {
                "（署名あり）"
            } else {
                " (signed)"
            }
        }
        manifest::Kind::DockerSchema1 { signed: false } => {
            if ja {
                "（署名なし）"
            } else {
                " (unsigned)"
            }
        }
        _ => "",
    };
    out.push_str(&format!("{}: {}{signed}\n", if ja { "種類" } else { "Kind" }, r.kind.as_str()));
    if let Some(reason) = &r.unknown_reason {
        out.push_str(&format!("  {}\n", reason.get(lang)));
    }
    let verdict = match (r.valid(), ja) {
        (true, false) => "valid (no errors)".to_string(),
        (true, true) => "有効（エラーなし）".to_string(),
        (false, false) => format!("INVALID ({} errors)", r.count(Severity::Error)),
        (false, true) => format!("無効（エラー {} 件）", r.count(Severity::Error)),
    };
    out.push_str(&format!("{}: {verdict}\n", if ja { "判定" } else { "Result" }));
    if let Some(d) = &r.digest {
        out.push_str(&format!(
            "{}: {d}\n",
            if ja { "ダイジェスト（貼り付けたバイト列）" } else { "Digest (exact bytes)" }
        ));
    }
    if let Some(d) = &r.canonical_digest {
        out.push_str(&format!(
            "{}: {d}\n",
            if ja { "ダイジェスト（コンパクト形式）" } else { "Digest (compact form)" }
        ));
    }
    if !r.platforms.is_empty() {
        out.push_str(&format!("\n{}\n", if ja { "プラットフォーム:" } else { "Platforms:" }));
        for p in &r.platforms {
            let name = if p.os.is_empty() { "-".to_string() } else { p.name() };
            let mut extra = Vec::new();
            if let Some(v) = &p.os_version {
                extra.push(format!("os.version {v}"));
            }
            if p.is_attestation {
                extra.push(if ja { "アテステーション" } else { "attestation" }.to_string());
            }
            out.push_str(&format!(
                "  {name:<20} {:>10}  {}{}\n",
                p.size.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                p.digest.as_deref().unwrap_or("-"),
                if extra.is_empty() { String::new() } else { format!("  ({})", extra.join(", ")) }
            ));
        }
        if !r.missing_platforms.is_empty() {
            out.push_str(&format!("  {}: {}\n", if ja { "不足" } else { "missing" }, r.missing_platforms.join(", ")));
        }
    }
    if !r.findings.is_empty() {
        out.push_str(&format!("\n{}\n", if ja { "指摘事項:" } else { "Findings:" }));
        for f in &r.findings {
            let sev = match (f.severity, ja) {
                (Severity::Error, false) => "error",
                (Severity::Warning, false) => "warning",
                (Severity::Info, false) => "info",
                (Severity::Error, true) => "エラー",
                (Severity::Warning, true) => "警告",
                (Severity::Info, true) => "情報",
            };
            out.push_str(&format!(
                "  [{sev}] {}:{} {}\n    {}\n",
                f.pos.line,
                f.pos.column,
                f.path,
                f.message.get(lang)
            ));
            let entries = f.entries();
            if !entries.is_empty() {
                out.push_str(&format!("    → registry-doctor kb: {}\n", entries.join(", ")));
            }
        }
    }
    out
}
