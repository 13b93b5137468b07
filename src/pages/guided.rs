//! The guided diagnosis: one question at a time, every step its own shareable URL. Options are plain
//! links, so the keyboard, the back button and "open in new tab" all work.

use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb::{self, Node, Target};
use registry_doctor_core::link::Route;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GuidedProps {
    /// Node ids answered so far below root.
    pub path: Vec<String>,
}

/// The nodes along `path`, starting at root, cut at the first step that does not follow from the
/// previous one (a damaged or outdated link).
fn walk(path: &[String]) -> Vec<&'static Node> {
    let Some(root) = kb::node("root") else { return Vec::new() };
    let mut nodes = vec![root];
    for id in path {
        let here = nodes[nodes.len() - 1];
        match here.options.iter().filter_map(|o| o.target.node()).find(|n| n.id == id) {
            Some(next) => nodes.push(next),
            None => break,
        }
    }
    nodes
}

#[component]
pub fn Guided(props: &GuidedProps) -> Html {
    let ctx = use_ctx();
    let nodes = walk(&props.path);
    let Some(&node) = nodes.last() else { return html! {} };
    let answered: Vec<String> = nodes[1..].iter().map(|n| n.id.to_string()).collect();
    let crumbs = nodes.windows(2).enumerate().map(|(i, pair)| {
        let label = pair[0].options.iter().find(|o| o.target.node().is_some_and(|n| n.id == pair[1].id)).map(|o| o.label.get(ctx.lang)).unwrap_or("");
        html! { <li><a href={ctx.href(Route::Guided(answered[..i].to_vec()))}>{pair[0].question.get(ctx.lang)}</a>{" → "}{label}</li> }
    });
    let back = (!answered.is_empty()).then(|| ctx.href(Route::Guided(answered[..answered.len() - 1].to_vec())));
    html! {
        <section class="guided" data-testid="guided" data-node={node.id}>
            <h1>{ctx.t(Msg::NavGuided)}</h1>
            if nodes.len() > 1 {
                <nav aria-label={ctx.t(Msg::Breadcrumbs)}><ol class="crumbs" data-testid="breadcrumbs">{ for crumbs }</ol></nav>
            }
            <h2 id="question">{node.question.get(ctx.lang)}</h2>
            <ul class="options" aria-labelledby="question">
            { for node.options.iter().map(|o| {
                let (href, kind) = match o.target {
                    Target::Node(_) => {
                        let mut next = answered.clone();
                        next.extend(o.target.node().map(|n| n.id.to_string()));
                        (ctx.href(Route::Guided(next)), "node")
                    }
                    Target::Entry(_) => (o.target.entry().map(|e| ctx.href(Route::Entry(e.id.to_string()))).unwrap_or_default(), "entry"),
                };
                html! { <li><a href={href} data-kind={kind}>{o.label.get(ctx.lang)}</a></li> }
            }) }
            </ul>
            <p class="steps">
                if let Some(back) = back {
                    <a href={back} data-testid="back">{ctx.t(Msg::Back)}</a>{" · "}
                }
                <a href={ctx.href(Route::Guided(Vec::new()))} data-testid="restart">{ctx.t(Msg::Restart)}</a>
            </p>
        </section>
    }
}
