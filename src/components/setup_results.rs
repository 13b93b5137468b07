//! The results of "Check my setup": one item per check — pass, problem or could not check — with a
//! link to the entry that explains it, its commands filled with the values the check found.

use crate::components::rich_text::rich_text;
use crate::context::{use_ctx, Ctx};
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb;
use registry_doctor_core::link::{is_shareable_param, Route};
use registry_doctor_core::setup::{CheckResult, Status};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SetupResultsProps {
    pub results: Rc<Vec<CheckResult>>,
}

/// The entry's link with the found values (only those links may carry; never a token).
pub fn entry_href(ctx: &Ctx, r: &CheckResult) -> Option<String> {
    let id = r.entry_id()?;
    let mut link = ctx.link_to(Route::Entry(id.to_string()));
    for (k, v) in r.values.iter().filter(|(k, _)| is_shareable_param(k)) {
        link.set_value(k, v);
    }
    Some(link.to_fragment())
}

#[component]
pub fn SetupResults(props: &SetupResultsProps) -> Html {
    let ctx = use_ctx();
    html! {
        <ol class="setup-results" data-testid="setup-results" aria-live="polite">
            { for props.results.iter().map(|r| item(&ctx, r)) }
        </ol>
    }
}

fn item(ctx: &Ctx, r: &CheckResult) -> Html {
    let (label, class) = match r.status {
        Status::Pass => (ctx.t(Msg::SetupPass), "ok"),
        Status::Problem => (ctx.t(Msg::SetupProblem), "bad"),
        Status::CouldNotCheck => (ctx.t(Msg::SetupCouldNot), "skipped"),
    };
    let entry = r.catalog.and_then(kb::entry_by_catalog);
    let href = entry_href(ctx, r);
    let lead = if r.status == Status::Problem { Msg::SetupOpenFix } else { Msg::SetupSeeAlso };
    html! {
        <li class={classes!("check", class)} data-check={r.check.code()} data-status={r.status.code()}>
            <h3>{r.check.title(ctx.lang)}{" — "}<span class={classes!("status", class)}>{label}</span></h3>
            <p>{r.message(ctx.lang).to_string()}</p>
            if let (Some(e), Some(href)) = (entry, href) {
                <p><a href={href} data-entry={e.id}>{ctx.t(lead)}{": "}{rich_text(e.title.get(ctx.lang))}</a>{" "}<span class="catalog">{e.primary_catalog()}</span></p>
            }
        </li>
    }
}
