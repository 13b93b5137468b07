//! Turning literal hits into ranked entries (the rules are documented in `kb/README.md`).

use super::scan::Hits;
use crate::kb::{Entry, ENTRIES};

/// Below this an entry is not shown: a lone generic message is not a diagnosis.
pub const MIN_SCORE: u32 = 40;

/// A confidence a reader understands, from the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn from_score(score: u32) -> Confidence {
        match score {
            s if s >= 100 => Confidence::High,
            s if s >= 55 => Confidence::Medium,
            _ => Confidence::Low,
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

#[derive(Debug)]
pub struct Ranked {
    pub entry: &'static Entry,
    pub score: u32,
    /// Length of the longest counting literal: the tie-breaker.
    pub longest: usize,
    /// Where the counting symptoms matched (byte ranges).
    pub offsets: Vec<(usize, usize)>,
}

pub fn rank(hits: &Hits) -> Vec<Ranked> {
    let feature = |i: &u16| hits.features.get(usize::from(*i)).copied().unwrap_or(false);
    let mut ranked: Vec<Ranked> = Vec::new();
    for (ei, entry) in ENTRIES.iter().enumerate() {
        let mut score = 0;
        let mut longest = 0;
        let mut offsets = Vec::new();
        for (si, s) in entry.symptoms.iter().enumerate() {
            let found = &hits.symptoms[ei][si];
            if found.is_empty() || !s.when.iter().all(feature) || s.unless.iter().any(feature) {
                continue;
            }
            score += s.strength.points();
            longest = longest.max(s.pattern.len());
            offsets.extend_from_slice(found);
        }
        if score >= MIN_SCORE {
            offsets.sort_unstable();
            offsets.dedup();
            ranked.push(Ranked { entry, score, longest, offsets });
        }
    }
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(b.longest.cmp(&a.longest)).then(a.entry.id.cmp(b.entry.id)));
    ranked
}
