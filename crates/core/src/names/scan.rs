//! Hand-written scanners for the pieces of §R (no `regex`: this ships in the web build, and a scanner
//! can say *which* character breaks *which* rule, which a regex match cannot).
//!
//! Every scanner takes the piece and its byte offset in the whole input, and appends raw problems
//! `(rule, severity, byte offset)`; `mod.rs` turns them into [`super::Problem`]s with char indexes.

use super::rules::{Rule, Severity};

pub(super) type Raw = (Rule, Severity, usize);

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

fn is_sep(c: char) -> bool {
    matches!(c, '.' | '_' | '-')
}

/// Characters no field may hold: C0 controls (NUL, newline, escape …), DEL, C1 controls, and the
/// bidirectional/invisible characters that make a displayed command differ from the executed one
/// (perfsec §4.2, "Trojan Source").
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// One path component (between `/`). `gitlab` adds the rules GitLab applies to group and project
/// paths (§R.3) on top of the distribution grammar (§R.1).
pub(super) fn component(c: &str, base: usize, gitlab: bool, out: &mut Vec<Raw>) {
    if c.is_empty() {
        out.push((Rule::EmptyComponent, E, base));
        return;
    }
    // Characters first: report the first uppercase and the first foreign character once each, so a
    // long bad name gives two findings, not two hundred.
    if let Some((i, _)) = c.char_indices().find(|(_, ch)| ch.is_ascii_uppercase()) {
        // GitLab folds group/project paths to lowercase in the registry, so there it is a warning.
        out.push((Rule::Uppercase, if gitlab { W } else { E }, base + i));
    }
    if let Some((i, _)) =
        c.char_indices().find(|&(_, ch)| !ch.is_ascii_alphanumeric() && !is_sep(ch) && !is_forbidden_char(ch))
    {
        out.push((Rule::BadChar, E, base + i));
    }
    // Structure: separators only between alphanumerics, and only the allowed runs.
    let chars: Vec<(usize, char)> = c.char_indices().collect();
    let (first_i, first) = chars[0];
    if is_sep(first) {
        out.push((Rule::LeadingSeparator, E, base + first_i));
    }
    let (last_i, last) = chars[chars.len() - 1];
    if is_sep(last) && chars.len() > 1 {
        out.push((Rule::TrailingSeparator, E, base + last_i));
    }
    let mut k = 0;
    while k < chars.len() {
        if !is_sep(chars[k].1) {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && is_sep(chars[k].1) {
            k += 1;
        }
        if start == 0 || k == chars.len() {
            continue; // already reported as leading/trailing
        }
        let run = &c[chars[start].0..chars.get(k).map_or(c.len(), |p| p.0)];
        let ok = matches!(run, "." | "_" | "__") || run.bytes().all(|b| b == b'-');
        if !ok {
            out.push((Rule::BadSeparator, E, base + chars[start].0));
        } else if gitlab && run.len() > 1 {
            out.push((Rule::ConsecutiveSpecial, W, base + chars[start].0));
        }
    }
    if gitlab {
        let lower = c.to_ascii_lowercase();
        for suffix in [".git", ".atom"] {
            if lower.len() > suffix.len() && lower.ends_with(suffix) {
                out.push((Rule::ReservedSuffix, E, base + c.len() - suffix.len()));
            }
        }
        if c.chars().count() > 255 {
            out.push((Rule::ComponentTooLong, E, base + nth_byte(c, 255)));
        }
    }
}

/// Byte offset of the `n`th char (or the end).
pub(super) fn nth_byte(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// A registry host with an optional port: `domain-component('.' domain-component)*` or `[ipv6]`.
pub(super) fn host(h: &str, base: usize, out: &mut Vec<Raw>) {
    if h.is_empty() {
        out.push((Rule::Empty, E, base));
        return;
    }
    let (name, port) = if let Some(rest) = h.strip_prefix('[') {
        match rest.find(']') {
            Some(end) => {
                let inner = &rest[..end];
                if let Some((i, _)) = inner.char_indices().find(|&(_, c)| !(c.is_ascii_hexdigit() || c == ':')) {
                    out.push((Rule::BadIpv6, E, base + 1 + i));
                } else if inner.is_empty() {
                    out.push((Rule::BadIpv6, E, base));
                }
                let after = &rest[end + 1..];
                match after.strip_prefix(':') {
                    Some(p) => (None, Some((p, base + end + 3))),
                    None if after.is_empty() => (None, None),
                    None => {
                        out.push((Rule::BadIpv6, E, base + end + 2));
                        (None, None)
                    }
                }
            }
            None => {
                out.push((Rule::BadIpv6, E, base));
                (None, None)
            }
        }
    } else {
        match h.split_once(':') {
            Some((n, p)) => (Some(n), Some((p, base + n.len() + 1))),
            None => (Some(h), None),
        }
    };
    if let Some(name) = name {
        let mut off = 0;
        for label in name.split('.') {
            let at = base + off;
            if label.is_empty() {
                out.push((Rule::HostEmptyLabel, E, at));
            } else if let Some((i, _)) = label.char_indices().find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-')) {
                out.push((Rule::HostBadChar, E, at + i));
            } else if label.starts_with('-') {
                out.push((Rule::HostLabelDash, E, at));
            } else if label.ends_with('-') {
                out.push((Rule::HostLabelDash, E, at + label.len() - 1));
            }
            off += label.len() + 1;
        }
    }
    if let Some((p, at)) = port {
        let ok = !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && matches!(p.parse::<u32>(), Ok(1..=65535));
        if !ok {
            let bad = p.char_indices().find(|(_, c)| !c.is_ascii_digit()).map_or(0, |(i, _)| i);
            out.push((Rule::BadPort, E, at + bad));
        }
    }
}

/// A tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (ASCII `\w`, as in Go).
pub(super) fn tag(t: &str, base: usize, out: &mut Vec<Raw>) {
    let Some(first) = t.chars().next() else {
        out.push((Rule::TagEmpty, E, base));
        return;
    };
    if first == '.' || first == '-' {
        out.push((Rule::TagStart, E, base));
    }
    if let Some(i) = t.find('/') {
        out.push((Rule::TagSlash, E, base + i));
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    if let Some((i, _)) = t.char_indices().find(|&(_, c)| !ok(c) && c != '/' && !is_forbidden_char(c)) {
        out.push((Rule::TagChar, E, base + i));
    }
    if t.chars().count() > 128 {
        out.push((Rule::TagTooLong, E, base + nth_byte(t, 128)));
    }
}

/// A digest: `algorithm ":" hex`, algorithm `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*`, hex
/// of 32+ digits; sha256 exactly 64 and sha512 exactly 128 lowercase digits (OCI image-spec).
pub(super) fn digest(d: &str, base: usize, out: &mut Vec<Raw>) {
    let Some((alg, hex)) = d.split_once(':') else {
        out.push((Rule::DigestNoColon, E, base + d.len()));
        return;
    };
    let mut want_letter = true;
    for (i, c) in alg.char_indices() {
        let ok = if want_letter {
            c.is_ascii_alphabetic()
        } else {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.')
        };
        if !ok {
            out.push((Rule::DigestAlgorithm, E, base + i));
            return;
        }
        want_letter = matches!(c, '-' | '_' | '+' | '.');
    }
    if alg.is_empty() || want_letter {
        out.push((Rule::DigestAlgorithm, E, base + alg.len()));
        return;
    }
    let hbase = base + alg.len() + 1;
    let strict = matches!(alg, "sha256" | "sha512");
    let hex_ok = |c: char| c.is_ascii_digit() || matches!(c, 'a'..='f') || (!strict && matches!(c, 'A'..='F'));
    if let Some((i, _)) = hex.char_indices().find(|&(_, c)| !hex_ok(c)) {
        out.push((Rule::DigestHex, E, hbase + i));
        return;
    }
    let want = match alg {
        "sha256" => Some(64),
        "sha512" => Some(128),
        _ => None,
    };
    let bad = match want {
        Some(n) => hex.len() != n,
        None => hex.len() < 32,
    };
    if bad {
        out.push((Rule::DigestLength, E, hbase + want.map_or(hex.len(), |n| n.min(hex.len()))));
    }
}
