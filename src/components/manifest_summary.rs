//! What the pasted text is: the manifest kind, valid or not, and its two digests with copy buttons;
//! or, when there is no JSON at all, where the syntax breaks.

use crate::components::copy_button::CopyButton;
use crate::components::severity_badge::SeverityBadge;
use crate::context::use_ctx;
use registry_doctor_core::i18n::{Lang, Msg};
use registry_doctor_core::manifest::{Report, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ManifestSummaryProps {
    pub report: Rc<Report>,
}

#[component]
pub fn ManifestSummary(props: &ManifestSummaryProps) -> Html {
    let ctx = use_ctx();
    let r = &props.report;
    if let Some(e) = &r.parse_error {
        let message = match ctx.lang {
            Lang::En => e.message_en(),
            Lang::Ja => e.message_ja(),
        };
        return html! {
            <section class="summary" data-testid="manifest-summary" data-valid="false">
                <p class="status" role="status" data-testid="parse-error">
                    <SeverityBadge severity={Severity::Error} />{" "}<strong>{ctx.t(Msg::ManifestNotJson)}</strong>{": "}{message}
                </p>
            </section>
        };
    }
    let valid = r.valid();
    let (icon, status) = if valid { ("✔", Msg::ManifestValid) } else { ("✖", Msg::ManifestInvalid) };
    let digests = [(Msg::DigestExact, &r.digest, "digest"), (Msg::DigestCanonical, &r.canonical_digest, "canonical")];
    html! {
        <section class="summary" data-testid="manifest-summary" data-kind={r.kind.as_str()} data-valid={valid.to_string()}>
            <dl class="facts">
                <dt>{ctx.t(Msg::ManifestKind)}</dt>
                <dd><code data-testid="manifest-kind">{r.kind.as_str()}</code>
                    if let Some(why) = &r.unknown_reason {
                        {" — "}{ctx.t(Msg::ManifestUnknownWhy)}{" "}{why.get(ctx.lang).to_string()}
                    }
                </dd>
            </dl>
            <p class={classes!("status", if valid { "ok" } else { "bad" })} role="status" data-testid="manifest-status">
                <span class="icon" aria-hidden="true">{icon}</span>{" "}
                {ctx.t(status)}
            </p>
            <dl class="digests">
            { for digests.into_iter().filter_map(|(label, d, which)| d.as_ref().map(|d| html! {
                <>
                    <dt>{ctx.t(label)}</dt>
                    <dd><code class="digest" data-testid={format!("{which}-digest")}>{d.clone()}</code>{" "}
                        <CopyButton text={AttrValue::from(d.clone())} label={AttrValue::from(format!("{}: {}", ctx.t(Msg::CopyDigest), ctx.t(label)))} />
                    </dd>
                </>
            })) }
            </dl>
        </section>
    }
}
