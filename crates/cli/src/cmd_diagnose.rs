//! `registry-doctor diagnose [FILE|-] [--json] [--lang en|ja] [--base URL]`: the paste analyzer over
//! an error message or a whole CI job log. Exit 0 when something was diagnosed, 1 when nothing
//! matched (or the input was empty), 2 when the input could not be read or the usage was wrong.
//!
//! The input is read once, as bytes (no copy into a `String`); a file is streamed (`source.rs`).

use crate::args::{Args, Failure, Spec};
use crate::source::Input;
use registry_doctor_core::analyze::{Analysis, Confidence, Diagnosis, EvidenceLine, InputKind};
use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::link::{self, Link, Route};
use serde_json::{json, Map, Value};
use std::io::Write;

pub const SPEC: Spec = &[("--json", false), ("--lang", true), ("--base", true)];

/// Where links point unless `--base` says otherwise (the page's public address is not fixed yet).
pub const DEFAULT_BASE: &str = "https://registry-doctor.example/";

pub fn run(args: Args) -> Result<u8, Failure> {
    args.at_most(1)?;
    let chosen = match args.value("--lang") {
        None => None,
        Some(code) => {
            Some(Lang::from_code(code).ok_or_else(|| Failure::Usage(format!("`--lang {code}`: expected en or ja")))?)
        }
    };
    let lang = chosen.unwrap_or_default();
    let base = crate::args::base_url(args.value("--base").unwrap_or(DEFAULT_BASE))?;
    let input = Input::open(args.positional.first().map(String::as_str))?;
    let analysis = input.analyze()?;
    if analysis.invalid_utf8 {
        let binary = input.head(1 << 20).contains(&0);
        eprintln!(
            "registry-doctor: {}",
            match (lang, binary) {
                (Lang::En, true) => "the input contains binary data; only its readable text was analyzed",
                (Lang::En, false) => "the input is not valid UTF-8; the readable parts were analyzed",
                (Lang::Ja, true) => "入力にバイナリデータが含まれています。読み取れるテキスト部分だけを解析しました",
                (Lang::Ja, false) => "入力は正しい UTF-8 ではありません。読み取れる部分だけを解析しました",
            }
        );
    }
    let out = if args.has("--json") {
        let mut s = serde_json::to_string_pretty(&to_json(&analysis, lang, base)).unwrap_or_default();
        s.push('\n');
        s
    } else {
        to_text(&analysis, lang, base)
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(if analysis.diagnoses.is_empty() { 1 } else { 0 })
}

/// The page's link for a diagnosis, carrying the values found (as the page's diagnosis card does).
fn link_for(d: &Diagnosis, a: &Analysis, lang: Lang, base: &str) -> String {
    // English is the page's default; only Japanese needs saying.
    let lang = (lang != Lang::En).then_some(lang);
    let mut l = Link { route: Route::Entry(d.entry.id.to_string()), lang, ..Link::default() };
    for (name, value) in a.values.as_params() {
        if link::is_shareable_param(name) && value.len() <= link::MAX_VALUE {
            l.set_value(name, &value);
        }
    }
    format!("{base}{}", l.to_fragment())
}

fn confidence_word(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::High => Msg::High,
        Confidence::Medium => Msg::Medium,
        Confidence::Low => Msg::Low,
    }
    .text(lang)
}

fn kind_word(kind: InputKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (InputKind::Empty, Lang::En) => "empty",
        (InputKind::Log, Lang::En) => "error text or CI log",
        (InputKind::Manifest, Lang::En) => "image manifest",
        (InputKind::Reference, Lang::En) => "image reference",
        (InputKind::Empty, Lang::Ja) => "空",
        (InputKind::Log, Lang::Ja) => "エラーメッセージまたは CI ログ",
        (InputKind::Manifest, Lang::Ja) => "イメージマニフェスト",
        (InputKind::Reference, Lang::Ja) => "イメージ参照",
    }
}

pub fn to_json(a: &Analysis, lang: Lang, base: &str) -> Value {
    let diagnoses: Vec<Value> = a
        .diagnoses
        .iter()
        .map(|d| {
            json!({
                "id": d.entry.id,
                "catalog": d.entry.primary_catalog(),
                "catalogs": d.entry.catalog,
                "title": d.entry.title.get(lang),
                "confidence": d.confidence.code(),
                "score": d.score,
                "link": link_for(d, a, lang, base),
                "evidence": d.evidence.iter().map(evidence_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut values = Map::new();
    for (k, v) in a.values.pairs() {
        let v = match (k, v.parse::<u16>()) {
            ("http_status", Ok(n)) => json!(n),
            _ => json!(v),
        };
        values.insert(k.to_string(), v);
    }
    json!({
        "input_kind": a.kind.code(),
        "lines": a.lines,
        "bytes": a.bytes,
        "invalid_utf8": a.invalid_utf8,
        "diagnoses": diagnoses,
        "values": values,
    })
}

fn evidence_json(l: &EvidenceLine) -> Value {
    json!({
        "line": l.line,
        "text": l.text,
        "match": l.is_match(),
        "highlights": l.highlights.iter().map(|&(s, e)| json!([s, e])).collect::<Vec<_>>(),
    })
}

fn to_text(a: &Analysis, lang: Lang, base: &str) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    let size = format!("{:.1} MB", a.bytes as f64 / 1e6);
    out.push_str(&if ja {
        format!("入力: {}（{} 行、{size}）\n", kind_word(a.kind, lang), a.lines)
    } else {
        format!("Input: {} ({} lines, {size})\n", kind_word(a.kind, lang), a.lines)
    });
    match a.kind {
        InputKind::Manifest => out.push_str(if ja {
            "  マニフェストの検査は `registry-doctor manifest` で行えます。\n"
        } else {
            "  To check the manifest itself, run `registry-doctor manifest`.\n"
        }),
        InputKind::Reference => out.push_str(if ja {
            "  名前の検査は `registry-doctor check-name` で行えます。\n"
        } else {
            "  To check the name itself, run `registry-doctor check-name`.\n"
        }),
        _ => {}
    }
    if a.diagnoses.is_empty() {
        out.push('\n');
        out.push_str(Msg::NoMatch.text(lang));
        out.push('\n');
        out.push_str(&format!("{}: {base}#/guided\n", Msg::TryGuided.text(lang)));
        return out;
    }
    out.push_str(&format!("\n{}:\n", Msg::Diagnoses.text(lang)));
    for (rank, d) in a.diagnoses.iter().enumerate() {
        out.push_str(&format!(
            "\n{}. {}\n   {}: {} · {}\n   {}\n",
            rank + 1,
            d.entry.title.get(lang),
            Msg::Confidence.text(lang),
            confidence_word(d.confidence, lang),
            d.entry.catalog.join(", "),
            link_for(d, a, lang, base),
        ));
        text_evidence(&mut out, &d.evidence);
    }
    let pairs = a.values.pairs();
    if !pairs.is_empty() {
        out.push_str(&format!("\n{}:\n", if ja { "見つかった値" } else { "Values found" }));
        for (k, v) in pairs {
            out.push_str(&format!("   {k:<15} {v}\n"));
        }
    }
    out
}

/// Evidence lines with their numbers; under a matching line, `^` marks the matched text.
fn text_evidence(out: &mut String, lines: &[EvidenceLine]) {
    let width = lines.iter().map(|l| l.line.to_string().len()).max().unwrap_or(1);
    let mut previous: Option<usize> = None;
    for l in lines {
        if previous.is_some_and(|p| l.line > p + 1) {
            out.push_str(&format!("   {:>width$}   ⋯\n", ""));
        }
        previous = Some(l.line);
        let mark = if l.is_match() { '>' } else { ' ' };
        out.push_str(&format!("  {mark}{:>width$} │ {}\n", l.line, l.text));
        if l.is_match() {
            let mut marker = String::new();
            let mut col = 0;
            for &(s, e) in &l.highlights {
                let (Some(before), Some(marked)) = (l.text.get(..s), l.text.get(s..e)) else { continue };
                let start = display_width(before);
                marker.push_str(&" ".repeat(start.saturating_sub(col)));
                let w = display_width(marked).max(1);
                marker.push_str(&"^".repeat(w));
                col = start + w;
            }
            out.push_str(&format!("   {:>width$} │ {}\n", "", marker.trim_end()));
        }
    }
}

/// Columns a terminal gives the text: two for East Asian wide characters, one otherwise.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}
