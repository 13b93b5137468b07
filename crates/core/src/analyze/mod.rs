//! The paste analyzer: turns pasted text (an error line, a whole CI job log, a manifest, an image
//! reference) into ranked diagnoses with evidence, and extracts values for the fix commands.
//!
//! `scan` finds the knowledge base's symptom literals (one prefiltered pass over the bytes), then
//! only the feature literals and value triggers they call for; `score` turns the hits into ranked
//! entries, `evidence` cuts out the lines to show, `values` pulls registry hosts, image paths, tags
//! and versions out of the text. Nothing here allocates in proportion to the input except the input
//! itself.

mod detect;
mod evidence;
mod literals;
mod scan;
mod score;
mod stream;
pub mod values;

pub use detect::{detect, InputKind};
pub use evidence::{strip_ansi, strip_timestamp, EvidenceLine};
pub use score::{Confidence, MIN_SCORE};
pub use stream::{analyze_source, analyze_streamed, Source, STREAM_ABOVE};
pub use values::Found;

use crate::kb::Entry;

/// How many diagnoses are returned at most.
pub const MAX_DIAGNOSES: usize = 5;

/// One ranked diagnosis.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub entry: &'static Entry,
    pub score: u32,
    pub confidence: Confidence,
    /// The lines that matched, in line order, with a little context.
    pub evidence: Vec<EvidenceLine>,
}

impl PartialEq for Diagnosis {
    fn eq(&self, other: &Self) -> bool {
        // Entries are static: the same entry is the same address.
        std::ptr::eq(self.entry, other.entry) && self.score == other.score && self.evidence == other.evidence
    }
}

/// Everything the analyzer says about one pasted text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub kind: InputKind,
    pub diagnoses: Vec<Diagnosis>,
    pub values: Found,
    /// Number of lines in the input.
    pub lines: usize,
    pub bytes: usize,
    /// The input had bytes that are not UTF-8 (binary data, a wrong encoding); the valid parts were
    /// analyzed anyway.
    pub invalid_utf8: bool,
}

/// Analyzes pasted bytes. Never panics, whatever the bytes. Time is one automaton pass over the
/// input (on every core, natively) plus work proportional to what matched; memory apart from the
/// input does not grow with its size.
pub fn analyze(input: &[u8]) -> Analysis {
    let invalid_utf8 = std::str::from_utf8(input).is_err();
    let kind = detect(input);
    let hits = scan::scan(input);
    let mut ranked = score::rank(&hits);
    ranked.truncate(MAX_DIAGNOSES);
    // One sweep numbers every evidence line of every diagnosis and counts the input's lines.
    let index = evidence::LineIndex::new(input, ranked.iter().flat_map(|r| r.offsets.iter().map(|o| o.0)).collect());
    let diagnoses: Vec<Diagnosis> = ranked
        .iter()
        .map(|r| Diagnosis {
            entry: r.entry,
            score: r.score,
            confidence: Confidence::from_score(r.score),
            evidence: evidence::collect(input, &r.offsets, &index),
        })
        .collect();
    // Values near the best diagnosis' evidence come first: in a log with several images, the one
    // that failed is the one to fix.
    let first: Vec<&str> =
        diagnoses.first().map_or(Vec::new(), |d| d.evidence.iter().map(|l| l.text.as_str()).collect());
    let focus = ranked.first().and_then(|r| r.offsets.first()).map_or(input.len(), |o| o.0);
    let values = values::from_hits(input, &hits.values, &first, focus);
    Analysis { kind, diagnoses, values, lines: index.total, bytes: input.len(), invalid_utf8 }
}

/// Sorts byte ranges and merges the ones that overlap or touch.
pub(crate) fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Analyzes text (the page's paste box).
pub fn analyze_text(text: &str) -> Analysis {
    analyze(text.as_bytes())
}
