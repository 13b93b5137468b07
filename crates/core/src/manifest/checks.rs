//! Spec checks per kind: image manifests, lists/indexes and schema 1.

use super::advice;
use super::classify::classify;
use super::descriptor::{self as desc, missing, wrong_type, Role};
use super::findings::{child, index, Ctx, Severity, Text};
use super::media::{self, Family};
use super::platforms::Platform;
use super::Kind;
use crate::json::Value;

/// What one manifest object turned out to be.
#[derive(Debug, Default)]
pub struct Analysis {
    pub kind: Kind,
    pub reason: Option<Text>,
    pub platforms: Vec<Platform>,
    /// Config + layers, or child manifests: what the registry's `referencelimit` counts (ENT-D05).
    pub references: usize,
}

/// Classifies and checks one manifest object at `path`.
pub fn manifest(ctx: &mut Ctx, root: &Value, path: &str) -> Analysis {
    let (kind, reason) = classify(ctx, root, path);
    let mut a = Analysis { kind, reason, ..Analysis::default() };
    if matches!(kind, Kind::OciManifest | Kind::OciArtifact | Kind::OciIndex) {
        advice::oci(ctx, kind, &super::findings::child(path, "mediaType"), root.get("mediaType").or(Some(root)));
    }
    match kind {
        Kind::DockerSchema1 { signed } => super::schema1::schema1(ctx, root, path, signed, &mut a),
        Kind::DockerV2s2 | Kind::OciManifest | Kind::OciArtifact => {
            schema_version(ctx, root, path, 2);
            image(ctx, root, path, kind, &mut a);
        }
        Kind::DockerManifestList | Kind::OciIndex => {
            schema_version(ctx, root, path, 2);
            super::list::list(ctx, root, path, kind, &mut a);
        }
        Kind::Unknown => {
            let reason = a.reason.clone().unwrap_or_default();
            ctx.error(
                "not-a-manifest",
                path,
                Some(root),
                format!("Not a manifest: {}.", reason.en),
                format!("マニフェストではありません: {}。", reason.ja),
            );
            return a;
        }
    }
    if !matches!(kind, Kind::DockerSchema1 { .. }) {
        desc::annotations(ctx, root, path);
        advice::limits(ctx, root, path, a.references);
    }
    a
}

pub(super) fn schema_version(ctx: &mut Ctx, root: &Value, path: &str, want: i64) {
    let Some(v) = root.get("schemaVersion") else {
        missing(ctx, path, root, "schemaVersion");
        return;
    };
    let p = child(path, "schemaVersion");
    let Some(n) = v.as_number() else {
        wrong_type(ctx, &p, v, "integer");
        return;
    };
    if n.int != Some(want) {
        ctx.error(
            "schema-version",
            &p,
            Some(v),
            format!("`schemaVersion` must be {want} for this kind of manifest, not {}.", n.text),
            format!(
                "この種類のマニフェストでは `schemaVersion` は {want} でなければなりません（{} になっています）。",
                n.text
            ),
        );
    }
}

/// A media type outside the standard Docker/OCI set: fine by the spec, refused by a GitLab registry
/// with the metadata database unless dynamic media types are on (ENT-D04). Reported once per type.
pub(super) fn custom_type(ctx: &mut Ctx, mt: &str, path: &str, at: Option<&Value>) {
    if media::is_standard(mt) && mt != media::IN_TOTO {
        return;
    }
    if !ctx.first(&format!("custom-media-type {mt}")) {
        return;
    }
    if mt == media::IN_TOTO {
        ctx.add(
            "in-toto-media-type",
            Severity::Info,
            path,
            at,
            Text::new(
                format!("`{mt}` is BuildKit's attestation (provenance/SBOM) layer type. Older GitLab registries with the metadata database rejected it (`unknown media type`); build with `--provenance=false --sbom=false` if you do not need attestations."),
                format!("`{mt}` は BuildKit のアテステーション（来歴・SBOM）のレイヤータイプです。メタデータデータベースを使う古い GitLab レジストリはこれを拒否していました（`unknown media type`）。アテステーションが不要なら `--provenance=false --sbom=false` を付けてビルドしてください。"),
            ),
            &["ENT-D04", "ENT-D06"],
        );
        return;
    }
    ctx.add(
        "custom-media-type",
        Severity::Warning,
        path,
        at,
        Text::new(
            format!("`{mt}` is not a standard Docker or OCI media type. A GitLab registry with the metadata database rejects types missing from its table (`manifest invalid`, detail `unknown media type`) unless dynamic media types are enabled (`REGISTRY_FF_DYNAMIC_MEDIA_TYPES=true`, self-managed)."),
            format!("`{mt}` は Docker や OCI の標準のメディアタイプではありません。メタデータデータベースを使う GitLab レジストリは、テーブルにないタイプを拒否します（`manifest invalid`、詳細は `unknown media type`）。セルフマネージドでは動的メディアタイプ（`REGISTRY_FF_DYNAMIC_MEDIA_TYPES=true`）を有効にすると受け付けます。"),
        ),
        &["ENT-D04"],
    );
}

fn image(ctx: &mut Ctx, root: &Value, path: &str, kind: Kind, a: &mut Analysis) {
    let docker = kind == Kind::DockerV2s2;
    let artifact_type = desc::media_type(ctx, root, path, "artifactType", false);
    if let Some(t) = artifact_type {
        custom_type(ctx, t, &child(path, "artifactType"), root.get("artifactType"));
    }

    let config_path = child(path, "config");
    match root.get("config") {
        None => missing(ctx, path, root, "config"),
        Some(c) => {
            a.references += 1;
            if let Some(d) = desc::check(ctx, c, &config_path, Role::Config) {
                config_type(ctx, &d, &config_path, kind, artifact_type.is_some());
            }
        }
    }

    let layers_path = child(path, "layers");
    match root.get("layers") {
        None => missing(ctx, path, root, "layers"),
        Some(l) => match l.as_array() {
            None => wrong_type(ctx, &layers_path, l, "array"),
            Some([]) => ctx.add(
                "layers-empty",
                Severity::Warning,
                &layers_path,
                Some(l),
                Text::new(
                    "`layers` is empty. For portability the spec asks for at least one entry (artifacts without content use the empty descriptor); some clients and registries refuse manifests without layers.",
                    "`layers` が空です。移植性のため仕様では 1 つ以上のエントリを求めています（内容のないアーティファクトは空の記述子を使います）。レイヤーのないマニフェストを拒否するクライアントやレジストリもあります。",
                ),
                &[],
            ),
            Some(items) => {
                a.references += items.len();
                for (i, item) in items.iter().enumerate() {
                    let p = index(&layers_path, i);
                    if let Some(d) = desc::check(ctx, item, &p, Role::Layer) {
                        layer_type(ctx, &d, &p, kind);
                    }
                }
            }
        },
    }

    if let Some(s) = root.get("subject") {
        let p = child(path, "subject");
        if let Some(d) = desc::check(ctx, s, &p, Role::Subject) {
            subject_type(ctx, &d, &p);
        }
        advice::subject(ctx, s, &p, docker);
    }
}

fn config_type(ctx: &mut Ctx, d: &desc::Desc, path: &str, kind: Kind, has_artifact_type: bool) {
    let Some(mt) = d.media_type else { return };
    let p = child(path, "mediaType");
    let at = d.value.get("mediaType");
    match kind {
        Kind::DockerV2s2 if mt != media::DOCKER_CONFIG && mt != media::DOCKER_PLUGIN_CONFIG => ctx.add(
            "media-type-inconsistent",
            Severity::Error,
            &p,
            at,
            Text::new(
                format!("A Docker schema 2 manifest's config must be `{}`, not `{mt}`. Use an OCI manifest for other config types.", media::DOCKER_CONFIG),
                format!("Docker スキーマ 2 のマニフェストの config は `{}` でなければなりません（`{mt}` になっています）。それ以外の config には OCI マニフェストを使ってください。", media::DOCKER_CONFIG),
            ),
            &["ENT-D04"],
        ),
        Kind::OciArtifact if mt == media::OCI_EMPTY && !has_artifact_type => ctx.error(
            "artifact-type-missing",
            &p,
            at,
            "The config is the empty descriptor, so the manifest must set `artifactType` (image-spec: MUST).".into(),
            "config が空の記述子なので、マニフェストに `artifactType` を設定しなければなりません（image-spec の必須要件）。".into(),
        ),
        _ => custom_type(ctx, mt, &p, at),
    }
}

fn layer_type(ctx: &mut Ctx, d: &desc::Desc, path: &str, kind: Kind) {
    let Some(mt) = d.media_type else { return };
    let p = child(path, "mediaType");
    let at = d.value.get("mediaType");
    if media::is_foreign(mt) && ctx.first("foreign-layer") {
        ctx.add(
            "foreign-layer",
            Severity::Warning,
            &p,
            at,
            Text::new(
                format!("`{mt}` is a foreign (non-distributable) layer: clients never push it, they download it from its `urls` (Windows base images). Pulls fail where those URLs are unreachable, and the registry accepts it only when its URL allow-list (`validation.manifests.urls`) permits. The OCI spec deprecates these types."),
                format!("`{mt}` は外部（非配布）レイヤーです。クライアントはこれをプッシュせず、`urls` からダウンロードします（Windows のベースイメージなど）。その URL に届かない環境ではプルが失敗し、レジストリも URL の許可リスト（`validation.manifests.urls`）が認める場合にしか受け付けません。OCI 仕様ではこれらのタイプは非推奨です。"),
            ),
            &[],
        );
    }
    let docker = kind == Kind::DockerV2s2;
    if media::is_layer(mt) {
        let mixed = (docker && !media::is_docker_layer(mt)) || (!docker && media::family(mt) == Family::Docker);
        if mixed && ctx.first("layer-family-mix") {
            ctx.add(
                "media-type-inconsistent",
                Severity::Warning,
                &p,
                at,
                Text::new(
                    format!("`{mt}` is a {} layer type in {} manifest. Registries store it, but clients that only know one family may fail to unpack it; keep config, layers and manifest in one family.", if docker { "OCI" } else { "Docker" }, if docker { "a Docker" } else { "an OCI" }),
                    format!("`{mt}` は {} のレイヤータイプですが、マニフェストは {} です。レジストリには保存できますが、片方の形式しか知らないクライアントは展開に失敗することがあります。config、レイヤー、マニフェストの形式を揃えてください。", if docker { "OCI" } else { "Docker" }, if docker { "Docker" } else { "OCI" }),
                ),
                &["SEED-07"],
            );
        }
        return;
    }
    if kind != Kind::OciArtifact && media::is_standard(mt) && mt != media::IN_TOTO {
        ctx.error(
            "media-type-not-layer",
            &p,
            at,
            format!("`{mt}` is not a layer media type; an image manifest's layers must be filesystem layers."),
            format!("`{mt}` はレイヤーのメディアタイプではありません。イメージマニフェストのレイヤーはファイルシステムレイヤーでなければなりません。"),
        );
        return;
    }
    custom_type(ctx, mt, &p, at);
}

pub(super) fn subject_type(ctx: &mut Ctx, d: &desc::Desc, path: &str) {
    let Some(mt) = d.media_type else { return };
    if !media::is_manifest(mt) {
        ctx.error(
            "subject-not-manifest",
            &child(path, "mediaType"),
            d.value.get("mediaType"),
            format!("`subject` must point at a manifest or index, but its media type is `{mt}`."),
            format!("`subject` はマニフェストかインデックスを指さなければなりませんが、メディアタイプが `{mt}` になっています。"),
        );
    }
}
