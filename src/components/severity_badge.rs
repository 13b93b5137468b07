//! A finding's severity as an icon and a word, so it never rests on colour alone.

use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::manifest::Severity;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SeverityBadgeProps {
    pub severity: Severity,
}

/// The icon and the message naming `severity`.
pub fn severity_parts(severity: Severity) -> (&'static str, Msg) {
    match severity {
        Severity::Error => ("✖", Msg::SeverityError),
        Severity::Warning => ("▲", Msg::SeverityWarning),
        Severity::Info => ("ℹ", Msg::SeverityInfo),
    }
}

#[component]
pub fn SeverityBadge(props: &SeverityBadgeProps) -> Html {
    let ctx = use_ctx();
    let (icon, word) = severity_parts(props.severity);
    html! {
        <span class={classes!("severity", props.severity.as_str())} data-severity={props.severity.as_str()}>
            <span class="icon" aria-hidden="true">{icon}</span>{" "}{ctx.t(word)}
        </span>
    }
}
