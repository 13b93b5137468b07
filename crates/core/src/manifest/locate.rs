//! Finding the one JSON document in what the user pasted: terminal copies often start with the
//! prompt and command line (`$ crane manifest …`) and end with the next prompt or a tool's summary.

use crate::json::{self, ErrorKind, ParseError, Parsed, Span};

/// Candidates tried before giving up: bounds the work on hostile input (each failed try can scan far).
const MAX_CANDIDATES: usize = 32;

pub struct Located {
    pub parsed: Parsed,
    /// The JSON document's exact text.
    pub span: Span,
    /// Non-blank text before and after it.
    pub leading: Option<Span>,
    pub trailing: Option<Span>,
}

/// The document, or the most telling syntax error: the one that got furthest into the text.
pub fn locate(text: &str) -> Result<Located, ParseError> {
    let mut best: Option<ParseError> = None;
    for start in candidates(text).take(MAX_CANDIDATES) {
        match json::parse_prefix(text, start) {
            Ok((parsed, end)) => {
                let lead = text.get(..start).unwrap_or("");
                let rest = text.get(end..).unwrap_or("");
                let whole = lead.trim().is_empty() && rest.trim().is_empty();
                // A bare number or word inside a prompt is not the document the user meant.
                let container = parsed.value.as_object().is_some() || parsed.value.as_array().is_some();
                if !whole && !container {
                    continue;
                }
                let doc_start = parsed.value.span.start;
                return Ok(Located {
                    span: Span { start: doc_start, end },
                    leading: non_blank(text, 0, doc_start),
                    trailing: non_blank(text, end, text.len()),
                    parsed,
                });
            }
            Err(e) => {
                // A document cut short is the answer: later candidates would only be inner objects.
                let truncated = e.kind == ErrorKind::UnexpectedEnd;
                if best.is_none_or(|b| e.pos.offset > b.pos.offset) {
                    best = Some(e);
                }
                if truncated {
                    break;
                }
            }
        }
    }
    Err(best.unwrap_or(ParseError { kind: ErrorKind::Empty, pos: json::pos_of(text, text.len()) }))
}

/// The first non-blank character, then every `{` or `[` that starts a line: tools print the top
/// level of their JSON at column 1, while inner objects of pretty-printed JSON are indented.
fn candidates(text: &str) -> impl Iterator<Item = usize> + '_ {
    // A byte-order mark (Windows editors) is not text before the document.
    let first = text.find(|c: char| !c.is_whitespace() && c != '\u{feff}');
    let line_starts = text
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .filter(move |&i| matches!(text.as_bytes().get(i), Some(b'{' | b'[')))
        .filter(move |&i| Some(i) > first);
    first.into_iter().chain(line_starts)
}

fn non_blank(text: &str, start: usize, end: usize) -> Option<Span> {
    let s = text.get(start..end)?;
    let blank = |c: char| c.is_whitespace() || c == '\u{feff}';
    let lead = s.len() - s.trim_start_matches(blank).len();
    let trimmed = s.trim_matches(blank);
    if trimmed.is_empty() {
        return None;
    }
    Some(Span { start: start + lead, end: start + lead + trimmed.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_document_among_prompts() {
        let text = "$ crane manifest x\n{\"a\": {\n  \"b\": 1}}\n$ echo done\n";
        let l = locate(text).unwrap();
        assert_eq!(&text[l.span.start..l.span.end], "{\"a\": {\n  \"b\": 1}}");
        assert_eq!(l.leading.map(|s| &text[s.start..s.end]), Some("$ crane manifest x"));
        assert_eq!(l.trailing.map(|s| &text[s.start..s.end]), Some("$ echo done"));
    }

    #[test]
    fn truncated_document_reports_the_end_not_an_inner_object() {
        let text = "{\n  \"manifests\": [\n{\"a\": 1},\n{\"b\": 2}";
        let e = locate(text).err().unwrap();
        assert_eq!(e.kind, ErrorKind::UnexpectedEnd);
        // a bare word in a prompt is not a document; the JSON after it is
        assert!(locate("true story\n[1]").is_ok_and(|l| l.span.start == 11));
        assert_eq!(locate("no json here").err().map(|e| e.pos.column), Some(1));
    }
}
