//! The entries of a manifest list or index, and which of linux/amd64, linux/arm64 none provides.

use crate::components::findings_list::entry_link;
use crate::components::rich_text::rich_text;
use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb;
use registry_doctor_core::manifest::{Platform, Report};
use std::rc::Rc;
use yew::prelude::*;

/// Rows shown: a 10 000-entry index would make every keystroke re-render a huge table.
const MAX_ROWS: usize = 100;

/// The entry about a platform nobody built (ENT-D02).
const MISSING_PLATFORM: &str = "ENT-D02";

#[derive(Properties, PartialEq)]
pub struct PlatformsTableProps {
    pub report: Rc<Report>,
}

fn cell(value: Option<String>) -> Html {
    match value {
        Some(v) if !v.is_empty() => html! { <code>{v}</code> },
        _ => html! { <span class="none">{"—"}</span> },
    }
}

#[component]
pub fn PlatformsTable(props: &PlatformsTableProps) -> Html {
    let ctx = use_ctx();
    let r = &props.report;
    if r.platforms.is_empty() {
        return html! {};
    }
    let yes_no = |b: bool| ctx.t(if b { Msg::Yes } else { Msg::No });
    let row = |p: &Platform| {
        html! {
            <tr class={classes!(p.is_attestation.then_some("attestation"))} data-platform={p.name()}>
                <td>{cell(Some(p.os.clone()))}</td>
                <td>{cell(Some(p.architecture.clone()))}</td>
                <td>{cell(p.variant.clone())}</td>
                <td>{cell(p.os_version.clone())}</td>
                <td class="num">{cell(p.size.map(|s| s.to_string()))}</td>
                <td class="digest">{cell(p.digest.clone())}</td>
                <td>{yes_no(p.is_attestation)}</td>
            </tr>
        }
    };
    let missing_view = missing(&ctx, r);
    html! {
        <section class="platforms" data-testid="platforms">
            <h2>{ctx.t(Msg::PlatformsTitle)}</h2>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{ctx.t(Msg::ColOs)}</th>
                        <th scope="col">{ctx.t(Msg::ColArch)}</th>
                        <th scope="col">{ctx.t(Msg::ColVariant)}</th>
                        <th scope="col">{ctx.t(Msg::ColOsVersion)}</th>
                        <th scope="col">{ctx.t(Msg::ColSize)}</th>
                        <th scope="col">{ctx.t(Msg::ColDigest)}</th>
                        <th scope="col">{ctx.t(Msg::ColAttestation)}</th>
                    </tr></thead>
                    <tbody>{ for r.platforms.iter().take(MAX_ROWS).map(row) }</tbody>
                </table>
            </div>
            if r.platforms.len() > MAX_ROWS {
                <p class="hint" data-testid="more-platforms">{r.platforms.len() - MAX_ROWS}{" "}{ctx.t(Msg::MorePlatforms)}</p>
            }
            { missing_view }
        </section>
    }
}

/// Which of the platforms everyone asks for the list lacks (lists and indexes only).
fn missing(ctx: &crate::context::Ctx, r: &Report) -> Html {
    if !r.kind.is_list() {
        return html! {};
    }
    if r.missing_platforms.is_empty() {
        return html! {
            <p class="ok" data-testid="missing-platforms" data-missing="">
                <span class="icon" aria-hidden="true">{"✔"}</span>{" "}{ctx.t(Msg::NoMissingPlatforms)}
            </p>
        };
    }
    let entry = kb::entry_by_catalog(MISSING_PLATFORM);
    html! {
        <p class="warn-text" data-testid="missing-platforms" data-missing={r.missing_platforms.join(",")}>
            <span class="icon" aria-hidden="true">{"▲"}</span>{" "}{ctx.t(Msg::MissingPlatforms)}{" "}
            { for r.missing_platforms.iter().map(|p| html! { <><code>{*p}</code>{" "}</> }) }
            if let Some(e) = entry {
                {"— "}<a href={entry_link(ctx, r, e.id).to_fragment()} data-entry={e.id}>{rich_text(e.title.get(ctx.lang))}</a>
            }
        </p>
    }
}
