//! Host tests: the app rendered with Yew's server renderer, checked for what a reader would see.

use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::kb::ENTRIES;
use registry_doctor_core::link::Route;

mod common;

use common::{at, render};

#[test]
fn home_has_a_labelled_paste_box_and_a_language_switch() {
    for lang in Lang::ALL {
        let html = render(at(Route::Home, lang));
        assert!(html.contains(r#"data-testid="paste-input""#), "{html}");
        assert!(html.contains(r#"<label for="paste-input">"#), "paste box must be labelled");
        assert!(html.contains(Msg::PasteLabel.text(lang)));
        assert!(html.contains(r#"data-testid="language-switch""#));
        assert!(html.contains("English") && html.contains("日本語"));
        assert!(html.contains(r#"data-testid="start-guided""#));
    }
}

#[test]
fn no_inline_styles_anywhere() {
    // The CSP has style-src 'self': a style attribute would be blocked and reported.
    for route in [Route::Home, Route::All, Route::Guided(vec![])] {
        assert!(!render(at(route, Lang::En)).contains("style="));
    }
}

#[test]
fn every_entry_renders_in_both_languages() {
    for entry in ENTRIES {
        for lang in Lang::ALL {
            let html = render(at(Route::Entry(entry.id.into()), lang));
            assert!(html.contains(&format!(r#"data-catalog="{}""#, entry.primary_catalog())), "{}", entry.id);
            assert!(html.contains(r#"data-testid="share-link""#), "{}: share link", entry.id);
            // Titles can contain `code`: check the first plain words instead of the whole title.
            let words: String = entry.title.get(lang).split('`').next().unwrap_or("").chars().take(12).collect();
            let escaped = words.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert!(html.contains(&escaped), "{} ({lang:?}): title missing", entry.id);
            assert!(html.contains(Msg::Fix.text(lang)));
        }
    }
}

#[test]
fn guided_root_lists_the_first_question_with_links() {
    let html = render(at(Route::Guided(vec![]), Lang::Ja));
    assert!(html.contains(r#"data-node="root""#));
    assert!(html.contains("問題が起きたとき"));
    assert!(html.contains(r##"href="#/guided/push?lang=ja""##), "{html}");
}

#[test]
fn a_damaged_guided_link_falls_back_to_the_deepest_valid_step() {
    let html = render(at(Route::Guided(vec!["push".into(), "no-such-node".into()]), Lang::En));
    assert!(html.contains(r#"data-node="push""#));
}

#[test]
fn unknown_routes_show_a_not_found_page_not_a_blank_one() {
    let html = render(at(Route::NotFound, Lang::En));
    assert!(html.contains(r#"data-testid="not-found""#));
    assert!(html.contains(Msg::NotFoundTitle.text(Lang::En)));
}

#[test]
fn entry_values_from_the_link_fill_the_form() {
    let mut link = at(Route::Entry("manifest-list-blob-unknown".into()), Lang::En);
    link.set_value("registry", "registry.example.com:5050");
    let html = render(link);
    assert!(html.contains(r#"value="registry.example.com:5050""#), "{html}");
}
