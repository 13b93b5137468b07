//! The fix commands of the entries the findings relate to, rendered with the page's values plus
//! what the manifest reveals (its platforms for `--platform`). Each plan appears once.

use crate::components::findings_list::entry_link;
use crate::components::plan_view::{link_values, view_rendered};
use crate::components::rich_text::rich_text;
use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb::{self, Entry};
use registry_doctor_core::manifest::Report;
use registry_doctor_core::plan::render;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ManifestFixesProps {
    pub report: Rc<Report>,
}

/// The related entries in findings order (missing platforms add ENT-D02), each once.
pub fn related_entries(report: &Report) -> Vec<&'static Entry> {
    let mut ids: Vec<&'static str> = report.findings.iter().flat_map(|f| f.entries()).collect();
    if !report.missing_platforms.is_empty() {
        ids.extend(kb::entry_by_catalog("ENT-D02").map(|e| e.id));
    }
    let mut out: Vec<&'static Entry> = Vec::new();
    for e in ids.into_iter().filter_map(kb::entry) {
        if !out.iter().any(|o| o.id == e.id) {
            out.push(e);
        }
    }
    out
}

#[component]
pub fn ManifestFixes(props: &ManifestFixesProps) -> Html {
    let ctx = use_ctx();
    let report = &props.report;
    let entries = related_entries(report);
    if entries.is_empty() {
        return html! {};
    }
    let link = entry_link(&ctx, report, entries[0].id);
    let values = link_values(&link);
    let mut seen: Vec<&'static str> = Vec::new();
    let sections = entries.iter().map(|e| {
        let plans: Vec<_> = e.fix.iter().filter_map(|f| f.plan()).filter(|p| !seen.contains(&p.id)).collect();
        seen.extend(plans.iter().map(|p| p.id));
        html! {
            <section class="entry-fix" data-entry={e.id}>
                <h3><a href={entry_link(&ctx, report, e.id).to_fragment()}>{rich_text(e.title.get(ctx.lang))}</a>
                    {" "}<span class="catalog">{e.primary_catalog()}</span></h3>
                { for plans.iter().map(|p| {
                    let rendered = render(p, &values, ctx.lang);
                    html! {
                        <div class="plan" data-plan={p.id}>
                            <h4>{rendered.title.clone()}</h4>
                            { view_rendered(&rendered, ctx.lang) }
                        </div>
                    }
                }) }
            </section>
        }
    });
    let sections: Vec<Html> = sections.collect();
    html! {
        <section class="fixes" data-testid="manifest-fixes">
            <h2>{ctx.t(Msg::FixFromManifest)}</h2>
            { for sections }
        </section>
    }
}
