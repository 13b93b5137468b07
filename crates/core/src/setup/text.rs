//! Roles and the sentences for reasons a check could not be done, in both languages.

use super::Reason;
use crate::i18n::Lang;

/// GitLab roles by access level (10 Guest … 50 Owner; 60 is the administrator in protection rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Guest = 10,
    Planner = 15,
    Reporter = 20,
    Developer = 30,
    Maintainer = 40,
    Owner = 50,
    Admin = 60,
}

impl Role {
    pub fn from_level(level: u64) -> Option<Role> {
        Some(match level {
            10 => Role::Guest,
            15 => Role::Planner,
            20 => Role::Reporter,
            30 => Role::Developer,
            40 => Role::Maintainer,
            50 => Role::Owner,
            60 => Role::Admin,
            _ => return None,
        })
    }

    /// Protection rules name levels in lowercase (`maintainer`, `owner`, `admin`).
    pub fn from_name(name: &str) -> Option<Role> {
        Some(match name.to_ascii_lowercase().as_str() {
            "guest" => Role::Guest,
            "planner" => Role::Planner,
            "reporter" => Role::Reporter,
            "developer" => Role::Developer,
            "maintainer" => Role::Maintainer,
            "owner" => Role::Owner,
            "admin" | "administrator" => Role::Admin,
            _ => return None,
        })
    }
}

/// The role's name as GitLab's UI shows it (also in Japanese, where GitLab translates it).
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Guest, Lang::En) => "Guest",
        (Role::Guest, Lang::Ja) => "ゲスト",
        (Role::Planner, Lang::En) => "Planner",
        (Role::Planner, Lang::Ja) => "プランナー",
        (Role::Reporter, Lang::En) => "Reporter",
        (Role::Reporter, Lang::Ja) => "レポーター",
        (Role::Developer, Lang::En) => "Developer",
        (Role::Developer, Lang::Ja) => "デベロッパー",
        (Role::Maintainer, Lang::En) => "Maintainer",
        (Role::Maintainer, Lang::Ja) => "メンテナー",
        (Role::Owner, Lang::En) => "Owner",
        (Role::Owner, Lang::Ja) => "オーナー",
        (Role::Admin, Lang::En) => "Administrator",
        (Role::Admin, Lang::Ja) => "管理者",
    }
}

impl Reason {
    /// "Could not check: …" in the user's language.
    pub fn text(self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            Reason::Unauthorized => pick(ja, "401 — the token is invalid, expired or revoked (deploy tokens only work with the registry, not the REST API).", "401 — トークンが無効、期限切れ、または取り消されています（デプロイトークンはレジストリ専用で、REST API では使えません）。"),
            Reason::NeedsToken => pick(ja, "401 — this needs a token.", "401 — トークンが必要です。"),
            Reason::Forbidden(role) => if ja {
                format!("403 — {}以上のロールが必要です。", role_name(role, Lang::Ja))
            } else {
                format!("403 — needs the {} role or higher.", role_name(role, Lang::En))
            },
            Reason::InsufficientScope => pick(ja, "403 — the token has no API scope: add read_api (or api) to let this page read your settings.", "403 — トークンに API スコープがありません。このページが設定を読めるよう read_api（または api）を追加してください。"),
            Reason::NotFound => pick(ja, "404 — not found, or not visible to this token.", "404 — 見つからないか、このトークンからは見えません。"),
            Reason::NotAvailable => pick(ja, "404 — this GitLab does not offer this API (an older version, or the feature is off).", "404 — この GitLab にはこの API がありません（古いバージョンか、機能が無効です）。"),
            Reason::RateLimited(Some(s)) => if ja {
                format!("429 — GitLab の利用制限に達しました。{s} 秒後にもう一度試してください。")
            } else {
                format!("429 — GitLab's rate limit was reached. Try again in {s} seconds.")
            },
            Reason::RateLimited(None) => pick(ja, "429 — GitLab's rate limit was reached. Try again in a minute.", "429 — GitLab の利用制限に達しました。1 分ほど待ってから試してください。"),
            Reason::Server(s) => if ja {
                format!("{s} — GitLab かその前段のプロキシでエラーが起きました。後でもう一度試してください。")
            } else {
                format!("{s} — GitLab or a proxy in front of it failed. Try again later.")
            },
            Reason::Unexpected(s) => if ja { format!("予期しない応答 {s}。") } else { format!("unexpected answer {s}.") },
            Reason::Html => pick(ja, "GitLab answered with a web page instead of JSON: a sign-in page or a proxy is in front of the API. Check the URL.", "GitLab が JSON ではなく Web ページを返しました。API の前にサインインページかプロキシがあります。URL を確認してください。"),
            Reason::BadShape => pick(ja, "the answer is not what GitLab's API documents (is this really GitLab?).", "応答が GitLab の API ドキュメントの形と違います（本当に GitLab ですか？）。"),
            Reason::Network => pick(ja, "no answer: the host is unreachable, its certificate is not trusted, or the browser blocked the request (CORS, or this page's Content-Security-Policy connect-src does not name this GitLab).", "応答がありません。ホストに到達できないか、証明書が信頼されていないか、ブラウザーがリクエストをブロックしました（CORS、またはこのページの Content-Security-Policy の connect-src にこの GitLab が含まれていません）。"),
            Reason::Timeout => pick(ja, "no answer in time.", "時間内に応答がありませんでした。"),
            Reason::Cancelled => pick(ja, "cancelled.", "キャンセルしました。"),
            Reason::TooLarge => pick(ja, "the answer was too large.", "応答が大きすぎます。"),
            Reason::NeedsProject => pick(ja, "needs the project, which could not be read.", "プロジェクトを読み取れなかったため確認できません。"),
            Reason::TooManyPages => pick(ja, "more pages than this check reads.", "このチェックが読むページ数を超えました。"),
            Reason::NotShown(role) => if ja {
                format!("GitLab の応答に含まれていません（{}以上のロールにのみ表示されます）。", role_name(role, Lang::Ja))
            } else {
                format!("GitLab left it out of its answer: it shows it to the {} role or higher.", role_name(role, Lang::En))
            },
        }
    }

    /// Short machine name (CLI `--json`).
    pub const fn code(self) -> &'static str {
        match self {
            Reason::Unauthorized => "unauthorized",
            Reason::NeedsToken => "needs-token",
            Reason::Forbidden(_) => "forbidden",
            Reason::InsufficientScope => "insufficient-scope",
            Reason::NotFound => "not-found",
            Reason::NotAvailable => "not-available",
            Reason::RateLimited(_) => "rate-limited",
            Reason::Server(_) => "server-error",
            Reason::Unexpected(_) => "unexpected-status",
            Reason::Html => "html-instead-of-json",
            Reason::BadShape => "unexpected-json",
            Reason::Network => "network",
            Reason::Timeout => "timeout",
            Reason::Cancelled => "cancelled",
            Reason::TooLarge => "too-large",
            Reason::NeedsProject => "needs-project",
            Reason::TooManyPages => "too-many-pages",
            Reason::NotShown(_) => "not-shown",
        }
    }
}

fn pick(ja: bool, en: &str, ja_text: &str) -> String {
    if ja { ja_text } else { en }.to_string()
}
