//! The platforms table of a list or index, and what the page fills into commands from it.

use super::descriptor::{opt_str, req_str, wrong_type};
use super::findings::{child, Ctx, Severity, Text};
use crate::json::{Pos, Span, Value};

/// The platforms every GitLab user's runners and laptops ask for (ENT-D02).
pub const EXPECTED: [&str; 2] = ["linux/amd64", "linux/arm64"];

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
    pub os_version: Option<String>,
    pub size: Option<i64>,
    pub digest: Option<String>,
    pub media_type: Option<String>,
    /// A BuildKit attestation manifest, not a runnable image.
    pub is_attestation: bool,
    /// Path and place of the entry.
    pub path: String,
    pub pos: Pos,
    pub span: Span,
}

impl Platform {
    /// `linux/arm64/v8`, `linux/amd64`, `unknown/unknown`.
    pub fn name(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}/{}/{v}", self.os, self.architecture),
            None => format!("{}/{}", self.os, self.architecture),
        }
    }

    /// `os/arch` with the variant only where it tells images apart for `--platform` (arm/v7 vs
    /// arm/v6; arm64's only variant v8 is dropped, as Docker does).
    pub fn short_name(&self) -> String {
        match (&self.variant, self.architecture.as_str()) {
            (Some(v), "arm64") if v == "v8" => format!("{}/{}", self.os, self.architecture),
            (Some(v), _) => format!("{}/{}/{v}", self.os, self.architecture),
            (None, _) => format!("{}/{}", self.os, self.architecture),
        }
    }

    /// The suffix of a per-architecture tag (`1.0.0-amd64`, `1.0.0-arm64`, `1.0.0-armv7`,
    /// `1.0.0-windows-amd64`), matching the catalog's manifest-list plan.
    pub fn tag_suffix(&self) -> String {
        let arch = match (&self.variant, self.architecture.as_str()) {
            (Some(v), "arm64") if v == "v8" => "arm64".to_string(),
            (Some(v), a) => format!("{a}{v}"),
            (None, a) => a.to_string(),
        };
        let s = if self.os == "linux" { arch } else { format!("{}-{arch}", self.os) };
        // Tags allow [A-Za-z0-9_.-] only.
        s.chars().map(|c| if c.is_ascii_alphanumeric() || "_.-".contains(c) { c } else { '_' }).collect()
    }
}

const KNOWN_ARCH: &[&str] = &[
    "386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64",
    "s390x", "wasm", "unknown",
];
const KNOWN_OS: &[&str] = &[
    "linux",
    "windows",
    "darwin",
    "freebsd",
    "netbsd",
    "openbsd",
    "solaris",
    "illumos",
    "aix",
    "android",
    "ios",
    "plan9",
    "dragonfly",
    "js",
    "wasip1",
    "unknown",
];

/// Reads an entry's `platform`. `required` for Docker lists, whose spec makes it mandatory.
pub fn read(ctx: &mut Ctx, entry: &Value, path: &str, required: bool) -> Platform {
    let mut p = Platform { path: path.to_string(), pos: entry.pos, span: entry.span, ..Platform::default() };
    p.size = entry.get("size").and_then(|s| s.as_number()).and_then(|n| n.int);
    p.digest = entry.get("digest").and_then(Value::as_str).map(str::to_string);
    p.media_type = entry.get("mediaType").and_then(Value::as_str).map(str::to_string);
    let reference_type = entry.get("annotations").and_then(|a| a.get("vnd.docker.reference.type"));
    let is_attestation_annotation = reference_type.and_then(Value::as_str) == Some("attestation-manifest");

    let pp = child(path, "platform");
    match entry.get("platform") {
        None => {
            if required && !is_attestation_annotation {
                super::descriptor::missing(ctx, path, entry, "platform");
            }
        }
        Some(pv) if pv.as_object().is_none() => wrong_type(ctx, &pp, pv, "object"),
        Some(pv) => {
            p.os = req_str(ctx, pv, &pp, "os").unwrap_or_default().to_string();
            p.architecture = req_str(ctx, pv, &pp, "architecture").unwrap_or_default().to_string();
            p.variant = opt_str(ctx, pv, &pp, "variant").map(str::to_string);
            p.os_version = opt_str(ctx, pv, &pp, "os.version").map(str::to_string);
            for key in ["os.features", "features"] {
                if let Some(f) = pv.get(key) {
                    if f.as_array().is_none_or(|a| a.iter().any(|x| x.as_str().is_none())) {
                        wrong_type(ctx, &child(&pp, key), f, "array");
                    }
                }
            }
            nonstandard(ctx, pv, &pp, &p);
        }
    }
    p.is_attestation = is_attestation_annotation || (p.os == "unknown" && p.architecture == "unknown");
    p
}

/// `x86_64`/`aarch64` (uname spellings) never match what clients ask for (`amd64`/`arm64`).
fn nonstandard(ctx: &mut Ctx, pv: &Value, pp: &str, p: &Platform) {
    let hint = match p.architecture.as_str() {
        "x86_64" | "x86-64" | "x64" => Some("amd64"),
        "aarch64" | "armv8" => Some("arm64"),
        "armhf" | "armv7l" | "armv7" => Some("arm (variant v7)"),
        "i386" | "i686" | "x86" => Some("386"),
        _ => None,
    };
    let arch_known = KNOWN_ARCH.contains(&p.architecture.as_str());
    let os_known = KNOWN_OS.contains(&p.os.as_str());
    if (arch_known && os_known) || p.architecture.is_empty() || p.os.is_empty() {
        return;
    }
    let (at, field, value) = if arch_known {
        (pv.get("os"), "os", p.os.as_str())
    } else {
        (pv.get("architecture"), "architecture", p.architecture.as_str())
    };
    let (en_hint, ja_hint) = match hint {
        Some(h) => (format!(" Use `{h}`."), format!("`{h}` を使ってください。")),
        None => (String::new(), String::new()),
    };
    ctx.add(
        "platform-nonstandard",
        Severity::Warning,
        &child(pp, field),
        at,
        Text::new(
            format!("`{value}` is not a Go/OCI {field} name, so no client will ever select this entry (`no matching manifest`).{en_hint}"),
            format!("`{value}` は Go/OCI の{}名ではないため、クライアントがこのエントリを選ぶことはありません（`no matching manifest`）。{ja_hint}", if field == "os" { " OS " } else { "アーキテクチャ" }),
        ),
        &["ENT-D02"],
    );
}

/// Which of [`EXPECTED`] no runnable entry provides.
pub fn missing(platforms: &[Platform]) -> Vec<&'static str> {
    EXPECTED
        .iter()
        .copied()
        .filter(|want| !platforms.iter().any(|p| !p.is_attestation && p.short_name() == *want))
        .collect()
}

/// `linux/amd64,linux/arm64`: runnable platforms in order, once each, for `--platform`.
pub fn csv(platforms: &[Platform]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut names: Vec<String> = Vec::new();
    for p in platforms.iter().filter(|p| !p.is_attestation && !p.os.is_empty()) {
        let n = p.short_name();
        if seen.insert(n.clone()) {
            names.push(n);
        }
    }
    names.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(os: &str, arch: &str, variant: Option<&str>) -> Platform {
        Platform { os: os.into(), architecture: arch.into(), variant: variant.map(Into::into), ..Platform::default() }
    }

    #[test]
    fn names_and_tag_suffixes() {
        let arm64 = p("linux", "arm64", Some("v8"));
        assert_eq!(
            (arm64.name(), arm64.short_name(), arm64.tag_suffix()),
            ("linux/arm64/v8".into(), "linux/arm64".into(), "arm64".into())
        );
        let armv7 = p("linux", "arm", Some("v7"));
        assert_eq!((armv7.short_name(), armv7.tag_suffix()), ("linux/arm/v7".into(), "armv7".into()));
        assert_eq!(p("windows", "amd64", None).tag_suffix(), "windows-amd64");
        let mut att = p("unknown", "unknown", None);
        att.is_attestation = true;
        let all = [p("linux", "amd64", None), att, armv7, arm64];
        assert_eq!(csv(&all), "linux/amd64,linux/arm/v7,linux/arm64");
        assert!(missing(&all).is_empty());
        assert_eq!(missing(&all[..2]), ["linux/arm64"]);
    }
}
