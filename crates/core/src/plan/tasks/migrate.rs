//! `migrate` (SEED-01): copy images into the GitLab registry with skopeo, from another registry or a
//! local layout/archive; one tag or all tags; multi-arch kept with `--all`; digests kept or converted.

use super::{choice, image_ref, l, opt, p, t, TaskParam, IMAGE_NAME, PROJECT_PATH, REGISTRY, TAG};
use crate::kb::{L10n, ParamKind};
use crate::plan::render::Resolver;
use crate::plan::steps::{lit, Body, Cmd, Piece, Step, Word};

pub(super) const TITLE: L10n =
    l("Migrate images into the GitLab registry with skopeo", "skopeo でイメージを GitLab レジストリに移行する");

const TRANSPORTS: &[&str] =
    &["docker", "oci", "docker-archive", "oci-archive", "dir", "containers-storage", "docker-daemon"];

pub(super) const PARAMS: &[TaskParam] = &[
    choice("transport", TRANSPORTS, l("Where the images are now", "イメージの現在の場所")),
    opt(p(
        "source_image",
        ParamKind::Reference,
        "registry.old.example.com/team/app:1.0.0",
        l(
            "Source image (docker, containers-storage, docker-daemon)",
            "コピー元イメージ（docker、containers-storage、docker-daemon）",
        ),
    )),
    opt(p(
        "source_path",
        ParamKind::FilePath,
        "./oci-layout",
        l(
            "Source directory or archive (oci, dir, *-archive)",
            "コピー元のディレクトリまたはアーカイブ（oci、dir、*-archive）",
        ),
    )),
    REGISTRY,
    PROJECT_PATH,
    IMAGE_NAME,
    TAG,
    choice(
        "scope",
        &["one-tag", "all-tags"],
        l("One tag or every tag (all tags only from a registry)", "1 つのタグか全タグか（全タグはレジストリからのみ）"),
    ),
    choice(
        "digests",
        &["preserve", "v2s2", "oci"],
        l(
            "Keep digests, or convert to Docker v2s2 / OCI (changes digests)",
            "ダイジェストを保つか、Docker v2s2 / OCI に変換するか（ダイジェストが変わる）",
        ),
    ),
    choice(
        "source_auth",
        &["none", "env"],
        l(
            "Source registry credentials from SRC_REGISTRY_USER/SRC_REGISTRY_TOKEN",
            "コピー元の認証情報を SRC_REGISTRY_USER/SRC_REGISTRY_TOKEN から読む",
        ),
    ),
];

/// The repository name of a reference: without `@digest` and `:tag`.
fn repo_of(reference: &str) -> &str {
    let s = reference.split('@').next().unwrap_or(reference);
    let after = s.rfind('/').map_or(0, |i| i + 1);
    match s[after..].rfind(':') {
        Some(j) => &s[..after + j],
        None => s,
    }
}

fn creds(user: &str, token: &str) -> Word {
    vec![Piece::Var(user.into()), lit(":"), Piece::Var(token.into())]
}

pub(super) fn build(r: &mut Resolver<'_>) -> (Vec<Step>, Vec<String>) {
    let transport = r.choice("transport", TRANSPORTS);
    let mut scope = r.choice("scope", &["one-tag", "all-tags"]);
    let digests = r.choice("digests", &["preserve", "v2s2", "oci"]);
    let src_auth = transport == "docker" && r.choice("source_auth", &["none", "env"]) == "env";
    if scope == "all-tags" && transport != "docker" {
        let msg = t(
            r,
            "All tags can only be copied from a registry (transport docker).",
            "全タグのコピーはレジストリから（transport docker）のみ可能です。",
        );
        r.refuse("scope", msg);
        scope = "one-tag";
    }
    let registry = r.get("registry", ParamKind::Host);
    let mut env = vec!["GITLAB_USER".to_string(), "GITLAB_TOKEN".to_string()];
    if src_auth {
        env.extend(["SRC_REGISTRY_USER".to_string(), "SRC_REGISTRY_TOKEN".to_string()]);
    }
    // The flags every skopeo call shares.
    let mut flags: Vec<Word> = vec![vec![lit("--all")]];
    match digests {
        "preserve" => flags.push(vec![lit("--preserve-digests")]),
        f => flags.extend([vec![lit("--format")], vec![lit(f)]]),
    }
    if src_auth {
        flags.extend([vec![lit("--src-creds")], creds("SRC_REGISTRY_USER", "SRC_REGISTRY_TOKEN")]);
    }
    flags.extend([vec![lit("--dest-creds")], creds("GITLAB_USER", "GITLAB_TOKEN")]);
    let mut steps = Vec::new();

    if scope == "all-tags" {
        let src = match r.get("source_image", ParamKind::Reference) {
            Piece::Value(v) => Piece::Value(repo_of(&v).to_string()),
            other => other,
        };
        let project = r.get("project_path", ParamKind::ProjectPath);
        let last = match &src {
            Piece::Value(v) => Piece::Value(v.rsplit('/').next().unwrap_or(v).to_string()),
            other => other.clone(),
        };
        let mut sync = Cmd::lits(&["skopeo", "sync", "--src", "docker", "--dest", "docker"]);
        sync.argv.extend(flags);
        let sync = sync.arg(vec![src]).arg(vec![registry.clone(), lit("/"), project.clone()]);
        steps.push(Step {
            comment: t(r, "Copy every tag. skopeo sync appends the source's last path component to the destination (one level below the project).", "全タグをコピーします。skopeo sync はコピー元パスの最後の要素をコピー先に付け足します（プロジェクトの 1 階層下）。"),
            body: Body::Run { pipeline: vec![sync], stdin_env: None, capture: None },
        });
        let list = Cmd::lits(&["skopeo", "list-tags", "--creds"]).arg(creds("GITLAB_USER", "GITLAB_TOKEN")).arg({
            let mut w = vec![lit("docker://")];
            w.extend(image_ref(&registry, &[project, lit("/"), last], &[]));
            w
        });
        steps.push(Step {
            comment: t(r, "List the tags that arrived", "届いたタグを一覧表示します"),
            body: Body::Run { pipeline: vec![list], stdin_env: None, capture: None },
        });
        return (steps, env);
    }

    let tag = r.get("tag", ParamKind::Tag);
    let source: Word = match transport {
        "docker" | "containers-storage" | "docker-daemon" => {
            let prefix = if transport == "docker" { "docker://".to_string() } else { format!("{transport}:") };
            vec![lit(prefix), r.get("source_image", ParamKind::Reference)]
        }
        "oci" => vec![lit("oci:"), r.get("source_path", ParamKind::FilePath), lit(":"), tag.clone()],
        other => vec![lit(format!("{other}:")), r.get("source_path", ParamKind::FilePath)],
    };
    let repo = r.repository();
    let mut dest = vec![lit("docker://")];
    dest.extend(image_ref(&registry, &repo, std::slice::from_ref(&tag)));

    let mut inspect = Cmd::lits(&["skopeo", "inspect", "--raw"]);
    if src_auth {
        inspect = inspect.lit("--creds").arg(creds("SRC_REGISTRY_USER", "SRC_REGISTRY_TOKEN"));
    }
    steps.push(Step {
        comment: t(
            r,
            "Check that the source can be read before copying anything",
            "何かをコピーする前に、コピー元を読めることを確認します",
        ),
        body: Body::Guard {
            pipeline: vec![inspect.arg(source.clone())],
            fail: vec![lit(t(
                r,
                "The source cannot be read: check its name and credentials.",
                "コピー元を読めません。名前と認証情報を確認してください。",
            ))],
        },
    });
    let mut copy = Cmd::lits(&["skopeo", "copy"]);
    copy.argv.extend(flags);
    steps.push(Step {
        comment: t(
            r,
            "Copy the image; --all keeps every platform of a multi-arch image, --preserve-digests fails rather than change a digest",
            "イメージをコピーします。--all はマルチアーキテクチャの全プラットフォームを保ち、--preserve-digests はダイジェストが変わる場合に失敗します",
        ),
        body: Body::Run { pipeline: vec![copy.arg(source).arg(dest.clone())], stdin_env: None, capture: None },
    });
    steps.push(Step {
        comment: t(
            r,
            "Check that the image is now in the GitLab registry",
            "イメージが GitLab レジストリに入ったことを確認します",
        ),
        body: Body::Guard {
            pipeline: vec![Cmd::lits(&["skopeo", "inspect", "--raw", "--creds"])
                .arg(creds("GITLAB_USER", "GITLAB_TOKEN"))
                .arg(dest)],
            fail: vec![lit(t(
                r,
                "The copied image was not found in the destination.",
                "コピーしたイメージがコピー先に見つかりません。",
            ))],
        },
    });
    (steps, env)
}
