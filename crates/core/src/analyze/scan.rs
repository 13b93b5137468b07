//! The scan: finds the knowledge-base literals in the input in three steps, each doing only the
//! work the previous one showed is needed.
//!
//! 1. Symptoms, over the whole input, through a prefilter: every symptom literal contains one of
//!    a few dozen rare 4-byte anchors (chosen at build time by a byte-rarity table, see
//!    [`anchors`]); natively aho-corasick runs them with its SIMD prefilter (Teddy, at most 64
//!    patterns) at GB/s, and only the lines with an anchor go through the full symptom
//!    automaton. No literal spans a newline, so this finds exactly what one automaton pass would.
//!    The runner's `section_start:` lines are found the same way (values need the last one
//!    before the error, which may be megabytes away).
//! 2. Features, only those that a matched symptom's `when`/`unless` names, with an early exit
//!    once all are found. "Present anywhere in the text" stays exact.
//! 3. Value triggers (`values::TRIGGERS`), only in the first and last [`VALUE_WINDOW`] bytes (the
//!    runner header, the commands that ran) and around the matched symptoms.
//!
//! Natively a big input is split at line boundaries and step 1 runs on all cores; wasm runs in
//! one thread with the same results.

use crate::kb::{ENTRIES, FEATURES};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use std::sync::OnceLock;

/// The literal whose lines start a runner section (a value trigger found in step 1).
const SECTION: &str = "section_start:";

/// Anchor length: the prefilter fingerprints the first bytes of each anchor.
const ANCHOR: usize = 4;

/// Finds the next anchor. Natively aho-corasick's packed searcher (Teddy, SIMD), told to take all
/// the anchors (its default limit is 64, past which it declines; measured on a 100 MB log it is
/// still twice as fast as the automaton with about 80). Elsewhere (wasm) a plain automaton.
enum Anchors {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

impl Anchors {
    fn new(anchors: &[Vec<u8>]) -> Anchors {
        let packed = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .heuristic_pattern_limits(false)
            .builder()
            .extend(anchors)
            .build();
        match packed {
            Some(p) => Anchors::Packed(p),
            None => Anchors::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(anchors)
                    .expect("anchors form a valid automaton"),
            ),
        }
    }

    /// Where the leftmost anchor in `input[at..end]` starts and ends.
    fn find(&self, input: &[u8], at: usize, end: usize) -> Option<(usize, usize)> {
        match self {
            Anchors::Packed(p) => p.find_in(input, aho_corasick::Span::from(at..end)).map(|m| (m.start(), m.end())),
            Anchors::Automaton(a) => a.find(Input::new(input).range(at..end)).map(|m| (m.start(), m.end())),
        }
    }
}

struct Automaton {
    /// Anchors of step 1 (leftmost-first: any hit on a line is enough).
    anchors: Anchors,
    #[cfg_attr(not(test), allow(dead_code))]
    anchor_count: usize,
    /// Symptom literals plus `section_start:` (the last pattern), overlapping: run per line.
    lines: AhoCorasick,
    /// Per pattern of `lines`: the (entry, symptom) pairs using that literal.
    owners: Vec<Vec<(u16, u16)>>,
    /// Value triggers except `section_start:`, overlapping.
    triggers: AhoCorasick,
    trigger_ids: Vec<u16>,
    /// `section_start:` in `values::TRIGGERS`.
    section_trigger: Option<u16>,
    /// No literal contains a newline, so the input may be cut at line ends and scanned in parts.
    splittable: bool,
}

fn automaton() -> &'static Automaton {
    static CELL: OnceLock<Automaton> = OnceLock::new();
    CELL.get_or_init(build)
}

fn nfa(literals: &[&str], kind: MatchKind) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(kind)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(literals)
        .expect("knowledge-base literals form a valid automaton")
}

fn build() -> Automaton {
    let mut literals: Vec<&'static str> = Vec::new();
    let mut owners: Vec<Vec<(u16, u16)>> = Vec::new();
    for (ei, e) in ENTRIES.iter().enumerate() {
        for (si, s) in e.symptoms.iter().enumerate() {
            let owner = (ei as u16, si as u16);
            match literals.iter().position(|l| *l == s.pattern) {
                Some(i) => owners[i].push(owner),
                None => {
                    literals.push(s.pattern);
                    owners.push(vec![owner]);
                }
            }
        }
    }
    let mut anchor_set = anchors(&literals);
    anchor_set.push(SECTION.as_bytes().to_vec());
    anchor_set.sort();
    anchor_set.dedup();
    let mut line_lits = literals.clone();
    line_lits.push(SECTION);
    let anchors = Anchors::new(&anchor_set);
    let anchor_count = anchor_set.len();
    let values = super::values::TRIGGERS;
    let trigger_ids: Vec<u16> = (0..values.len() as u16).filter(|&t| values[usize::from(t)] != SECTION).collect();
    let trigger_lits: Vec<&str> = trigger_ids.iter().map(|&t| values[usize::from(t)]).collect();
    let section_trigger = values.iter().position(|t| *t == SECTION).map(|i| i as u16);
    let mut all = literals.iter().chain(&trigger_lits).chain(FEATURES.iter().flat_map(|f| f.any.iter()));
    let splittable = !all.any(|l| l.contains('\n'));
    Automaton {
        anchors,
        anchor_count,
        // Overlapping: one literal may contain another and both must count.
        lines: nfa(&line_lits, MatchKind::Standard),
        owners,
        triggers: nfa(&trigger_lits, MatchKind::Standard),
        trigger_ids,
        section_trigger,
        splittable,
    }
}

/// Anchors of step 1: rare substrings that together cover every symptom literal (each literal
/// contains one). Chosen offline by greedy weighted set cover over the literals' 4–8 byte
/// substrings, each weighted by how often it would turn up in a CI log (a byte-rarity table: upper
/// case, digits and punctuation rare, lower case and spaces common, common log words such as
/// `failed` or `request` penalized). A literal added to the knowledge base later that contains none
/// of them gets its own anchor at build time ([`own_anchor`]); the test `few_rare_anchors` says
/// when the list should be regenerated.
const ANCHORS: &[&str] = &[
    " manifes",
    "authori",
    "HTTP ",
    "atabase",
    " faile",
    " unknow",
    "eanup",
    "/v2/",
    "permissi",
    " reposit",
    "MANIFEST",
    "xpected",
    "Access",
    "annot ",
    " must ",
    "e\":\"",
    "d for",
    "does not",
    "size",
    "INVALID",
    "tus\":",
    " registr",
    " uploa",
    " Not ",
    "PROGRESS",
    "garbage",
    "while ",
    "bidden",
    "expir",
    "your ",
    "able",
    "such ",
    "source",
    "trusted",
    "UNKNOWN",
    "_TAG",
    "xy/conta",
    " auth",
    "Large",
    "ode=\"",
    "Delete",
    "format",
    "characte",
    "lesystem",
    "meout",
    " docke",
    "push",
    "atch",
    "$DOCKER_",
    "(SQLSTAT",
    ":\",\"loca",
    "\"IsLates",
    "[::1]:50",
    "LLB defi",
    "RE2 synt",
    "www.dock",
    "\": \"\"",
    "Size: ",
    "l=\"inval",
    "/_uploa",
    "Unknown ",
    "Succeede",
    "Pushing",
    "This req",
    "xecutio",
    "--versio",
    "gible fo",
    "ype: ",
    "before t",
    "me/passw",
    "Retrying",
    "gs/refer",
    "large bo",
    "refused",
    " foun",
];

/// How often a byte appears in CI logs, roughly, in 1/10000: lower case and spaces are common,
/// upper case, digits and punctuation rare. Only the ranking matters.
fn commonness(b: u8) -> f64 {
    let per_10k: f64 = match b {
        b' ' => 1500.0,
        b'e' => 800.0,
        b't' => 600.0,
        b'a' | b'o' | b'i' | b'n' | b's' => 520.0,
        b'r' => 450.0,
        b'l' => 350.0,
        b'c' | b'd' => 300.0,
        b'u' => 250.0,
        b'p' | b'm' | b'h' | b'.' | b'/' | b'-' => 200.0,
        b'g' | b'f' => 150.0,
        b'b' | b'y' | b'w' | b'0'..=b'9' | b':' => 100.0,
        b',' | b'k' | b'v' => 80.0,
        b'_' | b'=' | b'\t' => 50.0,
        b'x' | b'"' => 40.0,
        b'A'..=b'Z' => 30.0,
        b'(' | b')' | b'[' | b']' | b'\'' | b'{' | b'}' => 30.0,
        b'z' | b'q' | b'j' => 20.0,
        _ => 10.0,
    };
    per_10k / 10000.0
}

/// The rarest substring of 4–8 bytes of a literal not covered by [`ANCHORS`] (the whole literal
/// when it is shorter).
fn own_anchor(literal: &str) -> Vec<u8> {
    let b = literal.as_bytes();
    if b.len() < ANCHOR {
        return b.to_vec();
    }
    let rarity = |g: &[u8]| g.iter().map(|&x| commonness(x)).product::<f64>();
    let mut best: (&[u8], f64) = (&b[..ANCHOR], f64::MAX);
    for n in ANCHOR..=8 {
        for g in b.windows(n) {
            // The prefilter fingerprints the first bytes; the rest only saves line checks.
            let cost = rarity(&g[..ANCHOR]) + 15.0 * rarity(g);
            if cost < best.1 {
                best = (g, cost);
            }
        }
    }
    best.0.to_vec()
}

/// The anchors for these literals: the listed ones that some literal uses, plus one of its own for
/// each literal that none covers.
fn anchors(literals: &[&str]) -> Vec<Vec<u8>> {
    let covers = |l: &str, a: &[u8]| l.as_bytes().windows(a.len()).any(|w| w == a);
    let mut chosen: Vec<Vec<u8>> = ANCHORS
        .iter()
        .filter(|a| literals.iter().any(|l| covers(l, a.as_bytes())))
        .map(|a| a.as_bytes().to_vec())
        .collect();
    for l in literals {
        if !chosen.iter().any(|a| covers(l, a)) {
            chosen.push(own_anchor(l));
        }
    }
    chosen
}

/// Evidence kept per symptom: the first few places it matched.
pub const MAX_OFFSETS_PER_SYMPTOM: usize = 4;

/// Value triggers are looked for this far from the start, the end and each symptom match.
pub const VALUE_WINDOW: usize = 64 * 1024;

/// The raw result of the scan.
#[derive(Debug, Default)]
pub struct Hits {
    /// Per entry (index into ENTRIES), per symptom: byte ranges of the first matches.
    pub symptoms: Vec<Vec<Vec<(usize, usize)>>>,
    /// Per feature (index into FEATURES): present or not (decided only for the features that a
    /// matched symptom depends on; the others stay false).
    pub features: Vec<bool>,
    /// Value triggers: (start offset, index into `values::TRIGGERS`), in input order.
    pub values: Vec<(usize, u16)>,
}

/// Below this size one thread scans everything (thread start-up would cost more than it saves).
const SPLIT_ABOVE: usize = 8 * 1024 * 1024;

pub fn scan(input: &[u8]) -> Hits {
    let auto = automaton();
    let parts = parts(input, auto.splittable);
    let mut results: Vec<Hits> = if parts.len() <= 1 {
        vec![scan_part(auto, input, 0, input.len())]
    } else {
        scan_parallel(auto, input, &parts)
    };
    let mut hits = results.remove(0);
    for more in results {
        hits.merge(more);
    }
    resolve_features(input, &mut hits);
    find_triggers(auto, input, &mut hits);
    hits.values.sort_unstable();
    let mut per_trigger = vec![0usize; super::values::TRIGGERS.len()];
    hits.values.retain(|&(_, t)| {
        let n = &mut per_trigger[usize::from(t)];
        *n += 1;
        *n <= super::values::trigger_cap(t)
    });
    hits
}

/// Cut points at line ends, one part per core.
fn parts(input: &[u8], splittable: bool) -> Vec<(usize, usize)> {
    let cores = available_cores();
    if !splittable || cores < 2 || input.len() <= SPLIT_ABOVE {
        return vec![(0, input.len())];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..cores {
        let target = (input.len() / cores * k).max(start);
        let cut = memchr::memchr(b'\n', &input[target..]).map_or(input.len(), |i| target + i + 1);
        if cut > start && cut < input.len() {
            out.push((start, cut));
            start = cut;
        }
    }
    out.push((start, input.len()));
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

#[cfg(target_arch = "wasm32")]
fn available_cores() -> usize {
    1
}

#[cfg(not(target_arch = "wasm32"))]
fn scan_parallel(auto: &'static Automaton, input: &[u8], parts: &[(usize, usize)]) -> Vec<Hits> {
    std::thread::scope(|s| {
        let handles: Vec<_> = parts.iter().map(|&(a, b)| s.spawn(move || scan_part(auto, input, a, b))).collect();
        // A part whose thread could not run is scanned here instead: same result, only slower.
        handles
            .into_iter()
            .zip(parts)
            .map(|(h, &(a, b))| h.join().unwrap_or_else(|_| scan_part(auto, input, a, b)))
            .collect()
    })
}

#[cfg(target_arch = "wasm32")]
fn scan_parallel(auto: &'static Automaton, input: &[u8], parts: &[(usize, usize)]) -> Vec<Hits> {
    parts.iter().map(|&(a, b)| scan_part(auto, input, a, b)).collect()
}

/// Step 1 over `input[start..end]` (cut at line ends): find a line with an anchor, run the symptom
/// automaton over that line, go on after it.
fn scan_part(auto: &Automaton, input: &[u8], start: usize, end: usize) -> Hits {
    let mut hits = Hits {
        symptoms: ENTRIES.iter().map(|e| vec![Vec::new(); e.symptoms.len()]).collect(),
        features: vec![false; FEATURES.len()],
        values: Vec::new(),
    };
    let section = auto.owners.len();
    let mut at = start;
    while at < end {
        let Some((a, b)) = auto.anchors.find(input, at, end) else { break };
        let line_start = memchr::memrchr(b'\n', &input[at..a]).map_or(at, |i| at + i + 1);
        let line_end = memchr::memchr(b'\n', &input[b..end]).map_or(end, |i| b + i);
        for m in auto.lines.find_overlapping_iter(Input::new(input).range(line_start..line_end)) {
            let p = m.pattern().as_usize();
            if p == section {
                if let Some(t) = auto.section_trigger {
                    hits.values.push((m.start(), t));
                }
                continue;
            }
            for &(entry, symptom) in &auto.owners[p] {
                let offsets = &mut hits.symptoms[usize::from(entry)][usize::from(symptom)];
                if offsets.len() < MAX_OFFSETS_PER_SYMPTOM {
                    offsets.push((m.start(), m.end()));
                }
            }
        }
        at = line_end + 1;
    }
    hits
}

impl Hits {
    /// Adds the hits of the next part of the input (parts are merged in input order).
    fn merge(&mut self, later: Hits) {
        for (mine, theirs) in self.symptoms.iter_mut().flatten().zip(later.symptoms.into_iter().flatten()) {
            let room = MAX_OFFSETS_PER_SYMPTOM.saturating_sub(mine.len());
            mine.extend(theirs.into_iter().take(room));
        }
        for (mine, theirs) in self.features.iter_mut().zip(later.features) {
            *mine |= theirs;
        }
        self.values.extend(later.values);
    }
}

/// Step 2: decides the features that a matched symptom depends on, and only those.
fn resolve_features(input: &[u8], hits: &mut Hits) {
    let mut needed = vec![false; FEATURES.len()];
    for (ei, e) in ENTRIES.iter().enumerate() {
        for (si, s) in e.symptoms.iter().enumerate() {
            if !hits.symptoms[ei][si].is_empty() {
                for &f in s.when.iter().chain(s.unless) {
                    if let Some(n) = needed.get_mut(usize::from(f)) {
                        *n = true;
                    }
                }
            }
        }
    }
    // Very short literals (`-/`) would stop the prefilter at every other line: memmem instead.
    let short = |l: &str| l.len() < ANCHOR;
    for (f, feature) in FEATURES.iter().enumerate() {
        if needed[f]
            && feature.any.iter().filter(|l| short(l)).any(|l| memchr::memmem::find(input, l.as_bytes()).is_some())
        {
            hits.features[f] = true;
        }
    }
    // One leftmost-first search over the literals of the features still missing: its first match
    // is the leftmost occurrence of any of them. Each match settles one feature; the search goes
    // on from that match's start without that feature's literals, so nothing is missed.
    let mut at = 0;
    loop {
        let missing: Vec<usize> = (0..FEATURES.len()).filter(|&f| needed[f] && !hits.features[f]).collect();
        let mut lits: Vec<&str> = Vec::new();
        let mut owner: Vec<usize> = Vec::new();
        for &f in &missing {
            for l in FEATURES[f].any.iter().filter(|l| !short(l)) {
                lits.push(l);
                owner.push(f);
            }
        }
        if lits.is_empty() {
            return;
        }
        let Ok(ac) = AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(&lits) else { return };
        let Some(m) = ac.find(Input::new(input).range(at..)) else { return };
        hits.features[owner[m.pattern().as_usize()]] = true;
        at = m.start();
    }
}

/// Step 3: value triggers near the start, the end and the symptom matches.
fn find_triggers(auto: &Automaton, input: &[u8], hits: &mut Hits) {
    let mut windows: Vec<(usize, usize)> =
        vec![(0, VALUE_WINDOW), (input.len().saturating_sub(VALUE_WINDOW), input.len())];
    for &(s, e) in hits.symptoms.iter().flatten().flatten() {
        windows.push((s.saturating_sub(VALUE_WINDOW), e.saturating_add(VALUE_WINDOW)));
    }
    windows.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in windows {
        let (s, e) = (s.min(input.len()), e.min(input.len()));
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut per_trigger = vec![0usize; super::values::TRIGGERS.len()];
    for (s, e) in merged {
        for m in auto.triggers.find_overlapping_iter(Input::new(input).range(s..e)) {
            let t = auto.trigger_ids[m.pattern().as_usize()];
            let n = &mut per_trigger[usize::from(t)];
            if *n < super::values::trigger_cap(t) {
                *n += 1;
                hits.values.push((m.start(), t));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Per entry, per symptom: the byte ranges found.
    type Symptoms = Vec<Vec<Vec<(usize, usize)>>>;

    /// What one plain overlapping pass of the line automaton over the whole text finds.
    fn plain(text: &[u8]) -> (Symptoms, Vec<usize>) {
        let auto = automaton();
        let mut symptoms: Symptoms = ENTRIES.iter().map(|e| vec![Vec::new(); e.symptoms.len()]).collect();
        let mut sections = Vec::new();
        for m in auto.lines.find_overlapping_iter(text) {
            if m.pattern().as_usize() == auto.owners.len() {
                sections.push(m.start());
                continue;
            }
            for &(e, s) in &auto.owners[m.pattern().as_usize()] {
                let o = &mut symptoms[usize::from(e)][usize::from(s)];
                if o.len() < MAX_OFFSETS_PER_SYMPTOM {
                    o.push((m.start(), m.end()));
                }
            }
        }
        (symptoms, sections)
    }

    fn assert_same(text: &[u8]) {
        let (symptoms, sections) = plain(text);
        let hits = scan_part(automaton(), text, 0, text.len());
        assert_eq!(hits.symptoms, symptoms, "{}", String::from_utf8_lossy(&text[..text.len().min(300)]));
        assert_eq!(hits.values.iter().map(|v| v.0).collect::<Vec<_>>(), sections);
    }

    /// A small deterministic generator (no dependency for tests).
    fn rng(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn prefilter_finds_what_one_pass_finds() {
        for e in ENTRIES {
            for x in e.examples {
                assert_same(x.text.as_bytes());
            }
        }
        assert_same(include_bytes!("../../tests/analyze_logs.rs"));
        let lits: Vec<&str> = ENTRIES.iter().flat_map(|e| e.symptoms.iter().map(|s| s.pattern)).collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..300 {
            let mut text = Vec::new();
            for _ in 0..(rng(&mut seed) % 40) {
                match rng(&mut seed) % 6 {
                    0 => text.push(b'\n'),
                    1 => text.extend_from_slice(b"section_start:1714557607:step_script\r\x1b[0K"),
                    2 => {
                        // A piece of a literal: prefixes and suffixes that almost match.
                        let l = lits[(rng(&mut seed) % lits.len() as u64) as usize].as_bytes();
                        let a = (rng(&mut seed) % (l.len() as u64 + 1)) as usize;
                        let b = a + (rng(&mut seed) % ((l.len() - a) as u64 + 1)) as usize;
                        text.extend_from_slice(&l[a..b]);
                    }
                    3 => text.extend_from_slice(b" ordinary build output ok "),
                    _ => text.extend_from_slice(lits[(rng(&mut seed) % lits.len() as u64) as usize].as_bytes()),
                }
            }
            assert_same(&text);
        }
    }

    #[test]
    fn parts_find_the_same_as_one_pass() {
        let auto = automaton();
        let mut text = Vec::new();
        for i in 0..4000 {
            text.extend_from_slice(format!("line {i} of ordinary output\n").as_bytes());
            if i % 1000 == 999 {
                text.extend_from_slice(
                    b"$ docker push a.example/b:1\ndenied: requested access to the resource is denied\n",
                );
            }
        }
        let whole = scan_part(auto, &text, 0, text.len());
        // Cut in four at line ends, as the threads do.
        let mut cuts = vec![0];
        for k in 1..4 {
            let t = text.len() / 4 * k;
            cuts.push(t + memchr::memchr(b'\n', &text[t..]).unwrap() + 1);
        }
        cuts.push(text.len());
        let mut merged = scan_part(auto, &text, cuts[0], cuts[1]);
        for w in cuts[1..].windows(2) {
            merged.merge(scan_part(auto, &text, w[0], w[1]));
        }
        assert_eq!(merged.symptoms, whole.symptoms);
        assert!(merged.symptoms.iter().flatten().any(|o| o.len() == MAX_OFFSETS_PER_SYMPTOM));
    }

    #[test]
    fn features_are_found_anywhere() {
        // A feature literal far from the symptom, and one overlapping another literal.
        for (f, feature) in FEATURES.iter().enumerate() {
            for lit in feature.any {
                let mut hits = Hits {
                    symptoms: ENTRIES.iter().map(|e| vec![Vec::new(); e.symptoms.len()]).collect(),
                    features: vec![false; FEATURES.len()],
                    values: Vec::new(),
                };
                // Mark a symptom that depends on this feature as matched, if there is one.
                let Some((ei, si)) = ENTRIES.iter().enumerate().find_map(|(ei, e)| {
                    e.symptoms
                        .iter()
                        .position(|s| s.when.contains(&(f as u16)) || s.unless.contains(&(f as u16)))
                        .map(|si| (ei, si))
                }) else {
                    continue;
                };
                hits.symptoms[ei][si].push((0, 1));
                let text = format!("x\n{}\nnoise {lit} noise\n", "filler line\n".repeat(100));
                resolve_features(text.as_bytes(), &mut hits);
                assert!(hits.features[f], "feature {} literal {lit:?}", feature.name);
            }
        }
    }

    #[test]
    fn few_rare_anchors() {
        // The packed searcher takes at most 128; past about 100 it gets slow.
        assert!(automaton().anchor_count <= 100, "{}", automaton().anchor_count);
        assert!(automaton().splittable);
    }
}
