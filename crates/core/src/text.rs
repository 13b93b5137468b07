//! The tiny bit of markup knowledge-base texts may use: `inline code` between backticks.
//! Everything else is plain text, so nothing from the knowledge base is ever rendered as HTML.

/// A piece of a text: plain, or code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Plain(&'a str),
    Code(&'a str),
}

/// Splits on backticks. An unpaired backtick is kept as plain text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`') else { break };
        if open > 0 {
            out.push(Piece::Plain(&rest[..open]));
        }
        out.push(Piece::Code(&rest[open + 1..open + 1 + close]));
        rest = &rest[open + close + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Plain(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_code_spans() {
        assert_eq!(
            pieces("run `docker login` now"),
            vec![Piece::Plain("run "), Piece::Code("docker login"), Piece::Plain(" now")]
        );
        assert_eq!(pieces("a ` b"), vec![Piece::Plain("a ` b")]);
    }
}
