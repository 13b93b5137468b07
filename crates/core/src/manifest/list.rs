//! Lists and indexes: entries, their media types and platforms, duplicates, attestations.

use super::advice;
use super::checks::{custom_type, subject_type, Analysis};
use super::descriptor::{self as desc, missing, wrong_type, Role};
use super::findings::{child, index, Ctx, Severity, Text};
use super::media::{self, Family};
use super::platforms;
use super::Kind;
use crate::json::Value;
use std::collections::HashMap;

pub(super) fn list(ctx: &mut Ctx, root: &Value, path: &str, kind: Kind, a: &mut Analysis) {
    let docker = kind == Kind::DockerManifestList;
    if let Some(t) = desc::media_type(ctx, root, path, "artifactType", false) {
        custom_type(ctx, t, &child(path, "artifactType"), root.get("artifactType"));
    }
    let mp = child(path, "manifests");
    let items = match root.get("manifests") {
        None => {
            missing(ctx, path, root, "manifests");
            return;
        }
        Some(m) => match m.as_array() {
            None => {
                wrong_type(ctx, &mp, m, "array");
                return;
            }
            Some(items) => items,
        },
    };
    if items.is_empty() {
        ctx.add(
            "index-empty",
            Severity::Warning,
            &mp,
            root.get("manifests"),
            Text::new(
                "`manifests` is empty: the list points at nothing, so every pull fails with `no matching manifest`.",
                "`manifests` が空です。リストが何も指していないため、プルは必ず `no matching manifest` で失敗します。",
            ),
            &["ENT-D02"],
        );
    }
    a.references += items.len();
    let mut seen_digest: HashMap<&str, usize> = HashMap::new();
    let mut seen_platform: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let p = index(&mp, i);
        let Some(d) = desc::check(ctx, item, &p, Role::Entry) else {
            continue;
        };
        if let Some(mt) = d.media_type {
            entry_type(ctx, item, &p, mt, docker);
        }
        let plat = platforms::read(ctx, item, &p, docker);
        if let Some(dg) = d.digest {
            if let Some(first) = seen_digest.insert(dg, i) {
                ctx.add(
                    "entry-duplicate-digest",
                    Severity::Warning,
                    &child(&p, "digest"),
                    item.get("digest"),
                    Text::new(
                        format!("The same manifest is listed twice (also entry {first})."),
                        format!("同じマニフェストが 2 回含まれています（エントリ {first} と同じ）。"),
                    ),
                    &[],
                );
            }
        }
        if !plat.is_attestation && !plat.os.is_empty() {
            // Windows images of one architecture differ by `os.version`; those are not duplicates.
            let key = match &plat.os_version {
                Some(v) => format!("{} (os.version {v})", plat.name()),
                None => plat.name(),
            };
            seen_platform.entry(key).or_default().push(i);
        }
        a.platforms.push(plat);
    }
    duplicate_platforms(ctx, items, &mp, seen_platform);
    attestation_targets(ctx, items, &seen_digest, &mp);
    advice::list(ctx, root, path, &a.platforms);
    if let Some(s) = root.get("subject") {
        let p = child(path, "subject");
        if let Some(d) = desc::check(ctx, s, &p, Role::Subject) {
            subject_type(ctx, &d, &p);
        }
        advice::subject(ctx, s, &p, docker);
    }
}

/// One warning per platform listed more than once (an index of thousands stays readable).
fn duplicate_platforms(ctx: &mut Ctx, items: &[Value], path: &str, seen: HashMap<String, Vec<usize>>) {
    let mut dups: Vec<(String, Vec<usize>)> = seen.into_iter().filter(|(_, v)| v.len() > 1).collect();
    dups.sort_by_key(|(_, v)| v[1]);
    for (name, at) in dups {
        let second = at[1];
        let n = at.len();
        let list: Vec<String> = at.iter().take(6).map(|i| i.to_string()).collect();
        let more = if n > 6 { ", …" } else { "" };
        let item = items.get(second);
        ctx.add(
            "platform-duplicate",
            Severity::Warning,
            &child(&index(path, second), "platform"),
            item.and_then(|v| v.get("platform")).or(item),
            Text::new(
                format!("Platform {name} appears {n} times (entries {}{more}); clients take the first and never the others.", list.join(", ")),
                format!("プラットフォーム {name} が {n} 回出てきます（エントリ {}{more}）。クライアントは最初のものを選ぶため、残りは使われません。", list.join(", ")),
            ),
            &["ENT-D02"],
        );
    }
}

fn entry_type(ctx: &mut Ctx, item: &Value, path: &str, mt: &str, docker: bool) {
    let p = child(path, "mediaType");
    let at = item.get("mediaType");
    if !media::is_manifest(mt) {
        ctx.error(
            "media-type-not-manifest",
            &p,
            at,
            format!("A list or index entry must be a manifest or an index, but this one is `{mt}`; the registry rejects the list."),
            format!("リストやインデックスのエントリはマニフェストかインデックスでなければなりませんが、これは `{mt}` です。レジストリはこのリストを拒否します。"),
        );
        return;
    }
    if docker && media::family(mt) == Family::Oci {
        ctx.add(
            "media-type-inconsistent",
            Severity::Error,
            &p,
            at,
            Text::new(
                format!("A Docker manifest list can only point at Docker manifests, not `{mt}`. Make it an OCI index (`{}`) or convert the images (`skopeo copy --format v2s2`).", media::OCI_INDEX),
                format!("Docker のマニフェストリストが指せるのは Docker のマニフェストだけで、`{mt}` は指せません。OCI インデックス（`{}`）にするか、イメージを変換してください（`skopeo copy --format v2s2`）。", media::OCI_INDEX),
            ),
            &["SEED-07"],
        );
    } else if docker && mt == media::DOCKER_LIST {
        ctx.error(
            "media-type-inconsistent",
            &p,
            at,
            "A Docker manifest list cannot contain another manifest list; use an OCI index to nest.".into(),
            "Docker のマニフェストリストに別のマニフェストリストは入れられません。入れ子にするには OCI インデックスを使ってください。".into(),
        );
    } else if mt == media::DOCKER_V1 || mt == media::DOCKER_V1_SIGNED {
        ctx.add(
            "schema1-entry",
            Severity::Warning,
            &p,
            at,
            Text::new(
                "This entry is a Docker schema 1 manifest, which GitLab's registry rejects by default and Docker 26+ refuses to pull.",
                "このエントリは Docker スキーマ 1 のマニフェストです。GitLab のレジストリは既定で拒否し、Docker 26 以降はプルできません。",
            ),
            &["SEED-03"],
        );
    }
}

/// BuildKit attestations name the image they describe in `vnd.docker.reference.digest`; one that
/// names a digest outside the index describes nothing a client can pull.
fn attestation_targets(ctx: &mut Ctx, items: &[Value], digests: &HashMap<&str, usize>, path: &str) {
    for (i, item) in items.iter().enumerate() {
        let Some(ann) = item.get("annotations") else {
            continue;
        };
        if ann.get("vnd.docker.reference.type").and_then(Value::as_str) != Some("attestation-manifest") {
            continue;
        }
        let Some(target) = ann.get("vnd.docker.reference.digest") else {
            continue;
        };
        let Some(t) = target.as_str() else { continue };
        if !digests.contains_key(t) {
            ctx.add(
                "attestation-orphan",
                Severity::Warning,
                &child(&child(&index(path, i), "annotations"), "vnd.docker.reference.digest"),
                Some(target),
                Text::new(
                    format!("This attestation describes {t}, which is not in this index."),
                    format!("このアテステーションが対象とする {t} は、このインデックスに含まれていません。"),
                ),
                &["ENT-D06"],
            );
        }
    }
}
