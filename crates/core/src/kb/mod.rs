//! The knowledge base: entries, command plans, parameters, context features and the decision tree,
//! compiled in from `kb/` by `build.rs` (which also validates them).

pub mod model;

pub use model::*;

include!(concat!(env!("OUT_DIR"), "/kb_data.rs"));

/// The entry with this permanent id. Entries are sorted by id, so this is a binary search.
pub fn entry(id: &str) -> Option<&'static Entry> {
    ENTRIES.binary_search_by(|e| e.id.cmp(id)).ok().map(|i| &ENTRIES[i])
}

/// The entry that carries this catalog id (`SEED-04`, `ENT-B01`, …).
pub fn entry_by_catalog(catalog_id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.catalog.contains(&catalog_id))
}

pub fn plan(id: &str) -> Option<&'static Plan> {
    PLANS.binary_search_by(|p| p.id.cmp(id)).ok().map(|i| &PLANS[i])
}

pub fn param(name: &str) -> Option<&'static ParamDef> {
    PARAMS.binary_search_by(|p| p.name.cmp(name)).ok().map(|i| &PARAMS[i])
}

pub fn node(id: &str) -> Option<&'static Node> {
    TREE.iter().find(|n| n.id == id)
}

impl FixStep {
    pub fn plan(&self) -> Option<&'static Plan> {
        self.plan.map(|i| &PLANS[usize::from(i)])
    }
}

impl Entry {
    /// Who and where the entry applies to, as one line ("Users, GitLab.com and self-managed").
    pub fn applies_to(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Msg;
        let who = match self.audience {
            Audience::User => Msg::AudienceUser,
            Audience::Admin => Msg::AudienceAdmin,
        };
        let where_ = match self.platform {
            Platform::Any => Msg::PlatformAny,
            Platform::GitlabCom => Msg::PlatformCom,
            Platform::SelfManaged => Msg::PlatformSelf,
        };
        format!("{}, {}", who.text(lang), where_.text(lang))
    }

    pub fn related(&self) -> impl Iterator<Item = &'static Entry> + '_ {
        self.related.iter().map(|&i| &ENTRIES[usize::from(i)])
    }
}

impl Target {
    /// The node this option leads to, or `None` when it leads to an entry.
    pub fn node(self) -> Option<&'static Node> {
        match self {
            Target::Node(i) => Some(&TREE[usize::from(i)]),
            Target::Entry(_) => None,
        }
    }
    pub fn entry(self) -> Option<&'static Entry> {
        match self {
            Target::Entry(i) => Some(&ENTRIES[usize::from(i)]),
            Target::Node(_) => None,
        }
    }
}
