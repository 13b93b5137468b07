//! The checked name echoed with one offending character marked (or the end of the name, when
//! something is missing there). Long names are cut around the mark.

use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use yew::prelude::*;

/// Characters shown on each side of the mark in a long name.
const AROUND: usize = 32;

#[derive(Properties, PartialEq)]
pub struct NameEchoProps {
    pub name: AttrValue,
    /// Byte offset of the offending character (the name's length: the end).
    pub at: usize,
}

/// How to show a character that may be invisible: itself, or its code point.
pub fn visible(c: char) -> String {
    if c.is_control() || c.is_whitespace() || registry_doctor_core::names::is_forbidden_char(c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

#[component]
pub fn NameEcho(props: &NameEchoProps) -> Html {
    let ctx = use_ctx();
    let name: &str = &props.name;
    let at = (0..=props.at.min(name.len())).rev().find(|&i| name.is_char_boundary(i)).unwrap_or(0);
    let (head, rest) = name.split_at(at);
    let found = rest.chars().next();
    let tail = found.map_or("", |c| &rest[c.len_utf8()..]);
    let head_chars = head.chars().count();
    let head: String = head.chars().skip(head_chars.saturating_sub(AROUND)).collect();
    let tail_cut = tail.chars().count() > AROUND;
    let tail: String = tail.chars().take(AROUND).collect();
    let marked = match found {
        // Whitespace and control characters would be invisible or break the line: show the code.
        Some(c) if visible(c).len() > c.len_utf8() => html! { <mark class="char code">{visible(c)}</mark> },
        Some(c) => html! { <mark class="char">{c.to_string()}</mark> },
        None => {
            html! { <mark class="char end"><span aria-hidden="true">{"␣"}</span><span class="visually-hidden">{ctx.t(Msg::EndOfName)}</span></mark> }
        }
    };
    html! {
        <code class="name-echo" data-testid="name-echo">
            if head_chars > AROUND { <span class="cut" aria-hidden="true">{"…"}</span> }
            {head}{marked}{tail}
            if tail_cut { <span class="cut" aria-hidden="true">{"…"}</span> }
        </code>
    }
}
