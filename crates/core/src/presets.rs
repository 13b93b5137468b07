//! The portal preset file `registry-doctor.json`, served next to `index.html` by a company that
//! embeds the page: its GitLab URL, registry host, default language, docs base URL, and extra
//! knowledge-base entries of its own.
//!
//! Every field is validated with the same validators as the form fields (`crate::plan::validate`),
//! unknown fields are refused, and each problem names its JSON path (`$.entries[1].title.ja`).
//! A file with any problem is not used at all: the page runs on its defaults and shows the problems.
//! Presets only ever come from this same-origin file, never from a link.
//!
//! ```json
//! {"gitlab_url": "https://gitlab.example.com", "registry": "registry.example.com:5050",
//!  "language": "ja", "docs_base": "https://gitlab.example.com/help", "entries": [ … ]}
//! ```
//!
//! An entry mirrors the TOML entries of `kb/` (see `kb/README.md`): `id`, `title`, `summary`,
//! `causes` (`text`, `question`), `fix` (`text`, optional built-in `plan` id), `symptoms` (`match`,
//! optional `strength` and `where`), `sources` (`title`, https `url`); optional `catalog`,
//! `audience`, `platform`, `versions`, `related` (built-in entry ids). Texts are `{"en": …, "ja": …}`.

use crate::i18n::{Lang, Msg};
use crate::kb::{self, Audience, ParamKind, Platform, Strength};
use crate::link::Link;
use crate::names::{self, NameKind};
use crate::plan::{validate, Refusal};
use serde_json::{Map, Value};

/// Where the page fetches the file from (relative to `index.html`).
pub const FILE_NAME: &str = "registry-doctor.json";
/// Larger files are refused before parsing.
pub const MAX_FILE: usize = 512 * 1024;
/// At most this many extra entries.
pub const MAX_ENTRIES: usize = 100;

/// The validated presets. `Default` is "no file".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presets {
    pub gitlab_url: Option<String>,
    pub registry: Option<String>,
    pub language: Option<Lang>,
    pub docs_base: Option<String>,
    pub entries: Vec<CustomEntry>,
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomCause {
    pub text: Text,
    pub question: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomFix {
    pub text: Text,
    /// A built-in plan id (checked to exist).
    pub plan: Option<String>,
}

impl CustomFix {
    pub fn plan(&self) -> Option<&'static kb::Plan> {
        self.plan.as_deref().and_then(kb::plan)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomSymptom {
    /// Exact, case-sensitive literal.
    pub pattern: String,
    pub strength: Strength,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomSource {
    pub title: String,
    /// An https URL.
    pub url: String,
}

/// A company's own knowledge-base entry, owned (it is loaded at run time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomEntry {
    pub id: String,
    pub catalog: Vec<String>,
    pub audience: Audience,
    pub platform: Platform,
    pub versions: Option<Text>,
    pub title: Text,
    pub summary: Text,
    pub causes: Vec<CustomCause>,
    pub fix: Vec<CustomFix>,
    pub symptoms: Vec<CustomSymptom>,
    /// Built-in entry ids.
    pub related: Vec<String>,
    pub sources: Vec<CustomSource>,
}

impl CustomEntry {
    /// The analyzer's score for this entry on `text` (same points as built-in symptoms: unique 100,
    /// strong 40, generic 15; shown from 40 up, see `analyze::MIN_SCORE`).
    pub fn score(&self, text: &str) -> u32 {
        self.symptoms.iter().filter(|s| text.contains(s.pattern.as_str())).map(|s| s.strength.points()).sum()
    }
}

impl Presets {
    /// The parameter values the presets fill in: `gitlab_url` and `registry`.
    pub fn default_values(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(u) = &self.gitlab_url {
            out.push(("gitlab_url", u.clone()));
        }
        if let Some(r) = &self.registry {
            out.push(("registry", r.clone()));
        }
        out
    }

    /// Fills the preset values the link does not already carry (a link's own values win).
    pub fn fill(&self, link: &mut Link) {
        for (name, value) in self.default_values() {
            if link.value(name).is_none() {
                link.set_value(name, &value);
            }
        }
    }

    pub fn custom_entry(&self, id: &str) -> Option<&CustomEntry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// What is wrong at one place of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetError {
    /// JSON path: `$`, `$.registry`, `$.entries[0].sources[1].url`.
    pub path: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON at all (message from the parser, with line and column), or over [`MAX_FILE`].
    NotJson(String),
    UnknownField,
    MissingField,
    WrongType,
    BadLanguage,
    Empty,
    NotHttps,
    BadId,
    UnknownRef,
    /// Refused by the value validator for its kind.
    Refused(Refusal),
}

impl PresetError {
    /// `$.registry: …reason…`, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let what = match &self.problem {
            Problem::NotJson(detail) => format!("{} ({detail})", Msg::PresetNotJson.text(lang)),
            Problem::UnknownField => Msg::PresetUnknownField.text(lang).to_string(),
            Problem::MissingField => Msg::PresetMissingField.text(lang).to_string(),
            Problem::WrongType => Msg::PresetWrongType.text(lang).to_string(),
            Problem::BadLanguage => Msg::PresetBadLanguage.text(lang).to_string(),
            Problem::Empty => Msg::PresetEmpty.text(lang).to_string(),
            Problem::NotHttps => Msg::PresetNotHttps.text(lang).to_string(),
            Problem::BadId => Msg::PresetBadId.text(lang).to_string(),
            Problem::UnknownRef => Msg::PresetUnknownRef.text(lang).to_string(),
            Problem::Refused(r) => r.message(lang),
        };
        format!("{}: {what}", self.path)
    }
}

/// The page's entry point: `None` when the file is missing (normal, silent). A file with problems
/// yields the defaults and every problem found.
pub fn from_fetch(body: Option<&str>) -> (Presets, Vec<PresetError>) {
    match body.map(load) {
        None => (Presets::default(), Vec::new()),
        Some(Ok(p)) => (p, Vec::new()),
        Some(Err(errors)) => (Presets::default(), errors),
    }
}

/// Parses and validates a preset file; all problems at once.
pub fn load(json: &str) -> Result<Presets, Vec<PresetError>> {
    let err = |p: Problem| vec![PresetError { path: "$".into(), problem: p }];
    if json.len() > MAX_FILE {
        return Err(err(Problem::NotJson(format!("over {} KB", MAX_FILE / 1024))));
    }
    let value: Value = serde_json::from_str(json).map_err(|e| err(Problem::NotJson(e.to_string())))?;
    let mut c = Checker { errors: Vec::new() };
    let presets = c.presets(&value);
    if c.errors.is_empty() {
        Ok(presets)
    } else {
        Err(c.errors)
    }
}

struct Checker {
    errors: Vec<PresetError>,
}

/// An object's fields, with the unknown ones reported.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl Checker {
    fn fail(&mut self, path: &str, problem: Problem) {
        self.errors.push(PresetError { path: path.to_string(), problem });
    }

    fn object<'a>(&mut self, v: &'a Value, path: &str, known: &[&str]) -> Option<Obj<'a>> {
        let Some(map) = v.as_object() else {
            self.fail(path, Problem::WrongType);
            return None;
        };
        for k in map.keys() {
            if !known.contains(&k.as_str()) {
                self.fail(&format!("{path}.{}", printable(k)), Problem::UnknownField);
            }
        }
        Some(Obj { map, path: path.to_string() })
    }

    /// A field's value; `required` reports its absence.
    fn field<'a>(&mut self, o: &Obj<'a>, name: &str, required: bool) -> Option<(&'a Value, String)> {
        let path = format!("{}.{name}", o.path);
        match o.map.get(name) {
            Some(v) => Some((v, path)),
            None => {
                if required {
                    self.fail(&path, Problem::MissingField);
                }
                None
            }
        }
    }

    /// A non-empty single-line string without control or invisible characters.
    fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        let Some(s) = v.as_str() else {
            self.fail(path, Problem::WrongType);
            return None;
        };
        if s.trim().is_empty() {
            self.fail(path, Problem::Empty);
            return None;
        }
        if let Some(i) = s.find(names::is_forbidden_char) {
            let refusal = Refusal { reason: crate::plan::Reason::ControlChar, at: Some(i), suggestion: None };
            self.fail(path, Problem::Refused(refusal));
            return None;
        }
        Some(s.to_string())
    }

    fn by_kind(&mut self, v: &Value, path: &str, kind: ParamKind) -> Option<String> {
        let s = self.string(v, path)?;
        match validate(kind, &s) {
            Ok(()) => Some(s),
            Err(r) => {
                self.fail(path, Problem::Refused(r));
                None
            }
        }
    }

    fn text(&mut self, v: &Value, path: &str) -> Option<Text> {
        let o = self.object(v, path, &["en", "ja"])?;
        let en = self.field(&o, "en", true).and_then(|(v, p)| self.string(v, &p));
        let ja = self.field(&o, "ja", true).and_then(|(v, p)| self.string(v, &p));
        Some(Text { en: en?, ja: ja? })
    }

    /// A non-empty array (or an empty one when `may_be_empty`), each item checked by `item`.
    fn list<T>(
        &mut self,
        v: &Value,
        path: &str,
        may_be_empty: bool,
        mut item: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(items) = v.as_array() else {
            self.fail(path, Problem::WrongType);
            return None;
        };
        if items.is_empty() && !may_be_empty {
            self.fail(path, Problem::Empty);
            return None;
        }
        let out: Vec<Option<T>> =
            items.iter().enumerate().map(|(i, v)| item(self, v, &format!("{path}[{i}]"))).collect();
        out.into_iter().collect()
    }

    fn presets(&mut self, v: &Value) -> Presets {
        let Some(o) = self.object(v, "$", &["gitlab_url", "registry", "language", "docs_base", "entries"]) else {
            return Presets::default();
        };
        let mut p = Presets::default();
        if let Some((v, path)) = self.field(&o, "gitlab_url", false) {
            p.gitlab_url = self.by_kind(v, &path, ParamKind::Url);
        }
        if let Some((v, path)) = self.field(&o, "registry", false) {
            p.registry = self.by_kind(v, &path, ParamKind::Host);
        }
        if let Some((v, path)) = self.field(&o, "language", false) {
            p.language = match v.as_str() {
                Some(code) => Lang::from_code(code).or_else(|| {
                    self.fail(&path, Problem::BadLanguage);
                    None
                }),
                None => {
                    self.fail(&path, Problem::WrongType);
                    None
                }
            };
        }
        if let Some((v, path)) = self.field(&o, "docs_base", false) {
            p.docs_base = self.by_kind(v, &path, ParamKind::Url);
        }
        if let Some((v, path)) = self.field(&o, "entries", false) {
            if v.as_array().is_some_and(|a| a.len() > MAX_ENTRIES) {
                self.fail(&path, Problem::WrongType);
            } else {
                p.entries = self.list(v, &path, true, |c, v, path| c.entry(v, path)).unwrap_or_default();
                let mut seen: Vec<&str> = Vec::new();
                for (i, e) in p.entries.iter().enumerate() {
                    if seen.contains(&e.id.as_str()) {
                        self.errors.push(PresetError { path: format!("{path}[{i}].id"), problem: Problem::BadId });
                    }
                    seen.push(&e.id);
                }
            }
        }
        p
    }

    fn entry(&mut self, v: &Value, path: &str) -> Option<CustomEntry> {
        const FIELDS: &[&str] = &[
            "id", "catalog", "audience", "platform", "versions", "title", "summary", "causes", "fix", "symptoms",
            "related", "sources",
        ];
        let o = self.object(v, path, FIELDS)?;
        let id = self.field(&o, "id", true).and_then(|(v, p)| {
            let id = self.string(v, &p)?;
            let slug = id.len() <= 80 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !slug || kb::entry(&id).is_some() {
                self.fail(&p, Problem::BadId);
                return None;
            }
            Some(id)
        });
        let catalog = match self.field(&o, "catalog", false) {
            Some((v, p)) => self.list(v, &p, true, |c, v, p| c.string(v, p)),
            None => Some(Vec::new()),
        };
        let audience = match self.field(&o, "audience", false) {
            Some((v, p)) => self.word(v, &p, &[("user", Audience::User), ("admin", Audience::Admin)]),
            None => Some(Audience::User),
        };
        let platform = match self.field(&o, "platform", false) {
            Some((v, p)) => self.word(
                v,
                &p,
                &[("any", Platform::Any), ("gitlab-com", Platform::GitlabCom), ("self-managed", Platform::SelfManaged)],
            ),
            None => Some(Platform::Any),
        };
        let versions = match self.field(&o, "versions", false) {
            Some((v, p)) => self.text(v, &p).map(Some),
            None => Some(None),
        };
        let title = self.field(&o, "title", true).and_then(|(v, p)| self.text(v, &p));
        let summary = self.field(&o, "summary", true).and_then(|(v, p)| self.text(v, &p));
        let causes = self.field(&o, "causes", true).and_then(|(v, p)| self.list(v, &p, false, Self::cause));
        let fix = self.field(&o, "fix", true).and_then(|(v, p)| self.list(v, &p, false, Self::fix));
        let symptoms = self.field(&o, "symptoms", true).and_then(|(v, p)| self.list(v, &p, false, Self::symptom));
        let related = match self.field(&o, "related", false) {
            Some((v, p)) => self.list(v, &p, true, |c, v, p| {
                let id = c.string(v, p)?;
                if kb::entry(&id).is_none() {
                    c.fail(p, Problem::UnknownRef);
                    return None;
                }
                Some(id)
            }),
            None => Some(Vec::new()),
        };
        let sources = self.field(&o, "sources", true).and_then(|(v, p)| self.list(v, &p, false, Self::source));
        Some(CustomEntry {
            id: id?,
            catalog: catalog?,
            audience: audience?,
            platform: platform?,
            versions: versions?,
            title: title?,
            summary: summary?,
            causes: causes?,
            fix: fix?,
            symptoms: symptoms?,
            related: related?,
            sources: sources?,
        })
    }

    fn word<T: Copy>(&mut self, v: &Value, path: &str, words: &[(&str, T)]) -> Option<T> {
        let found = v.as_str().and_then(|s| words.iter().find(|(w, _)| *w == s)).map(|(_, t)| *t);
        if found.is_none() {
            self.fail(path, Problem::WrongType);
        }
        found
    }

    fn cause(&mut self, v: &Value, path: &str) -> Option<CustomCause> {
        let o = self.object(v, path, &["text", "question"])?;
        let text = self.field(&o, "text", true).and_then(|(v, p)| self.text(v, &p));
        let question = self.field(&o, "question", true).and_then(|(v, p)| self.text(v, &p));
        Some(CustomCause { text: text?, question: question? })
    }

    fn fix(&mut self, v: &Value, path: &str) -> Option<CustomFix> {
        let o = self.object(v, path, &["text", "plan"])?;
        let text = self.field(&o, "text", true).and_then(|(v, p)| self.text(v, &p));
        let plan = match self.field(&o, "plan", false) {
            Some((v, p)) => self.string(v, &p).and_then(|id| {
                if kb::plan(&id).is_none() {
                    self.fail(&p, Problem::UnknownRef);
                    return None;
                }
                Some(Some(id))
            }),
            None => Some(None),
        };
        Some(CustomFix { text: text?, plan: plan? })
    }

    fn symptom(&mut self, v: &Value, path: &str) -> Option<CustomSymptom> {
        let o = self.object(v, path, &["match", "strength", "where"])?;
        let pattern = self.field(&o, "match", true).and_then(|(v, p)| self.string(v, &p));
        let strength = match self.field(&o, "strength", false) {
            Some((v, p)) => self.word(
                v,
                &p,
                &[("unique", Strength::Unique), ("strong", Strength::Strong), ("generic", Strength::Generic)],
            ),
            None => Some(Strength::Strong),
        };
        if let Some((v, p)) = self.field(&o, "where", false) {
            const PLACES: &[&str] = &["client", "ci-log", "registry-log", "rails-log", "nginx-log", "ui", "api"];
            let _ =
                self.list(v, &p, true, |c, v, p| c.word(v, p, &PLACES.iter().map(|w| (*w, ())).collect::<Vec<_>>()));
        }
        Some(CustomSymptom { pattern: pattern?, strength: strength? })
    }

    fn source(&mut self, v: &Value, path: &str) -> Option<CustomSource> {
        let o = self.object(v, path, &["title", "url"])?;
        let title = self.field(&o, "title", true).and_then(|(v, p)| self.string(v, &p));
        let url = self.field(&o, "url", true).and_then(|(v, p)| {
            let url = self.string(v, &p)?;
            if !https_url(&url) {
                self.fail(&p, Problem::NotHttps);
                return None;
            }
            Some(url)
        });
        Some(CustomSource { title: title?, url: url? })
    }
}

/// `https://host[:port]` followed by nothing or `/`, `?`, `#` and then no blanks, quotes or angle
/// brackets: safe as an `href`, whatever comes after the host.
fn https_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else { return false };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    !host.is_empty()
        && names::check(host, NameKind::Host).errors().next().is_none()
        && !rest.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control() || b"<>\"'`\\".contains(&b))
}

/// A key as it may appear in a path: unprintable characters and long keys cut.
fn printable(k: &str) -> String {
    k.chars().filter(|c| !names::is_forbidden_char(*c)).take(40).collect()
}
