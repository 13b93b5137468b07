//! Host tests: every answer GitLab's documentation shows, and every way a request can go wrong.

use super::*;
use crate::i18n::Lang;

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gitlab/");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIX}{name}.json")).expect(name)
}

/// A canned answer: status, body, and optional headers.
#[derive(Clone)]
struct Canned {
    status: u16,
    body: String,
    ct: Option<&'static str>,
    next: Option<String>,
    link: Option<String>,
    retry: Option<&'static str>,
}

fn ok(body: String) -> Canned {
    Canned { status: 200, body, ct: Some("application/json"), next: None, link: None, retry: None }
}

fn status(code: u16, body: &str) -> Canned {
    Canned { status: code, body: body.into(), ..ok(String::new()) }
}

fn config(token: bool, target: Option<&str>) -> Config {
    Config {
        origin: Origin::parse("https://gitlab.example.com").unwrap(),
        project: ProjectRef::parse("my-group/my-project").unwrap(),
        target: target.map(|t| ProjectRef::parse(t).unwrap()),
        has_token: token,
        today: Some("2025-06-01".into()),
    }
}

/// The documented answer for each endpoint, overridable by the first matching `(path fragment, answer)`.
fn documented(path: &str) -> Result<Canned, Failure> {
    let p = path.split('?').next().unwrap();
    let f = if p.ends_with("/personal_access_tokens/self") {
        "personal_access_tokens_self"
    } else if p.ends_with("/registry/repositories") {
        "registry_repositories"
    } else if p.ends_with("/tags") {
        "registry_repository_tags"
    } else if p.ends_with("/protection/repository/rules") {
        "protection_repository_rules"
    } else if p.ends_with("/protection/tag/rules") {
        "protection_tag_rules"
    } else if p.ends_with("/job_token_scope") {
        "job_token_scope"
    } else if p.ends_with("/job_token_scope/allowlist") {
        "job_token_allowlist"
    } else if p.ends_with("/groups_allowlist") {
        "job_token_groups_allowlist"
    } else if p.ends_with("/projects/platform%2Fbase-images") {
        return Ok(ok(fixture("project")
            .replace("\"id\": 42", "\"id\": 77")
            .replace("my-group/my-project", "platform/base-images")));
    } else {
        "project"
    };
    Ok(ok(fixture(f)))
}

/// Runs a session against `answer`, returning the requests made and the results.
fn run(cfg: Config, answer: impl Fn(&str) -> Result<Canned, Failure>) -> (Vec<Request>, Session) {
    let mut s = Session::new(cfg);
    let mut seen = Vec::new();
    while let Some(req) = s.next_request() {
        assert!(seen.len() < 500, "runaway session");
        let a = answer(&req.path);
        seen.push(req);
        match a {
            Ok(c) => s.feed(Ok(Response {
                status: c.status,
                content_type: c.ct,
                link: c.link.as_deref(),
                next_page: c.next.as_deref(),
                retry_after: c.retry,
                body: c.body.as_bytes(),
            })),
            Err(f) => s.feed(Err(f)),
        }
    }
    (seen, s)
}

fn get(s: &Session, c: CheckId) -> CheckResult {
    s.results().into_iter().find(|r| r.check == c).unwrap_or_else(|| panic!("no result for {c:?}"))
}

#[test]
fn origins_are_https_or_local_and_nothing_else() {
    let o = Origin::parse(" https://GitLab.Example.com/ ").unwrap();
    assert_eq!(o.as_str(), "https://gitlab.example.com");
    assert_eq!(Origin::parse("https://gitlab.example.com/api/v4/").unwrap().as_str(), "https://gitlab.example.com");
    let prefixed = Origin::parse("https://example.com:8443/gitlab").unwrap();
    assert_eq!(prefixed.as_str(), "https://example.com:8443/gitlab");
    assert_eq!(prefixed.csp_source(), "https://example.com:8443");
    assert!(Origin::parse("http://localhost:3000").is_ok());
    assert!(Origin::parse("http://127.0.0.1:3000").is_ok());
    assert_eq!(Origin::parse("http://gitlab.example.com"), Err(OriginError::PlainHttp));
    assert_eq!(Origin::parse("https://user:pw@gitlab.example.com"), Err(OriginError::Credentials));
    assert_eq!(Origin::parse("javascript:alert(1)"), Err(OriginError::Scheme));
    assert_eq!(Origin::parse("ftp://gitlab.example.com"), Err(OriginError::Scheme));
    assert_eq!(Origin::parse("https://gitlab.example.com/?a=b"), Err(OriginError::Extra));
    assert_eq!(Origin::parse("https://gitlab..example.com"), Err(OriginError::BadHost));
    assert_eq!(Origin::parse("https://gitlab.example.com/../x"), Err(OriginError::BadHost));
    assert_eq!(Origin::parse("https://gitlab.example.com:0"), Err(OriginError::BadHost));
    assert_eq!(Origin::parse(""), Err(OriginError::Empty));
}

#[test]
fn tokens_never_print() {
    let t = Token::new("glpat-secret123").unwrap();
    assert_eq!(format!("{t:?} {t}"), "*** ***");
    assert_eq!(t.expose(), "glpat-secret123");
    assert!(Token::new("with space\nnewline").is_none());
    assert!(Token::new("  ").is_none());
}

#[test]
fn project_refs_are_checked_and_encoded() {
    assert_eq!(ProjectRef::parse("my-group/sub/my-project").unwrap().segment(), "my-group%2Fsub%2Fmy-project");
    assert_eq!(ProjectRef::parse("42").unwrap().segment(), "42");
    assert!(ProjectRef::parse("../../admin").is_none());
    assert!(ProjectRef::parse("group/pro ject").is_none());
    assert!(ProjectRef::parse("noslash").is_none());
}

#[test]
fn documented_answers_give_the_expected_results() {
    let (reqs, s) = run(config(true, Some("platform/base-images")), documented);
    // Only GETs below /api/v4 of the typed origin; the path is URL-encoded; the id is used once known.
    assert!(reqs.iter().all(|r| r.path.starts_with("/api/v4/") && r.auth));
    assert_eq!(reqs[0].path, "/api/v4/personal_access_tokens/self");
    assert_eq!(reqs[1].path, "/api/v4/projects/my-group%2Fmy-project");
    assert!(reqs[2].path.starts_with("/api/v4/projects/42/registry/repositories?tags=true&tags_count=true"));
    assert_eq!(Request::METHOD, "GET");
    let r = s.results();
    let status: Vec<_> = r.iter().map(|r| (r.check.code(), r.status.code())).collect();
    assert_eq!(
        status,
        [
            ("token", "pass"),
            ("project", "pass"),
            ("registry", "pass"),
            ("repositories", "pass"),
            ("repository-protection", "problem"),
            ("tag-protection", "problem"),
            ("cleanup-policy", "pass"),
            ("job-token-allowlist", "pass"),
        ]
    );
    // Developer vs a maintainer-only repository rule that matches an existing repository.
    let rp = get(&s, CheckId::RepositoryProtection);
    assert_eq!(rp.catalog, Some("ENT-B03"));
    assert!(rp.en.contains("my-group/my-project/releases") && rp.en.contains("Maintainer"), "{}", rp.en);
    assert_eq!(get(&s, CheckId::TagProtection).catalog, Some("ENT-B04"));
    // The documented allowlist of the target (77) names the source (42).
    assert!(get(&s, CheckId::JobTokenAllowlist).en.contains("is on the job token allowlist of platform/base-images"));
    let repo = get(&s, CheckId::Repositories);
    assert!(repo.en.starts_with("2 repositories, 3 tags"), "{}", repo.en);
    assert!(repo.values.contains(&("registry".into(), "registry.example.com".into())));
    for c in r {
        assert!(!c.en.is_empty() && !c.ja.is_empty());
        if let Some(cat) = c.catalog {
            assert!(crate::kb::entry_by_catalog(cat).is_some(), "{cat}");
        }
    }
}

#[test]
fn job_token_allowlist_by_project_by_group_or_not_at_all() {
    let lists = |projects: &'static str, groups: &'static str| {
        move |p: &str| {
            if p.contains("/job_token_scope/allowlist") {
                return Ok(ok(projects.into()));
            }
            if p.contains("groups_allowlist") {
                return Ok(ok(groups.into()));
            }
            documented(p)
        }
    };
    let (_, s) = run(config(true, Some("platform/base-images")), lists("[]", "[]"));
    let jt = get(&s, CheckId::JobTokenAllowlist);
    assert_eq!((jt.status, jt.catalog), (Status::Problem, Some("SEED-06")), "{}", jt.en);
    assert_eq!(jt.entry_id(), Some("ci-image-pull-job-token-denied"));
    // The allowlist-add plan: project_id is the project that hosts the image, target_project_id the one let in.
    assert!(jt.values.contains(&("project_id".into(), "77".into())));
    assert!(jt.values.contains(&("target_project_id".into(), "42".into())));
    let (_, s) = run(config(true, Some("platform/base-images")), lists("[]", r#"[{"id":3,"full_path":"my-group"}]"#));
    let r = get(&s, CheckId::JobTokenAllowlist);
    assert_eq!(r.status, Status::Pass, "{}", r.en);
    assert!(r.en.contains("through group my-group"));
    // A group whose path is only a prefix of the namespace name does not count.
    let (_, s) = run(config(true, Some("platform/base-images")), lists("[]", r#"[{"id":3,"full_path":"my-gr"}]"#));
    assert_eq!(get(&s, CheckId::JobTokenAllowlist).status, Status::Problem);
    let (_, s) = run(config(true, Some("platform/base-images")), |p| {
        if p.ends_with("/job_token_scope") {
            return Ok(ok(r#"{"inbound_enabled":false,"outbound_enabled":false}"#.into()));
        }
        documented(p)
    });
    assert_eq!(get(&s, CheckId::JobTokenAllowlist).status, Status::Pass);
    // Older GitLab without groups_allowlist: the project list alone decides.
    let (_, s) = run(config(true, Some("platform/base-images")), |p| {
        if p.contains("groups_allowlist") {
            return Ok(status(404, r#"{"error":"404 Not Found"}"#));
        }
        documented(p)
    });
    assert_eq!(get(&s, CheckId::JobTokenAllowlist).status, Status::Pass);
}

#[test]
fn token_scopes_expiry_and_rejection() {
    let with = |body: String| move |p: &str| if p.ends_with("/self") { Ok(ok(body.clone())) } else { documented(p) };
    let pat = fixture("personal_access_tokens_self");
    let (_, s) = run(config(true, None), with(pat.replace(", \"write_registry\"", "")));
    let t = get(&s, CheckId::Token);
    assert_eq!((t.status, t.catalog), (Status::Problem, Some("ENT-B01")), "{}", t.en);
    let (_, s) = run(config(true, None), with(pat.replace("\"read_registry\", \"write_registry\"", "\"read_api\"")));
    assert_eq!(get(&s, CheckId::Token).catalog, Some("ENT-A01"));
    let (_, s) = run(config(true, None), with(pat.replace("2099-08-31", "2024-01-01")));
    let t = get(&s, CheckId::Token);
    assert_eq!((t.status, t.catalog), (Status::Problem, Some("ENT-A01")));
    assert!(t.en.contains("expired (2024-01-01)"));
    let (_, s) = run(config(true, None), with(pat.replace("\"revoked\": false", "\"revoked\": true")));
    assert!(get(&s, CheckId::Token).en.contains("revoked"));
    let (_, s) = run(config(true, None), |p| {
        if p.ends_with("/self") {
            Ok(status(401, r#"{"error":"invalid_token","error_description":"Token has expired."}"#))
        } else {
            documented(p)
        }
    });
    let t = get(&s, CheckId::Token);
    assert_eq!(t.catalog, Some("ENT-A01"));
    assert!(t.en.contains("expired"));
    let (_, s) = run(config(true, None), |p| {
        if p.ends_with("/self") {
            Ok(status(
                403,
                r#"{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api read_api"}"#,
            ))
        } else {
            documented(p)
        }
    });
    assert_eq!(get(&s, CheckId::Token).reason, Some(Reason::InsufficientScope));
}

#[test]
fn anonymous_checks_only_what_anyone_sees() {
    let (reqs, s) = run(config(false, None), |p| {
        if p.contains("/protection/") {
            return Ok(status(401, r#"{"message":"401 Unauthorized"}"#));
        }
        Ok(ok(documented(p)?.body.replace("\"visibility\": \"private\"", "\"visibility\": \"public\"")))
    });
    assert!(reqs.iter().all(|r| !r.auth && !r.path.contains("personal_access_tokens")));
    assert_eq!(get(&s, CheckId::Token).reason, Some(Reason::NeedsToken));
    assert_eq!(get(&s, CheckId::Project).status, Status::Pass);
    assert_eq!(get(&s, CheckId::TagProtection).reason, Some(Reason::NeedsToken));
    assert!(s.results().iter().all(|r| r.check != CheckId::JobTokenAllowlist));
    // A private project is invisible anonymously: that is the problem, the rest depends on it.
    let (_, s) = run(config(false, None), |_| Ok(status(404, r#"{"message":"404 Project Not Found"}"#)));
    let p = get(&s, CheckId::Project);
    assert_eq!((p.status, p.catalog), (Status::Problem, Some("ENT-B02")));
    assert_eq!(get(&s, CheckId::Repositories).reason, Some(Reason::NeedsProject));
}

#[test]
fn registry_visibility_and_cleanup_policy() {
    let project = |f: &dyn Fn(String) -> String| {
        let body = f(fixture("project"));
        move |p: &str| if p.ends_with("my-project") { Ok(ok(body.clone())) } else { documented(p) }
    };
    let (_, s) = run(
        config(true, None),
        project(&|b| {
            b.replace("\"access_level\": \"enabled\"", "").replace(
                "\"container_registry_access_level\": \"enabled\"",
                "\"container_registry_access_level\": \"disabled\"",
            )
        }),
    );
    assert_eq!(get(&s, CheckId::Registry).catalog, Some("ENT-A08"));
    let (_, s) = run(
        config(true, None),
        project(&|b| {
            b.replace(
                "\"container_registry_access_level\": \"enabled\"",
                "\"container_registry_access_level\": \"private\"",
            )
            .replace("\"access_level\": 30", "\"access_level\": 10")
        }),
    );
    let r = get(&s, CheckId::Registry);
    assert_eq!((r.status, r.catalog), (Status::Problem, Some("ENT-B02")), "{}", r.en);
    assert_eq!(get(&s, CheckId::Project).catalog, Some("ENT-B01"));
    // Older GitLab: only the boolean.
    let (_, s) = run(
        config(true, None),
        project(&|b| {
            b.replace("\"container_registry_access_level\": \"enabled\",", "")
                .replace("\"container_registry_enabled\": true", "\"container_registry_enabled\": false")
        }),
    );
    assert_eq!(get(&s, CheckId::Registry).catalog, Some("ENT-A08"));
    let (_, s) = run(
        config(true, None),
        project(&|b| {
            b.replace("\"name_regex\": \".*\"", "\"name_regex\": null")
                .replace("\"name_regex_delete\": \".*\"", "\"name_regex_delete\": null")
        }),
    );
    let c = get(&s, CheckId::Cleanup);
    assert_eq!((c.status, c.catalog), (Status::Problem, Some("ENT-H01")));
    let c = get(&run(config(true, None), documented).1, CheckId::Cleanup);
    assert!(c.en.contains("every 7d") && c.en.contains("keeps 10"), "{}", c.en);
    let (_, s) = run(
        config(true, None),
        project(&|b| {
            let v: serde_json::Value = serde_json::from_str(&b).unwrap();
            let mut v = v.as_object().unwrap().clone();
            v.remove("container_expiration_policy");
            serde_json::Value::Object(v).to_string()
        }),
    );
    assert_eq!(get(&s, CheckId::Cleanup).reason, Some(Reason::NotShown(Role::Maintainer)));
}

#[test]
fn each_failure_has_its_own_reason() {
    let only =
        |frag: &'static str, c: Canned| move |p: &str| if p.contains(frag) { Ok(c.clone()) } else { documented(p) };
    let (_, s) = run(config(true, None), only("/protection/repository", status(403, r#"{"message":"403 Forbidden"}"#)));
    let r = get(&s, CheckId::RepositoryProtection);
    assert_eq!(r.reason, Some(Reason::Forbidden(Role::Maintainer)));
    assert!(r.en.contains("403") && r.en.contains("Maintainer"), "{}", r.en);
    assert!(r.ja.contains("メンテナー"));
    let (_, s) = run(config(true, None), only("/protection/tag", status(404, r#"{"error":"404 Not Found"}"#)));
    assert_eq!(get(&s, CheckId::TagProtection).reason, Some(Reason::NotAvailable));
    let (_, s) = run(config(true, None), only("/registry/repositories", status(500, "Internal Server Error")));
    assert_eq!(get(&s, CheckId::Repositories).reason, Some(Reason::Server(500)));
    let html = Canned { ct: Some("text/html; charset=utf-8"), ..ok("<!DOCTYPE html><title>Sign in</title>".into()) };
    let (_, s) = run(config(true, None), only("/projects/my-group", html));
    assert_eq!(get(&s, CheckId::Project).reason, Some(Reason::Html));
    let (_, s) = run(config(true, None), only("/projects/my-group", ok(r#"{"unexpected":true}"#.into())));
    assert_eq!(get(&s, CheckId::Project).reason, Some(Reason::BadShape));
    let (_, s) = run(config(true, None), only("/registry/repositories", ok(r#"{"not":"a list"}"#.into())));
    assert_eq!(get(&s, CheckId::Repositories).reason, Some(Reason::BadShape));
    let (_, s) = run(config(true, None), only("/projects/my-group", status(401, r#"{"message":"401 Unauthorized"}"#)));
    assert_eq!(get(&s, CheckId::Project).reason, Some(Reason::Unauthorized));
}

#[test]
fn rate_limits_and_transport_failures_stop_the_run() {
    let limited = Canned { retry: Some("30"), ..status(429, "Retry later") };
    let (reqs, s) =
        run(
            config(true, None),
            move |p| {
                if p.contains("/registry/repositories") {
                    Ok(limited.clone())
                } else {
                    documented(p)
                }
            },
        );
    assert_eq!(reqs.len(), 3, "nothing after the 429");
    let r = get(&s, CheckId::Repositories);
    assert_eq!(r.reason, Some(Reason::RateLimited(Some(30))));
    assert!(r.en.contains("30 seconds"));
    assert_eq!(get(&s, CheckId::TagProtection).reason, Some(Reason::RateLimited(Some(30))));
    for (failure, reason) in [
        (Failure::Network, Reason::Network),
        (Failure::Timeout, Reason::Timeout),
        (Failure::Cancelled, Reason::Cancelled),
    ] {
        let (reqs, s) = run(config(true, Some("platform/base-images")), move |_| Err(failure));
        assert_eq!(reqs.len(), 1);
        assert!(s.is_done());
        let all = s.results();
        assert_eq!(all.len(), 8);
        assert!(all.iter().all(|r| r.reason == Some(reason)), "{all:?}");
    }
    assert!(Reason::Network.text(Lang::En).contains("connect-src"));
}

fn big_project(n_repos: usize, tags_each: usize, per_page: usize) -> impl Fn(&str) -> Result<Canned, Failure> {
    move |p: &str| {
        if !p.contains("/registry/repositories?") {
            return documented(p);
        }
        let page: usize = p.split("page=").last().unwrap().parse().unwrap();
        let repos: Vec<serde_json::Value> = (0..n_repos)
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|i| {
                let path = format!("my-group/my-project/app-{i}");
                let tags: Vec<_> = (0..tags_each).map(|t| serde_json::json!({"name": format!("1.{t}")})).collect();
                serde_json::json!({"id": 100 + i, "path": path, "location": format!("registry.example.com/{path}"), "tags_count": tags_each, "tags": tags})
            })
            .collect();
        let pages = n_repos.div_ceil(per_page);
        let mut c = ok(serde_json::Value::Array(repos).to_string());
        if page < pages {
            // Alternate the two headers GitLab sends; a Link URL on another host must not matter.
            if page % 2 == 1 {
                c.next = Some((page + 1).to_string());
            } else {
                c.link = Some(format!("<https://evil.example/api/v4/x?page={}&per_page=100>; rel=\"next\", <https://evil.example/x?page=1>; rel=\"first\"", page + 1));
                c.next = Some(String::new());
            }
        }
        Ok(c)
    }
}

#[test]
fn a_thousand_tags_over_pages_feed_the_transfer_task() {
    let (reqs, s) = run(config(true, None), big_project(250, 4, 100));
    let pages: Vec<_> =
        reqs.iter().filter(|r| r.path.contains("/registry/repositories?")).map(|r| r.path.clone()).collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(reqs.iter().all(|r| !r.path.contains("evil")));
    let r = get(&s, CheckId::Repositories);
    assert!(r.en.starts_with("250 repositories, 1000 tags"), "{}", r.en);
    let list = s.tag_list_json().expect("complete list");
    // The transfer task reads this list and scripts every tag.
    let mut values: crate::plan::render::Values = s.values().into_iter().collect();
    values.insert("tag_list".into(), list);
    values.insert("new_project_path".into(), "new-group/my-project".into());
    values.insert("username".into(), "me".into());
    let out = crate::plan::task("transfer").unwrap().render(&values, Lang::En);
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    assert!(out.script.contains("registry.example.com/my-group/my-project/app-249:1.3"));
    assert_eq!(out.script.matches("docker pull -- ").count(), 1000);
}

#[test]
fn pagination_is_capped() {
    let (reqs, s) = run(config(true, None), big_project(MAX_PAGES as usize * 2 + 5, 1, 1));
    let pages = reqs.iter().filter(|r| r.path.contains("/registry/repositories?")).count();
    assert_eq!(pages as u32, MAX_PAGES);
    assert_eq!(get(&s, CheckId::Repositories).reason, Some(Reason::TooManyPages));
    assert!(s.tag_list_json().is_none());
}

#[test]
fn missing_embedded_tags_are_read_from_the_tags_endpoint() {
    let (reqs, s) = run(config(true, None), |p| {
        if p.contains("/registry/repositories?") {
            return Ok(ok(r#"[{"id":1,"path":"my-group/my-project","location":"registry.example.com/my-group/my-project","tags_count":3,"tags":[{"name":"latest"}]}]"#.into()));
        }
        if p.contains("/repositories/1/tags") {
            let mut c = ok(fixture("registry_repository_tags"));
            if p.ends_with("page=1") {
                c.next = Some("2".into());
            } else {
                c.body = r#"[{"name":"B"}]"#.into();
            }
            return Ok(c);
        }
        documented(p)
    });
    assert_eq!(reqs.iter().filter(|r| r.path.contains("/repositories/1/tags")).count(), 2);
    let list = s.tag_list_json().unwrap();
    assert!(list.contains(r#""tags":[{"name":"latest"},{"name":"A"},{"name":"B"}]"#), "{list}");
}

#[test]
fn every_check_has_titles_endpoints_and_reasons_in_both_languages() {
    for c in CheckId::ALL {
        assert!(!c.title(Lang::En).is_empty() && !c.title(Lang::Ja).is_empty());
        assert!(c.endpoints().iter().all(|e| e.starts_with("GET /api/v4/")));
    }
    let reasons = [
        Reason::Unauthorized,
        Reason::NeedsToken,
        Reason::Forbidden(Role::Maintainer),
        Reason::InsufficientScope,
        Reason::NotFound,
        Reason::NotAvailable,
        Reason::RateLimited(None),
        Reason::RateLimited(Some(5)),
        Reason::Server(502),
        Reason::Unexpected(418),
        Reason::Html,
        Reason::BadShape,
        Reason::Network,
        Reason::Timeout,
        Reason::Cancelled,
        Reason::TooLarge,
        Reason::NeedsProject,
        Reason::TooManyPages,
        Reason::NotShown(Role::Reporter),
    ];
    for r in reasons {
        assert!(!r.text(Lang::En).is_empty() && !r.text(Lang::Ja).is_empty() && !r.code().is_empty());
    }
}
