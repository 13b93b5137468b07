//! The name checker: image references, registry hosts, GitLab group/project paths, image sub-paths,
//! tags, digests and branch names used as tags, against the catalog's §R (distribution/reference
//! grammar and GitLab's path rules).
//!
//! Each problem points at the offending character (byte and char index) and names the rule; the
//! report proposes a corrected name and the CI variable to use instead. The same rules validate the
//! values that command plans put into shell commands (`crate::plan::quote`).

mod fix;
mod rules;
mod scan;

pub use fix::ref_slug;
pub use rules::{Hint, Rule, Severity};
pub use scan::is_forbidden_char;

use crate::i18n::Lang;
use scan::Raw;

/// What the input is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// A full image reference: `[host[:port]/]path[:tag][@digest]`.
    Reference,
    /// A registry `host[:port]`.
    Host,
    /// A GitLab group or project full path (`group/subgroup/project`).
    ProjectPath,
    /// An image path below the project (`app`, `tools/app`), or a whole repository path.
    ImagePath,
    Tag,
    /// A branch name that will be used as a tag.
    Branch,
    Digest,
}

impl NameKind {
    pub const ALL: [NameKind; 7] = [
        NameKind::Reference,
        NameKind::Host,
        NameKind::ProjectPath,
        NameKind::ImagePath,
        NameKind::Tag,
        NameKind::Branch,
        NameKind::Digest,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            NameKind::Reference => "reference",
            NameKind::Host => "host",
            NameKind::ProjectPath => "project-path",
            NameKind::ImagePath => "image-path",
            NameKind::Tag => "tag",
            NameKind::Branch => "branch",
            NameKind::Digest => "digest",
        }
    }

    pub fn from_name(s: &str) -> Option<NameKind> {
        NameKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// One broken rule, at one character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub rule: Rule,
    pub severity: Severity,
    /// Byte offset of the offending character in the input (the input's length when the problem is
    /// "something is missing at the end").
    pub byte: usize,
    /// The same position counted in Unicode scalar values (what an editor cursor counts).
    pub char_index: usize,
    /// The offending character, when there is one.
    pub found: Option<char>,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> &'static str {
        self.rule.message(lang)
    }
    pub fn catalog(&self) -> &'static [&'static str] {
        self.rule.catalog()
    }
}

/// The result of checking one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub kind: NameKind,
    /// Ordered by position.
    pub problems: Vec<Problem>,
    /// A corrected name, when the input has errors (or, for a branch, its slug when it differs).
    pub suggestion: Option<String>,
    pub hints: Vec<Hint>,
    /// Catalog ids explaining the problems (SEED-02, ENT-C01 …), primary first, no duplicates.
    pub related: Vec<&'static str>,
}

impl Report {
    /// No errors (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
}

/// Checks `input` as a name of `kind`. Never panics, whatever the input.
pub fn check(input: &str, kind: NameKind) -> Report {
    check_in_project(input, kind, None)
}

/// Like [`check`], and for a reference or image path also checks it against a known project path:
/// the path must start with the (lowercased) project path and go at most two levels below it
/// (ENT-C02). For [`NameKind::ImagePath`] the input is the part below the project.
pub fn check_in_project(input: &str, kind: NameKind, project_path: Option<&str>) -> Report {
    let mut raw: Vec<Raw> = Vec::new();
    let mut hints = Vec::new();
    if let Some((i, _)) = input.char_indices().find(|&(_, c)| is_forbidden_char(c)) {
        raw.push((Rule::ControlChar, Severity::Error, i));
    }
    let suggestion = if input.is_empty() {
        raw.push((Rule::Empty, Severity::Error, 0));
        None
    } else {
        match kind {
            NameKind::Reference => fix::reference(input, project_path, &mut raw, &mut hints),
            NameKind::Host => fix::host(input, &mut raw),
            NameKind::ProjectPath => fix::project_path(input, &mut raw, &mut hints),
            NameKind::ImagePath => fix::image_path(input, project_path, &mut raw),
            NameKind::Tag => fix::tag(input, &mut raw, &mut hints),
            NameKind::Branch => fix::branch(input, &mut raw, &mut hints),
            NameKind::Digest => fix::digest(input, &mut raw),
        }
    };
    finish(input, kind, raw, suggestion, hints)
}

fn finish(input: &str, kind: NameKind, mut raw: Vec<Raw>, suggestion: Option<String>, hints: Vec<Hint>) -> Report {
    raw.sort_by_key(|&(rule, _, at)| (at, rule.code()));
    raw.dedup_by_key(|r| (r.0, r.2));
    let has_error = raw.iter().any(|r| r.1 == Severity::Error);
    let problems: Vec<Problem> = raw
        .into_iter()
        .map(|(rule, severity, byte)| {
            // Offsets come from our own scanners and are char boundaries; stay safe regardless.
            let byte = byte.min(input.len());
            let head = input.get(..byte).unwrap_or(input);
            Problem {
                rule,
                severity,
                byte,
                char_index: head.chars().count(),
                found: input.get(byte..).and_then(|t| t.chars().next()),
            }
        })
        .collect();
    let mut related: Vec<&'static str> = Vec::new();
    for id in problems.iter().flat_map(|p| p.catalog().iter()).chain(hints.iter().map(|h| match h {
        Hint::UseRefSlug => &"SEED-02",
        Hint::UseRegistryImage => &"ENT-C01",
    })) {
        if !related.contains(id) {
            related.push(id);
        }
    }
    let suggestion =
        suggestion.filter(|s| s != input && (has_error || kind == NameKind::Branch || kind == NameKind::ProjectPath));
    Report { kind, problems, suggestion, hints, related }
}
