//! `docker manifest inspect -v`: one `{Ref, Descriptor, Raw, SchemaV2Manifest|OCIManifest}` object
//! for an image, an array of them for a list (the list itself is not printed).

use super::advice;
use super::checks::{self, Analysis};
use super::descriptor::{self as desc, base64_decode, Role};
use super::findings::{child, index, Anchor, Ctx, Severity, Text};
use super::media;
use super::platforms;
use super::sha256;
use super::Kind;
use crate::json::{self, Value};

fn is_entry(v: &Value) -> bool {
    v.get("Descriptor").is_some()
        && ["Ref", "Raw", "SchemaV2Manifest", "OCIManifest"].iter().any(|k| v.get(k).is_some())
}

pub fn is_verbose(root: &Value) -> bool {
    match root.as_array() {
        Some(items) => items.first().is_some_and(is_entry),
        None => is_entry(root),
    }
}

pub fn analyze(ctx: &mut Ctx, root: &Value) -> Analysis {
    let Some(items) = root.as_array() else {
        // One image: its kind is the inner manifest's.
        let (a, _) = entry(ctx, root, "$");
        note(ctx, root, 1, false);
        return a;
    };
    let mut a = Analysis { references: items.len(), ..Analysis::default() };
    let mut oci = false;
    for (i, item) in items.iter().enumerate() {
        let p = index("$", i);
        if !is_entry(item) {
            desc::wrong_type(ctx, &p, item, "object");
            continue;
        }
        let (_, plat) = entry(ctx, item, &p);
        if let Some(plat) = plat {
            oci |= plat.media_type.as_deref().is_some_and(|m| media::family(m) == media::Family::Oci);
            a.platforms.push(plat);
        }
    }
    a.kind = if oci { Kind::OciIndex } else { Kind::DockerManifestList };
    note(ctx, root, items.len(), true);
    advice::list(ctx, root, "$", &a.platforms);
    advice::limits(ctx, root, "$", a.references);
    a
}

/// One `{Ref, Descriptor, …}`: the descriptor, its platform, and the manifest it carries.
fn entry(ctx: &mut Ctx, item: &Value, path: &str) -> (Analysis, Option<platforms::Platform>) {
    let dp = child(path, "Descriptor");
    let descriptor = item.get("Descriptor").and_then(|d| desc::check(ctx, d, &dp, Role::Entry).map(|x| (d, x.digest)));
    let plat = descriptor.map(|(d, _)| {
        let mut p = platforms::read(ctx, d, &dp, false);
        p.path = path.to_string();
        p
    });
    let want_digest = descriptor.and_then(|(_, dg)| dg);

    let raw = item.get("Raw");
    let raw_bytes = raw.and_then(|r| {
        let bytes = r.as_str().and_then(base64_decode);
        if bytes.is_none() {
            desc::wrong_type(ctx, &child(path, "Raw"), r, "string");
        }
        bytes
    });
    if let (Some(bytes), Some(want), Some(r)) = (&raw_bytes, want_digest, raw) {
        let got = sha256::digest_of(bytes);
        if want.starts_with("sha256:") && got != want {
            ctx.add(
                "raw-digest-mismatch",
                Severity::Warning,
                &child(path, "Raw"),
                Some(r),
                Text::new(
                    format!("`Raw` hashes to {got}, but `Descriptor.digest` is {want}: the output was edited or belongs to another image."),
                    format!("`Raw` のハッシュは {got} ですが、`Descriptor.digest` は {want} です。出力が編集されたか、別のイメージのものです。"),
                ),
                &["ENT-D10"],
            );
        }
    }

    for key in ["SchemaV2Manifest", "OCIManifest"] {
        if let Some(m) = item.get(key) {
            return (checks::manifest(ctx, m, &child(path, key)), plat);
        }
    }
    // Only the base64 `Raw`: analyze the decoded manifest, pointing every finding at `Raw`.
    if let (Some(bytes), Some(r)) = (raw_bytes, raw) {
        let text = String::from_utf8_lossy(&bytes);
        let rp = child(path, "Raw");
        return match json::parse(&text) {
            Ok(parsed) => {
                let saved = ctx.anchor.replace(Anchor { pos: r.pos, span: r.span });
                let a = checks::manifest(ctx, &parsed.value, &rp);
                ctx.anchor = saved;
                (a, plat)
            }
            Err(e) => {
                ctx.error(
                    "raw-invalid",
                    &rp,
                    Some(r),
                    format!("`Raw` decodes to text that is not JSON ({}).", e.message_en()),
                    format!("`Raw` をデコードした内容が JSON ではありません（{}）。", e.message_ja()),
                );
                (Analysis::default(), plat)
            }
        };
    }
    (Analysis::default(), plat)
}

fn note(ctx: &mut Ctx, root: &Value, n: usize, list: bool) {
    let (en, ja) = if list {
        (
            format!("This is `docker manifest inspect -v` output for a list with {n} entries. The list itself is not shown, so the digest of this text is not the list's digest; each entry's `Descriptor.digest` is the real digest of that manifest."),
            format!("これは {n} 個のエントリを持つリストに対する `docker manifest inspect -v` の出力です。リスト自体は表示されないため、このテキストのダイジェストはリストのダイジェストではありません。各エントリの `Descriptor.digest` がそのマニフェストの本当のダイジェストです。"),
        )
    } else {
        (
            "This is `docker manifest inspect -v` output for one image; its manifest digest is `Descriptor.digest`, not the digest of this text.".to_string(),
            "これは 1 つのイメージに対する `docker manifest inspect -v` の出力です。マニフェストのダイジェストは `Descriptor.digest` で、このテキストのダイジェストではありません。".to_string(),
        )
    };
    ctx.add("inspect-verbose", Severity::Info, "$", Some(root), Text { en, ja }, &[]);
}
