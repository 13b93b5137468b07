//! `multiarch` (SEED-04): build and push one tag per platform into the same repository, then a
//! manifest list over them. The list may only reference manifests already in that repository.

use super::{docker_login, image_ref, l, opt, p, t, TaskParam, IMAGE_NAME, PROJECT_PATH, REGISTRY, TAG, USERNAME};
use crate::kb::{L10n, ParamKind};
use crate::plan::render::Resolver;
use crate::plan::steps::{lit, Body, Cmd, Piece, Step};

pub(super) const TITLE: L10n = l(
    "Per-architecture tags and a manifest list in one repository",
    "1 つのリポジトリにアーキテクチャ別タグとマニフェストリストを作る",
);

pub(super) const PARAMS: &[TaskParam] = &[
    REGISTRY,
    PROJECT_PATH,
    IMAGE_NAME,
    TAG,
    p("platforms", ParamKind::Platforms, "linux/amd64,linux/arm64", l("Platforms", "プラットフォーム")),
    USERNAME,
    opt(p(
        "context",
        ParamKind::FilePath,
        ".",
        l("Build context directory (default .)", "ビルドコンテキストのディレクトリ（既定は .）"),
    )),
];

pub(super) fn build(r: &mut Resolver<'_>) -> (Vec<Step>, Vec<String>) {
    let registry = r.get("registry", ParamKind::Host);
    let repo = r.repository();
    let mut tag = r.get("tag", ParamKind::Tag);
    let platforms = r.get("platforms", ParamKind::Platforms);
    let context = r.optional("context", ParamKind::FilePath).unwrap_or_else(|| lit("."));
    let mut steps = vec![docker_login(r, &registry)];
    // (platform, its tag suffix), e.g. ("linux/arm64/v8", "linux-arm64-v8").
    let list: Vec<(Piece, String)> = match &platforms {
        Piece::Value(v) => v.split(',').map(|p| (Piece::Value(p.to_string()), p.replace('/', "-"))).collect(),
        other => vec![(other.clone(), "<arch>".to_string())],
    };
    if let Piece::Value(tv) = &tag {
        if list.iter().any(|(_, s)| tv.len() + 1 + s.len() > 128) {
            let msg = t(
                r,
                "The tag plus the platform suffix would be longer than 128 characters.",
                "タグとプラットフォームの接尾辞を合わせると 128 文字を超えます。",
            );
            r.refuse("tag", msg);
            tag = Piece::Missing("tag".into());
        }
    }
    let arch_tag = |suffix: &str| -> Vec<Piece> { vec![tag.clone(), lit(format!("-{suffix}"))] };
    let list_ref = image_ref(&registry, &repo, std::slice::from_ref(&tag));
    for (platform, suffix) in &list {
        steps.push(Step {
            comment: t(r, "Build and push one platform under its own tag in the same repository (no provenance: docker manifest cannot take an index)", "1 つのプラットフォームを、同じリポジトリに専用のタグでビルドしてプッシュします（provenance なし。docker manifest はインデックスを扱えません）"),
            body: Body::Run {
                pipeline: vec![Cmd::lits(&["docker", "buildx", "build", "--platform"])
                    .arg(vec![platform.clone()])
                    .lit("--provenance=false")
                    .lit("--tag")
                    .arg(image_ref(&registry, &repo, &arch_tag(suffix)))
                    .lit("--push")
                    .arg(vec![context.clone()])],
                stdin_env: None,
                capture: None,
            },
        });
    }
    for (_, suffix) in &list {
        steps.push(Step {
            comment: t(
                r,
                "Safety check: the per-platform tag is in the registry",
                "安全確認：プラットフォーム別のタグがレジストリにあること",
            ),
            body: Body::Guard {
                pipeline: vec![Cmd::lits(&["docker", "buildx", "imagetools", "inspect"]).arg(image_ref(
                    &registry,
                    &repo,
                    &arch_tag(suffix),
                ))],
                fail: vec![lit(t(
                    r,
                    "A per-platform tag is missing: the list would fail with `manifest blob unknown`.",
                    "プラットフォーム別のタグがありません。リストは `manifest blob unknown` で失敗します。",
                ))],
            },
        });
    }
    let mut create = Cmd::lits(&["docker", "manifest", "create"]).arg(list_ref.clone());
    for (_, suffix) in &list {
        create = create.arg(image_ref(&registry, &repo, &arch_tag(suffix)));
    }
    steps.push(Step {
        comment: t(
            r,
            "Create the manifest list from the tags in this repository",
            "このリポジトリのタグからマニフェストリストを作成します",
        ),
        body: Body::Run { pipeline: vec![create], stdin_env: None, capture: None },
    });
    for (platform, suffix) in &list {
        let Piece::Value(pv) = platform else { continue };
        let parts: Vec<&str> = pv.split('/').collect();
        let mut a = Cmd::lits(&["docker", "manifest", "annotate", "--os"])
            .arg(vec![Piece::Value(parts[0].into())])
            .lit("--arch")
            .arg(vec![Piece::Value(parts[1].into())]);
        if let Some(v) = parts.get(2) {
            a = a.lit("--variant").arg(vec![Piece::Value(v.to_string())]);
        }
        steps.push(Step {
            comment: t(r, "Record the platform of each entry", "各エントリのプラットフォームを記録します"),
            body: Body::Run {
                pipeline: vec![a.arg(list_ref.clone()).arg(image_ref(&registry, &repo, &arch_tag(suffix)))],
                stdin_env: None,
                capture: None,
            },
        });
    }
    steps.push(Step {
        comment: t(r, "Push the list", "リストをプッシュします"),
        body: Body::Run {
            pipeline: vec![Cmd::lits(&["docker", "manifest", "push"]).arg(list_ref.clone())],
            stdin_env: None,
            capture: None,
        },
    });
    steps.push(Step {
        comment: t(r, "Show the list as the registry has it", "レジストリ上のリストを表示します"),
        body: Body::Run {
            pipeline: vec![Cmd::lits(&["docker", "buildx", "imagetools", "inspect"]).arg(list_ref)],
            stdin_env: None,
            capture: None,
        },
    });
    (steps, vec!["GITLAB_TOKEN".to_string()])
}
