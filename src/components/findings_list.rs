//! The analyzer's findings, most severe first: severity as icon and word, JSON path, line:column,
//! the message, links to the related entries (with the values the manifest reveals) and a button
//! that moves focus to the finding's mark in the text.

use crate::components::manifest_text::{focus_in_page, MAX_LISTED};
use crate::components::rich_text::rich_text;
use crate::components::severity_badge::SeverityBadge;
use crate::context::{use_ctx, Ctx};
use crate::pages::manifest::Checked;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb;
use registry_doctor_core::link::{Link, Route};
use registry_doctor_core::manifest::{Finding, Report};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub checked: Checked,
}

/// A link to an entry carrying what the manifest tells about the user's image.
pub fn entry_link(ctx: &Ctx, report: &Report, entry_id: &str) -> Link {
    let mut link = ctx.link_to(Route::Entry(entry_id.to_string()));
    let platforms = report.platforms_csv();
    if !platforms.is_empty() && link.value("platforms").is_none() {
        link.set_value("platforms", &platforms);
    }
    link
}

#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    let ctx = use_ctx();
    let report = &props.checked.report;
    if report.findings.is_empty() {
        return html! { <section class="findings" data-testid="findings"><h2>{ctx.t(Msg::Findings)}</h2><p>{ctx.t(Msg::NoFindings)}</p></section> };
    }
    // One listener for every "show in the text" button: the mark to go to is on the button.
    let onclick = Callback::from(|e: MouseEvent| {
        use wasm_bindgen::JsCast;
        let button = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-show-mark]").ok().flatten());
        if let Some(mark) = button.and_then(|b| b.get_attribute("data-show-mark")) {
            focus_in_page(e.target(), &format!("[data-mark=\"{mark}\"]"));
        }
    });
    let marks = &props.checked.layout.finding_mark;
    html! {
        <section class="findings" data-testid="findings">
            <h2>{ctx.t(Msg::Findings)}</h2>
            <ol class="finding-list" {onclick}>
                { for report.findings.iter().take(MAX_LISTED).enumerate().map(|(i, f)| view_finding(&ctx, report, i, f, marks.get(i).copied().flatten())) }
            </ol>
            if report.findings.len() > MAX_LISTED {
                <p class="hint" data-testid="more-findings">{report.findings.len() - MAX_LISTED}{" "}{ctx.t(Msg::MoreFindings)}</p>
            }
        </section>
    }
}

fn view_finding(ctx: &Ctx, report: &Report, i: usize, f: &Finding, mark: Option<usize>) -> Html {
    let entries: Vec<&'static kb::Entry> = f.entries().into_iter().filter_map(kb::entry).collect();
    let position = format!("{} {}, {} {}", ctx.t(Msg::LineN), f.pos.line, ctx.t(Msg::ColumnN), f.pos.column);
    html! {
        <li class={classes!("finding", f.severity.as_str())} tabindex="-1" data-finding-item={i.to_string()} data-code={f.code}
            data-catalog={f.catalog.join(" ")}>
            <p class="finding-head">
                <SeverityBadge severity={f.severity} />{" "}
                <code class="path">{f.path.clone()}</code>{" "}
                <span class="pos" data-testid="finding-pos">{position}</span>
            </p>
            <p class="message">{rich_text(f.message.get(ctx.lang))}</p>
            if !entries.is_empty() {
                <ul class="finding-entries">
                { for entries.iter().map(|e| html! {
                    <li><a href={entry_link(ctx, report, e.id).to_fragment()} data-entry={e.id}>{rich_text(e.title.get(ctx.lang))}</a>
                        {" "}<span class="catalog">{e.primary_catalog()}</span></li>
                }) }
                </ul>
            }
            if let Some(mark) = mark {
                <button type="button" class="link-button" data-show-mark={mark.to_string()}>{ctx.t(Msg::ShowInText)}</button>
            }
        </li>
    }
}
