//! Every entry of the knowledge base, for browsing.

use crate::components::custom_entry::CustomEntryView;
use crate::components::rich_text::rich_text;
use crate::context::use_ctx;
use registry_doctor_core::i18n::Msg;
use registry_doctor_core::kb::ENTRIES;
use registry_doctor_core::link::Route;
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn AllEntries() -> Html {
    let ctx = use_ctx();
    html! {
        <section>
            <h1>{ctx.t(Msg::AllProblemsTitle)}</h1>
            <ul class="entry-list" data-testid="entry-list">
            { for ENTRIES.iter().map(|e| html! {
                <li>
                    <a href={ctx.href(Route::Entry(e.id.to_string()))}>{rich_text(e.title.get(ctx.lang))}</a>
                    {" "}<span class="catalog">{e.catalog.join(", ")}</span>
                </li>
            }) }
            </ul>
            if !ctx.presets.entries.is_empty() {
                <h2>{ctx.t(Msg::OrganizationEntries)}</h2>
                { for ctx.presets.entries.iter().map(|e| html! { <CustomEntryView entry={Rc::new(e.clone())} /> }) }
            }
        </section>
    }
}
