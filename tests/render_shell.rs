//! The first-paint shell (what the first page load runs) must look exactly like the full app's home
//! page, which replaces it on the first paste: same chrome, links, paste box and guided link, in
//! both languages. Only the results area differs (the shell has no analyzer).

mod common;

use registry_doctor::shell::{ShellApp, ShellProps};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::link::Route;

fn render_shell(lang: Lang) -> String {
    futures::executor::block_on(
        yew::LocalServerRenderer::<ShellApp>::with_props(ShellProps { lang: Some(lang) }).hydratable(false).render(),
    )
}

/// The page without its results area.
fn without_results(html: &str) -> String {
    let marker = html.find("data-testid=\"results\"").unwrap_or_else(|| panic!("no results area in {html}"));
    let start = html[..marker].rfind("<section").expect("the results area is a section");
    let end = start + html[start..].find("</section>").expect("closed") + "</section>".len();
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn the_shell_is_the_home_page_without_results() {
    for lang in Lang::ALL {
        let shell = render_shell(lang);
        let full = common::render(common::at(Route::Home, lang));
        assert_eq!(without_results(&shell), without_results(&full), "{lang:?}");
        // And it says what the paste box is for, in that language.
        assert!(shell.contains(registry_doctor_core::i18n::Msg::PasteLabel.text(lang)));
        assert!(shell.contains("data-testid=\"paste-input\""));
        assert!(shell.contains(&format!("href=\"#/guided?lang={}\"", lang.code())));
    }
}
