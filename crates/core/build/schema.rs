//! The TOML schema of `kb/` and loading of its files. `deny_unknown_fields` everywhere: a misspelt
//! field is an error, not silently ignored data.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct L10n {
    pub en: String,
    pub ja: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct EntryFile {
    pub catalog: Vec<String>,
    pub audience: String,
    pub platform: String,
    pub versions: Option<L10n>,
    #[serde(default)]
    pub related: Vec<String>,
    pub title: L10n,
    pub summary: L10n,
    #[serde(default)]
    pub causes: Vec<CauseFile>,
    #[serde(default)]
    pub fix: Vec<FixFile>,
    #[serde(default)]
    pub symptoms: Vec<SymptomFile>,
    #[serde(default)]
    pub examples: Vec<ExampleFile>,
    #[serde(default)]
    pub sources: Vec<SourceFile>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct CauseFile {
    pub text: L10n,
    pub question: L10n,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FixFile {
    pub text: L10n,
    pub plan: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct SymptomFile {
    #[serde(rename = "match")]
    pub pattern: String,
    #[serde(rename = "where")]
    pub places: Vec<String>,
    pub strength: String,
    #[serde(default)]
    pub when: Vec<String>,
    #[serde(default)]
    pub unless: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ExampleFile {
    pub label: String,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub title: String,
    pub url: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ParamFile {
    pub kind: String,
    pub example: String,
    pub label: L10n,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub derived: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FeatureFile {
    pub any: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub title: L10n,
    #[serde(default)]
    pub env: Vec<String>,
    pub steps: Vec<StepFile>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    pub comment: L10n,
    pub run: Option<Vec<String>>,
    pub stdin_env: Option<String>,
    pub capture: Option<String>,
    pub pipe: Option<Vec<Vec<String>>>,
    pub snippet: Option<SnippetFile>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct SnippetFile {
    pub lang: String,
    pub text: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct TreeFile {
    #[serde(default)]
    pub nodes: Vec<NodeFile>,
    /// Options this file adds to nodes defined elsewhere (so several files can grow one tree).
    #[serde(default)]
    pub attach: Vec<AttachFile>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AttachFile {
    pub node: String,
    pub label: L10n,
    pub next: Option<String>,
    pub entry: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    pub id: String,
    pub question: L10n,
    #[serde(default)]
    pub options: Vec<OptionFile>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[derive(Clone)]
pub struct OptionFile {
    pub label: L10n,
    pub next: Option<String>,
    pub entry: Option<String>,
}

/// Everything under `kb/`, keyed by id, in a stable (sorted) order.
#[derive(Default)]
pub struct Loaded {
    pub entries: BTreeMap<String, EntryFile>,
    pub plans: BTreeMap<String, PlanFile>,
    pub params: BTreeMap<String, ParamFile>,
    /// Feature name → (file it came from, definition).
    pub features: BTreeMap<String, (String, FeatureFile)>,
    /// All of `tree/*.toml` merged: nodes in file order, attached options appended to their nodes.
    pub tree: Option<TreeFile>,
}

pub fn load(kb: &Path, problems: &mut Vec<String>) -> Loaded {
    let mut loaded = Loaded::default();
    for (id, path) in toml_files(&kb.join("entries"), problems) {
        if let Some(e) = parse::<EntryFile>(&path, problems) {
            loaded.entries.insert(id, e);
        }
    }
    for (id, path) in toml_files(&kb.join("plans"), problems) {
        if let Some(p) = parse::<PlanFile>(&path, problems) {
            loaded.plans.insert(id, p);
        }
    }
    let params_path = kb.join("params.toml");
    if let Some(p) = parse::<BTreeMap<String, ParamFile>>(&params_path, problems) {
        loaded.params = p;
    }
    for (_, path) in toml_files(&kb.join("features"), problems) {
        let file = path.display().to_string();
        if let Some(map) = parse::<BTreeMap<String, FeatureFile>>(&path, problems) {
            for (name, def) in map {
                if let Some((other, _)) = loaded.features.get(&name) {
                    problems.push(format!("{file}: feature `{name}` is already defined in {other}"));
                } else {
                    loaded.features.insert(name, (file.clone(), def));
                }
            }
        }
    }
    let mut tree = TreeFile { nodes: Vec::new(), attach: Vec::new() };
    for (_, path) in toml_files(&kb.join("tree"), problems) {
        if let Some(t) = parse::<TreeFile>(&path, problems) {
            tree.nodes.extend(t.nodes);
            tree.attach.extend(t.attach);
        }
    }
    for a in std::mem::take(&mut tree.attach) {
        let option = OptionFile { label: a.label, next: a.next, entry: a.entry };
        match tree.nodes.iter_mut().find(|n| n.id == a.node) {
            Some(n) => n.options.push(option),
            None => problems.push(format!("kb/tree: `attach` names unknown node `{}`", a.node)),
        }
    }
    loaded.tree = Some(tree);
    loaded
}

/// `(id, path)` of every `*.toml` in `dir`, sorted; ids must be slugs.
fn toml_files(dir: &Path, problems: &mut Vec<String>) -> Vec<(String, PathBuf)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        problems.push(format!("{}: directory missing", dir.display()));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in read.flatten() {
        let path = item.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        if !is_slug(&id) {
            problems.push(format!("{}: file name must be a slug [a-z0-9-]+", path.display()));
            continue;
        }
        out.push((id, path));
    }
    out.sort();
    out
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, problems: &mut Vec<String>) -> Option<T> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(format!("{}: cannot read: {e}", path.display()));
            return None;
        }
    };
    match toml::from_str::<T>(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(format!("{}: {}", path.display(), e.to_string().replace('\n', " ")));
            None
        }
    }
}
