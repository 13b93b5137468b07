//! Per-kind checks (composing the scanners with their offsets) and the corrected names we propose.

use super::rules::{Hint, Rule, Severity};
use super::scan::{self, nth_byte, Raw};

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

/// GitLab's `$CI_COMMIT_REF_SLUG` of a branch (`Gitlab::Utils.slugify`): lowercase, every character
/// outside `[a-z0-9]` becomes `-`, cut to 63 bytes, then leading and trailing `-` removed.
pub fn ref_slug(branch: &str) -> String {
    let mapped: String = branch
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c } else { '-' })
        .take(63) // all ASCII now, so 63 chars = 63 bytes
        .collect();
    mapped.trim_matches('-').to_string()
}

fn is_sep(c: char) -> bool {
    matches!(c, '.' | '_' | '-')
}

/// A path component made valid: lowercase, foreign characters to `-`, separator runs the grammar
/// refuses to `-` (`single` also folds `--`/`__` for GitLab's current path rule), no separator at
/// either end. Empty when nothing usable is left.
fn fix_component(c: &str, single: bool) -> String {
    let chars: Vec<char> = c
        .chars()
        .map(|ch| {
            let l = ch.to_ascii_lowercase();
            if l.is_ascii_lowercase() || l.is_ascii_digit() || is_sep(l) {
                l
            } else {
                '-'
            }
        })
        .collect();
    let mut out = String::new();
    let mut k = 0;
    while k < chars.len() {
        if !is_sep(chars[k]) {
            out.push(chars[k]);
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && is_sep(chars[k]) {
            k += 1;
        }
        if out.is_empty() || k == chars.len() {
            continue; // separators at either end are dropped
        }
        let run: String = chars[start..k].iter().collect();
        let ok = matches!(run.as_str(), "." | "_" | "__") || run.bytes().all(|b| b == b'-');
        match (ok, single) {
            (true, false) => out.push_str(&run),
            (true, true) => out.push(chars[start]),
            (false, _) => out.push('-'),
        }
    }
    if single {
        // GitLab paths cannot end in `.git` or `.atom`.
        for suffix in [".git", ".atom"] {
            if out.len() > suffix.len() && out.ends_with(suffix) {
                out.truncate(out.len() - suffix.len());
                out = out.trim_end_matches(is_sep).to_string();
            }
        }
    }
    out
}

fn fix_path(path: &str, single: bool) -> String {
    path.split('/').map(|c| fix_component(c, single)).filter(|c| !c.is_empty()).collect::<Vec<_>>().join("/")
}

fn fix_tag(t: &str) -> Option<String> {
    let mapped: String =
        t.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') { c } else { '-' }).collect();
    let trimmed: String = mapped.trim_start_matches(['.', '-']).chars().take(128).collect();
    (!trimmed.is_empty()).then_some(trimmed)
}

/// Checks each `/`-separated component; returns the components with their byte offsets.
fn components<'a>(path: &'a str, base: usize, gitlab: bool, raw: &mut Vec<Raw>) -> Vec<(&'a str, usize)> {
    let mut out = Vec::new();
    let mut off = 0;
    for c in path.split('/') {
        scan::component(c, base + off, gitlab, raw);
        out.push((c, base + off));
        off += c.len() + 1;
    }
    out
}

const SCHEMES: [&str; 4] = ["docker://", "https://", "http://", "oci://"];

fn strip_scheme<'a>(input: &'a str, raw: &mut Vec<Raw>) -> (&'a str, usize) {
    for p in SCHEMES {
        if input.len() >= p.len() && input.is_char_boundary(p.len()) && input[..p.len()].eq_ignore_ascii_case(p) {
            raw.push((Rule::SchemePrefix, E, 0));
            return (&input[p.len()..], p.len());
        }
    }
    (input, 0)
}

/// Depth rules below a known project (ENT-C02). `comps` are the repository path's components.
fn depth(comps: &[(&str, usize)], project: &str, base: usize, raw: &mut Vec<Raw>) -> Option<usize> {
    let project = project.trim_matches('/').to_ascii_lowercase();
    let pcount = project.split('/').count();
    let path: Vec<String> = comps.iter().map(|c| c.0.to_ascii_lowercase()).collect();
    let under = path.len() >= pcount && path[..pcount].join("/") == project;
    if !under {
        raw.push((Rule::NotUnderProject, W, base));
        return None;
    }
    if path.len() > pcount + 2 {
        raw.push((Rule::TooDeep, E, comps[pcount + 2].1));
    }
    Some(pcount)
}

/// Flattens components beyond two levels below the project into the second one (`a/b-c`).
fn flatten(path: &str, pcount: usize) -> String {
    let comps: Vec<&str> = path.split('/').collect();
    if comps.len() <= pcount + 2 {
        return path.to_string();
    }
    format!("{}/{}", comps[..pcount + 1].join("/"), comps[pcount + 1..].join("-"))
}

/// §R.5: a full reference `[host[:port]/]path[:tag][@digest]`.
pub(super) fn reference(
    input: &str,
    project: Option<&str>,
    raw: &mut Vec<Raw>,
    hints: &mut Vec<Hint>,
) -> Option<String> {
    let (s, start) = strip_scheme(input, raw);
    let (name_tag, digest) = match s.find('@') {
        Some(i) => (&s[..i], Some((&s[i + 1..], start + i + 1))),
        None => (s, None),
    };
    // `splitDockerDomain`: the first component is a registry only with a `.` or `:` or as `localhost`
    // (and only when a `/` follows it).
    let domain = match name_tag.find('/') {
        Some(i) if name_tag[..i].contains(['.', ':']) || &name_tag[..i] == "localhost" => Some(&name_tag[..i]),
        _ => None,
    };
    let pbase = start + domain.map_or(0, |d| d.len() + 1);
    let rest = &name_tag[pbase - start..];
    // Path components never hold `:`, so the first one starts the tag; a tag running on past a `/`
    // (`p:feature/x`) is then reported as a slash in the tag, which is what happened.
    let (path, tag) = match rest.find(':') {
        Some(j) => (&rest[..j], Some((&rest[j + 1..], pbase + j + 1))),
        None => (rest, None),
    };
    match domain {
        Some(d) => scan::host(d, start, raw),
        None if !path.is_empty() => raw.push((Rule::DockerHub, W, start)),
        None => {}
    }
    let comps = if path.is_empty() {
        raw.push((Rule::EmptyComponent, E, pbase));
        Vec::new()
    } else {
        components(path, pbase, false, raw)
    };
    if path.chars().count() > 255 {
        raw.push((Rule::PathTooLong, E, pbase + nth_byte(path, 255)));
    } else if domain.map_or(0, |d| d.chars().count() + 1) + path.chars().count() > 255 {
        raw.push((Rule::ReferenceTooLong, W, start));
    }
    if domain.is_none() && path.len() == 64 && path.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        raw.push((Rule::HexName, E, pbase));
    }
    if let Some((t, at)) = tag {
        scan::tag(t, at, raw);
        if t.contains('/') {
            hints.push(Hint::UseRefSlug);
        }
    }
    if let Some((d, at)) = digest {
        scan::digest(d, at, raw);
    }
    let mut pcount = None;
    if let Some(p) = project {
        pcount = depth(&comps, p, pbase, raw);
    } else if domain.is_some() && comps.len() < 2 {
        raw.push((Rule::TooFewComponents, W, pbase));
    }
    if comps.len() >= 20 {
        raw.push((Rule::TooManyComponents, W, comps[19].1));
    }
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        hints.push(Hint::UseRegistryImage);
    }
    // The suggestion keeps the host, fixes the path and the tag, and keeps a digest as typed.
    let mut fixed_path = fix_path(path, false);
    if let Some(n) = pcount {
        fixed_path = flatten(&fixed_path, n);
    }
    let mut out = String::new();
    if let Some(d) = domain {
        out.push_str(d);
        out.push('/');
    }
    out.push_str(&fixed_path);
    if let Some(t) = tag.and_then(|(t, _)| fix_tag(t)) {
        out.push(':');
        out.push_str(&t);
    }
    if let Some((d, _)) = digest {
        out.push('@');
        out.push_str(&d.to_ascii_lowercase());
    }
    Some(out)
}

pub(super) fn host(input: &str, raw: &mut Vec<Raw>) -> Option<String> {
    let (s, start) = strip_scheme(input, raw);
    let trimmed = s.trim_end_matches('/');
    if trimmed.len() < s.len() {
        raw.push((Rule::HostBadChar, E, start + trimmed.len()));
    }
    scan::host(trimmed, start, raw);
    Some(trimmed.to_ascii_lowercase())
}

/// Top-level paths GitLab reserves for its own routes (a subset of `TOP_LEVEL_ROUTES`).
const RESERVED_TOP: &[&str] = &[
    "-",
    ".well-known",
    "admin",
    "api",
    "assets",
    "dashboard",
    "explore",
    "groups",
    "help",
    "jwt",
    "login",
    "oauth",
    "profile",
    "projects",
    "public",
    "search",
    "snippets",
    "uploads",
    "users",
    "v2",
];

pub(super) fn project_path(input: &str, raw: &mut Vec<Raw>, hints: &mut Vec<Hint>) -> Option<String> {
    let comps = components(input, 0, true, raw);
    if let Some(first) = comps.first() {
        if comps.len() > 1 && RESERVED_TOP.contains(&first.0.to_ascii_lowercase().as_str()) {
            raw.push((Rule::ReservedName, W, 0));
        }
    }
    if comps.len() >= 20 {
        raw.push((Rule::TooManyComponents, W, comps[19].1));
    }
    if input.bytes().any(|b| b.is_ascii_uppercase()) {
        hints.push(Hint::UseRegistryImage);
    }
    let fixed = fix_path(input, true);
    (!fixed.is_empty()).then_some(fixed)
}

pub(super) fn image_path(input: &str, project: Option<&str>, raw: &mut Vec<Raw>) -> Option<String> {
    let comps = components(input, 0, false, raw);
    if input.chars().count() > 255 {
        raw.push((Rule::PathTooLong, E, nth_byte(input, 255)));
    }
    // Below a known project at most two levels are allowed; a bare image path deeper than two
    // levels may be a whole repository path, so it is only a warning then.
    if comps.len() > 2 {
        raw.push((Rule::TooDeep, if project.is_some() { E } else { W }, comps[2].1));
    }
    let fixed = fix_path(input, false);
    let fixed = if project.is_some() { flatten(&fixed, 0) } else { fixed };
    (!fixed.is_empty()).then_some(fixed)
}

pub(super) fn tag(input: &str, raw: &mut Vec<Raw>, hints: &mut Vec<Hint>) -> Option<String> {
    scan::tag(input, 0, raw);
    if input.contains('/') {
        hints.push(Hint::UseRefSlug);
    }
    fix_tag(input)
}

pub(super) fn branch(input: &str, raw: &mut Vec<Raw>, hints: &mut Vec<Hint>) -> Option<String> {
    scan::tag(input, 0, raw);
    let slug = ref_slug(input);
    if !raw.is_empty() || slug != input {
        hints.push(Hint::UseRefSlug);
    }
    (!slug.is_empty()).then_some(slug)
}

pub(super) fn digest(input: &str, raw: &mut Vec<Raw>) -> Option<String> {
    scan::digest(input, 0, raw);
    Some(input.to_ascii_lowercase())
}
