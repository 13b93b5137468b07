//! Rendering: static knowledge-base plans (and, through [`render_steps`], guided tasks) to a
//! [`Rendered`] script with its exact argv list.

use super::quote::validate;
use super::shell;
use super::steps::{lit, Body, Cmd, Piece, Step, Word};
use crate::i18n::Lang;
use crate::kb::{self, ParamKind, Plan, Segment, StepKind};
use crate::names::{self, NameKind, Severity};
use std::collections::BTreeMap;

/// Raw user values by parameter name. Never holds secrets: those are environment variables.
pub type Values = BTreeMap<String, String>;

/// A value that was refused, with the reason in the output language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedValue {
    pub param: String,
    pub reason: String,
}

/// A piece of one argument as the program receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgPart {
    Text(String),
    /// Expanded by the shell from this variable.
    Var(String),
}

/// One argument of one program run: `text` shows variables as `$NAME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgOut {
    pub text: String,
    pub parts: Vec<ArgPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedStep {
    pub comment: String,
    /// The shell text of the step, or the snippet's text.
    pub text: String,
    pub is_snippet: bool,
    /// The snippet's language (`yaml` …); `None` for shell steps.
    pub lang: Option<String>,
    /// Some value is still `<missing>` or was refused.
    pub has_placeholders: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub title: String,
    pub steps: Vec<RenderedStep>,
    /// The whole POSIX sh script: `set -eu`, the variables to set, each step with its comment
    /// (snippets as comments).
    pub script: String,
    /// Every external program the script runs, in order, on the path where every check passes.
    pub commands: Vec<Vec<ArgOut>>,
    /// Parameters without a value, in first-use order.
    pub missing: Vec<String>,
    pub refused: Vec<RefusedValue>,
    /// Environment variables the user must set first.
    pub env: Vec<String>,
}

impl Rendered {
    /// Ready to run: nothing missing, nothing refused.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.refused.is_empty()
    }
}

/// Looks values up, validates them by kind and records what is missing or refused. Shared by the
/// static plans and the tasks, so every value passes the same gate.
pub struct Resolver<'a> {
    values: &'a Values,
    lang: Lang,
    pub missing: Vec<String>,
    pub refused: Vec<RefusedValue>,
}

impl<'a> Resolver<'a> {
    pub fn new(values: &'a Values, lang: Lang) -> Resolver<'a> {
        Resolver { values, lang, missing: Vec::new(), refused: Vec::new() }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The value as given, with surrounding spaces (and a URL's trailing `/`) removed; `None` when
    /// absent or blank.
    pub fn raw(&self, name: &str) -> Option<&'a str> {
        let v = self.values.get(name)?.trim_matches(' ');
        (!v.is_empty()).then_some(v)
    }

    fn note_missing(&mut self, name: &str) {
        if !self.missing.iter().any(|m| m == name) {
            self.missing.push(name.to_string());
        }
    }

    /// Records a refusal (once per parameter).
    pub fn refuse(&mut self, name: &str, reason: String) {
        if !self.refused.iter().any(|r| r.param == name) {
            self.refused.push(RefusedValue { param: name.to_string(), reason });
        }
    }

    /// A validated value, or `None` (recorded as refused) when it breaks its kind's rules.
    pub fn checked(&mut self, name: &str, kind: ParamKind, value: &str) -> Option<String> {
        let v = if kind == ParamKind::Url { value.trim_end_matches('/') } else { value };
        match validate(kind, v) {
            Ok(()) => Some(v.to_string()),
            Err(refusal) => {
                let msg = refusal.message(self.lang);
                self.refuse(name, msg);
                None
            }
        }
    }

    /// A required value: validated, or a `<name>` placeholder (recorded as missing or refused).
    pub fn get(&mut self, name: &str, kind: ParamKind) -> Piece {
        match self.raw(name) {
            None => {
                self.note_missing(name);
                Piece::Missing(name.to_string())
            }
            Some(v) => match self.checked(name, kind, v) {
                Some(v) => Piece::Value(v),
                None => Piece::Missing(name.to_string()),
            },
        }
    }

    /// A value that may be left out: `None` when not given; a placeholder when refused.
    pub fn optional(&mut self, name: &str, kind: ParamKind) -> Option<Piece> {
        let v = self.raw(name)?;
        Some(match self.checked(name, kind, v) {
            Some(v) => Piece::Value(v),
            None => Piece::Missing(name.to_string()),
        })
    }

    /// One of a fixed set of words; the first when not given.
    pub fn choice(&mut self, name: &str, choices: &[&'static str]) -> &'static str {
        let Some(v) = self.raw(name) else {
            return choices[0];
        };
        match choices.iter().find(|c| **c == v) {
            Some(c) => c,
            None => {
                let msg = super::quote::Refusal {
                    reason: super::quote::Reason::NotAChoice,
                    at: None,
                    suggestion: Some(choices.join("|")),
                }
                .message(self.lang);
                self.refuse(name, msg);
                choices[0]
            }
        }
    }

    /// The derived `repository`: `project_path` plus `/image_name` when given; an image name more
    /// than two levels deep (ENT-C02) is refused.
    pub fn repository(&mut self) -> Vec<Piece> {
        let project = self.get("project_path", ParamKind::ProjectPath);
        let mut out = vec![project];
        if let Some(image) = self.optional("image_name", ParamKind::ImagePath) {
            if let Piece::Value(v) = &image {
                let report = names::check_in_project(v, NameKind::ImagePath, Some("p"));
                if let Some(p) = report.problems.iter().find(|p| p.severity == Severity::Error) {
                    let msg = p.message(self.lang).to_string();
                    self.refuse("image_name", msg);
                    out.extend([lit("/"), Piece::Missing("image_name".into())]);
                    return out;
                }
            }
            out.extend([lit("/"), image]);
        }
        out
    }
}

/// Renders a knowledge-base plan with the given values.
pub fn render(plan: &'static Plan, values: &Values, lang: Lang) -> Rendered {
    let mut r = Resolver::new(values, lang);
    let mut steps = Vec::new();
    for s in plan.steps {
        let body = match &s.kind {
            StepKind::Run { argv, stdin_env, capture } => Body::Run {
                pipeline: vec![cmd(argv, &mut r)],
                stdin_env: stdin_env.map(str::to_string),
                capture: capture.map(str::to_string),
            },
            StepKind::Pipe { commands } => Body::Run {
                pipeline: commands.iter().map(|c| cmd(c, &mut r)).collect(),
                stdin_env: None,
                capture: None,
            },
            StepKind::Snippet { lang: l, text } => Body::Snippet { lang: l.to_string(), text: word(text, &mut r) },
        };
        steps.push(Step { comment: s.comment.get(lang).to_string(), body });
    }
    let env: Vec<String> = plan.env.iter().map(|e| e.to_string()).collect();
    render_steps(plan.title.get(lang), &steps, &env, r)
}

fn cmd(argv: &[&[Segment]], r: &mut Resolver<'_>) -> Cmd {
    Cmd::new(argv.iter().map(|a| word(a, r)).collect())
}

fn word(segs: &[Segment], r: &mut Resolver<'_>) -> Word {
    let mut out = Vec::new();
    for seg in segs {
        match *seg {
            Segment::Lit(s) => out.push(lit(s)),
            Segment::Var(v) => out.push(Piece::Var(v.to_string())),
            Segment::Param(i) => {
                let Some(def) = kb::PARAMS.get(usize::from(i)) else {
                    continue;
                };
                if def.derived && def.name == "repository" {
                    out.extend(r.repository());
                } else if def.optional {
                    out.push(r.optional(def.name, def.kind).unwrap_or_else(|| Piece::Value(String::new())));
                } else {
                    out.push(r.get(def.name, def.kind));
                }
            }
        }
    }
    out
}

/// Renders an owned step list (what tasks build) with the values the resolver has checked.
pub fn render_steps(title: &str, steps: &[Step], env: &[String], r: Resolver<'_>) -> Rendered {
    let lang = r.lang;
    let out = shell::emit(title, steps, env, lang);
    Rendered {
        title: title.to_string(),
        steps: out.steps,
        script: out.script,
        commands: out.commands,
        missing: r.missing,
        refused: r.refused,
        env: env.to_vec(),
    }
}
