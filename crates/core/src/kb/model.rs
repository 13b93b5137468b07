//! The shapes of the compiled-in knowledge base. `build.rs` turns the TOML files under `kb/` into
//! `static` values of these types, so every field here is `&'static` and nothing is parsed at start-up.

use crate::i18n::Lang;

/// A text in every language we ship. The build fails when one is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct L10n {
    pub en: &'static str,
    pub ja: &'static str,
}

impl L10n {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }
}

/// Who can act on an entry's fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    User,
    Admin,
}

/// Where an entry applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Any,
    GitlabCom,
    SelfManaged,
}

/// Where a symptom shows up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Client,
    CiLog,
    RegistryLog,
    RailsLog,
    NginxLog,
    Ui,
    Api,
}

/// How much a matching symptom says about its entry (see `kb/README.md`, scoring).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Generic,
    Strong,
    Unique,
}

impl Strength {
    pub const fn points(self) -> u32 {
        match self {
            Strength::Generic => 15,
            Strength::Strong => 40,
            Strength::Unique => 100,
        }
    }
}

#[derive(Debug)]
pub struct Symptom {
    pub pattern: &'static str,
    pub places: &'static [Place],
    pub strength: Strength,
    /// Indexes into [`super::FEATURES`] that must all be present.
    pub when: &'static [u16],
    /// Indexes into [`super::FEATURES`] that must all be absent.
    pub unless: &'static [u16],
}

#[derive(Debug)]
pub struct Cause {
    pub text: L10n,
    pub question: L10n,
}

#[derive(Debug)]
pub struct FixStep {
    pub text: L10n,
    /// Index into [`super::PLANS`].
    pub plan: Option<u16>,
}

#[derive(Debug)]
pub struct Example {
    pub label: &'static str,
    pub text: &'static str,
}

#[derive(Debug)]
pub struct Source {
    pub title: &'static str,
    pub url: &'static str,
}

#[derive(Debug)]
pub struct Entry {
    pub id: &'static str,
    pub catalog: &'static [&'static str],
    pub audience: Audience,
    pub platform: Platform,
    pub versions: Option<L10n>,
    pub title: L10n,
    pub summary: L10n,
    pub causes: &'static [Cause],
    pub fix: &'static [FixStep],
    pub symptoms: &'static [Symptom],
    /// Example pastes (test fixtures and CLI demos). Left out of the web build to keep it small.
    #[cfg(feature = "examples")]
    pub examples: &'static [Example],
    /// Indexes into [`super::ENTRIES`].
    pub related: &'static [u16],
    pub sources: &'static [Source],
}

impl Entry {
    /// The catalog id that names this entry in links and machine output.
    pub fn primary_catalog(&self) -> &'static str {
        self.catalog[0]
    }
}

/// A named fact about a pasted text (which tool, which command, which CI stage).
#[derive(Debug)]
pub struct Feature {
    pub name: &'static str,
    pub any: &'static [&'static str],
}

/// What kind of value a parameter holds; decides how it is validated before it reaches a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamKind {
    Host,
    Url,
    ProjectPath,
    ImagePath,
    Tag,
    Digest,
    Reference,
    Number,
    FilePath,
    FreeText,
    Platforms,
    Username,
    EnvName,
    Branch,
}

impl ParamKind {
    pub const fn name(self) -> &'static str {
        match self {
            ParamKind::Host => "host",
            ParamKind::Url => "url",
            ParamKind::ProjectPath => "project-path",
            ParamKind::ImagePath => "image-path",
            ParamKind::Tag => "tag",
            ParamKind::Digest => "digest",
            ParamKind::Reference => "reference",
            ParamKind::Number => "number",
            ParamKind::FilePath => "file-path",
            ParamKind::FreeText => "free-text",
            ParamKind::Platforms => "platforms",
            ParamKind::Username => "username",
            ParamKind::EnvName => "env-name",
            ParamKind::Branch => "branch",
        }
    }
}

#[derive(Debug)]
pub struct ParamDef {
    pub name: &'static str,
    pub kind: ParamKind,
    pub example: &'static str,
    pub label: L10n,
    pub optional: bool,
    /// Computed from other parameters, never asked for.
    pub derived: bool,
}

/// One piece of a command-line argument or snippet template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Lit(&'static str),
    /// Index into [`super::PARAMS`].
    Param(u16),
    /// A shell variable the user sets (a secret) or an earlier step captured.
    Var(&'static str),
}

pub type Arg = &'static [Segment];
pub type Argv = &'static [Arg];

#[derive(Debug)]
pub enum StepKind {
    Run { argv: Argv, stdin_env: Option<&'static str>, capture: Option<&'static str> },
    Pipe { commands: &'static [Argv] },
    Snippet { lang: &'static str, text: &'static [Segment] },
}

#[derive(Debug)]
pub struct PlanStep {
    pub comment: L10n,
    pub kind: StepKind,
}

#[derive(Debug)]
pub struct Plan {
    pub id: &'static str,
    pub title: L10n,
    pub env: &'static [&'static str],
    /// Indexes into [`super::PARAMS`] that the plan's templates use, in first-use order.
    pub params: &'static [u16],
    pub steps: &'static [PlanStep],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Index into [`super::TREE`].
    Node(u16),
    /// Index into [`super::ENTRIES`].
    Entry(u16),
}

#[derive(Debug)]
pub struct TreeOption {
    pub label: L10n,
    pub target: Target,
}

#[derive(Debug)]
pub struct Node {
    pub id: &'static str,
    pub question: L10n,
    pub options: &'static [TreeOption],
}
