//! What kind of manifest a JSON object is: from `mediaType`, or from its shape when the field is
//! absent (the OCI spec makes it optional) or unknown (errors.md §M.3).

use super::descriptor::wrong_type;
use super::findings::{child, Ctx, Severity, Text};
use super::media;
use super::Kind;
use crate::json::Value;

/// The kind, and for `Unknown` the reason in both languages.
pub fn classify(ctx: &mut Ctx, root: &Value, path: &str) -> (Kind, Option<Text>) {
    let Some(_) = root.as_object() else {
        let t = root.type_name();
        return (
            Kind::Unknown,
            Some(Text::new(
                format!("the document is {} {t}, not a JSON object", if t == "array" { "an" } else { "a" }),
                format!("ドキュメントが JSON オブジェクトではなく{}です", super::descriptor::type_ja(t)),
            )),
        );
    };
    let mt_value = root.get("mediaType");
    let mt = match mt_value {
        Some(v) if v.as_str().is_none() => {
            wrong_type(ctx, &child(path, "mediaType"), v, "string");
            None
        }
        Some(v) => v.as_str(),
        None => None,
    };
    let schema1 = root.get("schemaVersion").and_then(|v| v.as_number()).and_then(|n| n.int) == Some(1)
        || root.get("fsLayers").is_some();
    let signed_shape = root.get("signatures").is_some();

    match mt {
        Some(media::DOCKER_V1) => return (Kind::DockerSchema1 { signed: signed_shape }, None),
        Some(media::DOCKER_V1_SIGNED) => return (Kind::DockerSchema1 { signed: true }, None),
        _ if schema1 => return (Kind::DockerSchema1 { signed: signed_shape }, None),
        Some(media::OCI_ARTIFACT_MANIFEST) => {
            return (
                Kind::Unknown,
                Some(Text::new(
                    "an OCI artifact manifest (`application/vnd.oci.artifact.manifest.v1+json`), a format of the image-spec 1.1 release candidates that the final 1.1 dropped; registries reject it. Push artifacts as image manifests with `artifactType` (oras ≥ 1.0, `--artifact-type`).",
                    "OCI アーティファクトマニフェスト（`application/vnd.oci.artifact.manifest.v1+json`）です。image-spec 1.1 のリリース候補にだけあった形式で、正式版 1.1 では削除されたため、レジストリは受け付けません。アーティファクトは `artifactType` を付けたイメージマニフェストとしてプッシュしてください（oras 1.0 以降、`--artifact-type`）。",
                )),
            );
        }
        _ => {}
    }

    let by_shape = shape(root);
    let by_type = match mt {
        Some(media::DOCKER_V2) => Some(Kind::DockerV2s2),
        Some(media::DOCKER_LIST) => Some(Kind::DockerManifestList),
        Some(media::OCI_INDEX) => Some(Kind::OciIndex),
        Some(media::OCI_MANIFEST) => Some(oci_image_or_artifact(root)),
        _ => None,
    };

    if let (Some(t), Some(s)) = (by_type, by_shape) {
        if t.is_list() != s.is_list() {
            let (has, lacks) = if t.is_list() { ("layers", "manifests") } else { ("manifests", "layers") };
            ctx.error(
                "shape-mismatch",
                &child(path, "mediaType"),
                mt_value,
                format!("`mediaType` says {}, but the document has `{has}` instead of `{lacks}`.", t.as_str()),
                format!(
                    "`mediaType` は {} を示していますが、ドキュメントには `{lacks}` ではなく `{has}` があります。",
                    t.as_str()
                ),
            );
        }
    }
    if let Some(kind) = by_type {
        return (kind, None);
    }
    if let Some(m) = mt {
        let known_other = media::is_standard(m);
        ctx.error(
            "media-type-unknown",
            &child(path, "mediaType"),
            mt_value,
            if known_other {
                format!("`{m}` is a blob media type, not a manifest media type; the registry rejects the push.")
            } else {
                format!("`{m}` is not a manifest media type the registry knows; it rejects the push (`manifest invalid` / unsupported media type).")
            },
            if known_other {
                format!("`{m}` はブロブのメディアタイプで、マニフェストのメディアタイプではありません。レジストリはプッシュを拒否します。")
            } else {
                format!("`{m}` はレジストリが知らないマニフェストのメディアタイプです。プッシュは拒否されます（`manifest invalid` / サポートされないメディアタイプ）。")
            },
        );
    }
    match by_shape {
        Some(kind) => {
            if mt.is_none() && mt_value.is_none() {
                missing_media_type(ctx, root, path, kind);
            }
            (kind, None)
        }
        None => (
            Kind::Unknown,
            Some(Text::new(
                "the object has none of `manifests`, `layers`, `config` or `fsLayers`, so it is not a manifest",
                "`manifests`、`layers`、`config`、`fsLayers` のいずれもないため、マニフェストではありません",
            )),
        ),
    }
}

/// The kind the keys suggest: `manifests` ⇒ OCI index (a Docker list must carry its `mediaType`,
/// errors.md §M.3), `config`/`layers` ⇒ image manifest, Docker when the config is a Docker config.
fn shape(root: &Value) -> Option<Kind> {
    if root.get("manifests").is_some() {
        return Some(Kind::OciIndex);
    }
    if root.get("config").is_some() || root.get("layers").is_some() {
        let config_mt = root.get("config").and_then(|c| c.get("mediaType")).and_then(Value::as_str);
        if config_mt == Some(media::DOCKER_CONFIG) || config_mt == Some(media::DOCKER_PLUGIN_CONFIG) {
            return Some(Kind::DockerV2s2);
        }
        return Some(oci_image_or_artifact(root));
    }
    None
}

/// An OCI image manifest is an artifact when `artifactType` is set or the config is not an image
/// config (Helm chart, signature, SBOM …).
fn oci_image_or_artifact(root: &Value) -> Kind {
    let config_mt = root.get("config").and_then(|c| c.get("mediaType")).and_then(Value::as_str);
    let image_config = config_mt.is_none_or(media::is_image_config);
    if root.get("artifactType").is_some() || !image_config {
        Kind::OciArtifact
    } else {
        Kind::OciManifest
    }
}

fn missing_media_type(ctx: &mut Ctx, root: &Value, path: &str, kind: Kind) {
    let docker = matches!(kind, Kind::DockerV2s2 | Kind::DockerManifestList);
    let (en, ja) = if docker {
        (
            "`mediaType` is missing. The Docker schema 2 format requires it; without it the registry and clients must rely on the `Content-Type` header.",
            "`mediaType` がありません。Docker スキーマ 2 の形式では必須で、ないとレジストリやクライアントは `Content-Type` ヘッダーに頼るしかありません。",
        )
    } else {
        (
            "`mediaType` is missing. The OCI spec allows that but recommends setting it; the push must then send the right `Content-Type` header, and some tools guess the type wrongly.",
            "`mediaType` がありません。OCI 仕様上は省略できますが設定が推奨されています。省略するとプッシュ時に正しい `Content-Type` ヘッダーを送る必要があり、種類を誤認するツールもあります。",
        )
    };
    ctx.add(
        "media-type-missing",
        Severity::Warning,
        &child(path, "mediaType"),
        Some(root),
        Text::new(
            format!("{en} Identified as {} from the document's shape.", kind.as_str()),
            format!("{ja}ドキュメントの構造から {} と判定しました。", kind.as_str()),
        ),
        &["SEED-07"],
    );
}
