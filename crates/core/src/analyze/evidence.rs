//! Cutting the evidence out of the input: the matching lines with their line numbers, the matched
//! literal's position for highlighting, and a little context. What is shown is what a terminal or
//! GitLab's job log would show: ANSI colour codes removed, of a carriage-return progress bar only the
//! segment that holds the match (or the last one), no `\r` of Windows line endings, no runner
//! timestamp prefix. Every search here is bounded, so a 100 MB line without a newline costs no more
//! than a short one.

/// Lines of context shown before and after a matching line.
pub const CONTEXT: usize = 2;
/// At most this many lines (matches and context) are returned.
pub const MAX_LINES: usize = 40;
/// Longer lines are cut, in characters.
pub const MAX_LINE_CHARS: usize = 400;
/// How far to look for the ends of a line. A line longer than this is shown cut around the match,
/// without context lines on the side that was not reached.
const SEARCH: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLine {
    /// 1-based line number in the pasted text.
    pub line: usize,
    pub text: String,
    /// Byte ranges of `text` to highlight; empty for a context line.
    pub highlights: Vec<(usize, usize)>,
}

impl EvidenceLine {
    pub fn is_match(&self) -> bool {
        !self.highlights.is_empty()
    }
}

/// Line numbers of chosen offsets, found in one sweep over the input (which also counts its lines).
#[derive(Debug, Default)]
pub struct LineIndex {
    offsets: Vec<usize>,
    numbers: Vec<usize>,
    /// Number of lines in the input.
    pub total: usize,
}

impl LineIndex {
    pub fn new(input: &[u8], mut offsets: Vec<usize>) -> LineIndex {
        offsets.sort_unstable();
        offsets.dedup();
        let mut numbers = Vec::with_capacity(offsets.len());
        let (mut line, mut at) = (1, 0);
        for &o in &offsets {
            let o = o.min(input.len());
            line += memchr::memchr_iter(b'\n', &input[at..o]).count();
            at = o;
            numbers.push(line);
        }
        let rest = memchr::memchr_iter(b'\n', &input[at..]).count();
        let total = if input.is_empty() { 0 } else { line + rest - usize::from(input.ends_with(b"\n")) };
        LineIndex { offsets, numbers, total }
    }

    /// 1-based line number of an offset given to `new`.
    fn line_of(&self, offset: usize) -> usize {
        match self.offsets.binary_search(&offset) {
            Ok(i) => self.numbers[i],
            Err(_) => 0,
        }
    }
}

/// `ranges` are byte ranges of matched literals, sorted by start; their starts were given to `index`.
pub fn collect(input: &[u8], ranges: &[(usize, usize)], index: &LineIndex) -> Vec<EvidenceLine> {
    let mut out: Vec<EvidenceLine> = Vec::new();
    let mut i = 0;
    while i < ranges.len() && out.len() < MAX_LINES {
        let (start, end) = (ranges[i].0.min(input.len()), ranges[i].1.min(input.len()));
        let line_no = index.line_of(start);
        let (ls, le, whole_start, whole_end) = line_bounds(input, start, end);
        // Every match on this line is highlighted in the one evidence line.
        let mut literals: Vec<&[u8]> = vec![&input[start..end]];
        let mut j = i + 1;
        while j < ranges.len() && ranges[j].0 < le {
            literals.push(&input[ranges[j].0.min(input.len())..ranges[j].1.min(input.len())]);
            j += 1;
        }
        if whole_start {
            for (n, text) in context_before(input, ls, line_no) {
                push_line(&mut out, n, context_text(text), &[]);
            }
        }
        push_line(&mut out, line_no, match_text(input, ls, le, start, end), &literals);
        if whole_end {
            for (n, text) in context_after(input, le, line_no) {
                push_line(&mut out, n, context_text(text), &[]);
            }
        }
        i = j;
    }
    out.truncate(MAX_LINES);
    out
}

/// The line around `start..end`, searched at most `SEARCH` bytes each way; the flags say whether
/// the real line start and end were reached.
fn line_bounds(input: &[u8], start: usize, end: usize) -> (usize, usize, bool, bool) {
    let lo = start.saturating_sub(SEARCH);
    let (ls, whole_start) = match memchr::memrchr(b'\n', &input[lo..start]) {
        Some(i) => (lo + i + 1, true),
        None => (lo, lo == 0),
    };
    let hi = (end + SEARCH).min(input.len());
    let (le, whole_end) = match memchr::memchr(b'\n', &input[end..hi]) {
        Some(i) => (end + i, true),
        None => (hi, hi == input.len()),
    };
    (ls, le, whole_start, whole_end)
}

fn push_line(out: &mut Vec<EvidenceLine>, line: usize, text: String, literals: &[&[u8]]) {
    let highlights = highlight(&text, literals);
    if let Some(existing) = out.iter_mut().find(|l| l.line == line) {
        // A context line that turns out to match too: upgrade it.
        if existing.highlights.is_empty() && !highlights.is_empty() {
            existing.text = text;
            existing.highlights = highlights;
        }
        return;
    }
    let pos = out.partition_point(|l| l.line < line);
    out.insert(pos, EvidenceLine { line, text, highlights });
}

fn context_before(input: &[u8], line_start: usize, line_no: usize) -> Vec<(usize, &[u8])> {
    let mut lines = Vec::new();
    let mut end = line_start;
    for k in 1..=CONTEXT {
        if end == 0 || line_no <= k {
            break;
        }
        let prev_end = end - 1; // the '\n' ending the previous line
        let lo = prev_end.saturating_sub(SEARCH);
        let prev_start = match memchr::memrchr(b'\n', &input[lo..prev_end]) {
            Some(i) => lo + i + 1,
            None if lo == 0 => 0,
            None => break,
        };
        lines.push((line_no - k, &input[prev_start..prev_end]));
        end = prev_start;
    }
    lines.reverse();
    lines
}

fn context_after(input: &[u8], line_end: usize, line_no: usize) -> Vec<(usize, &[u8])> {
    let mut lines = Vec::new();
    let mut start = line_end + 1;
    for k in 1..=CONTEXT {
        if start >= input.len() {
            break;
        }
        let hi = (start + SEARCH).min(input.len());
        let end = match memchr::memchr(b'\n', &input[start..hi]) {
            Some(i) => start + i,
            None if hi == input.len() => hi,
            None => break,
        };
        lines.push((line_no + k, &input[start..end]));
        start = end + 1;
    }
    lines
}

/// The matching line as shown: the `\r` segment holding the match, cut around it when long.
fn match_text(input: &[u8], ls: usize, le: usize, start: usize, end: usize) -> String {
    let seg_start = memchr::memrchr(b'\r', &input[ls..start]).map_or(ls, |i| ls + i + 1);
    let seg_end = memchr::memchr(b'\r', &input[end..le]).map_or(le, |i| end + i);
    if seg_end - seg_start <= MAX_LINE_CHARS {
        return clean(&input[seg_start..seg_end], seg_start == ls);
    }
    // A long line: some context before the match, the rest after it.
    let from = char_start(input, seg_start.max(start.saturating_sub(MAX_LINE_CHARS / 4)));
    let to = char_start(input, seg_end.min(from.max(end) + MAX_LINE_CHARS / 2).max(end));
    let mut text = String::new();
    if from > seg_start {
        text.push('…');
    }
    text.push_str(&clean_untruncated(&input[from..to], from == ls));
    if to < seg_end {
        text.push('…');
    }
    text
}

/// A context line as shown: the last `\r` segment that has visible text.
fn context_text(raw: &[u8]) -> String {
    let mut segments = raw.split(|&b| b == b'\r').enumerate().collect::<Vec<_>>();
    segments.reverse();
    segments.into_iter().map(|(i, s)| clean(s, i == 0)).find(|s| !s.trim().is_empty()).unwrap_or_default()
}

/// Moves a cut position back to the start of the UTF-8 character it falls in.
fn char_start(input: &[u8], mut at: usize) -> usize {
    let floor = at.saturating_sub(3);
    while at > floor && at < input.len() && input[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
}

fn clean(raw: &[u8], at_line_start: bool) -> String {
    truncate_chars(&clean_untruncated(raw, at_line_start), MAX_LINE_CHARS)
}

fn clean_untruncated(raw: &[u8], at_line_start: bool) -> String {
    let text = strip_ansi(&String::from_utf8_lossy(raw));
    let text = text.trim_end_matches('\r');
    let text = if at_line_start { strip_timestamp(text) } else { text };
    text.replace('\r', "")
}

/// The runner's timestamp prefix (`2024-05-01T10:00:00.123456Z 01O `, GitLab Runner 17 with
/// timestamps on), which the job log page hides too.
pub fn strip_timestamp(line: &str) -> &str {
    let b = line.as_bytes();
    let shape = b.len() >= 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':';
    if !shape {
        return line;
    }
    let Some(z) = line[19..].find('Z').map(|i| 19 + i).filter(|&z| z <= 40) else { return line };
    let rest = &line[z + 1..];
    let Some(rest) = rest.strip_prefix(' ') else { return line };
    // Stream id (two hex digits) and type (O or E), then ' ' or '+' (a continued line).
    let rb = rest.as_bytes();
    if rb.len() >= 3 && rb[..2].iter().all(u8::is_ascii_hexdigit) && matches!(rb[2], b'O' | b'E') {
        let rest = &rest[3..];
        return rest.strip_prefix(['+', ' ']).map(|r| r.strip_prefix(' ').unwrap_or(r)).unwrap_or(rest);
    }
    rest
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Removes CSI (`ESC [ … final`) and OSC (`ESC ] … BEL/ST`) sequences and other lone escapes.
pub fn strip_ansi(s: &str) -> String {
    if !s.contains('\u{1b}') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('[') => {
                chars.next();
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                chars.next();
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || (c == '\u{1b}' && chars.peek() == Some(&'\\')) {
                        chars.next_if_eq(&'\\');
                        break;
                    }
                }
            }
            _ => {
                chars.next();
            }
        }
    }
    out
}

fn highlight(text: &str, literals: &[&[u8]]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for lit in literals {
        if lit.is_empty() {
            continue;
        }
        for start in memchr::memmem::find_iter(text.as_bytes(), lit) {
            spans.push((start, start + lit.len()));
        }
    }
    // Merge overlaps so the page can wrap each span in one <mark>.
    super::merge_ranges(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &[u8], ranges: &[(usize, usize)]) -> Vec<EvidenceLine> {
        let index = LineIndex::new(text, ranges.iter().map(|r| r.0).collect());
        collect(text, ranges, &index)
    }

    #[test]
    fn strips_colours_progress_bars_and_timestamps() {
        assert_eq!(strip_ansi("\u{1b}[31;1mERROR\u{1b}[0;m done"), "ERROR done");
        let raw = b"2024-05-01T10:00:00.1Z 01O Pushing [=>   ] 1MB\rPushing [===>] 2MB\rdenied: nope\r\nnext\r\n";
        let at = memchr::memmem::find(raw, b"denied").unwrap();
        let lines = evidence(raw, &[(at, at + 6)]);
        assert_eq!((lines[0].text.as_str(), lines[1].text.as_str()), ("denied: nope", "next"));
        assert_eq!(context_text(b"2024-05-01T10:00:00.1Z 01O Pushing 1\rPushing 2\r\x1b[0K"), "Pushing 2");
        assert_eq!(strip_timestamp("2024-05-01T10:00:00.123456Z 01O denied: x"), "denied: x");
        assert_eq!(strip_timestamp("2024-05-01T10:00:00.123456Z 00E+more"), "more");
        assert_eq!(strip_timestamp("2024-05-01 is a date"), "2024-05-01 is a date");
    }

    #[test]
    fn numbers_lines_and_adds_context() {
        let text = b"a\nb\nc\nerror here\nd\ne\nf\n";
        let lines = evidence(text, &[(6, 11)]);
        let numbers: Vec<usize> = lines.iter().map(|l| l.line).collect();
        assert_eq!(numbers, [2, 3, 4, 5, 6]);
        assert_eq!(lines[2].text, "error here");
        assert_eq!(lines[2].highlights, [(0, 5)]);
        assert!(!lines[0].is_match());
    }

    #[test]
    fn cuts_huge_lines_around_the_match() {
        let mut text = vec![b'x'; 300_000];
        text.extend_from_slice(b"denied: nope");
        text.extend(vec![b'y'; 300_000]);
        let lines = evidence(&text, &[(300_000, 300_006)]);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].text.chars().count() < MAX_LINE_CHARS + 3);
        let (s, e) = lines[0].highlights[0];
        assert_eq!(&lines[0].text[s..e], "denied");
    }

    #[test]
    fn counts_lines_once() {
        let index = LineIndex::new(b"a\nb\nc", vec![4, 2]);
        assert_eq!((index.line_of(2), index.line_of(4), index.total), (2, 3, 3));
        assert_eq!(LineIndex::new(b"a\n", vec![]).total, 1);
        assert_eq!(LineIndex::new(b"", vec![]).total, 0);
    }
}
