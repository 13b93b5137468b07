//! Media types the analyzer knows (errors.md §M.1) and how they group.

pub const DOCKER_V1: &str = "application/vnd.docker.distribution.manifest.v1+json";
pub const DOCKER_V1_SIGNED: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";
pub const DOCKER_V2: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// The image-spec 1.1 release candidates' artifact manifest, dropped from the final 1.1.
pub const OCI_ARTIFACT_MANIFEST: &str = "application/vnd.oci.artifact.manifest.v1+json";

pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const DOCKER_PLUGIN_CONFIG: &str = "application/vnd.docker.plugin.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const OCI_EMPTY: &str = "application/vnd.oci.empty.v1+json";
/// The empty JSON blob `{}`: its digest, size and base64 (image-spec `manifest.md`).
pub const EMPTY_DIGEST: &str = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

pub const DOCKER_FOREIGN: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
pub const IN_TOTO: &str = "application/vnd.in-toto+json";

const DOCKER_LAYERS: &[&str] = &[
    "application/vnd.docker.image.rootfs.diff.tar.gzip",
    "application/vnd.docker.image.rootfs.diff.tar",
    "application/vnd.docker.image.rootfs.diff.tar.zstd",
    DOCKER_FOREIGN,
];

const OCI_LAYERS: &[&str] = &[
    "application/vnd.oci.image.layer.v1.tar",
    "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.oci.image.layer.v1.tar+zstd",
    "application/vnd.oci.image.layer.nondistributable.v1.tar",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
];

/// Artifact types GitLab documents or ships support for (Helm charts, cosign/Notary signatures,
/// BuildKit attestations); anything else is "custom" for ENT-D04.
const KNOWN_ARTIFACT_TYPES: &[&str] = &[
    "application/vnd.cncf.helm.config.v1+json",
    "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
    "application/vnd.cncf.helm.chart.provenance.v1.prov",
    "application/vnd.dev.cosign.simplesigning.v1+json",
    "application/vnd.dev.cosign.artifact.sig.v1+json",
    "application/vnd.dev.cosign.artifact.sbom.v1+json",
    "application/vnd.dev.sigstore.bundle.v0.3+json",
    "application/vnd.cncf.notary.signature",
    IN_TOTO,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Docker,
    Oci,
    Other,
}

pub fn family(mt: &str) -> Family {
    if mt.starts_with("application/vnd.docker.") {
        Family::Docker
    } else if mt.starts_with("application/vnd.oci.") {
        Family::Oci
    } else {
        Family::Other
    }
}

/// A media type an index or list entry may have: something a registry stores as a manifest.
pub fn is_manifest(mt: &str) -> bool {
    matches!(mt, DOCKER_V1 | DOCKER_V1_SIGNED | DOCKER_V2 | DOCKER_LIST | OCI_MANIFEST | OCI_INDEX)
}

pub fn is_list(mt: &str) -> bool {
    mt == DOCKER_LIST || mt == OCI_INDEX
}

pub fn is_image_config(mt: &str) -> bool {
    matches!(mt, DOCKER_CONFIG | OCI_CONFIG)
}

pub fn is_layer(mt: &str) -> bool {
    DOCKER_LAYERS.contains(&mt) || OCI_LAYERS.contains(&mt)
}

pub fn is_docker_layer(mt: &str) -> bool {
    DOCKER_LAYERS.contains(&mt)
}

/// Layers whose blob lives elsewhere (`urls`) and that clients do not push.
pub fn is_foreign(mt: &str) -> bool {
    mt == DOCKER_FOREIGN || mt.starts_with("application/vnd.oci.image.layer.nondistributable.")
}

/// A type the registries of the catalog's era all know; others may hit ENT-D04.
pub fn is_standard(mt: &str) -> bool {
    is_manifest(mt)
        || is_layer(mt)
        || matches!(mt, DOCKER_CONFIG | DOCKER_PLUGIN_CONFIG | OCI_CONFIG | OCI_EMPTY)
        || KNOWN_ARTIFACT_TYPES.contains(&mt)
}

/// RFC 6838 `type/subtype` (restricted-name characters, at most 127 each), as the image-spec asks.
pub fn is_well_formed(mt: &str) -> bool {
    fn name(s: &str) -> bool {
        let b = s.as_bytes();
        !b.is_empty()
            && b.len() <= 127
            && b[0].is_ascii_alphanumeric()
            && b.iter().all(|&c| c.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&c))
    }
    match mt.split_once('/') {
        Some((t, s)) => name(t) && name(s),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups() {
        assert!(is_well_formed(OCI_MANIFEST) && is_well_formed("application/vnd.example+type"));
        assert!(!is_well_formed("application") && !is_well_formed("a/b c") && !is_well_formed("/x"));
        assert!(is_foreign(DOCKER_FOREIGN) && is_foreign("application/vnd.oci.image.layer.nondistributable.v1.tar"));
        assert_eq!(family(OCI_INDEX), Family::Oci);
        assert!(is_standard(IN_TOTO) && !is_standard("application/x-custom"));
    }
}
