//! The four guided tasks. Each builds an owned step list from the values and renders it through the
//! same renderer as the static plans (`render_steps`), so there is no second quoting path.

mod ci_pull;
mod migrate;
mod multiarch;
mod transfer;

use super::render::{Rendered, Resolver, Values};
use super::steps::{lit, Cmd, Piece, Word};
use crate::i18n::Lang;
use crate::kb::{L10n, ParamKind};

/// A parameter a task asks for.
#[derive(Debug)]
pub struct TaskParam {
    pub name: &'static str,
    pub kind: ParamKind,
    /// A valid value (tests render every task with these).
    pub example: &'static str,
    pub label: L10n,
    /// May be left out (choices then take their first value).
    pub optional: bool,
    /// For a choice, the allowed words, the default first.
    pub choices: &'static [&'static str],
}

#[derive(Debug)]
pub struct Task {
    pub id: &'static str,
    pub title: L10n,
    pub params: &'static [TaskParam],
    build: fn(&mut Resolver<'_>) -> (Vec<super::steps::Step>, Vec<String>),
}

impl Task {
    /// Renders this task's script with `values`.
    pub fn render(&self, values: &Values, lang: Lang) -> Rendered {
        let mut r = Resolver::new(values, lang);
        let (steps, env) = (self.build)(&mut r);
        super::render::render_steps(self.title.get(lang), &steps, &env, r)
    }
}

pub static TASKS: &[Task] = &[
    Task { id: "migrate", title: migrate::TITLE, params: migrate::PARAMS, build: migrate::build },
    Task { id: "transfer", title: transfer::TITLE, params: transfer::PARAMS, build: transfer::build },
    Task { id: "multiarch", title: multiarch::TITLE, params: multiarch::PARAMS, build: multiarch::build },
    Task { id: "ci-pull", title: ci_pull::TITLE, params: ci_pull::PARAMS, build: ci_pull::build },
];

pub fn task(id: &str) -> Option<&'static Task> {
    TASKS.iter().find(|t| t.id == id)
}

const fn l(en: &'static str, ja: &'static str) -> L10n {
    L10n { en, ja }
}

/// Shorthand for the common parameters, so each task file lists only what is its own.
const fn p(name: &'static str, kind: ParamKind, example: &'static str, label: L10n) -> TaskParam {
    TaskParam { name, kind, example, label, optional: false, choices: &[] }
}
const fn opt(mut t: TaskParam) -> TaskParam {
    t.optional = true;
    t
}
const fn choice(name: &'static str, choices: &'static [&'static str], label: L10n) -> TaskParam {
    TaskParam { name, kind: ParamKind::FreeText, example: choices[0], label, optional: true, choices }
}

const REGISTRY: TaskParam =
    p("registry", ParamKind::Host, "registry.example.com", l("Registry host[:port]", "レジストリのホスト[:ポート]"));
const GITLAB_URL: TaskParam =
    p("gitlab_url", ParamKind::Url, "https://gitlab.example.com", l("GitLab URL", "GitLab の URL"));
const PROJECT_PATH: TaskParam =
    p("project_path", ParamKind::ProjectPath, "my-group/my-project", l("Project path", "プロジェクトのパス"));
const IMAGE_NAME: TaskParam = opt(p(
    "image_name",
    ParamKind::ImagePath,
    "app",
    l("Image name below the project (optional)", "プロジェクト配下のイメージ名（任意）"),
));
const TAG: TaskParam = p("tag", ParamKind::Tag, "1.0.0", l("Tag", "タグ"));
const USERNAME: TaskParam =
    p("username", ParamKind::Username, "deploy-bot", l("User name for docker login", "docker login のユーザー名"));

/// Localized text for step comments.
fn t(r: &Resolver<'_>, en: &str, ja: &str) -> String {
    match r.lang() {
        Lang::En => en.to_string(),
        Lang::Ja => ja.to_string(),
    }
}

/// `registry/repository:tag` as one word.
fn image_ref(registry: &Piece, repo: &[Piece], tag: &[Piece]) -> Word {
    let mut w = vec![registry.clone(), lit("/")];
    w.extend(repo.iter().cloned());
    if !tag.is_empty() {
        w.push(lit(":"));
        w.extend(tag.iter().cloned());
    }
    w
}

/// `<gitlab_url>/api/v4/<rest…>` as one word.
fn api(url: &Piece, rest: Vec<Piece>) -> Word {
    let mut w = vec![url.clone(), lit("/api/v4/")];
    w.extend(rest);
    w
}

/// `curl` against the GitLab API, the token read from `$GITLAB_TOKEN`.
fn curl() -> Cmd {
    Cmd::lits(&["curl", "--fail", "--silent", "--show-error", "--header"])
        .arg(vec![lit("PRIVATE-TOKEN: "), Piece::Var("GITLAB_TOKEN".into())])
}

/// `printf '%s' "$GITLAB_TOKEN" | docker login <registry> --username <user> --password-stdin`.
fn docker_login(r: &mut Resolver<'_>, registry: &Piece) -> super::steps::Step {
    let user = r.get("username", ParamKind::Username);
    super::steps::Step {
        comment: t(
            r,
            "Log in with a token that has read_registry and write_registry; it is read from GITLAB_TOKEN, never typed.",
            "read_registry と write_registry を持つトークンでログインします。トークンは GITLAB_TOKEN から読み込み、入力はしません。",
        ),
        body: super::steps::Body::Run {
            pipeline: vec![Cmd::lits(&["docker", "login"]).arg(vec![registry.clone()]).lit("--username").arg(vec![user]).lit("--password-stdin")],
            stdin_env: Some("GITLAB_TOKEN".into()),
            capture: None,
        },
    }
}
