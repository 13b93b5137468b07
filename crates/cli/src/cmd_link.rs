//! `registry-doctor link ENTRY [--set NAME=VALUE …] [--base URL] [--lang en|ja]`: prints the link the
//! page makes for a diagnosis (`Link::to_fragment()` after the base URL). ENTRY is an entry id
//! (`pull-access-denied`) or a catalog id (`SEED-04`). The default base is
//! `https://registry-doctor.example/`; pass `--base` with where your copy of the page is served.
//! Exit 0 with the link; 2 for an unknown entry or parameter, or a value its kind refuses.

use crate::args::{Args, Failure, Spec};
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::kb::{self, ParamKind};
use registry_doctor_core::link::{self, Link, Route};
use registry_doctor_core::plan::{self, validate};

pub const SPEC: Spec = &[("--set", true), ("--base", true), ("--lang", true)];

/// Where links point unless `--base` says otherwise.
pub const DEFAULT_BASE: &str = "https://registry-doctor.example/";

pub fn run(args: Args) -> Result<u8, Failure> {
    args.at_most(1)?;
    let Some(id) = args.positional.first() else {
        return Err(Failure::Usage("link needs an ENTRY (an entry id or a catalog id such as SEED-04)".into()));
    };
    let entry = kb::entry(id)
        .or_else(|| kb::entry_by_catalog(id))
        .or_else(|| kb::entry_by_catalog(&id.to_ascii_uppercase()))
        .ok_or_else(|| Failure::Usage(format!("unknown entry `{id}` (see `registry-doctor kb`)")))?;
    let lang = match args.value("--lang") {
        None => None,
        Some(c) => {
            Some(Lang::from_code(c).ok_or_else(|| Failure::Usage(format!("--lang must be en or ja, not `{c}`")))?)
        }
    };
    let base = crate::args::base_url(args.value("--base").unwrap_or(DEFAULT_BASE))?;
    let mut l = Link { route: Route::Entry(entry.id.to_string()), lang, ..Link::default() };
    for (name, value) in args.settings()? {
        let kind = param_kind(&name).ok_or_else(|| {
            Failure::Usage(format!("`{name}` is not a value a link can carry (see `registry-doctor plan --list`)"))
        })?;
        let value = if kind == ParamKind::Url { value.trim_end_matches('/').to_string() } else { value };
        if let Err(r) = validate(kind, &value) {
            return Err(Failure::Usage(format!("refused value for `{name}`: {}", r.message(Lang::En))));
        }
        l.set_value(&name, &value);
    }
    println!("{base}{}", l.to_fragment());
    Ok(0)
}

/// The kind a shareable parameter is validated as: the knowledge base's, else the guided task's.
fn param_kind(name: &str) -> Option<ParamKind> {
    if !link::is_shareable_param(name) {
        return None;
    }
    kb::param(name)
        .map(|p| p.kind)
        .or_else(|| plan::TASKS.iter().flat_map(|t| t.params).find(|p| p.name == name).map(|p| p.kind))
}
