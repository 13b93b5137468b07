//! Host rendering of "Check my setup" (`SetupPage`, `SetupResults`): no network, no browser. What a
//! user sees before a run, and how results read — without any token anywhere in the markup.

use registry_doctor::components::setup_results::{SetupResults, SetupResultsProps};
use registry_doctor::context::Ctx;
use registry_doctor::pages::setup::SetupPage;
use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::link::{Link, Route};
use registry_doctor_core::setup::{CheckId, CheckResult, Reason, Role, Status};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct HostProps {
    link: Link,
    lang: Lang,
    #[prop_or_default]
    results: Option<Rc<Vec<CheckResult>>>,
}

/// Provides the context `App` would, then shows the page (or just the results).
#[component]
fn Host(props: &HostProps) -> Html {
    let ctx = Ctx {
        link: props.link.clone(),
        lang: props.lang,
        go: Callback::noop(),
        replace: Callback::noop(),
        presets: Default::default(),
        handoff: Default::default(),
    };
    html! {
        <ContextProvider<Ctx> context={ctx}>
            if let Some(results) = &props.results {
                <SetupResults ..SetupResultsProps { results: results.clone() } />
            } else {
                <SetupPage />
            }
        </ContextProvider<Ctx>>
    }
}

fn render(props: HostProps) -> String {
    futures::executor::block_on(yew::LocalServerRenderer::<Host>::with_props(props).hydratable(false).render())
}

fn link_with(values: &[(&str, &str)]) -> Link {
    let mut link = Link::new(Route::Home);
    for (k, v) in values {
        link.set_value(k, v);
    }
    link
}

#[test]
fn the_form_is_labelled_prefilled_and_the_token_field_is_a_password() {
    for lang in Lang::ALL {
        let html = render(HostProps {
            link: link_with(&[("gitlab_url", "https://gitlab.example.com"), ("project_path", "my-group/my-project")]),
            lang,
            results: None,
        });
        assert!(html.contains(Msg::SetupTitle.text(lang)));
        for id in ["setup-gitlab", "setup-project", "setup-target", "setup-token"] {
            assert!(html.contains(&format!(r#"<label for="{id}">"#)), "{id} needs a label");
        }
        assert!(html.contains(r#"value="https://gitlab.example.com""#), "pre-filled from the link: {html}");
        assert!(html.contains(r#"value="my-group/my-project""#));
        let token_input =
            html.split("<input").find(|i| i.contains(r#"id="setup-token""#)).unwrap().split('>').next().unwrap();
        assert!(
            token_input.contains(r#"type="password""#) && token_input.contains(r#"autocomplete="off""#),
            "{token_input}"
        );
        assert!(html.contains(r#"data-testid="setup-forget""#));
        assert!(html.contains(Msg::SetupTokenHint.text(lang)));
        assert!(!html.contains("style="), "the CSP forbids inline styles");
        assert!(!html.contains(r#"data-testid="setup-results""#), "nothing ran: no results");
    }
}

#[test]
fn a_portal_preset_fills_the_gitlab_url() {
    let link = Link::new(Route::Home);
    let presets = registry_doctor_core::presets::Presets {
        gitlab_url: Some("https://gitlab.corp.example".into()),
        ..Default::default()
    };
    let ctx = Ctx {
        link,
        lang: Lang::En,
        go: Callback::noop(),
        replace: Callback::noop(),
        presets: Rc::new(presets),
        handoff: Default::default(),
    };
    let html = futures::executor::block_on(
        yew::LocalServerRenderer::<PresetHost>::with_props(PresetHostProps { ctx }).hydratable(false).render(),
    );
    assert!(html.contains(r#"value="https://gitlab.corp.example""#), "{html}");
}

#[derive(Properties, PartialEq)]
struct PresetHostProps {
    ctx: Ctx,
}

#[component]
fn PresetHost(props: &PresetHostProps) -> Html {
    html! { <ContextProvider<Ctx> context={props.ctx.clone()}><SetupPage /></ContextProvider<Ctx>> }
}

fn sample() -> Rc<Vec<CheckResult>> {
    let values = vec![
        ("gitlab_url".to_string(), "https://gitlab.example.com".to_string()),
        ("project_id".to_string(), "78".to_string()),
        ("target_project_id".to_string(), "42".to_string()),
    ];
    Rc::new(vec![
        CheckResult {
            check: CheckId::Token,
            status: Status::Pass,
            en: "Valid, scopes: api — enough to pull and push.".into(),
            ja: "有効です。".into(),
            catalog: None,
            values: vec![],
            reason: None,
        },
        CheckResult {
            check: CheckId::JobTokenAllowlist,
            status: Status::Problem,
            en: "my-group/my-project is not on the job token allowlist of platform/locked.".into(),
            ja: "許可リストに入っていません。".into(),
            catalog: Some("SEED-06"),
            values,
            reason: None,
        },
        CheckResult {
            check: CheckId::TagProtection,
            status: Status::CouldNotCheck,
            en: format!("Could not check: {}", Reason::Forbidden(Role::Maintainer).text(Lang::En)),
            ja: format!("確認できませんでした：{}", Reason::Forbidden(Role::Maintainer).text(Lang::Ja)),
            catalog: None,
            values: vec![],
            reason: Some(Reason::Forbidden(Role::Maintainer)),
        },
    ])
}

#[test]
fn results_read_as_pass_problem_and_could_not_check_with_filled_fix_links() {
    let html = render(HostProps { link: Link::new(Route::Home), lang: Lang::En, results: Some(sample()) });
    assert!(html.contains(r#"data-check="token" data-status="pass""#), "{html}");
    assert!(html.contains(r#"data-check="job-token-allowlist" data-status="problem""#));
    assert!(html.contains(r#"data-check="tag-protection" data-status="could-not-check""#));
    assert!(html.contains("403 — needs the Maintainer role or higher."));
    // The problem links to its entry with the values the plan needs.
    let href = "#/d/ci-image-pull-job-token-denied?gitlab_url=https://gitlab.example.com&amp;project_id=78&amp;target_project_id=42";
    assert!(html.contains(href), "{html}");
    assert!(html.contains(Msg::SetupOpenFix.text(Lang::En)));
    let ja = render(HostProps { link: Link::new(Route::Home), lang: Lang::Ja, results: Some(sample()) });
    assert!(ja.contains("403 — メンテナー以上のロールが必要です。"));
    assert!(ja.contains(Msg::SetupProblem.text(Lang::Ja)));
}
