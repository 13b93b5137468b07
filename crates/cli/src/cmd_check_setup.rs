//! `registry-doctor check-setup --gitlab URL --project PATH [--target-project PATH] [--json]
//! [--lang en|ja] [--timeout SECONDS]`: the page's "Check my setup" from a terminal. The token comes
//! from `GITLAB_TOKEN` (optional: without it only what anyone may see is checked) and is only ever put
//! in the `PRIVATE-TOKEN` header — never in a URL, an error message or the output.
//!
//! The core (`registry_doctor_core::setup`) decides every request (always GET, always below the given
//! URL) and judges every answer; this file only carries them over HTTP. Redirects are not followed, so
//! the token cannot travel to another host. Exit: 0 no problem found (some checks may not have been
//! possible), 1 at least one problem, 2 usage error or GitLab unreachable.

use crate::args::{Args, Failure, Spec};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::link::{Link, Route};
use registry_doctor_core::setup::{
    self, CheckResult, Config, Origin, ProjectRef, Reason, Request, Response, Session, Status, Token, MAX_BODY,
};
use serde_json::json;
use std::time::Duration;

pub const SPEC: Spec = &[
    ("--gitlab", true),
    ("--project", true),
    ("--target-project", true),
    ("--json", false),
    ("--lang", true),
    ("--timeout", true),
];

/// Seconds to wait for one answer unless `--timeout` says otherwise (at most 120).
const DEFAULT_TIMEOUT: u64 = 15;

pub fn run(args: Args) -> Result<u8, Failure> {
    args.at_most(0)?;
    let lang = match args.value("--lang") {
        None => Lang::En,
        Some(c) => Lang::from_code(c).ok_or_else(|| Failure::Usage(format!("--lang must be en or ja, not `{c}`")))?,
    };
    let gitlab = args.value("--gitlab").ok_or_else(|| Failure::Usage("check-setup needs --gitlab URL".into()))?;
    let origin = Origin::parse(gitlab).map_err(|e| Failure::Usage(format!("--gitlab: {}", e.message(lang))))?;
    let project =
        project_ref(args.value("--project").ok_or_else(|| Failure::Usage("check-setup needs --project PATH".into()))?)?;
    let target = args.value("--target-project").map(project_ref).transpose()?;
    let timeout =
        match args.value("--timeout") {
            None => DEFAULT_TIMEOUT,
            Some(s) => s.parse::<u64>().ok().filter(|n| (1..=120).contains(n)).ok_or_else(|| {
                Failure::Usage(format!("--timeout must be a number of seconds from 1 to 120, not `{s}`"))
            })?,
        };
    let token = match std::env::var("GITLAB_TOKEN") {
        Ok(v) if !v.trim().is_empty() => Some(
            Token::new(&v)
                .ok_or_else(|| Failure::Usage("GITLAB_TOKEN holds characters no HTTP header may carry".into()))?,
        ),
        _ => None,
    };
    let config = Config { origin, project, target, has_token: token.is_some(), today: Some(today_utc()) };
    let mut session = Session::new(config);
    let agent = agent(timeout);
    while let Some(req) = session.next_request() {
        let url = session.config().origin.url(&req.path);
        transport(&agent, &url, &req, token.as_ref(), &mut session);
    }
    let results = session.results();
    if args.has("--json") {
        print_json(&session, &results, lang);
    } else {
        print_text(&session, &results, lang);
    }
    let unreachable =
        results.iter().any(|r| matches!(r.reason, Some(Reason::Network | Reason::Timeout | Reason::TooLarge)));
    Ok(if unreachable {
        2
    } else if results.iter().any(|r| r.status == Status::Problem) {
        1
    } else {
        0
    })
}

fn project_ref(s: &str) -> Result<ProjectRef, Failure> {
    ProjectRef::parse(s)
        .ok_or_else(|| Failure::Usage(format!("`{s}` is not a project path (group/project) or a numeric project ID")))
}

fn agent(timeout: u64) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(timeout)))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("registry-doctor/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Sends one GET and feeds the answer (or the failure) to the session.
fn transport(agent: &ureq::Agent, url: &str, req: &Request, token: Option<&Token>, session: &mut Session) {
    let mut call = agent.get(url).header("Accept", "application/json");
    if let (true, Some(t)) = (req.auth, token) {
        call = call.header("PRIVATE-TOKEN", t.expose());
    }
    let mut resp = match call.call() {
        Ok(r) => r,
        Err(e) => return session.feed(Err(failure(&e))),
    };
    let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (ct, link, next, retry) =
        (header("content-type"), header("link"), header("x-next-page"), header("retry-after"));
    let status = resp.status().as_u16();
    let body = match resp.body_mut().with_config().limit(MAX_BODY as u64).read_to_vec() {
        Ok(b) => b,
        Err(e) => return session.feed(Err(failure(&e))),
    };
    session.feed(Ok(Response {
        status,
        content_type: ct.as_deref(),
        link: link.as_deref(),
        next_page: next.as_deref(),
        retry_after: retry.as_deref(),
        body: &body,
    }));
}

fn failure(e: &ureq::Error) -> setup::Failure {
    match e {
        ureq::Error::Timeout(_) => setup::Failure::Timeout,
        ureq::Error::BodyExceedsLimit(_) => setup::Failure::TooLarge,
        _ => setup::Failure::Network,
    }
}

/// The link that opens the entry with the found values filled in (a fragment of the page's URL).
fn entry_link(r: &CheckResult) -> Option<String> {
    let id = r.entry_id()?;
    let mut link = Link::new(Route::Entry(id.to_string()));
    for (k, v) in &r.values {
        if registry_doctor_core::link::is_shareable_param(k) {
            link.set_value(k, v);
        }
    }
    Some(link.to_fragment())
}

fn print_text(session: &Session, results: &[CheckResult], lang: Lang) {
    let cfg = session.config();
    println!("{} — {}", cfg.origin.as_str(), cfg.project.as_str());
    for r in results {
        let mark = match r.status {
            Status::Pass => "pass   ",
            Status::Problem => "PROBLEM",
            Status::CouldNotCheck => "skipped",
        };
        println!("  {mark}  {}: {}", r.check.title(lang), r.message(lang));
        if let (Some(cat), Some(link)) = (r.catalog, entry_link(r)) {
            let label = if r.status == Status::Problem { "fix" } else { "see" };
            println!("           {label}: {cat} {link}");
        }
    }
    if let Some(list) = session.tag_list_json().filter(|l| l != "[]") {
        let n = list.matches("\"name\"").count();
        println!(
            "  {n} tags listed: `--json` prints them as `tag_list`, the input of `registry-doctor plan transfer`."
        );
    }
}

fn print_json(session: &Session, results: &[CheckResult], lang: Lang) {
    let cfg = session.config();
    let checks: Vec<_> = results
        .iter()
        .map(|r| {
            json!({
                "check": r.check.code(),
                "title": r.check.title(lang),
                "status": r.status.code(),
                "message": r.message(lang),
                "catalog": r.catalog,
                "entry": r.entry_id(),
                "link": entry_link(r),
                "values": r.values.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
                "reason": r.reason.map(|x| x.code()),
                "endpoints": r.check.endpoints(),
            })
        })
        .collect();
    let tag_list = session.tag_list_json().and_then(|l| serde_json::from_str::<serde_json::Value>(&l).ok());
    let out = json!({
        "gitlab": cfg.origin.as_str(),
        "project": cfg.project.as_str(),
        "target_project": cfg.target.as_ref().map(|t| t.as_str()),
        "token": cfg.has_token,
        "checks": checks,
        "tag_list": tag_list,
    });
    println!("{out}");
}

/// Today's date in UTC as `YYYY-MM-DD` (civil-from-days, so no date crate is needed).
fn today_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
