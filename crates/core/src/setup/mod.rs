//! "Check my setup": read-only checks against the user's GitLab REST API, without any HTTP here.
//!
//! The core decides which `GET` to send next and what each answer means; the page (`fetch`) and the
//! CLI (a blocking client) only carry requests and answers ("sans-IO"). So every status, header,
//! content type and JSON shape is judged by host-tested code, and both front ends agree.
//!
//! ```text
//! let mut s = Session::new(config);
//! while let Some(req) = s.next_request() {           // always a GET, always to `config.origin`
//!     let answer = transport(origin + req.path, req.auth.then(|| token));
//!     s.feed(answer);                                  // Ok(Response) or Err(Failure)
//! }
//! s.results()                                          // one CheckResult per check
//! ```
//!
//! The token never enters this module's data: requests only say whether to attach it.

mod http;
mod interpret;
mod session;
mod text;
mod url;

pub use http::{Failure, Reason, Response, MAX_BODY};
pub use session::{Config, Request, Session, MAX_PAGES, MAX_TAGS};
pub use text::{role_name, Role};
pub use url::{encode_component, Origin, OriginError, ProjectRef, Token};

use crate::i18n::Lang;

/// The checks, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckId {
    Token,
    Project,
    Registry,
    Repositories,
    RepositoryProtection,
    TagProtection,
    Cleanup,
    JobTokenAllowlist,
}

impl CheckId {
    pub const ALL: [CheckId; 8] = [
        CheckId::Token,
        CheckId::Project,
        CheckId::Registry,
        CheckId::Repositories,
        CheckId::RepositoryProtection,
        CheckId::TagProtection,
        CheckId::Cleanup,
        CheckId::JobTokenAllowlist,
    ];

    /// Stable machine name (CLI `--json`, `data-check` in the page).
    pub const fn code(self) -> &'static str {
        match self {
            CheckId::Token => "token",
            CheckId::Project => "project",
            CheckId::Registry => "registry",
            CheckId::Repositories => "repositories",
            CheckId::RepositoryProtection => "repository-protection",
            CheckId::TagProtection => "tag-protection",
            CheckId::Cleanup => "cleanup-policy",
            CheckId::JobTokenAllowlist => "job-token-allowlist",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        let (en, ja) = match self {
            CheckId::Token => ("Token", "トークン"),
            CheckId::Project => ("Project and your role", "プロジェクトとあなたのロール"),
            CheckId::Registry => ("Container registry of the project", "プロジェクトのコンテナレジストリ"),
            CheckId::Repositories => ("Repositories and tags", "リポジトリとタグ"),
            CheckId::RepositoryProtection => ("Protected repositories", "保護されたリポジトリ"),
            CheckId::TagProtection => ("Protected and immutable tags", "保護タグと不変タグ"),
            CheckId::Cleanup => ("Cleanup policy", "クリーンアップポリシー"),
            CheckId::JobTokenAllowlist => ("CI/CD job token allowlist", "CI/CD ジョブトークンの許可リスト"),
        };
        match lang {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }

    /// The REST endpoints this check reads (documentation and the CLI's `--json`).
    pub const fn endpoints(self) -> &'static [&'static str] {
        match self {
            CheckId::Token => &["GET /api/v4/personal_access_tokens/self"],
            CheckId::Project | CheckId::Registry | CheckId::Cleanup => &["GET /api/v4/projects/:id"],
            CheckId::Repositories => &[
                "GET /api/v4/projects/:id/registry/repositories?tags=true&tags_count=true",
                "GET /api/v4/projects/:id/registry/repositories/:repository_id/tags",
            ],
            CheckId::RepositoryProtection => &["GET /api/v4/projects/:id/registry/protection/repository/rules"],
            CheckId::TagProtection => &["GET /api/v4/projects/:id/registry/protection/tag/rules"],
            CheckId::JobTokenAllowlist => &[
                "GET /api/v4/projects/:id",
                "GET /api/v4/projects/:id/job_token_scope",
                "GET /api/v4/projects/:id/job_token_scope/allowlist",
                "GET /api/v4/projects/:id/job_token_scope/groups_allowlist",
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Problem,
    CouldNotCheck,
}

impl Status {
    pub const fn code(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Problem => "problem",
            Status::CouldNotCheck => "could-not-check",
        }
    }
}

/// What one check found. Messages are complete sentences in both languages, with the user's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub check: CheckId,
    pub status: Status,
    pub en: String,
    pub ja: String,
    /// The catalog id of the entry that explains this (for a problem) or is worth knowing (a pass).
    pub catalog: Option<&'static str>,
    /// Values for the entry's commands (`gitlab_url`, `project_id`, …), never a token.
    pub values: Vec<(String, String)>,
    /// Why it could not be checked.
    pub reason: Option<Reason>,
}

impl CheckResult {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    /// The knowledge-base entry id behind `catalog`.
    pub fn entry_id(&self) -> Option<&'static str> {
        self.catalog.and_then(crate::kb::entry_by_catalog).map(|e| e.id)
    }
}

#[cfg(test)]
mod tests;
