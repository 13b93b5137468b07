//! "Copy as Markdown": what a reader pasting it into a GitLab issue gets, in both languages, and
//! what never gets into it (secrets, the raw paste).

use registry_doctor_core::analyze::analyze_text;
use registry_doctor_core::export::{analysis_markdown, entry_markdown, fenced, task_markdown};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::kb;
use registry_doctor_core::link::{Link, Route};
use registry_doctor_core::plan;

const PAGE: &str = "https://portal.example.com/registry-doctor/";

fn entry_link(id: &str, values: &[(&str, &str)]) -> Link {
    let mut l = Link::new(Route::Entry(id.into()));
    for (k, v) in values {
        l.set_value(k, v);
    }
    l
}

#[test]
fn an_entry_has_every_section_and_filled_commands() {
    let e = kb::entry("manifest-list-blob-unknown").unwrap();
    let l = entry_link(
        e.id,
        &[("registry", "registry.example.com:5050"), ("project_path", "my-group/my-project"), ("tag", "1.0.0")],
    );
    for lang in Lang::ALL {
        let md = entry_markdown(e, &l, PAGE, lang);
        assert!(md.starts_with("## "), "{md}");
        for cause in e.causes {
            let first_word = cause.text.get(lang).split_whitespace().next().unwrap();
            assert!(md.contains(first_word.trim_matches('`')), "{lang:?} cause");
        }
        let code_blocks = md.matches("```sh\n").count();
        let plans = e.fix.iter().filter(|f| f.plan().is_some()).count();
        assert!(code_blocks >= plans, "{lang:?}: {code_blocks} blocks for {plans} plans");
        assert!(md.contains("registry.example.com:5050/my-group/my-project"), "values fill the commands");
        for s in e.sources {
            assert!(md.contains(&format!("(<{}>)", s.url)));
        }
        assert!(
            md.contains(&format!("({PAGE}#/d/manifest-list-blob-unknown?lang={}&", lang.code()))
                || md.contains(&format!("(<{PAGE}#/d/manifest-list-blob-unknown?lang={}&", lang.code())),
            "{md}"
        );
    }
    let ja = entry_markdown(e, &l, PAGE, Lang::Ja);
    assert!(ja.contains("### 何が起きたか") && ja.contains("### 解決方法"));
    let en = entry_markdown(e, &l, PAGE, Lang::En);
    assert!(en.contains("### What happened") && en.contains("### How to fix it") && en.contains("### Sources"));
}

#[test]
fn every_entry_exports_in_both_languages_with_balanced_fences() {
    for e in kb::ENTRIES {
        for lang in Lang::ALL {
            let md = entry_markdown(e, &Link::new(Route::Entry(e.id.into())), "", lang);
            let fences = md.lines().filter(|l| l.starts_with("```")).count();
            assert_eq!(fences % 2, 0, "{} {lang:?}", e.id);
            assert!(!md.contains("](<#"), "no link back without a page URL");
        }
    }
}

#[test]
fn analysis_shows_numbered_redacted_evidence_and_never_the_rest_of_the_paste() {
    let log = "\
Running with gitlab-runner 17.5.2
$ export HIDDEN_LINE=not-evidence-at-all
$ a
$ b
$ c
$ docker login -u deploy-bot -p gldt-4JkQ9zLm2Wx7RtB1vC8n registry.example.com:5050
$ docker push registry.example.com:5050/my-group/my-project/app:1.0.0
denied: requested access to the resource is denied
ERROR: Job failed: exit code 1
";
    let a = analyze_text(log);
    assert!(!a.diagnoses.is_empty());
    let md = analysis_markdown(&a, &Link::default(), PAGE, Lang::En);
    assert!(md.contains("```text\n"), "{md}");
    assert!(md.contains(">8 | denied: requested access to the resource is denied"), "{md}");
    assert!(!md.contains("gldt-4JkQ9zLm2Wx7RtB1vC8n"), "{md}");
    assert!(!md.contains("HIDDEN_LINE"), "{md}");
    assert!(md.contains(&format!("(<{PAGE}#/d/{}?lang=en>)", a.diagnoses[0].entry.id)), "{md}");
    let ja = analysis_markdown(&a, &Link::default(), PAGE, Lang::Ja);
    assert!(ja.starts_with("## 診断結果"));
    let none = analysis_markdown(&analyze_text("hello"), &Link::default(), PAGE, Lang::En);
    assert!(none.contains("Nothing in this text matches"));
}

#[test]
fn links_back_never_carry_the_paste() {
    let mut l = entry_link("pull-access-denied", &[("registry", "registry.example.com")]);
    l.set_paste("some pasted log line that must not travel\n").unwrap();
    let md = entry_markdown(kb::entry("pull-access-denied").unwrap(), &l, PAGE, Lang::En);
    assert!(!md.contains("paste="), "{md}");
    assert!(md.contains("registry=registry.example.com"));
}

#[test]
fn a_task_exports_its_whole_script() {
    let t = plan::task("migrate").unwrap();
    let mut l = Link::new(Route::Task("migrate".into()));
    for p in t.params {
        l.set_value(p.name, p.example);
    }
    for lang in Lang::ALL {
        let md = task_markdown(t, &l, PAGE, lang);
        let script = t.render(&l.values.iter().cloned().collect(), lang).script;
        assert!(md.contains(&fenced("sh", &script)), "{md}");
        assert!(md.contains("GITLAB_TOKEN"), "env var named, never a value");
        assert!(md.contains(&format!("{PAGE}#/task/migrate?lang={}", lang.code())));
    }
}

#[test]
fn hostile_values_stay_inside_code_and_urls() {
    let l = entry_link("pull-access-denied", &[("tag", "x](javascript:alert(1))"), ("registry", "<img src=x>")]);
    let md = entry_markdown(kb::entry("pull-access-denied").unwrap(), &l, "javascript:alert(1)//", Lang::En);
    assert!(!md.contains("](javascript:"), "{md}");
    assert!(!md.contains("<img"), "{md}");
}
