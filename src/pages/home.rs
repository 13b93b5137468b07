//! Home: the paste box and what the analyzer makes of the paste, plus the way into the guided diagnosis.

use crate::components::diagnosis_card::DiagnosisCard;
use crate::components::paste_box::PasteBox;
use crate::context::use_ctx;
use registry_doctor_core::analyze::{analyze, Analysis, InputKind};
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::link::Route;
use std::rc::Rc;
use yew::prelude::*;

/// An analysis shared by reference; two are equal when they are the same analysis.
#[derive(Clone)]
pub struct SharedAnalysis(pub Rc<Analysis>);

impl PartialEq for SharedAnalysis {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
pub fn Home() -> Html {
    let ctx = use_ctx();
    let analysis = use_state(|| None::<SharedAnalysis>);
    let on_input = {
        let analysis = analysis.clone();
        Callback::from(move |bytes: Rc<[u8]>| analysis.set(Some(SharedAnalysis(Rc::new(analyze(&bytes))))))
    };
    html! {
        <>
            <h1>{ctx.t(Msg::AppName)}</h1>
            <p class="lead">{ctx.t(Msg::Tagline)}</p>
            <PasteBox {on_input} />
            <Results analysis={(*analysis).clone()} />
            <aside class="guided-intro">
                <p>{ctx.t(Msg::GuidedIntro)}</p>
                <a class="button" href={ctx.href(Route::Guided(Vec::new()))} data-testid="start-guided">{ctx.t(Msg::StartGuided)}</a>
            </aside>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    analysis: Option<SharedAnalysis>,
}

#[component]
fn Results(props: &ResultsProps) -> Html {
    let ctx = use_ctx();
    let body = match &props.analysis {
        None => html! { <p class="hint">{ctx.t(Msg::PasteEmpty)}</p> },
        Some(SharedAnalysis(a)) => match a.kind {
            InputKind::Empty => html! { <p class="hint">{ctx.t(Msg::PasteEmpty)}</p> },
            _ if a.diagnoses.is_empty() => html! {
                <div data-testid="no-match">
                    <p>{ctx.t(Msg::NoMatch)}</p>
                    <p><a href={ctx.href(Route::Guided(Vec::new()))}>{ctx.t(Msg::TryGuided)}</a></p>
                </div>
            },
            _ => {
                let found: Rc<Vec<(&'static str, String)>> = Rc::new(a.values.as_params());
                html! {
                    <>
                        <h2>{ctx.t(Msg::Diagnoses)}</h2>
                        <ol class="diagnoses">
                        { for a.diagnoses.iter().enumerate().map(|(rank, d)| html! {
                            <li><DiagnosisCard diagnosis={Rc::new(d.clone())} found={found.clone()} first={rank == 0} /></li>
                        }) }
                        </ol>
                    </>
                }
            }
        },
    };
    html! { <section class="results" aria-live="polite" data-testid="results">{body}</section> }
}
