//! What the name checker found: valid or not, each broken rule at its character (echoed, with its
//! position), the corrected name with a copy button, CI hints and the entries that explain naming.

use crate::components::copy_button::CopyButton;
use crate::components::name_echo::{visible, NameEcho};
use crate::components::rich_text::rich_text;
use crate::components::severity_badge::SeverityBadge;
use crate::context::{use_ctx, Ctx};
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb::{self, Entry};
use registry_doctor_core::link::Route;
use registry_doctor_core::manifest::Severity as BadgeSeverity;
use registry_doctor_core::names::{Problem, Report, Severity};
use std::rc::Rc;
use yew::prelude::*;

/// Entries about names, listed after the ones the report points at: special characters and branch
/// tags (SEED-02), invalid reference format, paths too deep, unknown names, GitLab path rules.
const NAMING: [&str; 5] = ["SEED-02", "ENT-C01", "ENT-C02", "ENT-C03", "ENT-C04"];

#[derive(Properties, PartialEq)]
pub struct NameReportProps {
    pub name: AttrValue,
    pub report: Rc<Report>,
}

pub fn naming_entries(report: &Report) -> Vec<&'static Entry> {
    let mut out: Vec<&'static Entry> = Vec::new();
    for e in report.related.iter().chain(NAMING.iter()).filter_map(|c| kb::entry_by_catalog(c)) {
        if !out.iter().any(|o| o.id == e.id) {
            out.push(e);
        }
    }
    out
}

#[component]
pub fn NameReport(props: &NameReportProps) -> Html {
    let ctx = use_ctx();
    let r = &props.report;
    let entries = naming_entries(r);
    let related = html! {
        <section class="naming-entries">
            <h2>{ctx.t(Msg::NamingEntries)}</h2>
            <ul data-testid="naming-entries">
            { for entries.iter().map(|e| html! {
                <li><a href={ctx.href(Route::Entry(e.id.to_string()))} data-entry={e.id}>{rich_text(e.title.get(ctx.lang))}</a>
                    {" "}<span class="catalog">{e.primary_catalog()}</span></li>
            }) }
            </ul>
        </section>
    };
    if props.name.is_empty() {
        return html! { <section class="results" data-testid="name-results"><p class="hint">{ctx.t(Msg::NameEmpty)}</p>{related}</section> };
    }
    let (icon, status) = match (r.is_valid(), r.problems.is_empty()) {
        (true, true) => ("✔", Msg::NameValid),
        (true, false) => ("▲", Msg::NameValidWithWarnings),
        (false, _) => ("✖", Msg::NameInvalid),
    };
    html! {
        <section class="results" data-testid="name-results" data-valid={r.is_valid().to_string()}>
            <p class={classes!("status", if r.is_valid() { "ok" } else { "bad" })} role="status" data-testid="name-status">
                <span class="icon" aria-hidden="true">{icon}</span>{" "}{ctx.t(status)}
            </p>
            if !r.problems.is_empty() {
                <ol class="problems" data-testid="name-problems">
                    { for r.problems.iter().map(|p| view_problem(&ctx, &props.name, p)) }
                </ol>
            }
            if let Some(s) = &r.suggestion {
                <p class="suggestion" data-testid="name-suggestion">
                    <strong>{ctx.t(Msg::Suggestion)}{": "}</strong><code data-testid="suggested-name">{s.clone()}</code>{" "}
                    <CopyButton text={AttrValue::from(s.clone())} label={AttrValue::from(format!("{}: {}", ctx.t(Msg::Copy), ctx.t(Msg::Suggestion)))} />
                </p>
            }
            if !r.hints.is_empty() {
                <section class="hints" data-testid="name-hints">
                    <h2>{ctx.t(Msg::Hints)}</h2>
                    <ul>{ for r.hints.iter().map(|h| html! { <li>{rich_text(h.message(ctx.lang))}</li> }) }</ul>
                </section>
            }
            {related}
        </section>
    }
}

fn view_problem(ctx: &Ctx, name: &AttrValue, p: &Problem) -> Html {
    let severity = match p.severity {
        Severity::Error => BadgeSeverity::Error,
        Severity::Warning => BadgeSeverity::Warning,
    };
    let found = match p.found {
        Some(c) => html! { <>{" · "}<code class="found">{visible(c)}</code></> },
        None => html! { <>{" · "}{ctx.t(Msg::EndOfName)}</> },
    };
    html! {
        <li class={classes!("problem", severity.as_str())} data-rule={p.rule.code()} data-position={(p.char_index + 1).to_string()}>
            <p class="problem-head">
                <SeverityBadge severity={severity} />{" "}
                <span class="pos">{ctx.t(Msg::Position)}{" "}{p.char_index + 1}</span>{found}
            </p>
            <NameEcho name={name.clone()} at={p.byte} />
            <p class="rule">{rich_text(p.message(ctx.lang))}</p>
        </li>
    }
}
