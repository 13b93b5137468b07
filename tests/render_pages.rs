//! Host tests of the manifest and name pages, rendered with Yew's server renderer.

use registry_doctor::components::manifest_text::{layout, Row, MAX_LISTED};
use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::link::Route;
use registry_doctor_core::manifest::analyze;

mod common;

use common::{at, render};

/// Text as the server renderer escapes it.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[test]
fn manifest_page_shows_a_labelled_text_area_and_file_picker_in_both_languages() {
    for lang in Lang::ALL {
        let html = render(at(Route::Manifest, lang));
        assert!(html.contains(r#"data-testid="manifest-page""#), "{html}");
        assert!(html.contains(r#"<label for="manifest-input">"#), "the text area is labelled");
        assert!(html.contains(r#"id="manifest-input""#));
        assert!(html.contains(r#"<label for="manifest-file">"#), "the file picker is labelled");
        assert!(html.contains(&esc(Msg::ManifestLabel.text(lang))));
        assert!(html.contains(&esc(Msg::ManifestEmpty.text(lang))));
        assert!(html.contains(&esc(Msg::NavManifest.text(lang))), "the nav links to the page");
        assert!(!html.contains("style="));
    }
}

#[test]
fn name_page_shows_a_labelled_input_and_kind_selector_in_both_languages() {
    for lang in Lang::ALL {
        let html = render(at(Route::Name, lang));
        assert!(html.contains(r#"<label for="name-input">"#), "{html}");
        assert!(html.contains(r#"<label for="name-kind">"#));
        assert!(html.contains(&esc(Msg::KindReference.text(lang))));
        assert!(html.contains(&esc(Msg::KindDigest.text(lang))));
        assert!(html.contains(&esc(Msg::NameEmpty.text(lang))));
        assert!(html.contains(&esc(Msg::NavName.text(lang))));
        // Even before typing, the naming entries are one click away (SEED-02 first).
        assert!(html.contains(r#"data-testid="naming-entries""#));
        assert!(html.contains("SEED-02"));
        assert!(!html.contains("style="));
    }
}

#[test]
fn a_name_from_the_link_is_checked_with_positions_and_a_suggestion() {
    for lang in Lang::ALL {
        let mut link = at(Route::Name, lang);
        link.set_value("name", "registry.example.com/Group/_app:feature/x");
        let html = render(link);
        assert!(html.contains(r#"value="registry.example.com/Group/_app:feature/x""#), "the input shows the name");
        assert!(html.contains(r#"data-valid="false""#), "{html}");
        assert!(html.contains(&esc(Msg::NameInvalid.text(lang))));
        // `G` is the 22nd character, `_` the 28th.
        assert!(html.contains(r#"data-rule="uppercase" data-position="22""#), "{html}");
        assert!(html.contains(r#"data-position="28""#));
        assert!(html.contains(r#"<mark class="char">G</mark>"#));
        assert!(html.contains(r#"data-testid="suggested-name""#));
        assert!(html.contains(r#"data-testid="copy""#), "the suggestion has a copy button");
        assert!(!html.contains("style="));
    }
}

#[test]
fn a_valid_name_says_so() {
    let mut link = at(Route::Name, Lang::En);
    link.set_value("name", "registry.example.com/group/app:1.0");
    let html = render(link);
    assert!(html.contains(r#"data-valid="true""#), "{html}");
    assert!(html.contains(Msg::NameValid.text(Lang::En)));
    assert!(!html.contains(r#"data-testid="suggested-name""#));
}

#[test]
fn marks_sit_on_the_findings_spots_within_one_line() {
    let text = "{\n  \"schemaVersion\": 1,\n  \"name\": \"g/app\",\n  \"tag\": \"1\",\n  \"fsLayers\": [],\n  \"history\": []\n}";
    let report = analyze(text);
    let lay = layout(text, &report.findings);
    assert!(!lay.marks.is_empty(), "{:#?}", report.findings);
    for m in &lay.marks {
        assert!(!text[m.start..m.end].contains('\n'), "a mark stays on its line");
    }
    // Every finding with a place has a mark, and a small text is shown whole.
    for (f, mark) in report.findings.iter().zip(&lay.finding_mark) {
        assert_eq!(mark.is_some(), f.span.end > f.span.start, "{f:?}");
    }
    assert_eq!(lay.rows.iter().filter(|r| matches!(r, Row::Line { .. })).count(), text.lines().count());
}

/// A minified OCI index of `n` entries, entry `i` with digest `digest(i)`.
fn minified_index(n: usize, digest: impl Fn(usize) -> String) -> String {
    let entries: Vec<String> = (0..n)
        .map(|i| {
            let digest = digest(i);
            let arch = ["amd64", "arm64"][i % 2];
            format!(r#"{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{digest}","size":500,"platform":{{"os":"linux","architecture":"{arch}","os.version":"{i}"}}}}"#)
        })
        .collect();
    format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{}]}}"#,
        entries.join(",")
    )
}

fn shown_bytes(rows: &[Row]) -> usize {
    rows.iter()
        .map(|r| match r {
            Row::Line { windows, .. } => windows.iter().map(|(a, b)| b - a).sum(),
            Row::Gap => 0,
        })
        .sum()
}

#[test]
fn a_large_minified_manifest_shows_only_excerpts_around_marks() {
    let text = minified_index(4000, |i| if i == 2000 { "sha256:bad".into() } else { format!("sha256:{i:064x}") });
    assert!(text.len() > 700_000);
    let report = analyze(&text);
    let lay = layout(&text, &report.findings);
    let shown = shown_bytes(&lay.rows);
    assert!(shown < 5_000, "only excerpts are rendered: {shown} bytes; {:#?}", &report.findings[..3]);
    let digest_mark = lay.marks.iter().find(|m| text[m.start..m.end].contains("sha256:bad"));
    assert!(digest_mark.is_some(), "the bad digest is marked: {:?}", report.findings);
}

#[test]
fn thousands_of_findings_mark_and_list_a_bounded_number() {
    // Every entry repeats the first digest: one finding per entry.
    let same = minified_index(4000, |_| format!("sha256:{:064x}", 0));
    let report = analyze(&same);
    assert!(report.findings.len() > 3000);
    let lay = layout(&same, &report.findings);
    assert!(lay.marks.len() <= MAX_LISTED);
    assert!(shown_bytes(&lay.rows) < MAX_LISTED * 400);
    assert!(lay.finding_mark.iter().skip(MAX_LISTED).all(Option::is_none), "no mark leads to an unlisted finding");
}
