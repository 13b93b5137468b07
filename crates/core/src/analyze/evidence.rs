//! Cutting the evidence out of the input: the matching lines with their line numbers, the matched
//! literal's position for highlighting, and a little context. Terminal noise (ANSI colour codes,
//! carriage-return progress bars, Windows line endings) is removed from what is shown.

/// Lines of context shown before and after a matching line.
pub const CONTEXT: usize = 2;
/// At most this many lines (matches and context) are returned.
pub const MAX_LINES: usize = 40;
/// Longer lines are cut, in characters.
pub const MAX_LINE_CHARS: usize = 400;

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

/// `ranges` are byte ranges of matched literals, sorted by start.
pub fn collect(input: &[u8], ranges: &[(usize, usize)]) -> Vec<EvidenceLine> {
    // Line number and line span of each match, counting newlines incrementally.
    let mut wanted: Vec<(usize, usize, usize)> = Vec::new(); // (line_no, line_start, line_end)
    let mut literals_by_line: Vec<Vec<&[u8]>> = Vec::new();
    let mut line_no = 1;
    let mut counted_to = 0;
    for &(start, end) in ranges {
        let start = start.min(input.len());
        if start < counted_to {
            // Several matches on one line: already counted.
        } else {
            line_no += memchr::memchr_iter(b'\n', &input[counted_to..start]).count();
            counted_to = start;
        }
        let ls = memchr::memrchr(b'\n', &input[..start]).map_or(0, |i| i + 1);
        let le = memchr::memchr(b'\n', &input[start..]).map_or(input.len(), |i| start + i);
        let literal = &input[start..end.min(input.len())];
        match wanted.last() {
            Some(&(n, _, _)) if n == line_no => literals_by_line.last_mut().expect("parallel vecs").push(literal),
            _ => {
                wanted.push((line_no, ls, le));
                literals_by_line.push(vec![literal]);
            }
        }
    }
    let mut out: Vec<EvidenceLine> = Vec::new();
    for ((line_no, ls, le), literals) in wanted.iter().zip(&literals_by_line) {
        if out.len() >= MAX_LINES {
            break;
        }
        let before = context_before(input, *ls, *line_no);
        for (n, text) in before {
            push_line(&mut out, n, text, &[]);
        }
        push_line(&mut out, *line_no, &input[*ls..*le], literals);
        for (n, text) in context_after(input, *le, *line_no) {
            push_line(&mut out, n, text, &[]);
        }
    }
    out.truncate(MAX_LINES);
    out
}

fn push_line(out: &mut Vec<EvidenceLine>, line: usize, raw: &[u8], literals: &[&[u8]]) {
    let text = clean_line(raw, literals);
    let highlights = highlight(&text, literals);
    if let Some(existing) = out.iter_mut().find(|l| l.line == line) {
        // A context line that turns out to match too: upgrade it.
        if existing.highlights.is_empty() && !highlights.is_empty() {
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
        if end == 0 {
            break;
        }
        let prev_end = end - 1; // the '\n' ending the previous line
        let prev_start = memchr::memrchr(b'\n', &input[..prev_end]).map_or(0, |i| i + 1);
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
        if start > input.len() || (start == input.len()) {
            break;
        }
        let end = memchr::memchr(b'\n', &input[start..]).map_or(input.len(), |i| start + i);
        lines.push((line_no + k, &input[start..end]));
        start = end + 1;
    }
    lines
}

/// What a terminal would show for this line: ANSI escapes removed, a trailing `\r` dropped, and of a
/// carriage-return progress bar only the segment that holds the match (or the last one).
pub fn clean_line(raw: &[u8], literals: &[&[u8]]) -> String {
    let text = String::from_utf8_lossy(raw);
    let text = strip_ansi(&text);
    let text = text.strip_suffix('\r').unwrap_or(&text);
    let segment = if text.contains('\r') {
        let segments: Vec<&str> = text.split('\r').collect();
        segments
            .iter()
            .find(|s| literals.iter().any(|l| contains(s.as_bytes(), l)))
            .or(segments.iter().rev().find(|s| !s.trim().is_empty()))
            .copied()
            .unwrap_or("")
    } else {
        text
    };
    truncate_chars(segment, MAX_LINE_CHARS)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && memchr::memmem::find(hay, needle).is_some()
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Removes CSI (`ESC [ … final`) and OSC (`ESC ] … BEL/ST`) sequences and other lone escapes.
pub fn strip_ansi(s: &str) -> String {
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
    spans.sort_unstable();
    // Merge overlaps so the page can wrap each span in one <mark>.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_colours_and_progress_bars() {
        assert_eq!(strip_ansi("\u{1b}[31;1mERROR\u{1b}[0;m done"), "ERROR done");
        let raw = b"Pushing [=>   ] 1MB\rPushing [===>] 2MB\rdenied: nope\r";
        assert_eq!(clean_line(raw, &[b"denied"]), "denied: nope");
    }

    #[test]
    fn numbers_lines_and_adds_context() {
        let text = b"a\nb\nc\nerror here\nd\ne\nf\n";
        let start = 6;
        let lines = collect(text, &[(start, start + 5)]);
        let numbers: Vec<usize> = lines.iter().map(|l| l.line).collect();
        assert_eq!(numbers, [2, 3, 4, 5, 6]);
        assert_eq!(lines[2].text, "error here");
        assert_eq!(lines[2].highlights, [(0, 5)]);
        assert!(!lines[0].is_match());
    }
}
