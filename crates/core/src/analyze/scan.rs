//! One pass over the input that finds every knowledge-base literal: symptom patterns, feature
//! literals and the triggers of value extraction share one aho-corasick automaton, built once.
//!
//! Speed on big logs: natively the automaton is a DFA (see `AUTOMATON_KIND`), the fastest kind when
//! no prefilter applies — and none does: the ~550 literals are too many and too
//! varied for aho-corasick's SIMD prefilter (Teddy takes at most 64 patterns; covering every literal
//! with rare 4-byte anchors needs 140+). Natively a big input is split at line boundaries (no literal
//! spans a newline) and the parts are scanned on all cores; wasm scans in one thread.

use crate::kb::{ENTRIES, FEATURES};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use std::sync::OnceLock;

/// What a pattern id of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum PatternOwner {
    Symptom {
        entry: u16,
        symptom: u16,
    },
    Feature(u16),
    /// A literal that announces a line worth extracting values from (`values::TRIGGERS`).
    Value(u16),
}

/// Natively a DFA (about 6 MB, ~10 ms to build once, ~2x faster than the NFA on big logs). In the
/// browser the contiguous NFA (220 KB, built in under a millisecond): the first keystroke in the
/// paste box must not wait for a DFA, and a 10 MB log still scans well inside the page's budget.
#[cfg(not(target_arch = "wasm32"))]
const AUTOMATON_KIND: AhoCorasickKind = AhoCorasickKind::DFA;
#[cfg(target_arch = "wasm32")]
const AUTOMATON_KIND: AhoCorasickKind = AhoCorasickKind::ContiguousNFA;

/// Feature literals shorter than this are looked up lazily.
const SHORT: usize = 4;

struct Automaton {
    ac: AhoCorasick,
    owners: Vec<Vec<PatternOwner>>,
    /// No literal contains a newline, so the input may be cut at line ends and scanned in parts.
    splittable: bool,
    /// Feature literals of two or three bytes (`-/`): they would match all over a log, so they are
    /// looked up with memmem, and only when a matched symptom asks for the feature (see
    /// [`resolve_short_features`]).
    short: Vec<(u16, &'static str)>,
}

fn automaton() -> &'static Automaton {
    static CELL: OnceLock<Automaton> = OnceLock::new();
    CELL.get_or_init(build)
}

fn build() -> Automaton {
    // Distinct literals → the symptoms, features and triggers that use them.
    let mut literals: Vec<&'static str> = Vec::new();
    let mut owners: Vec<Vec<PatternOwner>> = Vec::new();
    let mut short = Vec::new();
    let mut add = |lit: &'static str, owner: PatternOwner| match literals.iter().position(|l| *l == lit) {
        Some(i) => owners[i].push(owner),
        None => {
            literals.push(lit);
            owners.push(vec![owner]);
        }
    };
    for (ei, e) in ENTRIES.iter().enumerate() {
        for (si, s) in e.symptoms.iter().enumerate() {
            add(s.pattern, PatternOwner::Symptom { entry: ei as u16, symptom: si as u16 });
        }
    }
    for (fi, f) in FEATURES.iter().enumerate() {
        for lit in f.any {
            if lit.len() < SHORT {
                short.push((fi as u16, *lit));
            } else {
                add(lit, PatternOwner::Feature(fi as u16));
            }
        }
    }
    for (ti, lit) in super::values::TRIGGERS.iter().enumerate() {
        add(lit, PatternOwner::Value(ti as u16));
    }
    // Overlapping matches: one literal may contain another ("denied: access forbidden" inside a
    // longer message), and both must count.
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AUTOMATON_KIND))
        .build(&literals)
        .expect("knowledge-base literals form a valid automaton");
    let splittable = !literals.iter().any(|l| l.contains('\n'));
    Automaton { ac, owners, splittable, short }
}

/// Evidence kept per symptom: the first few places it matched.
pub const MAX_OFFSETS_PER_SYMPTOM: usize = 4;

/// The raw result of the scan.
#[derive(Debug, Default)]
pub struct Hits {
    /// Per entry (index into ENTRIES), per symptom: byte ranges of the first matches.
    pub symptoms: Vec<Vec<Vec<(usize, usize)>>>,
    /// Per feature (index into FEATURES): present or not.
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

fn scan_part(auto: &Automaton, input: &[u8], start: usize, end: usize) -> Hits {
    let mut hits = Hits {
        symptoms: ENTRIES.iter().map(|e| vec![Vec::new(); e.symptoms.len()]).collect(),
        features: vec![false; FEATURES.len()],
        values: Vec::new(),
    };
    let mut per_trigger = vec![0usize; super::values::TRIGGERS.len()];
    for m in auto.ac.find_overlapping_iter(Input::new(input).range(start..end)) {
        for owner in &auto.owners[m.pattern().as_usize()] {
            match *owner {
                PatternOwner::Feature(f) => hits.features[usize::from(f)] = true,
                PatternOwner::Symptom { entry, symptom } => {
                    let offsets = &mut hits.symptoms[usize::from(entry)][usize::from(symptom)];
                    if offsets.len() < MAX_OFFSETS_PER_SYMPTOM {
                        offsets.push((m.start(), m.end()));
                    }
                }
                PatternOwner::Value(t) => {
                    let n = &mut per_trigger[usize::from(t)];
                    if *n < super::values::trigger_cap(t) {
                        *n += 1;
                        hits.values.push((m.start(), t));
                    }
                }
            }
        }
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

/// Decides the features made of very short literals, but only those that a matched
/// symptom depends on (a two-byte literal like `-/` would otherwise cost a pass over the input).
pub fn resolve_short_features(input: &[u8], hits: &mut Hits) {
    let auto = automaton();
    if auto.short.is_empty() {
        return;
    }
    let mut needed = vec![false; FEATURES.len()];
    for (ei, e) in ENTRIES.iter().enumerate() {
        for (si, s) in e.symptoms.iter().enumerate() {
            if !hits.symptoms[ei][si].is_empty() {
                for &f in s.when.iter().chain(s.unless) {
                    needed[usize::from(f)] = true;
                }
            }
        }
    }
    for &(f, lit) in &auto.short {
        let f = usize::from(f);
        if needed[f] && !hits.features[f] && memchr::memmem::find(input, lit.as_bytes()).is_some() {
            hits.features[f] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(merged.features, whole.features);
        assert!(merged.symptoms.iter().flatten().any(|o| o.len() == MAX_OFFSETS_PER_SYMPTOM));
    }

    #[test]
    fn no_literal_spans_lines() {
        assert!(automaton().splittable);
    }
}
