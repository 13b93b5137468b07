//! The scan: finds the knowledge-base literals in the input in three steps, each doing only the
//! work the previous one showed is needed. All three use [`LiteralSet`] (a sampled q-gram filter,
//! see `literals.rs`): one read of the text, one hash lookup every few bytes.
//!
//! 1. Symptoms (and the runner's `section_start:` lines, which values need), over the whole input.
//! 2. Features, only those that a matched symptom's `when`/`unless` names, only in the first and
//!    last [`FEATURE_EDGE`] bytes and around the matched symptoms ([`VALUE_WINDOW`]): context is
//!    the runner header, the commands that ran and the lines around the error, not something 50 MB
//!    away from it.
//! 3. Value triggers (`values::TRIGGERS`), only in the first and last [`VALUE_WINDOW`] bytes (the
//!    runner header, the commands that ran) and around the matched symptoms.
//!
//! Natively a big input is split at line boundaries and step 1 runs on all cores; wasm runs in
//! one thread with the same results.

use super::literals::LiteralSet;
use crate::kb::{ENTRIES, FEATURES};
use std::ops::ControlFlow;
use std::sync::OnceLock;

/// The literal whose lines start a runner section (a value trigger found in step 1).
const SECTION: &str = "section_start:";

struct Automaton {
    /// Symptom literals plus `section_start:` (the last one).
    symptoms: LiteralSet,
    /// Per symptom literal: the (entry, symptom) pairs using it.
    owners: Vec<Vec<(u16, u16)>>,
    /// Every feature literal, and the feature each belongs to.
    features: LiteralSet,
    feature_of: Vec<u16>,
    /// Value triggers except `section_start:`.
    triggers: LiteralSet,
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
    let mut symptom_lits = literals.clone();
    symptom_lits.push(SECTION);
    let values = super::values::TRIGGERS;
    let trigger_ids: Vec<u16> = (0..values.len() as u16).filter(|&t| values[usize::from(t)] != SECTION).collect();
    let trigger_lits: Vec<&str> = trigger_ids.iter().map(|&t| values[usize::from(t)]).collect();
    let section_trigger = values.iter().position(|t| *t == SECTION).map(|i| i as u16);
    let mut feature_lits: Vec<&str> = Vec::new();
    let mut feature_of: Vec<u16> = Vec::new();
    for (f, feature) in FEATURES.iter().enumerate() {
        for l in feature.any {
            feature_lits.push(l);
            feature_of.push(f as u16);
        }
    }
    let mut all = symptom_lits.iter().chain(&trigger_lits).chain(&feature_lits);
    let splittable = !all.any(|l| l.contains('\n'));
    Automaton {
        symptoms: LiteralSet::new(&symptom_lits),
        owners,
        features: LiteralSet::new(&feature_lits),
        feature_of,
        triggers: LiteralSet::new(&trigger_lits),
        trigger_ids,
        section_trigger,
        splittable,
    }
}

/// Evidence kept per symptom: the first few places it matched.
pub const MAX_OFFSETS_PER_SYMPTOM: usize = 4;

/// Value triggers are looked for this far from the start, the end and each symptom match.
pub const VALUE_WINDOW: usize = 64 * 1024;

/// Features are looked for this far from the start and the end (the whole input, below 2 MiB), and
/// [`VALUE_WINDOW`] bytes around each symptom match.
pub const FEATURE_EDGE: usize = 1024 * 1024;

/// The raw result of the scan.
#[derive(Debug)]
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
    let mut hits = Hits::empty();
    for part in on_cores(&parts(input, auto.splittable), |(a, b)| scan_part(auto, input, a, b)) {
        hits.merge(part);
    }
    resolve_features(auto, input, &mut hits);
    find_triggers(auto, input, &mut hits);
    hits.cap_values();
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
pub(super) fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

#[cfg(target_arch = "wasm32")]
pub(super) fn available_cores() -> usize {
    1
}

/// `work` on each part, in input order: natively each on its own thread (a part whose thread
/// could not run is done here instead: same result, only slower), in wasm one after another.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn on_cores<T: Send>(parts: &[(usize, usize)], work: impl Fn((usize, usize)) -> T + Sync) -> Vec<T> {
    if parts.len() <= 1 {
        return parts.iter().map(|&p| work(p)).collect();
    }
    let work = &work;
    std::thread::scope(|s| {
        let handles: Vec<_> = parts.iter().map(|&p| s.spawn(move || work(p))).collect();
        handles.into_iter().zip(parts).map(|(h, &p)| h.join().unwrap_or_else(|_| work(p))).collect()
    })
}

#[cfg(target_arch = "wasm32")]
pub(super) fn on_cores<T: Send>(parts: &[(usize, usize)], work: impl Fn((usize, usize)) -> T + Sync) -> Vec<T> {
    parts.iter().map(|&p| work(p)).collect()
}

/// Step 1 over `input[start..end]` (cut at line ends).
fn scan_part(auto: &Automaton, input: &[u8], start: usize, end: usize) -> Hits {
    let mut hits = Hits::empty();
    step_one(auto, input, (start, end), usize::MAX, 0, &mut hits);
    hits
}

/// Step 1 over one piece of a bigger input (`stream.rs`): `buf` holds the input from offset
/// `base`; only matches starting before `buf[below]` count (the rest of `buf` is overlap, read so
/// that a literal crossing `below` is whole). Offsets in `hits` are offsets in the whole input.
pub(super) fn scan_chunk(buf: &[u8], below: usize, base: usize, hits: &mut Hits) {
    step_one(automaton(), buf, (0, buf.len()), below, base, hits);
}

/// Symptoms and `section_start:` wholly inside `input[range]` that start before `below`, recorded
/// at their offset plus `base`.
fn step_one(auto: &Automaton, input: &[u8], range: (usize, usize), below: usize, base: usize, hits: &mut Hits) {
    let section = auto.owners.len();
    let _ = auto.symptoms.each_in(input, range.0, range.1, |p, at| {
        if at >= below {
            return ControlFlow::Continue(());
        }
        let (start, end) = (base + at, base + at + auto.symptoms.literal(p).len());
        if p == section {
            if let Some(t) = auto.section_trigger {
                hits.values.push((start, t));
            }
            return ControlFlow::Continue(());
        }
        for &(entry, symptom) in &auto.owners[p] {
            keep_first(&mut hits.symptoms[usize::from(entry)][usize::from(symptom)], (start, end));
        }
        ControlFlow::Continue(())
    });
}

/// Keeps the [`MAX_OFFSETS_PER_SYMPTOM`] earliest matches, in order (the filter reports matches
/// slightly out of text order).
fn keep_first(offsets: &mut Vec<(usize, usize)>, m: (usize, usize)) {
    let at = offsets.partition_point(|o| *o < m);
    if at < MAX_OFFSETS_PER_SYMPTOM {
        offsets.insert(at, m);
        offsets.truncate(MAX_OFFSETS_PER_SYMPTOM);
    }
}

impl Hits {
    pub(super) fn empty() -> Hits {
        Hits {
            symptoms: ENTRIES.iter().map(|e| vec![Vec::new(); e.symptoms.len()]).collect(),
            features: vec![false; FEATURES.len()],
            values: Vec::new(),
        }
    }

    /// Value triggers in input order, each kept up to its cap.
    pub(super) fn cap_values(&mut self) {
        self.values.sort_unstable();
        let mut per_trigger = vec![0usize; super::values::TRIGGERS.len()];
        self.values.retain(|&(_, t)| {
            let n = &mut per_trigger[usize::from(t)];
            *n += 1;
            *n <= super::values::trigger_cap(t)
        });
    }

    /// Adds the hits of the next part of the input (parts are merged in input order).
    pub(super) fn merge(&mut self, later: Hits) {
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

/// Step 2: decides the features that a matched symptom depends on, and only those, looking near
/// the start, the end and the matched symptoms.
fn resolve_features(auto: &Automaton, input: &[u8], hits: &mut Hits) {
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
    let mut missing = needed.iter().filter(|&&n| n).count();
    for (s, e) in windows(input.len(), hits, FEATURE_EDGE, VALUE_WINDOW) {
        if missing == 0 {
            return;
        }
        let _ = auto.features.each_in(input, s, e, |l, _| {
            let f = usize::from(auto.feature_of[l]);
            if needed[f] && !hits.features[f] {
                hits.features[f] = true;
                missing -= 1;
            }
            if missing == 0 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
    }
}

/// The first and last `edge` bytes of the input and `radius` bytes around each matched symptom,
/// merged, in order.
fn windows(len: usize, hits: &Hits, edge: usize, radius: usize) -> Vec<(usize, usize)> {
    let mut windows: Vec<(usize, usize)> = vec![(0, edge), (len.saturating_sub(edge), len)];
    for &(s, e) in hits.symptoms.iter().flatten().flatten() {
        windows.push((s.saturating_sub(radius), e.saturating_add(radius).min(len)));
    }
    super::merge_ranges(windows.into_iter().map(|(s, e)| (s.min(len), e.min(len))).collect())
}

/// Step 3: value triggers near the start, the end and the symptom matches.
/// (`Hits::cap_values` then keeps each trigger's first ones; the windows bound how many there are.)
fn find_triggers(auto: &Automaton, input: &[u8], hits: &mut Hits) {
    for (s, e) in windows(input.len(), hits, VALUE_WINDOW, VALUE_WINDOW) {
        let _ = auto.triggers.each_in(input, s, e, |l, at| {
            hits.values.push((at, auto.trigger_ids[l]));
            ControlFlow::Continue(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Per entry, per symptom: the byte ranges found.
    type Symptoms = Vec<Vec<Vec<(usize, usize)>>>;

    /// What a brute-force search for every symptom literal at every position finds.
    fn plain(text: &[u8]) -> (Symptoms, Vec<usize>) {
        let auto = automaton();
        let mut symptoms: Symptoms = ENTRIES.iter().map(|e| vec![Vec::new(); e.symptoms.len()]).collect();
        let mut sections = Vec::new();
        for at in 0..text.len() {
            for p in 0..=auto.owners.len() {
                let lit = auto.symptoms.literal(p);
                if !text[at..].starts_with(lit) {
                    continue;
                }
                if p == auto.owners.len() {
                    sections.push(at);
                    continue;
                }
                for &(e, s) in &auto.owners[p] {
                    let o = &mut symptoms[usize::from(e)][usize::from(s)];
                    if o.len() < MAX_OFFSETS_PER_SYMPTOM {
                        o.push((at, at + lit.len()));
                    }
                }
            }
        }
        (symptoms, sections)
    }

    fn assert_same(text: &[u8]) {
        let (symptoms, sections) = plain(text);
        let mut hits = scan_part(automaton(), text, 0, text.len());
        hits.values.sort_unstable();
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

    /// Hits with one symptom that depends on feature `f` matched at the start, if there is one.
    fn hits_needing(f: usize) -> Option<Hits> {
        let (ei, si) = ENTRIES.iter().enumerate().find_map(|(ei, e)| {
            e.symptoms
                .iter()
                .position(|s| s.when.contains(&(f as u16)) || s.unless.contains(&(f as u16)))
                .map(|si| (ei, si))
        })?;
        let mut hits = Hits::empty();
        hits.symptoms[ei][si].push((0, 1));
        Some(hits)
    }

    #[test]
    fn features_are_found_anywhere() {
        // A feature literal far from the symptom, and one overlapping another literal.
        for (f, feature) in FEATURES.iter().enumerate() {
            for lit in feature.any {
                let Some(mut hits) = hits_needing(f) else { continue };
                let text = format!("x\n{}\nnoise {lit} noise\n", "filler line\n".repeat(100));
                resolve_features(automaton(), text.as_bytes(), &mut hits);
                assert!(hits.features[f], "feature {} literal {lit:?}", feature.name);
            }
        }
    }

    #[test]
    fn features_far_from_every_symptom_are_not_context() {
        // A 4 MiB log: `Docker version` only in the middle, 1.5 MiB from both ends and from the error.
        let Some(f) = FEATURES.iter().position(|f| f.name == "tool:docker") else { panic!("tool:docker") };
        let Some(mut hits) = hits_needing(f) else { return };
        let filler = "ordinary build output line\n".repeat(1024 * 1024 / 27);
        let text = format!("{filler}{filler}Docker version 27.3.1\n{filler}{filler}");
        resolve_features(automaton(), text.as_bytes(), &mut hits);
        assert!(!hits.features[f]);
        // Near the end it counts.
        let text = format!("{filler}{filler}{filler}Docker version 27.3.1\n{filler}");
        resolve_features(automaton(), text.as_bytes(), &mut hits);
        assert!(hits.features[f]);
    }

    #[test]
    fn input_can_be_cut_at_line_ends() {
        assert!(automaton().splittable);
    }
}
