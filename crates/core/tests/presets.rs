//! The portal preset file: valid, invalid (each problem named by its JSON path, defaults used) and
//! missing (silent defaults).

use registry_doctor_core::i18n::Lang;
use registry_doctor_core::kb::Strength;
use registry_doctor_core::link::{Link, Route};
use registry_doctor_core::presets::{from_fetch, load, Presets, Problem};

const ENTRY: &str = r#"{
  "id": "corp-proxy-blocks-push",
  "catalog": ["CORP-01"],
  "audience": "user",
  "platform": "self-managed",
  "title": {"en": "Push fails behind the corporate proxy", "ja": "社内プロキシ経由でプッシュが失敗する"},
  "summary": {"en": "The proxy cuts uploads over 1 GB.", "ja": "プロキシが 1 GB を超えるアップロードを切断します。"},
  "causes": [{"text": {"en": "Proxy body limit", "ja": "プロキシの本文サイズ制限"},
              "question": {"en": "Does it fail at the same size?", "ja": "同じサイズで失敗しますか？"}}],
  "fix": [{"text": {"en": "Use the internal registry host.", "ja": "社内用のレジストリホストを使います。"},
           "plan": "docker-login-token"}],
  "symptoms": [{"match": "proxy-corp: upload aborted", "strength": "unique", "where": ["client", "ci-log"]}],
  "related": ["pull-access-denied"],
  "sources": [{"title": "Intranet: registry", "url": "https://wiki.corp.example/registry#proxy"}]
}"#;

fn file(entries: &str) -> String {
    format!(
        r#"{{"gitlab_url": "https://gitlab.example.com", "registry": "registry.example.com:5050", "language": "ja",
            "docs_base": "https://gitlab.example.com/help", "entries": [{entries}]}}"#
    )
}

#[test]
fn a_valid_file_presets_hosts_language_and_entries() {
    let p = load(&file(ENTRY)).unwrap();
    assert_eq!(p.gitlab_url.as_deref(), Some("https://gitlab.example.com"));
    assert_eq!(p.registry.as_deref(), Some("registry.example.com:5050"));
    assert_eq!(p.language, Some(Lang::Ja));
    assert_eq!(p.docs_base.as_deref(), Some("https://gitlab.example.com/help"));
    let e = p.custom_entry("corp-proxy-blocks-push").unwrap();
    assert_eq!(e.title.get(Lang::Ja), "社内プロキシ経由でプッシュが失敗する");
    assert_eq!(e.symptoms[0].strength, Strength::Unique);
    assert_eq!(e.fix[0].plan().map(|p| p.id), Some("docker-login-token"));
    assert_eq!(e.score("x\nproxy-corp: upload aborted\n"), 100);
    assert_eq!(e.score("nothing"), 0);
    assert_eq!(load("{}").unwrap(), Presets::default());
}

#[test]
fn presets_fill_only_values_the_link_lacks() {
    let p = load(&file("")).unwrap();
    let mut l = Link::new(Route::Entry("pull-access-denied".into()));
    l.set_value("registry", "other.example.com");
    p.fill(&mut l);
    assert_eq!(l.value("registry"), Some("other.example.com"));
    assert_eq!(l.value("gitlab_url"), Some("https://gitlab.example.com"));
    assert_eq!(
        p.default_values(),
        vec![
            ("gitlab_url", "https://gitlab.example.com".to_string()),
            ("registry", "registry.example.com:5050".to_string())
        ]
    );
}

#[test]
fn a_missing_file_is_silent_defaults() {
    assert_eq!(from_fetch(None), (Presets::default(), vec![]));
}

fn problems(json: &str) -> Vec<(String, Problem)> {
    let (p, errors) = from_fetch(Some(json));
    assert_eq!(p, Presets::default(), "a bad file is not used at all");
    errors.into_iter().map(|e| (e.path, e.problem)).collect()
}

#[test]
fn every_problem_names_its_json_path() {
    let paths = |json: &str| problems(json).into_iter().map(|(p, _)| p).collect::<Vec<_>>();
    assert_eq!(paths(r#"{"registry": "registry.example.com:5050", "colour": "red"}"#), ["$.colour"]);
    assert_eq!(paths(r#"{"gitlab_url": "http://gitlab.example.com"}"#), ["$.gitlab_url"]);
    assert_eq!(paths(r#"{"gitlab_url": "javascript:alert(1)"}"#), ["$.gitlab_url"]);
    assert_eq!(paths(r#"{"registry": "-oProxyCommand=x"}"#), ["$.registry"]);
    assert_eq!(paths(r#"{"registry": "Registry.Example.com:99999"}"#), ["$.registry"]);
    assert_eq!(paths(r#"{"language": "fr"}"#), ["$.language"]);
    assert_eq!(paths(r#"{"docs_base": 42}"#), ["$.docs_base"]);
    assert_eq!(paths(r#"["not", "an", "object"]"#), ["$"]);
    let missing_ja = ENTRY.replace(r#", "ja": "社内プロキシ経由でプッシュが失敗する""#, "");
    assert_eq!(paths(&file(&missing_ja)), ["$.entries[0].title.ja"]);
    let http_source = ENTRY.replace("https://wiki.corp", "http://wiki.corp");
    assert_eq!(paths(&file(&http_source)), ["$.entries[0].sources[0].url"]);
    let no_symptoms = ENTRY.replace(
        r#"[{"match": "proxy-corp: upload aborted", "strength": "unique", "where": ["client", "ci-log"]}]"#,
        "[]",
    );
    assert_eq!(paths(&file(&no_symptoms)), ["$.entries[0].symptoms"]);
    let typo = ENTRY.replace(r#""summary""#, r#""sumary""#);
    assert_eq!(paths(&file(&typo)), ["$.entries[0].sumary", "$.entries[0].summary"]);
    let bad_plan = ENTRY.replace("docker-login-token", "rm-rf");
    assert_eq!(paths(&file(&bad_plan)), ["$.entries[0].fix[0].plan"]);
    let taken_id = ENTRY.replace("corp-proxy-blocks-push", "pull-access-denied");
    assert_eq!(paths(&file(&taken_id)), ["$.entries[0].id"]);
    assert_eq!(paths(&file(&format!("{ENTRY},{ENTRY}"))), ["$.entries[1].id"]);
    let bad_where = ENTRY.replace(r#""ci-log"]"#, r#""the-moon"]"#);
    assert_eq!(paths(&file(&bad_where)), ["$.entries[0].symptoms[0].where[1]"]);
}

#[test]
fn messages_say_what_is_wrong_in_both_languages() {
    let (_, errors) = from_fetch(Some(r#"{"registry": "-x", "language": "fr"}"#));
    let en: Vec<String> = errors.iter().map(|e| e.message(Lang::En)).collect();
    assert!(en.iter().any(|m| m.starts_with("$.registry: ") && m.contains("`-`")), "{en:?}");
    assert!(en.iter().any(|m| m == "$.language: must be \"en\" or \"ja\""), "{en:?}");
    let ja: Vec<String> = errors.iter().map(|e| e.message(Lang::Ja)).collect();
    assert!(ja.iter().any(|m| m.starts_with("$.language: ") && m.contains("を指定してください")), "{ja:?}");
    let (_, errors) = from_fetch(Some("{\"registry\": "));
    assert!(matches!(&errors[0].problem, Problem::NotJson(d) if d.contains("line 1")), "{errors:?}");
}
