//! Pasted text in a link: redacted first, raw deflate, base64url, capped on the way in and out.
//!
//! Wire form (link version 1): `paste=d<base64url without padding of raw deflate>`; the leading `d`
//! names the codec so another one can be added later without breaking old links.

use crate::redact::{redact, Redaction};

/// Most compressed bytes a link may carry (about 21.8 KB of base64url in the fragment).
pub const MAX_PASTE_COMPRESSED: usize = 16 * 1024;
/// Most text a paste may inflate to; stops a zip bomb (deflate expands up to ~1000×).
pub const MAX_PASTE_TEXT: usize = 512 * 1024;

const TAG: char = 'd';

/// Redacted pasted text together with its link form (computed once: the page builds many links).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paste {
    text: String,
    encoded: String,
}

/// Why a text cannot go into a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteError {
    Empty,
    /// Compressed (or, before compressing, raw) size over the cap.
    TooLarge {
        bytes: usize,
    },
}

/// Why a link's paste was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Undecodable {
    TooLarge,
    Damaged,
}

impl Paste {
    /// Redacts `raw` and packs it for a link. The redactions are for the page to show.
    pub fn new(raw: &str) -> Result<(Paste, Vec<Redaction>), PasteError> {
        if raw.trim().is_empty() {
            return Err(PasteError::Empty);
        }
        if raw.len() > MAX_PASTE_TEXT {
            return Err(PasteError::TooLarge { bytes: raw.len() });
        }
        let r = redact(raw);
        let packed = miniz_oxide::deflate::compress_to_vec(r.text.as_bytes(), 9);
        if packed.len() > MAX_PASTE_COMPRESSED {
            return Err(PasteError::TooLarge { bytes: packed.len() });
        }
        let mut encoded = String::with_capacity(1 + packed.len() * 4 / 3 + 2);
        encoded.push(TAG);
        encode_b64url(&packed, &mut encoded);
        Ok((Paste { text: r.text, encoded }, r.found))
    }

    /// The redacted text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What goes after `paste=` in the fragment.
    pub fn encoded(&self) -> &str {
        &self.encoded
    }

    /// Reads a link's `paste` value. The size is checked before anything is decoded or inflated.
    pub(crate) fn decode(value: &str) -> Result<Paste, Undecodable> {
        let body = value.strip_prefix(TAG).ok_or(Undecodable::Damaged)?;
        if body.len() > MAX_PASTE_COMPRESSED.div_ceil(3) * 4 {
            return Err(Undecodable::TooLarge);
        }
        let packed = decode_b64url(body).ok_or(Undecodable::Damaged)?;
        let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_PASTE_TEXT).map_err(|e| match e
            .status
        {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Undecodable::TooLarge,
            _ => Undecodable::Damaged,
        })?;
        let text = String::from_utf8(bytes).map_err(|_| Undecodable::Damaged)?;
        if text.trim().is_empty() {
            return Err(Undecodable::Damaged);
        }
        Ok(Paste { text, encoded: value.to_string() })
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url (RFC 4648 §5) without padding; a dozen lines instead of a dependency.
pub fn encode_b64url(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
}

/// The inverse of [`encode_b64url`]; `None` for any other character, a dangling single character or
/// non-zero padding bits (so every byte string has exactly one accepted spelling).
pub fn decode_b64url(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let bytes = s.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let full = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = chunk.len() - 1;
        if full[keep..].iter().any(|&b| b != 0) && chunk.len() < 4 {
            return None;
        }
        out.extend_from_slice(&full[..keep]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        for (raw, enc) in
            [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")]
        {
            let mut s = String::new();
            encode_b64url(raw.as_bytes(), &mut s);
            assert_eq!(s, enc);
            assert_eq!(decode_b64url(enc).as_deref(), Some(raw.as_bytes()));
        }
        assert_eq!(decode_b64url("+/"), None);
        assert_eq!(decode_b64url("Zg="), None);
        assert_eq!(decode_b64url("Zh"), None, "non-zero padding bits");
        assert_eq!(decode_b64url("Z"), None);
    }

    #[test]
    fn pastes_are_redacted_and_round_trip() {
        let (p, found) = Paste::new("x\nCI_REGISTRY_PASSWORD=Kq8Lm2xZk9WvT4nB1cY8\n").unwrap();
        assert_eq!(p.text(), "x\nCI_REGISTRY_PASSWORD=[REDACTED]\n");
        assert_eq!(found.len(), 1);
        assert_eq!(Paste::decode(p.encoded()), Ok(p));
        assert_eq!(Paste::new("  \n"), Err(PasteError::Empty));
    }
}
