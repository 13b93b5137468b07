//! A small JSON parser that keeps positions.
//!
//! serde_json costs about 29 KB brotli in the page and forgets where values were; the manifest
//! analyzer needs the byte span, line and column of every value to point at the offending spot, and
//! the order of object keys plus duplicates (Go's decoder, the registry's, silently keeps the last).
//! The parser is recursive descent bounded by [`MAX_DEPTH`], so hostile nesting cannot blow the stack
//! (or the recursive drop of the tree), and it never panics: every index is checked.
//!
//! Columns count Unicode scalar values from 1, lines count `\n` from 1.

use std::fmt;

/// Deeper nesting is refused: real manifests nest 4–5 levels.
pub const MAX_DEPTH: usize = 64;

/// A half-open byte range `start..end` in the parsed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A place in the text: 1-based line and column (in characters), and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub offset: usize,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: Kind,
    pub span: Span,
    /// Where the value starts.
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Vec<Member>),
}

/// A number as written, with its value when it fits.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    /// Set when the text is an integer that fits in i64 (no fraction, no exponent).
    pub int: Option<i64>,
    pub float: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_pos: Pos,
    pub key_span: Span,
    pub value: Value,
}

/// A key that appears twice in one object.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// JSON path of the object that holds the key (`$.config`).
    pub object_path: String,
    pub key: String,
    /// The second (and later) occurrence.
    pub pos: Pos,
    pub span: Span,
    pub first: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text ended inside a value.
    UnexpectedEnd,
    /// A character that cannot start or continue a value here.
    UnexpectedChar(char),
    /// A raw control character (such as a newline) inside a string.
    ControlInString,
    InvalidEscape,
    InvalidNumber,
    /// A word that is not `true`, `false` or `null`.
    InvalidLiteral,
    /// Deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Non-whitespace after the value.
    TrailingText,
    /// Nothing but whitespace.
    Empty,
}

/// Why the text is not JSON, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ErrorKind,
    pub pos: Pos,
}

impl ParseError {
    pub fn message_en(&self) -> String {
        let what = match self.kind {
            ErrorKind::UnexpectedEnd => "the text ends in the middle of a JSON value (truncated?)".to_string(),
            ErrorKind::UnexpectedChar(c) => format!("unexpected character {}", show_char(c)),
            ErrorKind::ControlInString => "raw control character (such as a line break) inside a string".into(),
            ErrorKind::InvalidEscape => "invalid escape sequence in a string".into(),
            ErrorKind::InvalidNumber => "invalid number".into(),
            ErrorKind::InvalidLiteral => "not a JSON value (only true, false and null are bare words)".into(),
            ErrorKind::TooDeep => format!("nested deeper than {MAX_DEPTH} levels"),
            ErrorKind::TrailingText => "text after the end of the JSON value".into(),
            ErrorKind::Empty => "no JSON found (the input is empty)".into(),
        };
        format!("line {}, column {}: {what}", self.pos.line, self.pos.column)
    }

    pub fn message_ja(&self) -> String {
        let what = match self.kind {
            ErrorKind::UnexpectedEnd => {
                "JSON の値の途中でテキストが終わっています（途中で切れていませんか）".to_string()
            }
            ErrorKind::UnexpectedChar(c) => format!("予期しない文字 {} があります", show_char(c)),
            ErrorKind::ControlInString => "文字列の中に改行などの制御文字がそのまま含まれています".into(),
            ErrorKind::InvalidEscape => "文字列のエスケープシーケンスが不正です".into(),
            ErrorKind::InvalidNumber => "数値の書き方が不正です".into(),
            ErrorKind::InvalidLiteral => {
                "JSON の値ではありません（引用符なしで書ける語は true、false、null だけです）".into()
            }
            ErrorKind::TooDeep => format!("入れ子が {MAX_DEPTH} 段を超えています"),
            ErrorKind::TrailingText => "JSON の値の後ろに余分なテキストがあります".into(),
            ErrorKind::Empty => "JSON が見つかりません（入力が空です）".into(),
        };
        format!("{} 行 {} 列: {what}", self.pos.line, self.pos.column)
    }
}

fn show_char(c: char) -> String {
    if c == '\n' {
        "(a line break)".into()
    } else if c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for ParseError {}

/// One parsed JSON value and what the parser noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub value: Value,
    pub duplicates: Vec<Duplicate>,
}

/// Parses `text` as exactly one JSON value (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let mut p = Parser::new(text, 0);
    let parsed = p.value_at_start()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error_here(ErrorKind::TrailingText));
    }
    Ok(parsed)
}

/// Parses one JSON value starting at byte `start` (after optional whitespace) and returns it with the
/// offset just past it; whatever follows is left to the caller. Positions stay relative to `text`.
pub fn parse_prefix(text: &str, start: usize) -> Result<(Parsed, usize), ParseError> {
    let mut p = Parser::new(text, start);
    let parsed = p.value_at_start()?;
    Ok((parsed, p.pos))
}

/// Where byte `offset` of `text` is (line, column). Linear; for the odd lookup only.
pub fn pos_of(text: &str, offset: usize) -> Pos {
    let mut cursor = Cursor::default();
    cursor.advance(text.as_bytes(), offset.min(text.len()))
}

/// Turns byte offsets into lines and columns, walking forward only, so that asking for increasing
/// offsets costs O(text) in total even when the whole document is one 5 MB line.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    offset: usize,
    line: u32,
    column: u32,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor { offset: 0, line: 1, column: 1 }
    }
}

impl Cursor {
    fn advance(&mut self, bytes: &[u8], to: usize) -> Pos {
        let to = to.min(bytes.len());
        if to < self.offset {
            // Never happens in the parser; recount from the start rather than go wrong.
            *self = Cursor::default();
        }
        for &b in bytes.get(self.offset..to).unwrap_or(&[]) {
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                self.column = self.column.saturating_add(1);
            }
        }
        self.offset = to;
        Pos { offset: to, line: self.line, column: self.column }
    }
}

enum Seg {
    Key(String),
    Index(usize),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    cursor: Cursor,
    depth: usize,
    path: Vec<Seg>,
    duplicates: Vec<Duplicate>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, start: usize) -> Self {
        let mut cursor = Cursor::default();
        cursor.advance(text.as_bytes(), start);
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: start.min(text.len()),
            cursor,
            depth: 0,
            path: Vec::new(),
            duplicates: Vec::new(),
        }
    }

    fn here(&mut self) -> Pos {
        self.cursor.advance(self.bytes, self.pos)
    }

    fn error_here(&mut self, kind: ErrorKind) -> ParseError {
        ParseError { kind, pos: self.here() }
    }

    /// The error for the byte at `self.pos`: end of input or the character found there.
    fn unexpected(&mut self) -> ParseError {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) => self.error_here(ErrorKind::UnexpectedChar(c)),
            None => self.error_here(ErrorKind::UnexpectedEnd),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value_at_start(&mut self) -> Result<Parsed, ParseError> {
        self.skip_ws();
        if self.pos >= self.bytes.len() {
            return Err(self.error_here(ErrorKind::Empty));
        }
        let value = self.value()?;
        Ok(Parsed { value, duplicates: std::mem::take(&mut self.duplicates) })
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        self.skip_ws();
        let start = self.pos;
        let pos = self.here();
        let kind = match self.peek() {
            None => return Err(self.error_here(ErrorKind::UnexpectedEnd)),
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Kind::String(self.string()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(_) => return Err(self.unexpected()),
        };
        Ok(Value { kind, span: Span { start, end: self.pos }, pos })
    }

    /// `true`/`false`/`null`; anything else starting with t, f or n is reported at its first letter
    /// (`nope` is a word, not a broken `null`).
    fn literal(&mut self, word: &str, kind: Kind) -> Result<Kind, ParseError> {
        let end = self.pos + word.len();
        if self.bytes.get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            return Ok(kind);
        }
        if self.bytes.len() < end && word.as_bytes().starts_with(self.bytes.get(self.pos..).unwrap_or(&[])) {
            self.pos = self.bytes.len();
            return Err(self.error_here(ErrorKind::UnexpectedEnd));
        }
        Err(self.error_here(ErrorKind::InvalidLiteral))
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error_here(ErrorKind::TooDeep));
        }
        self.depth += 1;
        self.pos += 1; // the opening bracket
        Ok(())
    }

    fn array(&mut self) -> Result<Kind, ParseError> {
        self.enter()?;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Kind::Array(items));
        }
        loop {
            self.path.push(Seg::Index(items.len()));
            let item = self.value();
            self.path.pop();
            items.push(item?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.unexpected()),
            }
        }
        self.depth -= 1;
        Ok(Kind::Array(items))
    }

    fn object(&mut self) -> Result<Kind, ParseError> {
        self.enter()?;
        let mut members: Vec<Member> = Vec::new();
        // Small objects compare keys linearly; big ones (annotations with thousands of keys) hash.
        let mut seen: Option<std::collections::HashMap<String, usize>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Kind::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected());
            }
            let key_start = self.pos;
            let key_pos = self.here();
            let key = self.string()?;
            let key_span = Span { start: key_start, end: self.pos };
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected());
            }
            self.pos += 1;
            self.path.push(Seg::Key(key.clone()));
            let value = self.value();
            self.path.pop();
            let value = value?;

            if members.len() == 16 && seen.is_none() {
                seen = Some(members.iter().enumerate().map(|(i, m)| (m.key.clone(), i)).collect());
            }
            let first = match &mut seen {
                Some(map) => map.get(&key).copied().or_else(|| {
                    map.insert(key.clone(), members.len());
                    None
                }),
                None => members.iter().position(|m| m.key == key),
            };
            if let Some(i) = first {
                let first = members.get(i).map(|m| m.key_pos).unwrap_or_default();
                self.duplicates.push(Duplicate {
                    object_path: render_path(&self.path),
                    key: key.clone(),
                    pos: key_pos,
                    span: key_span,
                    first,
                });
            }
            members.push(Member { key, key_pos, key_span, value });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.unexpected()),
            }
        }
        self.depth -= 1;
        Ok(Kind::Object(members))
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            // Copy the run of ordinary bytes in one go; `"` and `\` are ASCII so the run ends on a
            // character boundary and slicing `text` cannot fail.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(self.error_here(ErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error_here(ErrorKind::ControlInString)),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error_here(ErrorKind::UnexpectedEnd));
        };
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.pos += 1;
                let hi = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&hi) && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
                    // A surrogate pair; a lone surrogate becomes U+FFFD (as serde_json's lossy mode
                    // would), the registry only cares about ASCII keys and values anyway.
                    let save = self.pos;
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if (0xDC00..0xE000).contains(&lo) {
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                    } else {
                        self.pos = save;
                        None
                    }
                } else {
                    char::from_u32(hi)
                };
                out.push(c.unwrap_or('\u{FFFD}'));
                return Ok(());
            }
            _ => return Err(self.error_here(ErrorKind::InvalidEscape)),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                None => return Err(self.error_here(ErrorKind::UnexpectedEnd)),
                Some(_) => return Err(self.error_here(ErrorKind::InvalidEscape)),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Number, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = self.digits();
        if n == 0 || (n > 1 && self.bytes.get(int_start) == Some(&b'0')) {
            self.pos = int_start;
            return Err(self.error_here(ErrorKind::InvalidNumber));
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error_here(ErrorKind::InvalidNumber));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integral = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error_here(ErrorKind::InvalidNumber));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or("").to_string();
        let int = if integral { text.parse::<i64>().ok() } else { None };
        let float = text.parse::<f64>().ok().filter(|f| f.is_finite());
        Ok(Number { text, int, float })
    }
}

fn render_path(path: &[Seg]) -> String {
    let mut out = String::from("$");
    for seg in path {
        match seg {
            Seg::Key(k) => push_key(&mut out, k),
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Appends `.key`, or `["key"]` when the key is not a plain identifier.
pub fn push_key(out: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !key.as_bytes()[0].is_ascii_digit();
    if plain {
        out.push('.');
        out.push_str(key);
    } else {
        out.push_str("[\"");
        for c in key.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push_str("\"]");
    }
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_number(&self) -> Option<&Number> {
        match &self.kind {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// The member `key` of an object (the last one when duplicated, as Go's decoder does).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.iter().rev().find(|m| m.key == key).map(|m| &m.value)
    }

    /// `"string"`, `"number"` …, for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "boolean",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
        }
    }

    /// The compact form (no insignificant whitespace, keys in their order, numbers as written,
    /// strings re-escaped minimally): what `jq -c` or Go's `json.Compact` print for the same
    /// document, modulo number and escape spelling.
    pub fn write_compact(&self, out: &mut String) {
        match &self.kind {
            Kind::Null => out.push_str("null"),
            Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Kind::Number(n) => out.push_str(&n.text),
            Kind::String(s) => write_string(out, s),
            Kind::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_compact(out);
                }
                out.push(']');
            }
            Kind::Object(members) => {
                out.push('{');
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, &m.key);
                    out.push(':');
                    m.value.write_compact(out);
                }
                out.push('}');
            }
        }
    }

    pub fn to_compact(&self) -> String {
        let mut out = String::with_capacity(self.span.end.saturating_sub(self.span.start));
        self.write_compact(&mut out);
        out
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_positions_and_order() {
        let text = "{\n  \"b\": [1, -2.5e3, true],\n  \"a\": \"é\\u00e9\\ud83d\\ude00\", \"c\": null\n}";
        let p = parse(text).unwrap();
        let obj = p.value.as_object().unwrap();
        assert_eq!(obj.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(), ["b", "a", "c"]);
        let b = &obj[0].value;
        assert_eq!((b.pos.line, b.pos.column), (2, 8));
        let items = b.as_array().unwrap();
        assert_eq!(items[0].as_number().unwrap().int, Some(1));
        let n = items[1].as_number().unwrap();
        assert_eq!((n.text.as_str(), n.int, n.float), ("-2.5e3", None, Some(-2500.0)));
        assert_eq!((items[2].pos.line, items[2].pos.column), (2, 20));
        assert_eq!(obj[1].value.as_str(), Some("éé😀"));
        // the column after a multi-byte character counts characters
        assert_eq!((obj[2].key_pos.line, obj[2].key_pos.column), (3, 31));
        assert_eq!(&text[b.span.start..b.span.end], "[1, -2.5e3, true]");
    }

    #[test]
    fn reports_duplicates_with_paths() {
        let p = parse(r#"{"config":{"size":1,"size":2},"x":[{"k":1,"k":2}]}"#).unwrap();
        let d: Vec<_> = p.duplicates.iter().map(|d| (d.object_path.as_str(), d.key.as_str())).collect();
        assert_eq!(d, [("$.config", "size"), ("$.x[0]", "k")]);
        assert_eq!(p.value.get("config").unwrap().get("size").unwrap().as_number().unwrap().int, Some(2));
    }

    #[test]
    fn errors_are_typed_and_located() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidLiteral);
        assert_eq!((e.pos.line, e.pos.column), (2, 8));
        assert_eq!(parse("[nul").unwrap_err().kind, ErrorKind::UnexpectedEnd);
        let cases = [
            ("", ErrorKind::Empty),
            ("{\"a\":", ErrorKind::UnexpectedEnd),
            ("\"a\nb\"", ErrorKind::ControlInString),
            ("\"\\x\"", ErrorKind::InvalidEscape),
            ("01", ErrorKind::InvalidNumber),
            ("1.", ErrorKind::InvalidNumber),
            ("{} x", ErrorKind::TrailingText),
            ("[1,]", ErrorKind::UnexpectedChar(']')),
        ];
        for (text, kind) in cases {
            assert_eq!(parse(text).unwrap_err().kind, kind, "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().kind, ErrorKind::TooDeep);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        assert!(parse(&"[".repeat(100_000)).is_err());
    }

    #[test]
    fn compact_form_and_big_numbers() {
        let p = parse("{ \"a\" : [ 1 , 2 ], \"b\":\"q\\\"\\u0001\", \"n\": 123456789012345678901234 }").unwrap();
        assert_eq!(p.value.to_compact(), r#"{"a":[1,2],"b":"q\"\u0001","n":123456789012345678901234}"#);
        let n = p.value.get("n").unwrap().as_number().unwrap();
        assert_eq!(n.int, None);
        assert!(n.float.is_some());
    }

    #[test]
    fn prefix_parse_leaves_the_rest() {
        let text = "$ cmd\n{\"a\":1}\nDone";
        let (p, end) = parse_prefix(text, 6).unwrap();
        assert_eq!(&text[end..], "\nDone");
        assert_eq!((p.value.pos.line, p.value.pos.column), (2, 1));
    }
}
