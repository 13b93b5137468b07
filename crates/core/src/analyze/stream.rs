//! Analyzing an input of any size without holding it in memory (the CLI's files): the same result
//! as [`analyze`](super::analyze) on the whole input, in memory that does not grow with it.
//!
//! 1. One pass in chunks through a reused buffer (on every core natively, each over its own part
//!    of the input): the symptom scan, the line count and the UTF-8 check. A chunk is read with a
//!    little overlap, so a literal that crosses its end is whole; only matches starting inside it
//!    count.
//! 2. Everything after the scan looks only near the matches and the ends of the input: features in
//!    the first and last MiB and near the matches, value triggers within 64 KiB of the matches and
//!    the ends, evidence lines and their context, the runner's section lines. Those excerpts are
//!    read again and joined (with a newline between two, which no literal contains) into one small
//!    text; the in-memory analysis runs on it, and its line numbers are mapped back.
//!
//! Each excerpt reaches [`RADIUS`] bytes around a match, more than anything after the scan looks
//! (value windows of 64 KiB, evidence lines searched up to 64 KiB each, two context lines), so
//! the result equals the in-memory one (`tests/analyze_stream.rs` checks it on large logs).

use super::scan::{scan_chunk, Hits, FEATURE_EDGE};
use super::{analyze, Analysis};
use std::io;

/// Random-access input (a file; `read_at` may return fewer bytes than asked, 0 only at the end).
pub trait Source: Sync {
    fn size(&self) -> u64;
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize>;
}

impl Source for [u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(self.len());
        let n = buf.len().min(self.len() - start);
        buf[..n].copy_from_slice(&self[start..start + n]);
        Ok(n)
    }
}

/// Bytes per chunk of the first pass (fits in a core's L2 cache next to the filter's tables).
pub const CHUNK: usize = 1024 * 1024;
/// Chunks are read this much longer: more than the longest literal.
const OVERLAP: usize = 4096;
/// How far around each match the excerpts reach.
pub const RADIUS: usize = 256 * 1024;
/// Inputs up to this size are read whole and analyzed in memory.
pub const STREAM_ABOVE: u64 = 16 * 1024 * 1024;

/// Analyzes `source` (see the module comment). Fails only when reading fails.
pub fn analyze_source<S: Source + ?Sized>(source: &S) -> io::Result<Analysis> {
    let size = source.size();
    if size <= STREAM_ABOVE {
        let mut whole = vec![0u8; size as usize];
        read_exact(source, &mut whole, 0)?;
        return Ok(analyze(&whole));
    }
    analyze_streamed(source, CHUNK)
}

/// The streamed analysis with a given chunk size (tests use small ones).
pub fn analyze_streamed<S: Source + ?Sized>(source: &S, chunk: usize) -> io::Result<Analysis> {
    let size = usize::try_from(source.size()).map_err(|_| io::Error::other("input too large"))?;
    let pass = first_pass(source, size, chunk.max(OVERLAP))?;
    let excerpts = excerpts(&pass.hits, size);
    let (text, pieces) = read_excerpts(source, &excerpts)?;
    let mut analysis = analyze(&text);
    let mut lines = LineFinder { source, chunks: &pass.chunks, starts: vec![None; pieces.len()] };
    for d in &mut analysis.diagnoses {
        for line in &mut d.evidence {
            line.line = lines.original_line(&pieces, line.line)?;
        }
    }
    analysis.lines = pass.lines(source, size)?;
    analysis.bytes = size;
    analysis.invalid_utf8 = pass.invalid_utf8;
    Ok(analysis)
}

fn read_exact<S: Source + ?Sized>(source: &S, buf: &mut [u8], offset: usize) -> io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        let n = source.read_at(&mut buf[done..], (offset + done) as u64)?;
        if n == 0 {
            break;
        }
        done += n;
    }
    Ok(done)
}

/// What the first pass found.
struct Pass {
    hits: Hits,
    /// Per chunk: its start and the number of newlines before it.
    chunks: Vec<(usize, usize)>,
    newlines: usize,
    invalid_utf8: bool,
}

impl Pass {
    fn new() -> Pass {
        Pass { hits: Hits::empty(), chunks: Vec::new(), newlines: 0, invalid_utf8: false }
    }

    /// Lines as [`analyze`] counts them: a last line without a newline counts too.
    fn lines<S: Source + ?Sized>(&self, source: &S, size: usize) -> io::Result<usize> {
        if size == 0 {
            return Ok(0);
        }
        let mut last = [0u8; 1];
        read_exact(source, &mut last, size - 1)?;
        Ok(self.newlines + 1 - usize::from(last[0] == b'\n'))
    }
}

/// The first pass over `[0, size)`, split between the cores natively.
fn first_pass<S: Source + ?Sized>(source: &S, size: usize, chunk: usize) -> io::Result<Pass> {
    let parts = super::scan::available_cores().min(size.div_ceil(chunk)).max(1);
    let bounds: Vec<(usize, usize)> =
        (0..parts).map(|k| (size / parts * k, if k + 1 == parts { size } else { size / parts * (k + 1) })).collect();
    let mut pass = Pass::new();
    for part in super::scan::on_cores(&bounds, |b| scan_part(source, b, chunk)) {
        let part = part?;
        let before = pass.newlines;
        pass.chunks.extend(part.chunks.iter().map(|&(at, n)| (at, n + before)));
        pass.newlines += part.newlines;
        pass.invalid_utf8 |= part.invalid_utf8;
        pass.hits.merge(part.hits);
    }
    pass.hits.cap_values();
    Ok(pass)
}

/// memchr counts with SIMD: 3 ms per 100 MB here, against 24 ms for `iter().filter().count()`.
fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The first pass over the matches starting in `[start, end)`, chunk by chunk through one buffer.
fn scan_part<S: Source + ?Sized>(source: &S, (start, end): (usize, usize), chunk: usize) -> io::Result<Pass> {
    let mut pass = Pass::new();
    let mut buf = vec![0u8; chunk + OVERLAP];
    let mut at = start;
    // Continuation bytes at the start of a chunk belong to a character the previous chunk checked.
    let mut skip = None;
    while at < end {
        let own = chunk.min(end - at);
        let n = read_exact(source, &mut buf, at)?;
        let data = &buf[..n];
        let own = own.min(n);
        if own == 0 {
            break;
        }
        pass.chunks.push((at, pass.newlines));
        scan_chunk(data, own, at, &mut pass.hits);
        pass.newlines += newlines(&data[..own]);
        // UTF-8: from the first character that starts here to the end of the last one that does.
        let from = match skip {
            Some(n) => n,
            None if at == 0 => 0,
            None => data.iter().take(3).take_while(|&&b| is_continuation(b)).count(),
        };
        let mut to = own;
        while to < n && to < own + 3 && is_continuation(data[to]) {
            to += 1;
        }
        // (A chunk of nothing but the previous character's last bytes has nothing left to check.)
        pass.invalid_utf8 |= from < to && std::str::from_utf8(&data[from..to]).is_err();
        skip = Some(to - own);
        at += own;
    }
    Ok(pass)
}

/// The ranges to read again: the ends of the input and around every match and section line,
/// merged, in order.
fn excerpts(hits: &Hits, size: usize) -> Vec<(usize, usize)> {
    let edge = FEATURE_EDGE + RADIUS;
    let mut ranges: Vec<(usize, usize)> = vec![(0, edge.min(size)), (size.saturating_sub(edge), size)];
    for &(s, e) in hits.symptoms.iter().flatten().flatten() {
        ranges.push((s.saturating_sub(RADIUS), e.saturating_add(RADIUS).min(size)));
    }
    // Values read a section line's name, within 2 KiB of its start.
    for &(at, _) in &hits.values {
        ranges.push((at.saturating_sub(4096), at.saturating_add(4096).min(size)));
    }
    super::merge_ranges(ranges)
}

/// One excerpt in the joined text.
struct Piece {
    /// Where it starts in the input.
    start: usize,
    /// 1-based number, in the joined text, of the line holding its first byte.
    first_line: usize,
    /// Lines of the joined text it spans.
    lines: usize,
}

fn read_excerpts<S: Source + ?Sized>(source: &S, excerpts: &[(usize, usize)]) -> io::Result<(Vec<u8>, Vec<Piece>)> {
    let mut text = Vec::new();
    let mut pieces = Vec::new();
    let mut line = 1;
    for &(s, e) in excerpts {
        if !text.is_empty() {
            text.push(b'\n');
            line += 1;
        }
        let from = text.len();
        text.resize(from + (e - s), 0);
        let n = read_exact(source, &mut text[from..], s)?;
        text.truncate(from + n);
        let newlines = newlines(&text[from..]);
        pieces.push(Piece { start: s, first_line: line, lines: newlines + 1 });
        line += newlines;
    }
    Ok((text, pieces))
}

/// Line numbers of the input, from the first pass' per-chunk counts plus one read.
struct LineFinder<'a, S: Source + ?Sized> {
    source: &'a S,
    chunks: &'a [(usize, usize)],
    /// Per piece, once found: the input's line number of its first byte.
    starts: Vec<Option<usize>>,
}

impl<S: Source + ?Sized> LineFinder<'_, S> {
    /// 1-based line number in the input of the byte at `offset`.
    fn line_at(&mut self, offset: usize) -> io::Result<usize> {
        let i = self.chunks.partition_point(|c| c.0 <= offset).saturating_sub(1);
        let Some(&(start, before)) = self.chunks.get(i) else { return Ok(1) };
        let mut buf = vec![0u8; offset - start];
        let n = read_exact(self.source, &mut buf, start)?;
        Ok(before + newlines(&buf[..n]) + 1)
    }

    /// The input's line number for line `line` of the joined text.
    fn original_line(&mut self, pieces: &[Piece], line: usize) -> io::Result<usize> {
        let i = pieces.partition_point(|p| p.first_line <= line).saturating_sub(1);
        let Some(p) = pieces.get(i).filter(|p| line < p.first_line + p.lines) else { return Ok(line) };
        let start = match self.starts[i] {
            Some(n) => n,
            None => {
                let n = self.line_at(p.start)?;
                self.starts[i] = Some(n);
                n
            }
        };
        Ok(start + (line - p.first_line))
    }
}
