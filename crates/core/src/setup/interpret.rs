//! What each answer means for the user: pass, problem (with the catalog entry and its values) or
//! could not check. Field names follow GitLab's REST API documentation.

use super::text::role_name;
use super::url::Origin;
use super::{CheckId, CheckResult, Reason, Role, Status};
use crate::i18n::Lang;
use serde_json::Value;

/// What the project answer told us.
#[derive(Debug, Clone)]
pub(super) struct Facts {
    pub id: u64,
    pub path: String,
    pub visibility: String,
    /// The caller's role (the higher of project and group access); `None` anonymously or as a non-member.
    pub role: Option<Role>,
    /// `enabled` | `private` | `disabled`; `None` when GitLab did not say.
    pub registry: Option<String>,
    /// `container_registry_image_prefix`: `registry.example.com/group/project`.
    pub image_prefix: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Repo {
    pub id: u64,
    pub path: String,
    pub location: Option<String>,
    pub tags: Vec<String>,
    pub tags_count: Option<usize>,
    /// The answer had a `tags` array.
    pub listed: bool,
}

type Values = Vec<(String, String)>;

fn result(
    check: CheckId,
    status: Status,
    en: String,
    ja: String,
    catalog: Option<&'static str>,
    values: Values,
) -> CheckResult {
    CheckResult { check, status, en, ja, catalog, values, reason: None }
}

fn pass(check: CheckId, en: String, ja: String, see: Option<&'static str>, values: Values) -> CheckResult {
    result(check, Status::Pass, en, ja, see, values)
}

fn problem(check: CheckId, en: String, ja: String, catalog: &'static str, values: Values) -> CheckResult {
    result(check, Status::Problem, en, ja, Some(catalog), values)
}

pub(super) fn could_not(check: CheckId, reason: Reason) -> CheckResult {
    CheckResult {
        check,
        status: Status::CouldNotCheck,
        en: format!("Could not check: {}", reason.text(Lang::En)),
        ja: format!("確認できませんでした：{}", reason.text(Lang::Ja)),
        catalog: None,
        values: Vec::new(),
        reason: Some(reason),
    }
}

pub(super) fn no_token() -> CheckResult {
    CheckResult {
        en: "No token given: only what anyone may see was checked.".into(),
        ja: "トークンが指定されていないため、誰でも見られる情報だけを確認しました。".into(),
        ..could_not(CheckId::Token, Reason::NeedsToken)
    }
}

pub(super) fn base_values(origin: &Origin, facts: Option<&Facts>) -> Values {
    let mut v = vec![("gitlab_url".to_string(), origin.as_str().to_string())];
    if let Some(f) = facts {
        v.push(("project_path".into(), f.path.clone()));
        v.push(("project_id".into(), f.id.to_string()));
        if let Some(host) = f.image_prefix.as_deref().and_then(|p| p.split('/').next()).filter(|h| !h.is_empty()) {
            v.push(("registry".into(), host.to_string()));
        }
    }
    v
}

pub(super) fn token(json: &Value, today: Option<&str>, values: Values) -> CheckResult {
    let c = CheckId::Token;
    let Some(scopes) = json.get("scopes").and_then(Value::as_array) else { return could_not(c, Reason::BadShape) };
    let scopes: Vec<&str> = scopes.iter().filter_map(Value::as_str).collect();
    let expires = json.get("expires_at").and_then(Value::as_str).map(|d| d.chars().take(10).collect::<String>());
    if json.get("revoked").and_then(Value::as_bool) == Some(true) {
        let (en, ja) = (
            "The token was revoked: logins with it fail.".into(),
            "トークンは取り消されています。このトークンではログインできません。".into(),
        );
        return problem(c, en, ja, "ENT-A01", values);
    }
    let past = matches!((expires.as_deref(), today), (Some(e), Some(t)) if e < t);
    if past || json.get("active").and_then(Value::as_bool) == Some(false) {
        let when = expires.unwrap_or_else(|| "?".into());
        return problem(
            c,
            format!("The token expired ({when}): logins with it fail. Create a new one."),
            format!("トークンの有効期限が切れています（{when}）。このトークンではログインできません。新しく作成してください。"),
            "ENT-A01",
            values,
        );
    }
    let list = if scopes.is_empty() { "—".to_string() } else { scopes.join(", ") };
    let has = |s: &str| scopes.contains(&s);
    if has("api") || has("write_registry") {
        let exp = expires.map(|e| format!(" until {e}")).unwrap_or_default();
        let exp_ja = json
            .get("expires_at")
            .and_then(Value::as_str)
            .map(|e| format!("（{} まで有効）", &e[..e.len().min(10)]))
            .unwrap_or_default();
        return pass(
            c,
            format!("Valid{exp}, scopes: {list} — enough to pull and push."),
            format!("有効です{exp_ja}。スコープ：{list} — プルとプッシュに足ります。"),
            None,
            values,
        );
    }
    if has("read_registry") {
        return problem(
            c,
            format!("Scopes: {list} — enough to pull, not to push. Pushing needs write_registry."),
            format!(
                "スコープ：{list} — プルはできますが、プッシュはできません。プッシュには write_registry が必要です。"
            ),
            "ENT-B01",
            values,
        );
    }
    problem(
        c,
        format!("Scopes: {list} — none of read_registry, write_registry or api, so the registry refuses this token."),
        format!("スコープ：{list} — read_registry、write_registry、api のいずれもないため、レジストリはこのトークンを受け付けません。"),
        "ENT-A01",
        values,
    )
}

/// 401 on the token endpoint: the token itself is the problem.
pub(super) fn token_rejected(description: &str, values: Values) -> CheckResult {
    let d = description.to_ascii_lowercase();
    let (en, ja) = if d.contains("expired") {
        (
            "GitLab says the token has expired: logins with it fail.",
            "GitLab によるとトークンの有効期限が切れています。このトークンではログインできません。",
        )
    } else if d.contains("revoked") {
        (
            "GitLab says the token was revoked: logins with it fail.",
            "GitLab によるとトークンは取り消されています。このトークンではログインできません。",
        )
    } else {
        ("GitLab does not accept this token (401): it is wrong, expired or revoked — or a deploy token, which only the registry accepts.", "GitLab はこのトークンを受け付けません（401）。誤り、期限切れ、取り消し済みのいずれかです。デプロイトークンの場合はレジストリでしか使えません。")
    };
    problem(CheckId::Token, en.into(), ja.into(), "ENT-A01", values)
}

pub(super) fn project_missing(path: &str, has_token: bool, values: Values) -> CheckResult {
    let (en, ja) = if has_token {
        (
            format!("Project {path} was not found, or this token's user cannot see it."),
            format!("プロジェクト {path} が見つからないか、このトークンのユーザーからは見えません。"),
        )
    } else {
        (
            format!("Project {path} is not visible without a token: it is private or internal (or does not exist)."),
            format!("プロジェクト {path} はトークンなしでは見えません。非公開か内部公開です（または存在しません）。"),
        )
    };
    problem(CheckId::Project, en, ja, "ENT-B02", values)
}

pub(super) fn facts(json: &Value) -> Option<Facts> {
    let level = |key: &str| json.get("permissions")?.get(key)?.get("access_level")?.as_u64();
    let role =
        [level("project_access"), level("group_access")].into_iter().flatten().filter_map(Role::from_level).max();
    let registry = match json.get("container_registry_access_level").and_then(Value::as_str) {
        Some(l) => Some(l.to_string()),
        // Older GitLab: only the boolean, now deprecated.
        None => json
            .get("container_registry_enabled")
            .and_then(Value::as_bool)
            .map(|b| if b { "enabled" } else { "disabled" }.into()),
    };
    Some(Facts {
        id: json.get("id")?.as_u64()?,
        path: json.get("path_with_namespace")?.as_str()?.to_string(),
        visibility: json.get("visibility").and_then(Value::as_str).unwrap_or("public").to_string(),
        role,
        registry,
        image_prefix: json.get("container_registry_image_prefix").and_then(Value::as_str).map(str::to_string),
    })
}

fn role_text(role: Option<Role>) -> (String, String) {
    match role {
        Some(r) => (role_name(r, Lang::En).to_string(), role_name(r, Lang::Ja).to_string()),
        None => ("not a member".into(), "メンバーではありません".into()),
    }
}

pub(super) fn project(f: &Facts, has_token: bool, values: &Values) -> CheckResult {
    let c = CheckId::Project;
    let (path, vis) = (&f.path, &f.visibility);
    if !has_token {
        return pass(
            c,
            format!("Project {path} (ID {}) is {vis} and visible without a token.", f.id),
            format!("プロジェクト {path}（ID {}）は {vis} で、トークンなしで見えます。", f.id),
            None,
            values.clone(),
        );
    }
    let (en_role, ja_role) = role_text(f.role);
    if f.role.is_none_or(|r| r < Role::Developer) {
        return problem(
            c,
            format!("Project {path} (ID {}, {vis}): your role is {en_role}. Pushing images needs Developer or higher.", f.id),
            format!("プロジェクト {path}（ID {}、{vis}）でのあなたのロール：{ja_role}。イメージのプッシュにはデベロッパー以上が必要です。", f.id),
            "ENT-B01",
            values.clone(),
        );
    }
    pass(
        c,
        format!("Project {path} (ID {}, {vis}): your role is {en_role}, enough to pull and push.", f.id),
        format!("プロジェクト {path}（ID {}、{vis}）でのあなたのロール：{ja_role}。プルとプッシュに足ります。", f.id),
        None,
        values.clone(),
    )
}

pub(super) fn registry(f: &Facts, values: &Values) -> CheckResult {
    let c = CheckId::Registry;
    let at = f.image_prefix.as_deref().map(|p| format!(" Images live at {p}.")).unwrap_or_default();
    let at_ja = f.image_prefix.as_deref().map(|p| format!("イメージの場所：{p}。")).unwrap_or_default();
    match f.registry.as_deref() {
        None => could_not(c, Reason::NotShown(Role::Guest)),
        Some("disabled") => problem(
            c,
            "The container registry is turned off for this project (Settings > General > Visibility, project features, permissions).".into(),
            "このプロジェクトではコンテナレジストリが無効です（Settings > General > Visibility, project features, permissions）。".into(),
            "ENT-A08",
            values.clone(),
        ),
        Some("private") if f.role.is_none_or(|r| r < Role::Reporter) => problem(
            c,
            format!("The container registry is private: only members with Reporter or higher may pull, and you are {}.{at}", role_text(f.role).0),
            format!("コンテナレジストリは非公開です。プルできるのはレポーター以上のメンバーだけで、あなたは{}です。{at_ja}", role_text(f.role).1),
            "ENT-B02",
            values.clone(),
        ),
        Some(level) => pass(
            c,
            format!("The container registry is on ({level}).{at}"),
            format!("コンテナレジストリは有効です（{level}）。{at_ja}"),
            None,
            values.clone(),
        ),
    }
}

pub(super) fn cleanup(json: &Value, values: &Values) -> CheckResult {
    let c = CheckId::Cleanup;
    let Some(p) = json.get("container_expiration_policy").filter(|p| p.is_object()) else {
        return could_not(c, Reason::NotShown(Role::Maintainer));
    };
    let s = |k: &str| p.get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    if p.get("enabled").and_then(Value::as_bool) != Some(true) {
        return pass(
            c,
            "No cleanup policy: tags stay until someone deletes them.".into(),
            "クリーンアップポリシーはありません。タグは誰かが削除するまで残ります。".into(),
            Some("ENT-H01"),
            values.clone(),
        );
    }
    let Some(delete) = s("name_regex_delete").or_else(|| s("name_regex")) else {
        return problem(
            c,
            "The cleanup policy is on, but \"Remove tags matching\" is empty, so it removes nothing.".into(),
            "クリーンアップポリシーは有効ですが、「Remove tags matching」が空のため、何も削除されません。".into(),
            "ENT-H01",
            values.clone(),
        );
    };
    let keep_n = p.get("keep_n").and_then(Value::as_u64).map_or("—".into(), |n| n.to_string());
    let older = s("older_than").unwrap_or_else(|| "—".into());
    let cadence = s("cadence").unwrap_or_else(|| "—".into());
    let keep = s("name_regex_keep").unwrap_or_else(|| "—".into());
    let next = s("next_run_at").unwrap_or_else(|| "—".into());
    pass(
        c,
        format!("Cleanup runs every {cadence} (next: {next}): removes tags matching {delete} older than {older}, keeps {keep_n} per image and tags matching {keep}."),
        format!("クリーンアップは {cadence} ごとに実行されます（次回：{next}）。{delete} に一致し {older} より古いタグを削除し、イメージごとに {keep_n} 個と {keep} に一致するタグを残します。"),
        Some("ENT-H01"),
        values.clone(),
    )
}

pub(super) fn repo(json: &Value) -> Option<Repo> {
    let tags = json.get("tags").and_then(Value::as_array);
    Some(Repo {
        id: json.get("id")?.as_u64()?,
        path: json.get("path")?.as_str()?.to_string(),
        location: json.get("location").and_then(Value::as_str).map(str::to_string),
        tags: tags
            .map(|t| t.iter().filter_map(|t| t.get("name")?.as_str().map(str::to_string)).collect())
            .unwrap_or_default(),
        tags_count: json.get("tags_count").and_then(Value::as_u64).map(|n| n as usize),
        listed: tags.is_some(),
    })
}

pub(super) fn repositories(repos: &[Repo], incomplete: Option<Reason>, values: Values) -> CheckResult {
    let c = CheckId::Repositories;
    if let Some(reason) = incomplete {
        return could_not(c, reason);
    }
    let tags: usize = repos.iter().map(|r| r.tags.len()).sum();
    if tags == 0 {
        return pass(
            c,
            format!(
                "{} repositories, no tags: nothing in the registry blocks renaming or moving the project.",
                repos.len()
            ),
            format!(
                "リポジトリ {} 個、タグなし。レジストリにはプロジェクトの名前変更や移動を妨げるものはありません。",
                repos.len()
            ),
            None,
            values,
        );
    }
    pass(
        c,
        format!("{} repositories, {tags} tags. A project with tags cannot be renamed or moved; the transfer task's script covers every one of them.", repos.len()),
        format!("リポジトリ {} 個、タグ {tags} 個。タグがあるプロジェクトは名前変更や移動ができません。transfer 作業のスクリプトがそのすべてを扱います。", repos.len()),
        Some("SEED-05"),
        values,
    )
}

/// `*` matches any run of characters; everything else literally, case-insensitively.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) =
        (pattern.to_lowercase().chars().collect(), text.to_lowercase().chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn level(rule: &Value, key: &str) -> Option<Role> {
    rule.get(key).and_then(Value::as_str).and_then(Role::from_name)
}

pub(super) fn repository_rules(json: &Value, role: Option<Role>, repos: &[Repo], values: Values) -> CheckResult {
    let c = CheckId::RepositoryProtection;
    let Some(rules) = json.as_array() else { return could_not(c, Reason::BadShape) };
    if rules.is_empty() {
        return pass(c, "No protected repositories.".into(), "保護されたリポジトリはありません。".into(), None, values);
    }
    let mut blocked = Vec::new();
    let mut all = Vec::new();
    for rule in rules {
        let Some(pattern) = rule.get("repository_path_pattern").and_then(Value::as_str) else { continue };
        all.push(pattern.to_string());
        let push = level(rule, "minimum_access_level_for_push");
        if let (Some(need), Some(have)) = (push, role) {
            if have < need {
                let hits: Vec<&str> =
                    repos.iter().filter(|r| glob(pattern, &r.path)).map(|r| r.path.as_str()).collect();
                blocked.push((pattern.to_string(), need, hits));
            }
        }
    }
    if let (Some((pattern, need, hits)), Some(have)) = (blocked.first(), role) {
        let hits = if hits.is_empty() { String::new() } else { format!(" ({})", hits.join(", ")) };
        return problem(
            c,
            format!(
                "Repositories matching {pattern}{hits} need {} to push; your role is {}.",
                role_name(*need, Lang::En),
                role_name(have, Lang::En)
            ),
            format!(
                "{pattern}{hits} に一致するリポジトリへのプッシュには{}が必要ですが、あなたのロールは{}です。",
                role_name(*need, Lang::Ja),
                role_name(have, Lang::Ja)
            ),
            "ENT-B03",
            values,
        );
    }
    let list = all.join(", ");
    pass(
        c,
        format!("Protected repositories: {list}. Your role may push to them."),
        format!("保護されたリポジトリ：{list}。あなたのロールでプッシュできます。"),
        Some("ENT-B03"),
        values,
    )
}

pub(super) fn tag_rules(json: &Value, role: Option<Role>, values: Values) -> CheckResult {
    let c = CheckId::TagProtection;
    let Some(rules) = json.as_array() else { return could_not(c, Reason::BadShape) };
    if rules.is_empty() {
        return pass(
            c,
            "No protected or immutable tags.".into(),
            "保護タグや不変タグはありません。".into(),
            None,
            values,
        );
    }
    let mut immutable = Vec::new();
    let mut protected = Vec::new();
    for rule in rules {
        let Some(pattern) = rule.get("tag_name_pattern").and_then(Value::as_str) else { continue };
        let push = level(rule, "minimum_access_level_for_push");
        let is_immutable = rule.get("immutable").and_then(Value::as_bool) == Some(true)
            || (push.is_none() && level(rule, "minimum_access_level_for_delete").is_none());
        if is_immutable {
            immutable.push(pattern.to_string());
        } else if let (Some(need), Some(have)) = (push, role) {
            if have < need {
                return problem(
                    c,
                    format!(
                        "Tags matching {pattern} need {} to push or delete; your role is {}.",
                        role_name(need, Lang::En),
                        role_name(have, Lang::En)
                    ),
                    format!(
                        "{pattern} に一致するタグのプッシュや削除には{}が必要ですが、あなたのロールは{}です。",
                        role_name(need, Lang::Ja),
                        role_name(have, Lang::Ja)
                    ),
                    "ENT-B04",
                    values,
                );
            }
            protected.push(pattern.to_string());
        } else {
            protected.push(pattern.to_string());
        }
    }
    if !immutable.is_empty() {
        let list = immutable.join(", ");
        return pass(
            c,
            format!("Tags matching {list} are immutable: pushing an existing tag again fails; push a new tag instead."),
            format!("{list} に一致するタグは不変です。既存のタグへの再プッシュは失敗するので、新しいタグをプッシュしてください。"),
            Some("ENT-B05"),
            values,
        );
    }
    let list = protected.join(", ");
    pass(
        c,
        format!("Protected tags: {list}. Your role may push them."),
        format!("保護タグ：{list}。あなたのロールでプッシュできます。"),
        Some("ENT-B04"),
        values,
    )
}

pub(super) fn allow_values(origin: &Origin, src: Option<&Facts>, tgt: Option<&Facts>) -> Values {
    let mut v = vec![("gitlab_url".to_string(), origin.as_str().to_string())];
    if let Some(t) = tgt {
        v.push(("project_id".into(), t.id.to_string()));
    }
    if let Some(s) = src {
        v.push(("target_project_id".into(), s.id.to_string()));
    }
    v
}

pub(super) fn allowlist_off(tgt: Option<&Facts>, values: Values) -> CheckResult {
    let target = tgt.map_or("?", |t| t.path.as_str());
    pass(
        CheckId::JobTokenAllowlist,
        format!("{target} does not limit job token access: CI jobs of every project may pull its images (if their user may)."),
        format!("{target} はジョブトークンのアクセスを制限していません。どのプロジェクトの CI ジョブもイメージをプルできます（そのユーザーに権限があれば）。"),
        Some("SEED-06"),
        values,
    )
}

pub(super) fn allowlist(src: &Facts, tgt: &Facts, ids: &[u64], groups: &[String], origin: &Origin) -> CheckResult {
    let c = CheckId::JobTokenAllowlist;
    let values = allow_values(origin, Some(src), Some(tgt));
    let lower = src.path.to_ascii_lowercase();
    let by_group = groups.iter().find(|g| lower.starts_with(&format!("{g}/")));
    if ids.contains(&src.id) || by_group.is_some() {
        let how = by_group.map(|g| format!(" (through group {g})")).unwrap_or_default();
        let how_ja = by_group.map(|g| format!("（グループ {g} 経由）")).unwrap_or_default();
        return pass(
            c,
            format!(
                "{} is on the job token allowlist of {}{how}: its CI jobs may pull from there.",
                src.path, tgt.path
            ),
            format!(
                "{} は {} のジョブトークン許可リストに入っています{how_ja}。その CI ジョブはそこからプルできます。",
                src.path, tgt.path
            ),
            None,
            values,
        );
    }
    problem(
        c,
        format!(
            "{} is not on the job token allowlist of {}: its CI jobs cannot pull images from there.",
            src.path, tgt.path
        ),
        format!(
            "{} は {} のジョブトークン許可リストに入っていません。その CI ジョブはそこからイメージをプルできません。",
            src.path, tgt.path
        ),
        "SEED-06",
        values,
    )
}

/// The `transfer` task's `tag_list` input: `[{"id","path","location","tags":[{"name"}]}]`.
pub(super) fn tag_list_json(repos: &[Repo]) -> String {
    let list: Vec<Value> = repos
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "path": r.path,
                "location": r.location,
                "tags": r.tags.iter().map(|t| serde_json::json!({ "name": t })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(list).to_string()
}
