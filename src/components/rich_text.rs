//! A knowledge-base text with its `inline code` spans; always text nodes, never HTML.

use registry_doctor_core::text::{pieces, Piece};
use yew::prelude::*;

pub fn rich_text(text: &str) -> Html {
    pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Plain(t) => html! { {t.to_string()} },
            Piece::Code(t) => html! { <code>{t.to_string()}</code> },
        })
        .collect()
}
