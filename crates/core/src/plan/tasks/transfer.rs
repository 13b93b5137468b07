//! `transfer` (SEED-05): rename or move a project that has registry tags. From a pasted tag list, the
//! full pull → tag → verify → delete → wait → rename/transfer → push script, with a check between
//! each stage so nothing is deleted that is not safe locally.

use super::{api, curl, docker_login, image_ref, l, p, t, TaskParam, GITLAB_URL, PROJECT_PATH, REGISTRY, USERNAME};
use crate::kb::{L10n, ParamKind};
use crate::plan::render::Resolver;
use crate::plan::steps::{lit, Body, Cmd, Piece, Step};

pub(super) const TITLE: L10n =
    l("Move or rename a project that has container images", "コンテナイメージがあるプロジェクトを移動・名前変更する");

const EXAMPLE_LIST: &str = r#"[{"id":7,"path":"my-group/my-project","location":"registry.example.com/my-group/my-project","tags":[{"name":"1.0.0"},{"name":"latest"}]}]"#;

pub(super) const PARAMS: &[TaskParam] = &[
    GITLAB_URL,
    REGISTRY,
    p("project_id", ParamKind::Number, "42", l("Project ID", "プロジェクト ID")),
    PROJECT_PATH,
    p(
        "new_project_path",
        ParamKind::ProjectPath,
        "new-group/my-project",
        l("New project path", "新しいプロジェクトのパス"),
    ),
    USERNAME,
    p(
        "tag_list",
        ParamKind::FreeText,
        EXAMPLE_LIST,
        l(
            "The output of GET /projects/:id/registry/repositories?tags=true, or `docker images` lines",
            "GET /projects/:id/registry/repositories?tags=true の出力、または `docker images` の行",
        ),
    ),
];

/// One repository to move: its API id when the list had it, its path, its tags.
struct Repo {
    id: Option<u64>,
    path: String,
    tags: Vec<String>,
}

const MAX_TAGS: usize = 2000;

/// Reads the API JSON or `docker images` lines. Paths come back as given; they are validated later.
fn parse(list: &str, registry: Option<&str>) -> Result<Vec<Repo>, &'static str> {
    let list = list.trim();
    if list.starts_with('[') {
        let v: serde_json::Value = serde_json::from_str(list).map_err(|_| "json")?;
        let mut out = Vec::new();
        for repo in v.as_array().ok_or("json")? {
            let path = repo["path"].as_str().map(str::to_string).or_else(|| {
                let loc = repo["location"].as_str()?;
                loc.split_once('/').map(|(_, p)| p.to_string())
            });
            let tags = repo["tags"].as_array().ok_or("no-tags")?;
            out.push(Repo {
                id: repo["id"].as_u64(),
                path: path.ok_or("json")?,
                tags: tags.iter().filter_map(|t| t["name"].as_str().map(str::to_string)).collect(),
            });
        }
        return Ok(out);
    }
    let mut out: Vec<Repo> = Vec::new();
    for line in list.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let [repo, tag, ..] = cols[..] else { continue };
        if repo == "REPOSITORY" || tag == "<none>" {
            continue;
        }
        let path = match registry.and_then(|r| repo.strip_prefix(r)).and_then(|p| p.strip_prefix('/')) {
            Some(p) => p.to_string(),
            None => continue, // another registry's image: not part of this move
        };
        match out.iter_mut().find(|r| r.path == path) {
            Some(r) => r.tags.push(tag.to_string()),
            None => out.push(Repo { id: None, path, tags: vec![tag.to_string()] }),
        }
    }
    Ok(out)
}

fn fail(r: &Resolver<'_>, en: &str, ja: &str) -> Vec<Piece> {
    vec![lit(t(r, en, ja))]
}

pub(super) fn build(r: &mut Resolver<'_>) -> (Vec<Step>, Vec<String>) {
    let url = r.get("gitlab_url", ParamKind::Url);
    let registry = r.get("registry", ParamKind::Host);
    let project_id = r.get("project_id", ParamKind::Number);
    let old = r.get("project_path", ParamKind::ProjectPath);
    let new = r.get("new_project_path", ParamKind::ProjectPath);
    let mut steps = vec![docker_login(r, &registry)];

    // Each (old repository path, new repository path, tags), validated; placeholders when unknown.
    let mut repos: Vec<(Option<u64>, Piece, Piece, Vec<Piece>)> = Vec::new();
    let reg_raw = if let Piece::Value(v) = &registry { Some(v.clone()) } else { None };
    match (r.raw("tag_list"), &old, &new) {
        (Some(list), Piece::Value(o), Piece::Value(n)) => match parse(list, reg_raw.as_deref()) {
            Ok(parsed) if !parsed.is_empty() && parsed.iter().map(|p| p.tags.len()).sum::<usize>() <= MAX_TAGS => {
                for repo in parsed {
                    let lower = repo.path.to_ascii_lowercase();
                    let Some(rest) = lower.strip_prefix(o.as_str()).filter(|s| s.is_empty() || s.starts_with('/'))
                    else {
                        let msg = t(
                            r,
                            "The list has a repository outside the project path.",
                            "一覧にプロジェクトのパス外のリポジトリがあります。",
                        );
                        r.refuse("tag_list", msg);
                        continue;
                    };
                    let (Some(op), Some(np)) = (
                        r.checked("tag_list", ParamKind::ImagePath, &lower),
                        r.checked("tag_list", ParamKind::ImagePath, &format!("{n}{rest}")),
                    ) else {
                        continue;
                    };
                    let tags: Vec<Piece> = repo
                        .tags
                        .iter()
                        .filter_map(|tg| r.checked("tag_list", ParamKind::Tag, tg))
                        .map(Piece::Value)
                        .collect();
                    repos.push((repo.id, Piece::Value(op), Piece::Value(np), tags));
                }
            }
            _ => {
                let msg = t(r, "Could not read the tag list: paste the JSON of GET /projects/:id/registry/repositories?tags=true or `docker images` lines.", "タグ一覧を読み取れません。GET /projects/:id/registry/repositories?tags=true の JSON か `docker images` の行を貼り付けてください。");
                r.refuse("tag_list", msg);
            }
        },
        (list, _, _) => {
            if list.is_none() {
                let _ = r.get("tag_list", ParamKind::FreeText);
            }
        }
    }
    if repos.is_empty() {
        repos.push((None, old.clone(), new.clone(), vec![Piece::Missing("tag_list".into())]));
    }

    let pull_tag = t(
        r,
        "Pull every tag and tag it with the new path (local only: nothing changes on the server yet)",
        "すべてのタグをプルし、新しいパスでタグ付けします（ローカルのみ。サーバー上はまだ何も変わりません）",
    );
    let mut pulls = Vec::new();
    for (_, op, np, tags) in &repos {
        for tag in tags {
            let from = image_ref(&registry, std::slice::from_ref(op), std::slice::from_ref(tag));
            let to = image_ref(&registry, std::slice::from_ref(np), std::slice::from_ref(tag));
            let comment = if pulls.is_empty() { pull_tag.clone() } else { String::new() };
            pulls.push(Step {
                comment,
                body: Body::Run {
                    pipeline: vec![Cmd::lits(&["docker", "pull", "--"]).arg(from.clone())],
                    stdin_env: None,
                    capture: None,
                },
            });
            pulls.push(Step {
                comment: String::new(),
                body: Body::Run {
                    pipeline: vec![Cmd::lits(&["docker", "tag", "--"]).arg(from).arg(to)],
                    stdin_env: None,
                    capture: None,
                },
            });
        }
    }
    steps.extend(pulls);
    for (_, _, np, tags) in &repos {
        for tag in tags {
            let to = image_ref(&registry, std::slice::from_ref(np), std::slice::from_ref(tag));
            steps.push(Step {
                comment: t(
                    r,
                    "Safety check: every new tag exists locally before anything is deleted",
                    "安全確認：何かを削除する前に、すべての新しいタグがローカルにあること",
                ),
                body: Body::Guard {
                    pipeline: vec![Cmd::lits(&["docker", "image", "inspect", "--"]).arg(to)],
                    fail: fail(
                        r,
                        "A tag is missing locally: stopping before anything is deleted.",
                        "ローカルにないタグがあります。削除の前に中止します。",
                    ),
                },
            });
        }
    }
    let list_url = api(&url, vec![lit("projects/"), project_id.clone(), lit("/registry/repositories")]);
    for (n, (id, op, _, _)) in repos.iter().enumerate() {
        let repo_id = match id {
            Some(id) => Piece::Value(id.to_string()),
            None => {
                // `docker images` has no repository ids: look it up by path.
                let var = format!("REPO_ID_{}", n + 1);
                let jq = Cmd::lits(&["jq"])
                    .arg(vec![lit("-r")])
                    .arg(vec![lit("--arg")])
                    .arg(vec![lit("path")])
                    .arg(vec![op.clone()])
                    .arg(vec![lit(".[] | select(.path == $path) | .id")]);
                steps.push(Step {
                    comment: t(r, "Find the repository's id by its path", "パスからリポジトリの ID を調べます"),
                    body: Body::Run {
                        pipeline: vec![curl().arg(list_url.clone()), jq],
                        stdin_env: None,
                        capture: Some(var.clone()),
                    },
                });
                steps.push(Step {
                    comment: String::new(),
                    body: Body::RequireVar {
                        var: var.clone(),
                        fail: fail(r, "Repository not found through the API.", "API でリポジトリが見つかりません。"),
                    },
                });
                Piece::Var(var)
            }
        };
        let mut del_url = list_url.clone();
        del_url.extend([lit("/"), repo_id]);
        steps.push(Step {
            comment: t(
                r,
                "Delete the old repository (GitLab deletes it in the background)",
                "古いリポジトリを削除します（GitLab はバックグラウンドで削除します）",
            ),
            body: Body::Run {
                pipeline: vec![curl().lit("--request").lit("DELETE").arg(del_url)],
                stdin_env: None,
                capture: None,
            },
        });
    }
    steps.push(Step {
        comment: t(
            r,
            "Wait until the project has no repositories left (checks every 10 s, up to 30 minutes)",
            "プロジェクトのリポジトリがなくなるまで待ちます（10 秒ごとに確認、最大 30 分）",
        ),
        body: Body::Poll {
            var: "REMAINING".into(),
            pipeline: vec![curl().arg(list_url)],
            expect: "[]".into(),
            interval: 10,
            attempts: 180,
            fail: fail(
                r,
                "Repositories are still there after 30 minutes: do not rename yet.",
                "30 分経ってもリポジトリが残っています。まだ名前を変更しないでください。",
            ),
        },
    });
    // Transfer when the namespace changes, rename when the last component does (the id stays).
    let split = |p: &Piece| match p {
        Piece::Value(v) => v.rsplit_once('/').map(|(a, b)| (Piece::Value(a.into()), Piece::Value(b.into()))),
        _ => None,
    };
    let project_url = api(&url, vec![lit("projects/"), project_id.clone()]);
    let (o, n) = (split(&old), split(&new));
    let ns_changes = !matches!((&o, &n), (Some((a, _)), Some((b, _))) if a == b);
    let name_changes = !matches!((&o, &n), (Some((_, a)), Some((_, b))) if a == b);
    if ns_changes {
        let ns = n.as_ref().map_or(Piece::Missing("new_project_path".into()), |x| x.0.clone());
        let mut u = project_url.clone();
        u.push(lit("/transfer"));
        steps.push(Step {
            comment: t(r, "Move the project to its new namespace", "プロジェクトを新しいネームスペースに移動します"),
            body: put_project("namespace=", ns, u),
        });
    }
    if name_changes {
        let name = n.as_ref().map_or(Piece::Missing("new_project_path".into()), |x| x.1.clone());
        steps.push(Step {
            comment: t(r, "Change the project's path", "プロジェクトのパスを変更します"),
            body: put_project("path=", name, project_url),
        });
    }
    for (_, _, np, tags) in &repos {
        for tag in tags {
            let to = image_ref(&registry, std::slice::from_ref(np), std::slice::from_ref(tag));
            steps.push(Step {
                comment: t(r, "Push every tag to the new path", "すべてのタグを新しいパスにプッシュします"),
                body: Body::Run {
                    pipeline: vec![Cmd::lits(&["docker", "push", "--"]).arg(to)],
                    stdin_env: None,
                    capture: None,
                },
            });
        }
    }
    (steps, vec!["GITLAB_TOKEN".to_string()])
}

/// `curl … --request PUT --data-urlencode <field><value> <project API URL>`: one project setting.
fn put_project(field: &'static str, value: Piece, url: super::super::steps::Word) -> Body {
    Body::Run {
        pipeline: vec![curl()
            .lit("--output")
            .lit("/dev/null")
            .lit("--request")
            .lit("PUT")
            .lit("--data-urlencode")
            .arg(vec![lit(field), value])
            .arg(url)],
        stdin_env: None,
        capture: None,
    }
}
