//! Browser tests of the manifest and name pages (wasm-bindgen-test in headless Chromium): typing,
//! the marks that move focus, and how long re-analysis of a 1 MB manifest takes while typing.
#![cfg(target_arch = "wasm32")]

use registry_doctor::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn mount(hash: &str) -> web_sys::Element {
    web_sys::window().unwrap().location().set_hash(hash).unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    yew::scheduler::flush().await;
    root
}

fn input_event() -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict("input", &init).unwrap()
}

async fn type_manifest(root: &web_sys::Element, text: &str) {
    let area: web_sys::HtmlTextAreaElement =
        root.query_selector("[data-testid=manifest-input]").unwrap().unwrap().dyn_into().unwrap();
    area.set_value(text);
    area.dispatch_event(&input_event()).unwrap();
    yew::scheduler::flush().await;
}

fn one(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn active_element() -> Option<web_sys::Element> {
    document().active_element()
}

const SCHEMA1: &str = r#"{
   "schemaVersion": 1,
   "name": "group/app",
   "tag": "1.0",
   "architecture": "amd64",
   "fsLayers": [
      { "blobSum": "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4" }
   ],
   "history": [
      { "v1Compatibility": "{\"id\":\"e45a5af57b00862e5ef5782a9925979a02ba2b12dff832fd0991335f4a11e5c5\"}" }
   ]
}"#;

#[wasm_bindgen_test]
async fn a_schema1_manifest_gets_the_seed03_finding_marked_in_the_text() {
    let root = mount("#/manifest").await;
    type_manifest(&root, SCHEMA1).await;
    assert_eq!(one(&root, "[data-testid=manifest-kind]").text_content().as_deref(), Some("docker-schema1"));
    assert_eq!(one(&root, "[data-testid=manifest-summary]").get_attribute("data-valid").as_deref(), Some("false"));
    let finding = one(&root, "[data-code=schema1]");
    assert!(finding.get_attribute("data-catalog").unwrap().contains("SEED-03"));
    assert!(finding.text_content().unwrap().contains("Error"), "severity is written, not only coloured");
    let entry = one(&finding, "a[data-entry]").get_attribute("href").unwrap();
    assert!(entry.starts_with("#/d/docker-schema1-old-engine"), "{entry}");
    assert!(one(&root, "[data-testid=digest-digest]").text_content().unwrap().starts_with("sha256:"));
    assert!(one(&root, "[data-testid=canonical-digest]").text_content().unwrap().starts_with("sha256:"));
    // The fix commands of SEED-03 are on the page.
    assert!(one(&root, "[data-testid=manifest-fixes]").text_content().unwrap().contains("skopeo copy"));

    // "Show in the text" moves focus to the mark; the mark leads back to the finding.
    let index = finding.get_attribute("data-finding-item").unwrap();
    one(&finding, "[data-show-mark]").dyn_into::<web_sys::HtmlElement>().unwrap().click();
    let focused = active_element().expect("something has focus");
    assert!(focused.has_attribute("data-mark"), "{:?}", focused.outer_html());
    assert_eq!(
        focused.closest("mark").unwrap().unwrap().get_attribute("data-finding").as_deref(),
        Some(index.as_str())
    );
    focused.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    assert_eq!(active_element().and_then(|e| e.get_attribute("data-finding-item")).as_deref(), Some(index.as_str()));
    // No fragment navigation happened: the route is still the manifest page.
    assert!(web_sys::window().unwrap().location().hash().unwrap().starts_with("#/manifest"));
    root.remove();
}

#[wasm_bindgen_test]
async fn text_that_is_not_json_says_where_it_breaks() {
    let root = mount("#/manifest").await;
    type_manifest(&root, "{\n  \"schemaVersion\": 2,\n  \"layers\": [\n").await;
    let error = one(&root, "[data-testid=parse-error]").text_content().unwrap();
    assert!(error.contains("line 4"), "{error}");
    root.remove();
}

#[wasm_bindgen_test]
async fn an_index_shows_its_platforms_and_the_missing_one() {
    let root = mount("#/manifest").await;
    let h = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let index = format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{h}","size":500,"platform":{{"os":"linux","architecture":"amd64"}}}},
{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{h}","size":566,"annotations":{{"vnd.docker.reference.type":"attestation-manifest","vnd.docker.reference.digest":"sha256:{h}"}},"platform":{{"os":"unknown","architecture":"unknown"}}}}]}}"#
    );
    type_manifest(&root, &index).await;
    let rows = root.query_selector_all("[data-testid=platforms] tbody tr").unwrap();
    assert_eq!(rows.length(), 2);
    assert_eq!(
        one(&root, "[data-testid=missing-platforms]").get_attribute("data-missing").as_deref(),
        Some("linux/arm64")
    );
    // Related entry links carry the platforms the index reveals.
    let link = one(&root, "[data-testid=findings] a[data-entry]").get_attribute("href").unwrap();
    assert!(link.contains("platforms=linux%2Famd64") || link.contains("platforms=linux/amd64"), "{link}");
    root.remove();
}

/// A pretty-printed OCI index of about `bytes` bytes (distinct digests and os.version), with one
/// bad digest near the end.
fn big_index(bytes: usize) -> String {
    let entry = |i: usize| {
        let digest = format!("sha256:{i:064x}");
        format!(
            "    {{\n      \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n      \"digest\": \"{digest}\",\n      \"size\": 1234,\n      \"platform\": {{ \"os\": \"linux\", \"architecture\": \"amd64\", \"os.version\": \"{i}\" }}\n    }}"
        )
    };
    let n = bytes / (entry(0).len() + 2);
    let mut entries: Vec<String> = (0..n).map(entry).collect();
    entries[n - 3] = entries[n - 3].replace(&format!("sha256:{:064x}", n - 3), "sha256:bad");
    format!(
        "{{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.oci.image.index.v1+json\",\n  \"manifests\": [\n{}\n  ]\n}}\n",
        entries.join(",\n")
    )
}

#[wasm_bindgen_test]
async fn a_1mb_manifest_re_analyzes_while_typing() {
    let root = mount("#/manifest").await;
    let text = big_index(1024 * 1024);
    let performance = web_sys::window().unwrap().performance().unwrap();
    type_manifest(&root, &text).await;
    assert!(root.query_selector("[data-code]").unwrap().is_some(), "the bad digest is found");
    // Each "keystroke": a changed text, the input event, analysis and the re-render.
    let mut times = Vec::new();
    for i in 0..5 {
        let edited = text.replacen("\"size\": 1234", &format!("\"size\": {}", 1000 + i), 1);
        // What the user's keystroke costs the page: the input event, the analysis and the
        // re-render (the browser's own edit of the text area is not ours to measure).
        let area: web_sys::HtmlTextAreaElement = one(&root, "[data-testid=manifest-input]").dyn_into().unwrap();
        area.set_value(&edited);
        let start = performance.now();
        area.dispatch_event(&input_event()).unwrap();
        yew::scheduler::flush().await;
        times.push(performance.now() - start);
    }
    let analyze_start = performance.now();
    let report = registry_doctor_core::manifest::analyze(&text);
    let analyze_only = performance.now() - analyze_start;
    let checked_start = performance.now();
    let _ = registry_doctor::pages::manifest::Checked::new(&text);
    let checked_only = performance.now() - checked_start;
    times.sort_by(f64::total_cmp);
    console_log!(
        "1 MB manifest ({} bytes, {} entries, {} findings): per keystroke median {:.1} ms, max {:.1} ms; analyze alone {:.1} ms, analyze + text layout {:.1} ms",
        text.len(),
        report.platforms.len(),
        report.findings.len(),
        times[times.len() / 2],
        times[times.len() - 1],
        analyze_only,
        checked_only
    );
    // The text view renders only the lines around the findings, not 30 000 lines.
    let lines = root.query_selector_all("[data-testid=manifest-text] .line").unwrap().length();
    assert!(lines < 1200, "{lines} lines rendered");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_name_with_problems_shows_positions_and_a_suggestion() {
    let root = mount("#/name").await;
    let input: web_sys::HtmlInputElement = one(&root, "[data-testid=name-input]").dyn_into().unwrap();
    input.set_value("registry.example.com/Group/_app:feature/x");
    input.dispatch_event(&input_event()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(one(&root, "[data-testid=name-results]").get_attribute("data-valid").as_deref(), Some("false"));
    let problems = root.query_selector_all("[data-testid=name-problems] > li").unwrap();
    assert!(problems.length() >= 3, "uppercase G, leading _ and the / in the tag");
    let uppercase = one(&root, "[data-rule=uppercase]");
    assert_eq!(uppercase.get_attribute("data-position").as_deref(), Some("22"));
    assert_eq!(one(&uppercase, "mark").text_content().as_deref(), Some("G"));
    let suggestion = one(&root, "[data-testid=suggested-name]").text_content().unwrap();
    assert!(!suggestion.is_empty() && suggestion.to_lowercase() == suggestion, "{suggestion}");
    assert!(one(&root, "[data-testid=naming-entries]").text_content().unwrap().contains("SEED-02"));
    // The name travels in the link.
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    assert!(hash.contains("name="), "{hash}");

    // Another kind: the same text as a tag breaks other rules.
    let kind: web_sys::HtmlSelectElement = one(&root, "[data-testid=name-kind]").dyn_into().unwrap();
    kind.set_value("tag");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    kind.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert!(root.query_selector("[data-rule=uppercase]").unwrap().is_none(), "tags may have capitals");
    root.remove();
}
