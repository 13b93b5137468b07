//! Validation of the loaded knowledge base, and resolution of ids into indexes for the emitted code.

use crate::schema::{is_slug, EntryFile, L10n, Loaded, PlanFile, StepFile};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const PLACES: &[&str] = &["client", "ci-log", "registry-log", "rails-log", "nginx-log", "ui", "api"];
const STRENGTHS: &[&str] = &["unique", "strong", "generic"];
const AUDIENCES: &[&str] = &["user", "admin"];
const PLATFORMS: &[&str] = &["any", "gitlab-com", "self-managed"];
const KINDS: &[&str] = &[
    "host",
    "url",
    "project-path",
    "image-path",
    "tag",
    "digest",
    "reference",
    "number",
    "file-path",
    "free-text",
    "platforms",
    "username",
    "env-name",
    "branch",
];
/// Kinds whose grammar is strict enough to put into a snippet without quoting.
const SNIPPET_KINDS: &[&str] = &["host", "url", "project-path", "image-path", "tag", "digest", "number", "platforms"];
const SNIPPET_LANGS: &[&str] = &["yaml", "ruby", "sql", "json", "toml", "nginx", "text"];

/// A template piece, resolved.
#[derive(Debug, Clone)]
pub enum Seg {
    Lit(String),
    Param(usize),
    Var(String),
}

pub struct Resolved {
    pub entry_index: BTreeMap<String, usize>,
    pub plan_index: BTreeMap<String, usize>,
    pub param_index: BTreeMap<String, usize>,
    pub feature_index: BTreeMap<String, usize>,
    pub node_index: BTreeMap<String, usize>,
    /// Per plan, per step: the parsed templates (argv list(s) or snippet text).
    pub plan_steps: Vec<Vec<ResolvedStep>>,
    /// Per plan: params used, first-use order.
    pub plan_params: Vec<Vec<usize>>,
}

pub enum ResolvedStep {
    Run { argv: Vec<Vec<Seg>> },
    Pipe { commands: Vec<Vec<Vec<Seg>>> },
    Snippet { text: Vec<Seg> },
}

fn index<V>(map: &BTreeMap<String, V>) -> BTreeMap<String, usize> {
    map.keys().enumerate().map(|(i, k)| (k.clone(), i)).collect()
}

pub fn resolve(kb: &Loaded, problems: &mut Vec<String>) -> Resolved {
    let mut r = Resolved {
        entry_index: index(&kb.entries),
        plan_index: index(&kb.plans),
        param_index: index(&kb.params),
        feature_index: kb.features.keys().enumerate().map(|(i, k)| (k.clone(), i)).collect(),
        node_index: BTreeMap::new(),
        plan_steps: Vec::new(),
        plan_params: Vec::new(),
    };
    check_params(kb, problems);
    check_features(kb, problems);
    for (id, plan) in &kb.plans {
        let (steps, params) = check_plan(id, plan, kb, &r.param_index, problems);
        r.plan_steps.push(steps);
        r.plan_params.push(params);
    }
    let mut catalog_owner: HashMap<String, String> = HashMap::new();
    for (id, e) in &kb.entries {
        check_entry(id, e, &r, problems);
        for c in &e.catalog {
            if let Some(other) = catalog_owner.insert(c.clone(), id.clone()) {
                problems.push(format!("kb/entries/{id}.toml: catalog id {c} is already on {other}"));
            }
        }
    }
    check_duplicate_symptoms(kb, problems);
    r.node_index = check_tree(kb, &r.entry_index, problems);
    r
}

fn text_ok(file: &str, what: &str, t: &L10n, problems: &mut Vec<String>) {
    if t.en.trim().is_empty() {
        problems.push(format!("{file}: {what}: English text is empty"));
    }
    if t.ja.trim().is_empty() {
        problems.push(format!("{file}: {what}: Japanese text is empty"));
    } else if t.ja.is_ascii() {
        problems.push(format!("{file}: {what}: Japanese text has no Japanese in it (untranslated?)"));
    }
}

fn check_params(kb: &Loaded, problems: &mut Vec<String>) {
    for (name, p) in &kb.params {
        let file = "kb/params.toml";
        if !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            problems.push(format!("{file}: param `{name}`: names are [a-z0-9_]+"));
        }
        if !KINDS.contains(&p.kind.as_str()) {
            problems.push(format!("{file}: param `{name}`: unknown kind `{}`", p.kind));
        }
        if p.example.is_empty() {
            problems.push(format!("{file}: param `{name}`: example is empty"));
        }
        text_ok(file, &format!("param `{name}` label"), &p.label, problems);
    }
}

fn check_features(kb: &Loaded, problems: &mut Vec<String>) {
    for (name, (file, f)) in &kb.features {
        if f.any.is_empty() || f.any.iter().any(|s| s.is_empty()) {
            problems.push(format!("{file}: feature `{name}` needs non-empty literals"));
        }
    }
}

fn check_entry(id: &str, e: &EntryFile, r: &Resolved, problems: &mut Vec<String>) {
    let file = format!("kb/entries/{id}.toml");
    let file = file.as_str();
    if e.catalog.is_empty() {
        problems.push(format!("{file}: catalog needs at least one id"));
    }
    for c in &e.catalog {
        if !is_catalog_id(c) {
            problems.push(format!("{file}: `{c}` is not a catalog id (SEED-01 … ENT-J03)"));
        }
    }
    if !AUDIENCES.contains(&e.audience.as_str()) {
        problems.push(format!("{file}: audience must be one of {AUDIENCES:?}"));
    }
    if !PLATFORMS.contains(&e.platform.as_str()) {
        problems.push(format!("{file}: platform must be one of {PLATFORMS:?}"));
    }
    text_ok(file, "title", &e.title, problems);
    text_ok(file, "summary", &e.summary, problems);
    if let Some(v) = &e.versions {
        text_ok(file, "versions", v, problems);
    }
    for (what, n) in
        [("causes", e.causes.len()), ("fix", e.fix.len()), ("symptoms", e.symptoms.len()), ("sources", e.sources.len())]
    {
        if n == 0 {
            problems.push(format!("{file}: needs at least one of [[{what}]]"));
        }
    }
    if e.examples.len() < 2 {
        problems.push(format!("{file}: needs at least two [[examples]]"));
    }
    for (i, c) in e.causes.iter().enumerate() {
        text_ok(file, &format!("causes[{i}].text"), &c.text, problems);
        text_ok(file, &format!("causes[{i}].question"), &c.question, problems);
    }
    for (i, f) in e.fix.iter().enumerate() {
        text_ok(file, &format!("fix[{i}].text"), &f.text, problems);
        if let Some(p) = &f.plan {
            if !r.plan_index.contains_key(p) {
                problems.push(format!("{file}: fix[{i}] refers to unknown plan `{p}`"));
            }
        }
    }
    for (i, s) in e.symptoms.iter().enumerate() {
        if s.pattern.trim().len() < 6 {
            problems.push(format!("{file}: symptoms[{i}].match is too short to identify anything"));
        }
        if s.places.is_empty() {
            problems.push(format!("{file}: symptoms[{i}].where is empty"));
        }
        for p in &s.places {
            if !PLACES.contains(&p.as_str()) {
                problems.push(format!("{file}: symptoms[{i}].where: unknown place `{p}`"));
            }
        }
        if !STRENGTHS.contains(&s.strength.as_str()) {
            problems.push(format!("{file}: symptoms[{i}].strength must be one of {STRENGTHS:?}"));
        }
        for f in s.when.iter().chain(&s.unless) {
            if !r.feature_index.contains_key(f) {
                problems.push(format!("{file}: symptoms[{i}] uses unknown feature `{f}`"));
            }
        }
    }
    for (i, x) in e.examples.iter().enumerate() {
        if x.text.trim().is_empty() || x.label.trim().is_empty() {
            problems.push(format!("{file}: examples[{i}] needs a label and a text"));
        }
    }
    for (i, s) in e.sources.iter().enumerate() {
        if !s.url.starts_with("https://") || s.url.contains(char::is_whitespace) {
            problems.push(format!("{file}: sources[{i}].url must be an https URL"));
        }
        if s.title.trim().is_empty() {
            problems.push(format!("{file}: sources[{i}].title is empty"));
        }
    }
    for rel in &e.related {
        if rel == id {
            problems.push(format!("{file}: related lists the entry itself"));
        } else if !r.entry_index.contains_key(rel) {
            problems.push(format!("{file}: related refers to unknown entry `{rel}`"));
        }
    }
}

fn is_catalog_id(c: &str) -> bool {
    let b = c.as_bytes();
    if let Some(n) = c.strip_prefix("SEED-") {
        return n.len() == 2 && n.bytes().all(|d| d.is_ascii_digit()) && ("01"..="08").contains(&n);
    }
    b.len() == 7
        && c.starts_with("ENT-")
        && (b'A'..=b'J').contains(&b[4])
        && b[5].is_ascii_digit()
        && b[6].is_ascii_digit()
}

/// Two entries with the same literal and the same context can never be told apart.
fn check_duplicate_symptoms(kb: &Loaded, problems: &mut Vec<String>) {
    let mut seen: HashMap<(String, Vec<String>, Vec<String>), String> = HashMap::new();
    for (id, e) in &kb.entries {
        for s in &e.symptoms {
            let mut when = s.when.clone();
            when.sort();
            let mut unless = s.unless.clone();
            unless.sort();
            let key = (s.pattern.clone(), when, unless);
            if let Some(other) = seen.get(&key) {
                if other != id {
                    problems.push(format!(
                        "kb/entries/{id}.toml: symptom `{}` has the same match and context as one of {other}; add `when`/`unless` to tell them apart",
                        s.pattern
                    ));
                }
            } else {
                seen.insert(key, id.clone());
            }
        }
    }
}

/// Parses `{param}`, `${VAR}` and literal text. A brace that does not open `{lower_case_name}` is a
/// literal brace, so Ruby hashes, JSON and YAML flow maps can be written as they are; `{{` is an
/// explicit literal `{` for the rare case of a literal `{name}`.
pub fn parse_template(t: &str) -> Result<Vec<(bool, Seg)>, String> {
    // (is_param_ref, seg): a param reference is carried as Seg::Lit(name) with is_param_ref = true.
    let mut out: Vec<(bool, Seg)> = Vec::new();
    let mut lit = String::new();
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("{{") {
            lit.push('{');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("${") {
            let Some(close) = r.find('}') else { return Err("`${` without `}`".into()) };
            let name = &r[..close];
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') {
                return Err(format!("`${{{name}}}`: variables are written ${{UPPER_CASE}}"));
            }
            if !lit.is_empty() {
                out.push((false, Seg::Lit(std::mem::take(&mut lit))));
            }
            out.push((false, Seg::Var(name.to_string())));
            rest = &r[close + 1..];
        } else if let Some(name) = param_ref(rest) {
            if !lit.is_empty() {
                out.push((false, Seg::Lit(std::mem::take(&mut lit))));
            }
            out.push((true, Seg::Lit(name.to_string())));
            rest = &rest[name.len() + 2..];
        } else {
            lit.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !lit.is_empty() {
        out.push((false, Seg::Lit(lit)));
    }
    Ok(out)
}

/// `{name}` at the start of `s` with name `[a-z][a-z0-9_]*` → the name.
fn param_ref(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('{')?;
    let close = inner.find('}')?;
    let name = &inner[..close];
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    ok.then_some(name)
}

fn check_plan(
    id: &str,
    plan: &PlanFile,
    kb: &Loaded,
    params: &BTreeMap<String, usize>,
    problems: &mut Vec<String>,
) -> (Vec<ResolvedStep>, Vec<usize>) {
    let file = format!("kb/plans/{id}.toml");
    text_ok(&file, "title", &plan.title, problems);
    if plan.steps.is_empty() {
        problems.push(format!("{file}: a plan needs at least one step"));
    }
    let mut vars: BTreeSet<String> = plan.env.iter().cloned().collect();
    for v in &plan.env {
        if !v.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') {
            problems.push(format!("{file}: env `{v}` must be UPPER_CASE"));
        }
    }
    let mut used: Vec<usize> = Vec::new();
    let mut steps = Vec::new();
    for (i, s) in plan.steps.iter().enumerate() {
        let what = format!("{file}: steps[{i}]");
        text_ok(&file, &format!("steps[{i}].comment"), &s.comment, problems);
        let mut tpl = |t: &str, in_snippet: bool, problems: &mut Vec<String>| -> Vec<Seg> {
            resolve_template(t, in_snippet, &what, kb, params, &vars, &mut used, problems)
        };
        let step = match step_kind(s) {
            Ok(StepShape::Run(argv)) => {
                check_program(&what, argv, problems);
                let argv = argv.iter().map(|a| tpl(a, false, problems)).collect();
                if let Some(env) = &s.stdin_env {
                    if !vars.contains(env) {
                        problems.push(format!("{what}: stdin_env `{env}` is not listed in env"));
                    }
                }
                ResolvedStep::Run { argv }
            }
            Ok(StepShape::Pipe(cmds)) => {
                let commands = cmds
                    .iter()
                    .map(|argv| {
                        check_program(&what, argv, problems);
                        argv.iter().map(|a| tpl(a, false, problems)).collect()
                    })
                    .collect();
                ResolvedStep::Pipe { commands }
            }
            Ok(StepShape::Snippet(lang, text)) => {
                if !SNIPPET_LANGS.contains(&lang) {
                    problems.push(format!("{what}: snippet lang must be one of {SNIPPET_LANGS:?}"));
                }
                ResolvedStep::Snippet { text: tpl(text, true, problems) }
            }
            Err(msg) => {
                problems.push(format!("{what}: {msg}"));
                ResolvedStep::Snippet { text: Vec::new() }
            }
        };
        if let Some(c) = &s.capture {
            if !c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') {
                problems.push(format!("{what}: capture `{c}` must be UPPER_CASE"));
            }
            vars.insert(c.clone());
        }
        steps.push(step);
    }
    (steps, used)
}

enum StepShape<'a> {
    Run(&'a [String]),
    Pipe(&'a [Vec<String>]),
    Snippet(&'a str, &'a str),
}

fn step_kind(s: &StepFile) -> Result<StepShape<'_>, &'static str> {
    match (&s.run, &s.pipe, &s.snippet) {
        (Some(run), None, None) if !run.is_empty() => Ok(StepShape::Run(run)),
        (None, Some(pipe), None) if pipe.len() >= 2 && pipe.iter().all(|c| !c.is_empty()) => {
            if s.stdin_env.is_some() || s.capture.is_some() {
                Err("stdin_env and capture go with run, not pipe")
            } else {
                Ok(StepShape::Pipe(pipe))
            }
        }
        (None, None, Some(sn)) => {
            if s.stdin_env.is_some() || s.capture.is_some() {
                Err("stdin_env and capture go with run, not snippet")
            } else {
                Ok(StepShape::Snippet(&sn.lang, &sn.text))
            }
        }
        _ => Err("a step needs exactly one of: run (non-empty), pipe (two or more commands), snippet"),
    }
}

fn check_program(what: &str, argv: &[String], problems: &mut Vec<String>) {
    let prog = &argv[0];
    let plain = !prog.is_empty()
        && prog.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        && !prog.starts_with('-');
    if !plain {
        problems.push(format!("{what}: program `{prog}` must be a plain command name"));
    }
}

#[allow(clippy::too_many_arguments)]
fn resolve_template(
    t: &str,
    in_snippet: bool,
    what: &str,
    kb: &Loaded,
    params: &BTreeMap<String, usize>,
    vars: &BTreeSet<String>,
    used: &mut Vec<usize>,
    problems: &mut Vec<String>,
) -> Vec<Seg> {
    let parsed = match parse_template(t) {
        Ok(p) => p,
        Err(e) => {
            problems.push(format!("{what}: template `{t}`: {e}"));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (is_param, seg) in parsed {
        match (is_param, seg) {
            (true, Seg::Lit(name)) => match params.get(&name) {
                Some(&i) => {
                    let kind = kb.params[&name].kind.as_str();
                    if in_snippet && !SNIPPET_KINDS.contains(&kind) {
                        problems.push(format!("{what}: `{{{name}}}` ({kind}) cannot go into a snippet unquoted"));
                    }
                    if !used.contains(&i) {
                        used.push(i);
                    }
                    out.push(Seg::Param(i));
                }
                None => problems.push(format!("{what}: unknown param `{{{name}}}` (see kb/params.toml)")),
            },
            (_, Seg::Var(v)) => {
                if !in_snippet && !vars.contains(&v) {
                    problems.push(format!("{what}: `${{{v}}}` is neither in env nor captured by an earlier step"));
                }
                out.push(Seg::Var(v));
            }
            (_, seg) => out.push(seg),
        }
    }
    out
}

fn check_tree(kb: &Loaded, entries: &BTreeMap<String, usize>, problems: &mut Vec<String>) -> BTreeMap<String, usize> {
    let file = "kb/tree";
    let Some(tree) = &kb.tree else {
        return BTreeMap::new();
    };
    let mut nodes = BTreeMap::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        if !is_slug(&n.id) {
            problems.push(format!("{file}: node id `{}` must be a slug", n.id));
        }
        if nodes.insert(n.id.clone(), i).is_some() {
            problems.push(format!("{file}: node `{}` is defined twice", n.id));
        }
    }
    if !nodes.contains_key("root") {
        problems.push(format!("{file}: there is no node `root`"));
        return nodes;
    }
    let mut reached_entries = BTreeSet::new();
    for n in &tree.nodes {
        text_ok(file, &format!("node `{}` question", n.id), &n.question, problems);
        if n.options.is_empty() {
            problems.push(format!("{file}: node `{}` has no options", n.id));
        }
        for o in &n.options {
            text_ok(file, &format!("node `{}` option label", n.id), &o.label, problems);
            match (&o.next, &o.entry) {
                (Some(next), None) if !nodes.contains_key(next) => {
                    problems.push(format!("{file}: node `{}` points to unknown node `{next}`", n.id))
                }
                (None, Some(e)) if !entries.contains_key(e) => {
                    problems.push(format!("{file}: node `{}` points to unknown entry `{e}`", n.id))
                }
                (None, Some(e)) => {
                    reached_entries.insert(e.clone());
                }
                (Some(_), None) => {}
                _ => problems.push(format!("{file}: an option of node `{}` needs exactly one of next / entry", n.id)),
            }
        }
    }
    // Reachability and cycles: depth-first walk from root with colours.
    let mut colour = vec![0u8; tree.nodes.len()];
    fn walk(
        i: usize,
        tree: &crate::schema::TreeFile,
        nodes: &BTreeMap<String, usize>,
        colour: &mut [u8],
        problems: &mut Vec<String>,
    ) {
        colour[i] = 1;
        for o in &tree.nodes[i].options {
            if let Some(&j) = o.next.as_ref().and_then(|n| nodes.get(n)) {
                match colour[j] {
                    0 => walk(j, tree, nodes, colour, problems),
                    1 => problems.push(format!("kb/tree: cycle through node `{}`", tree.nodes[j].id)),
                    _ => {}
                }
            }
        }
        colour[i] = 2;
    }
    walk(nodes["root"], tree, &nodes, &mut colour, problems);
    for (i, n) in tree.nodes.iter().enumerate() {
        if colour[i] == 0 {
            problems.push(format!("{file}: node `{}` cannot be reached from root", n.id));
        }
    }
    for id in entries.keys() {
        if !reached_entries.contains(id) {
            problems.push(format!(
                "kb/entries/{id}.toml: no tree node leads to this entry (add it to a kb/tree/*.toml file)"
            ));
        }
    }
    nodes
}
