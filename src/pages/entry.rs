//! A diagnosis page: the entry in the chosen language, a form whose values fill every command on the
//! page and stay in the URL, the fix with its commands, related entries, sources and a share link.

use crate::browser::{page_address, share_href};
use crate::components::copy_button::CopyButton;
use crate::components::param_form::ParamForm;
use crate::components::plan_view::PlanView;
use crate::components::rich_text::rich_text;
use crate::context::use_ctx;
use crate::pages::not_found::NotFound;
use registry_doctor_core::export;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb;
use registry_doctor_core::link::Route;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EntryPageProps {
    pub id: AttrValue,
}

#[component]
pub fn EntryPage(props: &EntryPageProps) -> Html {
    let ctx = use_ctx();
    let Some(entry) = kb::entry(&props.id) else { return html! { <NotFound /> } };
    let lang = ctx.lang;
    let share = share_href(&ctx.link.to_fragment());
    // Built only when the button is pressed: it renders every plan again.
    let markdown = {
        let link = ctx.link.clone();
        Callback::from(move |()| export::entry_markdown(entry, &link, &page_address(), lang))
    };
    html! {
        <article class="entry" data-testid="diagnosis" data-catalog={entry.primary_catalog()} data-entry={entry.id}>
            <h1>{rich_text(entry.title.get(lang))}</h1>
            <p class="meta">
                <span class="catalog">{entry.catalog.join(", ")}</span>{" · "}
                {ctx.t(Msg::AppliesTo)}{": "}{entry.applies_to(lang)}
                if let Some(v) = entry.versions { {" · "}{v.get(lang)} }
            </p>
            <section><h2>{ctx.t(Msg::WhatHappened)}</h2><p>{rich_text(entry.summary.get(lang))}</p></section>
            <section>
                <h2>{ctx.t(Msg::Causes)}</h2>
                <ol class="causes">
                { for entry.causes.iter().map(|c| html! {
                    <li><p>{rich_text(c.text.get(lang))}</p><p class="ask"><strong>{ctx.t(Msg::AskYourself)}</strong>{" "}{rich_text(c.question.get(lang))}</p></li>
                }) }
                </ol>
            </section>
            <ParamForm entry_id={entry.id} />
            <p class="check-setup"><a href={ctx.href(Route::Setup)} data-testid="open-setup">{ctx.t(Msg::NavSetup)}</a>{" — "}{ctx.t(Msg::CheckAgainstGitlab)}</p>
            <section>
                <h2>{ctx.t(Msg::Fix)}</h2>
                <ol class="fix">
                { for entry.fix.iter().map(|f| html! {
                    <li>
                        <p>{rich_text(f.text.get(lang))}</p>
                        if let Some(plan) = f.plan() { <PlanView plan_id={plan.id} /> }
                    </li>
                }) }
                </ol>
            </section>
            if !entry.related.is_empty() {
                <section>
                    <h2>{ctx.t(Msg::Related)}</h2>
                    <ul>{ for entry.related().map(|r| html! { <li><a href={ctx.href(Route::Entry(r.id.to_string()))}>{rich_text(r.title.get(lang))}</a></li> }) }</ul>
                </section>
            }
            <section>
                <h2>{ctx.t(Msg::Sources)}</h2>
                <ul class="sources">{ for entry.sources.iter().map(|s| html! { <li><a href={s.url} rel="noopener noreferrer" target="_blank">{s.title}</a></li> }) }</ul>
            </section>
            <p class="share">
                <label for="share-link">{ctx.t(Msg::ShareLink)}</label>
                <input id="share-link" data-testid="share-link" readonly=true value={share} />
            </p>
            <p class="export">
                <CopyButton produce={markdown} caption={Msg::CopyMarkdown} testid="copy-markdown" />
            </p>
        </article>
    }
}
