//! Descriptors (`config`, `layers[]`, `manifests[]`, `subject`): required fields, types, digests,
//! sizes, inline `data`, `urls` and annotations (image-spec `descriptor.md`, errors.md §R.4).

use super::findings::{child, Ctx, Severity, Text};
use super::media;
use super::sha256;
use crate::json::Value;

/// What a descriptor's place in the manifest says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Config,
    Layer,
    /// An entry of a list or index.
    Entry,
    Subject,
}

/// The fields of a descriptor that passed their checks.
pub struct Desc<'a> {
    pub media_type: Option<&'a str>,
    pub digest: Option<&'a str>,
    pub value: &'a Value,
}

pub fn type_ja(name: &str) -> &'static str {
    match name {
        "object" => "オブジェクト",
        "array" => "配列",
        "string" => "文字列",
        "number" => "数値",
        "integer" => "整数",
        "boolean" => "真偽値",
        _ => "null",
    }
}

/// "`path` must be an X, found Y".
pub fn wrong_type(ctx: &mut Ctx, path: &str, v: &Value, expected: &'static str) {
    let found = v.type_name();
    let article = if expected.starts_with(['a', 'i', 'o']) { "an" } else { "a" };
    ctx.error(
        "wrong-type",
        path,
        Some(v),
        format!("`{path}` must be {article} {expected}, but it is {found}."),
        format!("`{path}` は{}でなければなりませんが、{}になっています。", type_ja(expected), type_ja(found)),
    );
}

pub fn missing(ctx: &mut Ctx, parent_path: &str, parent: &Value, key: &str) {
    ctx.error(
        "missing-field",
        &child(parent_path, key),
        Some(parent),
        format!("Required field `{key}` is missing from `{parent_path}`."),
        format!("`{parent_path}` に必須フィールド `{key}` がありません。"),
    );
}

/// A required string member; reports it missing or of the wrong type.
pub fn req_str<'a>(ctx: &mut Ctx, obj: &'a Value, path: &str, key: &str) -> Option<&'a str> {
    match obj.get(key) {
        None => {
            missing(ctx, path, obj, key);
            None
        }
        Some(v) => opt_str_value(ctx, v, &child(path, key)),
    }
}

/// An optional string member: absent is fine, another type is not.
pub fn opt_str<'a>(ctx: &mut Ctx, obj: &'a Value, path: &str, key: &str) -> Option<&'a str> {
    let v = obj.get(key)?;
    opt_str_value(ctx, v, &child(path, key))
}

fn opt_str_value<'a>(ctx: &mut Ctx, v: &'a Value, path: &str) -> Option<&'a str> {
    let s = v.as_str();
    if s.is_none() {
        wrong_type(ctx, path, v, "string");
    }
    s
}

/// Checks a media type's syntax; returns it when usable.
pub fn media_type<'a>(ctx: &mut Ctx, obj: &'a Value, path: &str, key: &str, required: bool) -> Option<&'a str> {
    let mt = if required { req_str(ctx, obj, path, key)? } else { opt_str(ctx, obj, path, key)? };
    if !media::is_well_formed(mt) {
        let p = child(path, key);
        ctx.error(
            "media-type-malformed",
            &p,
            obj.get(key),
            format!("`{mt}` is not a media type (`type/subtype`, RFC 6838)."),
            format!("`{mt}` はメディアタイプの形式（RFC 6838 の `type/subtype`）になっていません。"),
        );
        return None;
    }
    Some(mt)
}

/// Validates a digest string per the image-spec grammar and the registered algorithms' lengths.
pub fn digest<'a>(ctx: &mut Ctx, v: &'a Value, path: &str) -> Option<&'a str> {
    let Some(d) = v.as_str() else {
        wrong_type(ctx, path, v, "string");
        return None;
    };
    let bad = |ctx: &mut Ctx, code, en: String, ja: String| {
        ctx.add(code, Severity::Error, path, Some(v), Text { en, ja }, &[]);
    };
    if d.is_empty() {
        bad(ctx, "digest-empty", "The digest is empty.".into(), "ダイジェストが空です。".into());
        return None;
    }
    let Some((alg, enc)) = d.split_once(':') else {
        bad(
            ctx,
            "digest-malformed",
            format!("`{d}` is not a digest: expected `algorithm:hex`, such as `sha256:` followed by 64 hex digits."),
            format!("`{d}` はダイジェストの形式ではありません。`sha256:` に続けて 16 進数 64 桁のような `アルゴリズム:値` の形にしてください。"),
        );
        return None;
    };
    let alg_ok = !alg.is_empty()
        && alg
            .split(['+', '.', '_', '-'])
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    let enc_ok = !enc.is_empty() && enc.bytes().all(|b| b.is_ascii_alphanumeric() || b"=_-".contains(&b));
    if !alg_ok || !enc_ok {
        bad(
            ctx,
            "digest-malformed",
            format!("`{d}` is not a valid digest (`algorithm:encoded` with lowercase algorithm and [a-zA-Z0-9=_-] encoded part)."),
            format!("`{d}` は正しいダイジェストではありません（小文字のアルゴリズム名と [a-zA-Z0-9=_-] の値を `:` でつなぎます）。"),
        );
        return None;
    }
    let hex_len = match alg {
        "sha256" | "blake3" => Some(64),
        "sha512" => Some(128),
        _ => None,
    };
    let Some(want) = hex_len else {
        ctx.add(
            "digest-algorithm",
            Severity::Warning,
            path,
            Some(v),
            Text::new(
                format!("Digest algorithm `{alg}` is not registered in the OCI image-spec; GitLab's registry accepts sha256 (and sha512)."),
                format!("ダイジェストのアルゴリズム `{alg}` は OCI image-spec に登録されていません。GitLab のレジストリが受け付けるのは sha256（と sha512）です。"),
            ),
            &[],
        );
        return Some(d);
    };
    if enc.len() != want {
        bad(
            ctx,
            "digest-length",
            format!("A {alg} digest has {want} hex digits; this one has {}.", enc.chars().count()),
            format!("{alg} のダイジェストは 16 進数 {want} 桁ですが、この値は {} 桁です。", enc.chars().count()),
        );
        return None;
    }
    if !enc.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        let upper = enc.bytes().all(|b| b.is_ascii_hexdigit());
        let (en, ja) = if upper {
            (
                "uses uppercase hex digits; the spec requires lowercase",
                "16 進数に大文字が使われています。仕様では小文字でなければなりません",
            )
        } else {
            ("contains characters that are not hex digits", "16 進数以外の文字が含まれています")
        };
        bad(
            ctx,
            "digest-malformed",
            format!("The {alg} digest `{d}` {en}."),
            format!("{alg} のダイジェスト `{d}` は{ja}。"),
        );
        return None;
    }
    Some(d)
}

/// `size`: a non-negative integer that fits in int64.
pub fn size(ctx: &mut Ctx, v: &Value, path: &str) -> Option<i64> {
    let Some(n) = v.as_number() else {
        wrong_type(ctx, path, v, "integer");
        return None;
    };
    if n.text.contains(['.', 'e', 'E']) {
        ctx.error(
            "size-type",
            path,
            Some(v),
            format!("`{path}` must be an integer number of bytes, not `{}`.", n.text),
            format!("`{path}` はバイト数を表す整数でなければなりません（`{}` になっています）。", n.text),
        );
        return None;
    }
    match n.int {
        Some(i) if i < 0 => {
            ctx.add(
                "size-negative",
                Severity::Error,
                path,
                Some(v),
                Text::new(format!("The size {i} is negative."), format!("サイズ {i} が負の値です。")),
                &[],
            );
            None
        }
        Some(i) => Some(i),
        None => {
            ctx.error(
                "size-range",
                path,
                Some(v),
                format!("The size {} does not fit in a 64-bit integer.", n.text),
                format!("サイズ {} は 64 ビット整数に収まりません。", n.text),
            );
            None
        }
    }
}

/// Standard base64 with padding (RFC 4648 §4), as the image-spec asks for `data`.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    }
    let b = s.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let chunks = b.len() / 4;
    for (i, q) in b.chunks_exact(4).enumerate() {
        let last = i + 1 == chunks;
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &q[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - pad]);
    }
    Some(out)
}

/// Checks one descriptor. Returns its usable fields, or `None` when it is not even an object.
pub fn check<'a>(ctx: &mut Ctx, v: &'a Value, path: &str, role: Role) -> Option<Desc<'a>> {
    if v.as_object().is_none() {
        wrong_type(ctx, path, v, "object");
        return None;
    }
    let mt = media_type(ctx, v, path, "mediaType", true);
    let dg = match v.get("digest") {
        Some(d) => digest(ctx, d, &child(path, "digest")),
        None => {
            missing(ctx, path, v, "digest");
            None
        }
    };
    let sz = match v.get("size") {
        Some(s) => size(ctx, s, &child(path, "size")),
        None => {
            missing(ctx, path, v, "size");
            None
        }
    };
    media_type(ctx, v, path, "artifactType", false);
    annotations(ctx, v, path);
    if let Some(d) = v.get("data") {
        data(ctx, d, &child(path, "data"), dg, sz);
    }
    if mt == Some(media::OCI_EMPTY) {
        empty_descriptor(ctx, v, path, dg, sz);
    }
    urls(ctx, v, path, mt, role);
    Some(Desc { media_type: mt, digest: dg, value: v })
}

/// `annotations`: a map of strings to strings.
pub fn annotations(ctx: &mut Ctx, obj: &Value, path: &str) {
    let Some(a) = obj.get("annotations") else {
        return;
    };
    let p = child(path, "annotations");
    let Some(members) = a.as_object() else {
        wrong_type(ctx, &p, a, "object");
        return;
    };
    for m in members {
        if m.value.as_str().is_none() {
            wrong_type(ctx, &child(&p, &m.key), &m.value, "string");
        }
    }
}

/// Inline `data` must decode and agree with `size` and `digest`.
fn data(ctx: &mut Ctx, v: &Value, path: &str, digest: Option<&str>, size: Option<i64>) {
    let Some(s) = v.as_str() else {
        wrong_type(ctx, path, v, "string");
        return;
    };
    let Some(bytes) = base64_decode(s) else {
        ctx.error(
            "data-invalid",
            path,
            Some(v),
            "`data` is not valid base64 (standard alphabet, with padding).".into(),
            "`data` が正しい base64（標準のアルファベット、パディングあり）ではありません。".into(),
        );
        return;
    };
    if let Some(size) = size {
        if usize::try_from(size).ok() != Some(bytes.len()) {
            ctx.error(
                "data-size-mismatch",
                path,
                Some(v),
                format!("`data` decodes to {} bytes but `size` says {size}.", bytes.len()),
                format!("`data` をデコードすると {} バイトですが、`size` は {size} になっています。", bytes.len()),
            );
        }
    }
    if let Some(d) = digest.filter(|d| d.starts_with("sha256:")) {
        let actual = sha256::digest_of(&bytes);
        if actual != d {
            ctx.add(
                "data-digest-mismatch",
                Severity::Error,
                path,
                Some(v),
                Text::new(
                    format!("`data` hashes to {actual}, not to the descriptor's digest {d}."),
                    format!("`data` のハッシュは {actual} で、記述子のダイジェスト {d} と一致しません。"),
                ),
                &["ENT-D10"],
            );
        }
    }
}

/// The empty descriptor is exactly the two bytes `{}`.
fn empty_descriptor(ctx: &mut Ctx, v: &Value, path: &str, digest: Option<&str>, size: Option<i64>) {
    let digest_ok = digest.is_none_or(|d| d == media::EMPTY_DIGEST);
    let size_ok = size.is_none_or(|s| s == 2);
    if !digest_ok || !size_ok {
        ctx.error(
            "empty-descriptor",
            path,
            Some(v),
            format!(
                "An `{}` descriptor must have digest `{}` and size 2 (the bytes `{{}}`).",
                media::OCI_EMPTY,
                media::EMPTY_DIGEST
            ),
            format!(
                "`{}` の記述子は、ダイジェスト `{}`、サイズ 2（`{{}}` の 2 バイト）でなければなりません。",
                media::OCI_EMPTY,
                media::EMPTY_DIGEST
            ),
        );
    }
}

/// `urls`: only foreign / non-distributable layers carry them, and they need them (the registry's
/// `missing URL on layer` / `unexpected URL on layer` / `invalid URL on layer`).
fn urls(ctx: &mut Ctx, v: &Value, path: &str, mt: Option<&str>, role: Role) {
    let foreign = role == Role::Layer && mt.is_some_and(media::is_foreign);
    let p = child(path, "urls");
    match v.get("urls") {
        None if foreign => ctx.error(
            "urls-missing",
            &p,
            Some(v),
            "A foreign (non-distributable) layer needs `urls` to download it from; the registry answers `missing URL on layer`.".into(),
            "外部（非配布）レイヤーにはダウンロード元の `urls` が必要です。ないとレジストリは `missing URL on layer` を返します。".into(),
        ),
        None => {}
        Some(u) => {
            let Some(items) = u.as_array() else {
                wrong_type(ctx, &p, u, "array");
                return;
            };
            if role == Role::Layer && !foreign {
                ctx.error(
                    "urls-unexpected",
                    &p,
                    Some(u),
                    "Only foreign layers may have `urls`; the registry rejects this layer with `unexpected URL on layer`.".into(),
                    "`urls` を持てるのは外部レイヤーだけです。このレイヤーはレジストリに `unexpected URL on layer` で拒否されます。".into(),
                );
            }
            for (i, item) in items.iter().enumerate() {
                let ip = format!("{p}[{i}]");
                match item.as_str() {
                    None => wrong_type(ctx, &ip, item, "string"),
                    Some(s) if !(s.starts_with("https://") || s.starts_with("http://")) => ctx.error(
                        "urls-invalid",
                        &ip,
                        Some(item),
                        format!("`{s}` is not an http(s) URL; the registry answers `invalid URL on layer`."),
                        format!("`{s}` は http(s) の URL ではありません。レジストリは `invalid URL on layer` を返します。"),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(base64_decode("e30=").unwrap(), b"{}");
        assert_eq!(base64_decode("").unwrap(), b"");
        assert_eq!(base64_decode("YWJj").unwrap(), b"abc");
        assert_eq!(base64_decode("YQ==").unwrap(), b"a");
        for bad in ["e30", "e3=0", "YQ==YWJj", "Y===", "ab!d"] {
            assert!(base64_decode(bad).is_none(), "{bad}");
        }
    }
}
