//! One pass over the input that finds every knowledge-base literal: symptom patterns and feature
//! literals share one aho-corasick automaton, built once.

use crate::kb::{ENTRIES, FEATURES};
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// What a pattern id of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum PatternOwner {
    Symptom { entry: u16, symptom: u16 },
    Feature(u16),
}

struct Automaton {
    ac: AhoCorasick,
    owners: Vec<Vec<PatternOwner>>,
}

/// Distinct literals → the symptoms and features that use them (the same literal may serve both).
fn automaton() -> &'static Automaton {
    static CELL: OnceLock<Automaton> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut literals: Vec<&'static str> = Vec::new();
        let mut owners: Vec<Vec<PatternOwner>> = Vec::new();
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
                add(lit, PatternOwner::Feature(fi as u16));
            }
        }
        // Overlapping matches: one literal may contain another ("denied: access forbidden" inside a
        // longer message), and both must count.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .expect("knowledge-base literals form a valid automaton");
        Automaton { ac, owners }
    })
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
    pub lines: usize,
}

pub fn scan(input: &[u8]) -> Hits {
    let auto = automaton();
    let mut hits = Hits {
        symptoms: ENTRIES.iter().map(|e| vec![Vec::new(); e.symptoms.len()]).collect(),
        features: vec![false; FEATURES.len()],
        lines: 0,
    };
    for m in auto.ac.find_overlapping_iter(input) {
        for owner in &auto.owners[m.pattern().as_usize()] {
            match *owner {
                PatternOwner::Feature(f) => hits.features[usize::from(f)] = true,
                PatternOwner::Symptom { entry, symptom } => {
                    let offsets = &mut hits.symptoms[usize::from(entry)][usize::from(symptom)];
                    if offsets.len() < MAX_OFFSETS_PER_SYMPTOM {
                        offsets.push((m.start(), m.end()));
                    }
                }
            }
        }
    }
    hits.lines = if input.is_empty() {
        0
    } else {
        memchr::memchr_iter(b'\n', input).count() + usize::from(!input.ends_with(b"\n"))
    };
    hits
}
