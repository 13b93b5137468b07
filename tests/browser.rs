//! Browser tests (wasm-bindgen-test in headless Chromium): DOM events and wiring that the server
//! renderer cannot exercise.
#![cfg(target_arch = "wasm32")]

use registry_doctor::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn mount() -> web_sys::Element {
    // Start at home whatever address the test runner's page has.
    web_sys::window().unwrap().location().set_hash("#/").unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    yew::scheduler::flush().await;
    root
}

async fn type_into_paste_box(root: &web_sys::Element, text: &str) {
    let area: web_sys::HtmlTextAreaElement =
        root.query_selector("[data-testid=paste-input]").unwrap().unwrap().dyn_into().unwrap();
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn pasting_an_error_shows_its_diagnosis_first() {
    let root = mount().await;
    type_into_paste_box(
        &root,
        "$ docker manifest push registry.example.com/g/app:1.0\nmanifest blob unknown: blob unknown to registry\n",
    )
    .await;
    let first = root.query_selector("[data-testid=diagnosis]").unwrap().expect("a diagnosis is shown");
    assert_eq!(first.get_attribute("data-catalog").as_deref(), Some("SEED-04"));
    let evidence = first.query_selector("mark").unwrap().expect("the matching text is highlighted");
    assert_eq!(evidence.text_content().as_deref(), Some("manifest blob unknown: blob unknown to registry"));
    let link = first.query_selector("h3 a").unwrap().unwrap().get_attribute("href").unwrap();
    assert!(link.contains("registry=registry.example.com"), "values found in the paste travel with the link: {link}");
    root.remove();
}

#[wasm_bindgen_test]
async fn text_that_is_not_a_registry_problem_gets_no_diagnosis() {
    let root = mount().await;
    type_into_paste_box(&root, "error[E0308]: mismatched types\n --> src/main.rs:4:5\n").await;
    assert!(root.query_selector("[data-testid=diagnosis]").unwrap().is_none());
    assert!(root.query_selector("[data-testid=no-match]").unwrap().is_some());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_language_switch_links_keep_the_view() {
    let root = mount().await;
    let ja = root.query_selector("[data-testid=language-switch] a[data-lang=ja]").unwrap().unwrap();
    assert_eq!(ja.get_attribute("href").as_deref(), Some("#/?lang=ja"));
    root.remove();
}

/// Some quoting crates change behaviour on wasm32 (shell-escape takes its Windows branch there):
/// ours must quote exactly as on the host.
#[wasm_bindgen_test]
fn shell_quoting_is_posix_on_wasm_too() {
    use registry_doctor_core::plan::quote;
    assert_eq!(quote("$(id)").as_deref(), Ok("'$(id)'"));
    assert_eq!(quote("`id`").as_deref(), Ok("'`id`'"));
    assert_eq!(quote("a;rm -rf ~").as_deref(), Ok("'a;rm -rf ~'"));
    assert_eq!(quote("{a,b}").as_deref(), Ok("'{a,b}'"));
    assert_eq!(quote("it's").as_deref(), Ok("'it'\\''s'"));
    assert_eq!(quote("registry.example.com/g/app:1.0").as_deref(), Ok("registry.example.com/g/app:1.0"));
    assert!(quote("a\0b").is_err());
}
