//! The one emitter: owned steps to POSIX sh text and to the exact argv of every program run. Every
//! word goes through `quote::quote_word`; nothing else writes user data into shell text.

use super::quote::{is_var_name, quote_word, WordPart};
use super::render::{ArgOut, ArgPart, RenderedStep};
use super::steps::{Body, Cmd, Piece, Step, Word};
use crate::i18n::{Lang, Msg};

/// Shell builtins our scripts use: run by the shell itself, so not listed as commands.
const BUILTINS: &[&str] = &["printf", "echo", "test", "[", ":", "exit"];

pub(super) struct Emitted {
    pub script: String,
    pub steps: Vec<RenderedStep>,
    pub commands: Vec<Vec<ArgOut>>,
}

fn placeholder(name: &str) -> String {
    format!("<{name}>")
}

fn word_text(w: &Word) -> String {
    let ph: Vec<String> =
        w.iter().map(|p| if let Piece::Missing(n) = p { placeholder(n) } else { String::new() }).collect();
    let parts: Vec<WordPart<'_>> = w
        .iter()
        .zip(&ph)
        .map(|(p, ph)| match p {
            Piece::Lit(s) => WordPart::Trusted(s),
            Piece::Value(s) => WordPart::Value(s),
            Piece::Missing(_) => WordPart::Value(ph),
            Piece::Var(v) => WordPart::Var(v),
        })
        .collect();
    quote_word(&parts)
}

fn arg_out(w: &Word) -> ArgOut {
    let mut parts: Vec<ArgPart> = Vec::new();
    for p in w {
        let text = match p {
            Piece::Lit(s) | Piece::Value(s) => s.clone(),
            Piece::Missing(n) => placeholder(n),
            Piece::Var(v) => {
                parts.push(ArgPart::Var(v.clone()));
                continue;
            }
        };
        match parts.last_mut() {
            Some(ArgPart::Text(t)) => t.push_str(&text),
            _ if text.is_empty() => {}
            _ => parts.push(ArgPart::Text(text)),
        }
    }
    let text = parts
        .iter()
        .map(|p| match p {
            ArgPart::Text(t) => t.clone(),
            ArgPart::Var(v) => format!("${v}"),
        })
        .collect();
    ArgOut { text, parts }
}

fn cmd_text(c: &Cmd) -> String {
    c.argv.iter().map(word_text).collect::<Vec<_>>().join(" ")
}

fn pipeline_text(p: &[Cmd]) -> String {
    p.iter().map(cmd_text).collect::<Vec<_>>().join(" | ")
}

fn fail_line(fail: &Word, indent: &str) -> String {
    format!("{indent}printf '%s\\n' {} >&2\n{indent}exit 1\n", word_text(fail))
}

fn has_missing(words: impl IntoIterator<Item = impl AsRef<[Piece]>>) -> bool {
    words.into_iter().any(|w| w.as_ref().iter().any(|p| matches!(p, Piece::Missing(_))))
}

fn pipeline_missing(p: &[Cmd]) -> bool {
    p.iter().any(|c| has_missing(&c.argv))
}

fn comment_lines(text: &str) -> String {
    text.lines().map(|l| if l.is_empty() { "#\n".to_string() } else { format!("# {l}\n") }).collect()
}

/// The shell text and the programs of one step.
fn step_text(body: &Body, commands: &mut Vec<Vec<ArgOut>>) -> (String, bool) {
    let mut record = |p: &[Cmd]| {
        for c in p {
            let prog = c.argv.first().map(arg_out).map(|a| a.text).unwrap_or_default();
            if !BUILTINS.contains(&prog.as_str()) {
                commands.push(c.argv.iter().map(arg_out).collect());
            }
        }
    };
    match body {
        Body::Run { pipeline, stdin_env, capture } => {
            record(pipeline);
            let mut t = pipeline_text(pipeline);
            if let Some(env) = stdin_env {
                t = format!("printf '%s' {} | {t}", quote_word(&[WordPart::Var(env)]));
            }
            if let Some(name) = capture.as_deref().filter(|n| is_var_name(n)) {
                t = format!("{name}=$({t})");
            }
            (t + "\n", pipeline_missing(pipeline))
        }
        Body::Guard { pipeline, fail } => {
            record(pipeline);
            let t = format!("if ! {} >/dev/null; then\n{}fi\n", pipeline_text(pipeline), fail_line(fail, "  "));
            (t, pipeline_missing(pipeline))
        }
        Body::RequireVar { var, fail } => {
            let v = quote_word(&[WordPart::Var(var)]);
            (format!("if [ -z {v} ]; then\n{}fi\n", fail_line(fail, "  ")), false)
        }
        Body::Poll { var, pipeline, expect, interval, attempts, fail } => {
            record(pipeline);
            let v = quote_word(&[WordPart::Var(var)]);
            let expect = quote_word(&[WordPart::Trusted(expect)]);
            let t = format!(
                "attempt=0\nuntil {var}=$({}) && [ {v} = {expect} ]; do\n  attempt=$((attempt + 1))\n  if [ \"$attempt\" -ge {attempts} ]; then\n{}  fi\n  sleep {interval}\ndone\n",
                pipeline_text(pipeline),
                fail_line(fail, "    ")
            );
            (t, pipeline_missing(pipeline))
        }
        Body::Snippet { text, .. } => {
            let t: String = text
                .iter()
                .map(|p| match p {
                    Piece::Lit(s) | Piece::Value(s) => s.clone(),
                    Piece::Missing(n) => placeholder(n),
                    Piece::Var(v) => format!("${{{v}}}"),
                })
                .collect();
            (t, has_missing([text]))
        }
    }
}

pub(super) fn emit(title: &str, steps: &[Step], env: &[String], lang: Lang) -> Emitted {
    let mut commands = Vec::new();
    let mut out_steps = Vec::new();
    let mut body = String::new();
    let mut previous_comment = "";
    for s in steps {
        let (text, has_placeholders) = step_text(&s.body, &mut commands);
        // Repeated steps (one per tag) share one comment and one paragraph.
        if !(s.comment.is_empty() || s.comment == previous_comment) {
            body.push('\n');
            body.push_str(&comment_lines(&s.comment));
        }
        previous_comment = &s.comment;
        let (is_snippet, lang_of) = match &s.body {
            Body::Snippet { lang, .. } => {
                body.push_str(&format!("# --- {lang} ---\n"));
                for l in text.lines() {
                    body.push_str(&comment_lines(l));
                }
                (true, Some(lang.clone()))
            }
            _ => {
                body.push_str(&text);
                (false, None)
            }
        };
        out_steps.push(RenderedStep { comment: s.comment.clone(), text, is_snippet, lang: lang_of, has_placeholders });
    }
    let mut script = String::from("#!/bin/sh\n");
    script.push_str(&comment_lines(title));
    let env: Vec<&String> = env.iter().filter(|e| is_var_name(e)).collect();
    if !env.is_empty() {
        let names: Vec<&str> = env.iter().map(|e| e.as_str()).collect();
        script.push_str(&comment_lines(&format!("{} {}", Msg::SetEnvFirst.text(lang), names.join(" "))));
    }
    script.push_str("set -eu\n");
    for e in &env {
        let msg = match lang {
            Lang::En => format!("Set {e} first"),
            Lang::Ja => format!("先に {e} を設定してください"),
        };
        script.push_str(&format!(": \"${{{e}:?{msg}}}\"\n"));
    }
    if out_steps.iter().any(|s| s.has_placeholders && !s.is_snippet) {
        // A script with `<…>` left in it must not run half-way.
        let msg = quote_word(&[WordPart::Trusted(Msg::FillPlaceholders.text(lang))]);
        script.push_str(&format!("printf '%s\\n' {msg} >&2\nexit 1\n"));
    }
    script.push_str(&body);
    Emitted { script, steps: out_steps, commands }
}
