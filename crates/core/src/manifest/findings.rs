//! Findings and the collector the checks write into.

use crate::i18n::Lang;
use crate::json::{Pos, Span, Value};
use crate::kb;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec or GitLab rejects it.
    Error,
    /// Legal, but leads to a problem the catalog describes.
    Warning,
    Info,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A message built at run time, in every language we ship.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Text {
        Text { en: en.into(), ja: ja.into() }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable identifier of the check (`digest-length`, `schema1` …), for tests and the page.
    pub code: &'static str,
    pub severity: Severity,
    /// JSON path of the offending value (`$.manifests[2].digest`).
    pub path: String,
    /// Where that value starts in the pasted text, and its extent (for highlighting).
    pub pos: Pos,
    pub span: Span,
    pub message: Text,
    /// Catalog ids (`SEED-04`, `ENT-D06` …); [`Finding::entries`] resolves them.
    pub catalog: Vec<&'static str>,
}

impl Finding {
    /// Knowledge-base entry ids for the catalog ids, resolved at run time (entries come and go).
    pub fn entries(&self) -> Vec<&'static str> {
        self.catalog.iter().filter_map(|c| kb::entry_by_catalog(c)).map(|e| e.id).collect()
    }
}

/// Where a finding points when the value itself has no place in the pasted text (a manifest decoded
/// from `docker manifest inspect -v`'s base64 `Raw`): the place of the encoded string instead.
#[derive(Debug, Clone, Copy)]
pub struct Anchor {
    pub pos: Pos,
    pub span: Span,
}

#[derive(Default)]
pub struct Ctx {
    pub findings: Vec<Finding>,
    /// Codes or (code, detail) keys already reported where one report is enough.
    once: HashSet<String>,
    pub anchor: Option<Anchor>,
}

impl Ctx {
    pub fn add(
        &mut self,
        code: &'static str,
        severity: Severity,
        path: &str,
        at: Option<&Value>,
        message: Text,
        catalog: &[&'static str],
    ) {
        self.add_at(code, severity, path, at.map(|v| Anchor { pos: v.pos, span: v.span }), message, catalog);
    }

    /// Like [`Ctx::add`], for a place remembered earlier.
    pub fn add_at(
        &mut self,
        code: &'static str,
        severity: Severity,
        path: &str,
        at: Option<Anchor>,
        message: Text,
        catalog: &[&'static str],
    ) {
        let (pos, span) = match (self.anchor, at) {
            (Some(a), _) | (None, Some(a)) => (a.pos, a.span),
            (None, None) => (Pos { offset: 0, line: 1, column: 1 }, Span::default()),
        };
        self.findings.push(Finding {
            code,
            severity,
            path: path.to_string(),
            pos,
            span,
            message,
            catalog: catalog.to_vec(),
        });
    }

    pub fn error(&mut self, code: &'static str, path: &str, at: Option<&Value>, en: String, ja: String) {
        self.add(code, Severity::Error, path, at, Text { en, ja }, &[]);
    }

    /// True the first time `key` is seen: for advice that should appear once per report.
    pub fn first(&mut self, key: &str) -> bool {
        self.once.insert(key.to_string())
    }
}

/// `path.key`
pub fn child(path: &str, key: &str) -> String {
    let mut p = String::with_capacity(path.len() + key.len() + 1);
    p.push_str(path);
    crate::json::push_key(&mut p, key);
    p
}

/// `path[i]`
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
