//! `ci-pull` (SEED-06): let a CI job pull an image from another project, either by adding the job's
//! project to the image project's job token allowlist (numeric ids), or with a `DOCKER_AUTH_CONFIG`
//! CI/CD variable built from a deploy token kept in environment variables.

use super::{api, choice, curl, image_ref, l, p, t, TaskParam, GITLAB_URL, IMAGE_NAME, PROJECT_PATH, REGISTRY, TAG};
use crate::kb::{L10n, ParamKind};
use crate::plan::render::Resolver;
use crate::plan::steps::{lit, Body, Cmd, Piece, Step};

pub(super) const TITLE: L10n =
    l("Let a CI job pull an image from another project", "CI ジョブが別のプロジェクトのイメージをプルできるようにする");

pub(super) const PARAMS: &[TaskParam] = &[
    choice(
        "mode",
        &["allowlist", "deploy-token"],
        l(
            "Job token allowlist, or a deploy token in DOCKER_AUTH_CONFIG",
            "ジョブトークンの許可リストか、DOCKER_AUTH_CONFIG のデプロイトークンか",
        ),
    ),
    GITLAB_URL,
    p(
        "image_project_id",
        ParamKind::Number,
        "42",
        l("ID of the project that has the image", "イメージがあるプロジェクトの ID"),
    ),
    p(
        "job_project_id",
        ParamKind::Number,
        "43",
        l("ID of the project whose job pulls", "プルするジョブのプロジェクトの ID"),
    ),
    REGISTRY,
    PROJECT_PATH,
    IMAGE_NAME,
    TAG,
];

pub(super) fn build(r: &mut Resolver<'_>) -> (Vec<Step>, Vec<String>) {
    let mode = r.choice("mode", &["allowlist", "deploy-token"]);
    let url = r.get("gitlab_url", ParamKind::Url);
    let image_project = r.get("image_project_id", ParamKind::Number);
    let job_project = r.get("job_project_id", ParamKind::Number);
    let registry = r.get("registry", ParamKind::Host);
    let repo = r.repository();
    let tag = r.get("tag", ParamKind::Tag);
    let mut steps = Vec::new();
    let mut env = vec!["GITLAB_TOKEN".to_string()];
    if mode == "allowlist" {
        let allow = api(&url, vec![lit("projects/"), image_project, lit("/job_token_scope/allowlist")]);
        steps.push(Step {
            comment: t(r, "Add the job's project to the image project's job token allowlist (numeric ids; needs Maintainer on the image project)", "ジョブのプロジェクトを、イメージのプロジェクトのジョブトークン許可リストに追加します（数値 ID。イメージのプロジェクトでメンテナー権限が必要）"),
            body: Body::Run {
                pipeline: vec![curl().lit("--output").lit("/dev/null").lit("--request").lit("POST").lit("--data").arg(vec![lit("target_project_id="), job_project]).arg(allow.clone())],
                stdin_env: None,
                capture: None,
            },
        });
        steps.push(Step {
            comment: t(r, "Show the allowlist", "許可リストを表示します"),
            body: Body::Run { pipeline: vec![curl().arg(allow)], stdin_env: None, capture: None },
        });
    } else {
        env.extend(["DEPLOY_TOKEN_USER".to_string(), "DEPLOY_TOKEN".to_string()]);
        steps.push(Step {
            comment: t(
                r,
                "Encode user:token of a deploy token with read_registry (never written to disk)",
                "read_registry を持つデプロイトークンの user:token をエンコードします（ディスクには書きません）",
            ),
            body: Body::Run {
                pipeline: vec![
                    Cmd::lits(&["printf", "%s:%s"])
                        .arg(vec![Piece::Var("DEPLOY_TOKEN_USER".into())])
                        .arg(vec![Piece::Var("DEPLOY_TOKEN".into())]),
                    Cmd::lits(&["base64"]),
                    Cmd::lits(&["tr", "-d", "\\n"]),
                ],
                stdin_env: None,
                capture: Some("AUTH".into()),
            },
        });
        let vars = api(&url, vec![lit("projects/"), job_project, lit("/variables")]);
        let value = vec![
            lit("value={\"auths\":{\""),
            registry.clone(),
            lit("\":{\"auth\":\""),
            Piece::Var("AUTH".into()),
            lit("\"}}}"),
        ];
        steps.push(Step {
            comment: t(r, "Store it as the DOCKER_AUTH_CONFIG CI/CD variable of the job's project; the runner uses it to pull", "ジョブのプロジェクトの CI/CD 変数 DOCKER_AUTH_CONFIG として保存します。Runner はこれを使ってプルします"),
            body: Body::Run {
                pipeline: vec![curl()
                    .lit("--output")
                    .lit("/dev/null")
                    .lit("--request")
                    .lit("POST")
                    .lit("--data-urlencode")
                    .lit("key=DOCKER_AUTH_CONFIG")
                    .lit("--data-urlencode")
                    .arg(value)
                    .arg(vars)],
                stdin_env: None,
                capture: None,
            },
        });
    }
    let mut text = vec![lit("pull-image:\n  image: ")];
    text.extend(image_ref(&registry, &repo, std::slice::from_ref(&tag)));
    text.push(lit("\n  script:\n    - echo \"pulled\"\n"));
    steps.push(Step {
        comment: t(
            r,
            "A job that uses the image (add to .gitlab-ci.yml of the job's project)",
            "このイメージを使うジョブ（ジョブのプロジェクトの .gitlab-ci.yml に追加）",
        ),
        body: Body::Snippet { lang: "yaml".into(), text },
    });
    (steps, env)
}
