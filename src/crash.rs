//! A visible, accessible error screen instead of a blank page when the app panics. The panic hook
//! builds it with DOM calls and `textContent` only (no HTML strings), styled by classes in app.css.

use registry_doctor_core::i18n::{Lang, Msg};

pub fn install_panic_screen() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&detail.as_str().into());
        let _ = show(&detail);
    }));
}

fn show(detail: &str) -> Option<()> {
    let document = crate::browser::window()?.document()?;
    let lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or_default();
    let root = crate::browser::app_root().or_else(|| document.body().map(Into::into))?;
    let box_ = document.create_element("section").ok()?;
    box_.set_class_name("crash");
    box_.set_attribute("role", "alert").ok()?;
    box_.set_attribute("data-testid", "crash").ok()?;
    let h = document.create_element("h1").ok()?;
    h.set_text_content(Some(Msg::CrashTitle.text(lang)));
    let p = document.create_element("p").ok()?;
    p.set_text_content(Some(Msg::CrashBody.text(lang)));
    let pre = document.create_element("pre").ok()?;
    pre.set_text_content(Some(detail));
    let a = document.create_element("a").ok()?;
    a.set_attribute("href", "./").ok()?;
    a.set_text_content(Some(Msg::Reload.text(lang)));
    for child in [&h, &p, &pre, &a] {
        box_.append_child(child).ok()?;
    }
    root.set_text_content(None);
    root.append_child(&box_).ok()?;
    Some(())
}
