//! Findings that tie what the manifest is to the catalog's problems and their fixes.

use super::findings::{Anchor, Ctx, Severity, Text};
use super::platforms::{self, Platform};
use super::Kind;
use crate::json::Value;

/// The example registry config's `validation.manifests.referencelimit` (errors.md ENT-D05).
const REFERENCE_LIMIT: usize = 150;

pub fn schema1(ctx: &mut Ctx, root: &Value, path: &str, signed: bool) {
    let form = if signed { ("signed", "署名あり") } else { ("unsigned", "署名なし") };
    ctx.add(
        "schema1",
        Severity::Error,
        path,
        Some(root),
        Text::new(
            format!("Docker image manifest schema 1 ({}). GitLab's registry rejects schema 1 by default (`manifest invalid: Schema 1 manifest not supported`), Docker Engine 17.11 and older speak nothing else, and Docker 26+ refuses to pull it. Convert the image and push it again: `skopeo copy --format v2s2 docker://<SOURCE>:<TAG> docker://<REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG>` (or rebuild it with a current Docker).", form.0),
            format!("Docker イメージマニフェストのスキーマ 1（{}）です。GitLab のレジストリはスキーマ 1 を既定で拒否し（`manifest invalid: Schema 1 manifest not supported`）、Docker Engine 17.11 以前はこれしか扱えず、Docker 26 以降はプルを拒否します。イメージを変換してプッシュし直してください: `skopeo copy --format v2s2 docker://<SOURCE>:<TAG> docker://<REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG>`（または新しい Docker でビルドし直します）。", form.1),
        ),
        &["SEED-03"],
    );
    if signed {
        ctx.add(
            "schema1-signed-digest",
            Severity::Info,
            path,
            Some(root),
            Text::new(
                "For a signed schema 1 manifest the registry's digest covers the payload without the `signatures` block, so it differs from the sha256 of this text.",
                "署名付きスキーマ 1 マニフェストのレジストリ上のダイジェストは `signatures` を除いたペイロードから計算されるため、このテキストの sha256 とは一致しません。",
            ),
            &["SEED-03"],
        );
    }
}

/// OCI media types need an `Accept` header old clients do not send (SEED-07).
pub fn oci(ctx: &mut Ctx, kind: Kind, path: &str, at: Option<&Value>) {
    if !ctx.first("oci-accept") {
        return;
    }
    let (mt, noun_en, plural, noun_ja) = if kind == Kind::OciIndex {
        (super::media::OCI_INDEX, "index", "indexes", "インデックス")
    } else {
        (super::media::OCI_MANIFEST, "manifest", "manifests", "マニフェスト")
    };
    ctx.add(
        "oci-accept",
        Severity::Info,
        path,
        at,
        Text::new(
            format!("This is an OCI {noun_en}: clients must send `Accept: {mt}`. Old Docker engines, old containerd/kubelet and scripts using curl without it get `OCI {noun_en} found, but accept header does not support OCI {plural}`. Update the client, send the full Accept list, or store Docker media types (`skopeo copy --format v2s2 …`, `docker buildx build --output type=image,oci-mediatypes=false,push=true …`)."),
            format!("これは OCI {noun_ja}です。クライアントは `Accept: {mt}` を送る必要があります。古い Docker Engine、古い containerd や kubelet、このヘッダーなしで curl を使うスクリプトでは `OCI {noun_en} found, but accept header does not support OCI {plural}` になります。クライアントを更新するか、Accept にすべてのメディアタイプを並べるか、Docker のメディアタイプで保存してください（`skopeo copy --format v2s2 …`、`docker buildx build --output type=image,oci-mediatypes=false,push=true …`）。"),
        ),
        &["SEED-07"],
    );
}

/// `subject`: OCI 1.1 referrers (signatures, SBOMs, BuildKit ≥ 0.32 attestations).
pub fn subject(ctx: &mut Ctx, s: &Value, path: &str, docker: bool) {
    if docker {
        ctx.add(
            "subject-in-docker",
            Severity::Warning,
            path,
            Some(s),
            Text::new(
                "`subject` is not part of the Docker schema 2 formats; registries and tools ignore it there. Use an OCI manifest for referrers.",
                "`subject` は Docker スキーマ 2 の形式にはないため、レジストリやツールに無視されます。リファラーには OCI マニフェストを使ってください。",
            ),
            &[],
        );
    }
    if !ctx.first("subject") {
        return;
    }
    let digest = s.get("digest").and_then(Value::as_str).unwrap_or("<digest>");
    ctx.add(
        "subject",
        Severity::Info,
        path,
        Some(s),
        Text::new(
            format!("This manifest refers to {digest} (`subject`: a signature, SBOM or attestation). GitLab's registry accepts `subject`, but the referred manifest must already be in the same repository, otherwise the push fails with `blob unknown to registry`; push the image first. The OCI Referrers API is not fully implemented, and signatures show in the UI only with the metadata database (self-managed). For cosign use `cosign sign --registry-referrers-mode oci-1-1 <image>`."),
            format!("このマニフェストは {digest} を参照しています（`subject`: 署名、SBOM、アテステーションなど）。GitLab のレジストリは `subject` を受け付けますが、参照先のマニフェストが同じリポジトリに先に存在しないと `blob unknown to registry` でプッシュが失敗するので、先にイメージをプッシュしてください。OCI の Referrers API は完全には実装されておらず、署名が UI に表示されるのはメタデータデータベースを使っている場合だけです（セルフマネージド）。cosign では `cosign sign --registry-referrers-mode oci-1-1 <image>` を使ってください。"),
        ),
        &["ENT-D06"],
    );
}

pub fn limits(ctx: &mut Ctx, root: &Value, path: &str, references: usize) {
    if references > REFERENCE_LIMIT && ctx.first("reference-limit") {
        ctx.add(
            "reference-limit",
            Severity::Warning,
            path,
            Some(root),
            Text::new(
                format!("The manifest references {references} blobs or manifests. Registries with `validation.manifests.referencelimit` set (the example configuration uses {REFERENCE_LIMIT}) reject it with `too many manifest references`; squash layers or split the index."),
                format!("このマニフェストは {references} 個のブロブまたはマニフェストを参照しています。`validation.manifests.referencelimit` を設定したレジストリ（設定例では {REFERENCE_LIMIT}）は `too many manifest references` で拒否します。レイヤーをまとめるかインデックスを分けてください。"),
            ),
            &["ENT-D05"],
        );
    }
}

/// Lists and indexes: same-repository rule with the per-arch plan, attestations, missing platforms.
pub fn list(ctx: &mut Ctx, root: &Value, path: &str, plats: &[Platform]) {
    let runnable: Vec<&Platform> = plats.iter().filter(|p| !p.is_attestation && !p.os.is_empty()).collect();
    let mut suffixes: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in &runnable {
        let s = p.tag_suffix();
        if seen.insert(s.clone()) {
            suffixes.push(s);
        }
    }
    if suffixes.is_empty() {
        suffixes = vec!["amd64".into(), "arm64".into()];
    }
    let shown: Vec<String> = suffixes.iter().take(8).map(|s| format!("<TAG>-{s}")).collect();
    let sources: Vec<String> =
        suffixes.iter().take(8).map(|s| format!("<REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG>-{s}")).collect();
    let create = format!("docker manifest create <REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG> {}", sources.join(" "));
    let imagetools =
        format!("docker buildx imagetools create -t <REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG> {}", sources.join(" "));
    ctx.add(
        "list-same-repository",
        Severity::Info,
        path,
        Some(root),
        Text::new(
            format!("A manifest list or index can only reference manifests that already exist in the same repository; otherwise the push fails with `manifest blob unknown: blob unknown to registry`. Push each platform there first under its own tag ({}), then create the list: `{create}` and `docker manifest push <REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG>`, or `{imagetools}`.", shown.join(", ")),
            format!("マニフェストリストやインデックスが参照できるのは、同じリポジトリに既に存在するマニフェストだけです。そうでないとプッシュは `manifest blob unknown: blob unknown to registry` で失敗します。まず各プラットフォームを同じリポジトリに専用のタグ（{}）でプッシュしてから、リストを作成してください: `{create}` と `docker manifest push <REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG>`、または `{imagetools}`。", shown.join("、")),
        ),
        &["SEED-04"],
    );

    let attestations: Vec<&Platform> = plats.iter().filter(|p| p.is_attestation).collect();
    if let Some(first) = attestations.first() {
        let n = attestations.len();
        ctx.add_at(
            "attestation",
            Severity::Warning,
            &first.path,
            Some(Anchor { pos: first.pos, span: first.span }),
            Text::new(
                format!("{n} {} BuildKit attestation manifest{} (platform `unknown/unknown`, annotation `vnd.docker.reference.type: attestation-manifest`), added by default by `docker buildx build`. GitLab may show such tags as `Invalid tag: missing manifest digest`, and with BuildKit ≥ 0.32 the push can fail with `blob unknown to registry`. If you do not need provenance/SBOM attestations, build with `--provenance=false --sbom=false` or set `BUILDX_NO_DEFAULT_ATTESTATIONS=1`.", if n == 1 { "entry is a" } else { "entries are" }, if n == 1 { "" } else { "s" }),
                format!("{n} 個のエントリが BuildKit のアテステーションマニフェストです（プラットフォーム `unknown/unknown`、アノテーション `vnd.docker.reference.type: attestation-manifest`）。`docker buildx build` が既定で追加するものです。GitLab ではこうしたタグが `Invalid tag: missing manifest digest` と表示されることがあり、BuildKit 0.32 以降ではプッシュが `blob unknown to registry` で失敗することがあります。来歴や SBOM のアテステーションが不要なら、`--provenance=false --sbom=false` を付けるか `BUILDX_NO_DEFAULT_ATTESTATIONS=1` を設定してビルドしてください。"),
            ),
            &["ENT-D06", "ENT-D08"],
        );
    }

    let missing = platforms::missing(plats);
    if !missing.is_empty() && !plats.is_empty() {
        let list = missing.join(", ");
        let only_attest = runnable.is_empty();
        ctx.add(
            "platform-missing",
            Severity::Info,
            path,
            Some(root),
            Text::new(
                format!("No image for {list}{}: pulls on such machines fail with `no matching manifest for {} in the manifest list entries`. Build it too: `docker buildx build --platform linux/amd64,linux/arm64 --push -t <REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG> .`, or pull with `--platform` under emulation.", if only_attest { " (the index holds only attestations)" } else { "" }, missing[0]),
                format!("{list} 向けのイメージがありません{}。そのマシンでのプルは `no matching manifest for {} in the manifest list entries` で失敗します。そのプラットフォームもビルドするか（`docker buildx build --platform linux/amd64,linux/arm64 --push -t <REGISTRY>/<PROJECT_PATH>/<IMAGE>:<TAG> .`）、エミュレーションで `--platform` を指定してプルしてください。", if only_attest { "（インデックスにはアテステーションしかありません）" } else { "" }, missing[0]),
            ),
            &["ENT-D02"],
        );
    }
}
