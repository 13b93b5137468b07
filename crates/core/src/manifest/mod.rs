//! The manifest analyzer: what a pasted manifest is, what is wrong with it, and which catalog
//! problems it leads to (issue 5; errors.md §M).
//!
//! `analyze` is pure and linear in the input: the page re-runs it on every edit.

mod advice;
mod checks;
mod classify;
mod descriptor;
mod findings;
mod inspect;
mod list;
mod locate;
pub mod media;
mod platforms;
mod schema1;
pub mod sha256;

pub use findings::{Finding, Severity, Text};
pub use platforms::{Platform, EXPECTED as EXPECTED_PLATFORMS};

use crate::json::{ParseError, Span};
use findings::Ctx;

/// Registries must accept manifests up to 4 MB (distribution spec); larger ones get 413 (ENT-D05).
const PAYLOAD_LIMIT: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    DockerV2s2,
    DockerManifestList,
    DockerSchema1 {
        signed: bool,
    },
    OciManifest,
    OciIndex,
    OciArtifact,
    #[default]
    Unknown,
}

impl Kind {
    /// The names the page and the CLI use.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::DockerV2s2 => "docker-v2s2",
            Kind::DockerManifestList => "docker-manifest-list",
            Kind::DockerSchema1 { .. } => "docker-schema1",
            Kind::OciManifest => "oci-manifest",
            Kind::OciIndex => "oci-index",
            Kind::OciArtifact => "oci-artifact",
            Kind::Unknown => "unknown",
        }
    }

    pub const fn is_list(self) -> bool {
        matches!(self, Kind::DockerManifestList | Kind::OciIndex)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub kind: Kind,
    /// Why the kind is `Unknown`.
    pub unknown_reason: Option<Text>,
    /// Most severe first, then in document order.
    pub findings: Vec<Finding>,
    /// Entries of a list or index (or of `docker manifest inspect -v`), in order.
    pub platforms: Vec<Platform>,
    /// Which of `linux/amd64`, `linux/arm64` no runnable entry provides (lists only).
    pub missing_platforms: Vec<&'static str>,
    /// `sha256:` of the JSON document's exact text (what the registry computes when these are
    /// the bytes pushed).
    pub digest: Option<String>,
    /// `sha256:` of the compact form (no whitespace): what tools that re-serialize produce.
    pub canonical_digest: Option<String>,
    /// Where the JSON document sits in the pasted text.
    pub document: Option<Span>,
    /// Set when no JSON document could be found at all.
    pub parse_error: Option<ParseError>,
    /// Blobs or manifests referenced (ENT-D05).
    pub references: usize,
}

impl Report {
    /// JSON, a manifest, and no `error` finding.
    pub fn valid(&self) -> bool {
        self.parse_error.is_none() && !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// `linux/amd64,linux/arm64`: the runnable platforms, for `--platform` in the fix commands.
    pub fn platforms_csv(&self) -> String {
        platforms::csv(&self.platforms)
    }

    /// Per-architecture tag names for `tag` (`1.0.0-amd64`, `1.0.0-arm64`), for the SEED-04 plan.
    pub fn arch_tags(&self, tag: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in self.platforms.iter().filter(|p| !p.is_attestation && !p.os.is_empty()) {
            let t = format!("{tag}-{}", p.tag_suffix());
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// The findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Identifies and checks the manifest in `text` (whatever a tool printed, prompts included).
pub fn analyze(text: &str) -> Report {
    let located = match locate::locate(text) {
        Ok(l) => l,
        Err(e) => return Report { parse_error: Some(e), ..Report::default() },
    };
    let mut ctx = Ctx::default();
    surroundings(&mut ctx, text, &located);
    for d in &located.parsed.duplicates {
        let mut path = d.object_path.clone();
        crate::json::push_key(&mut path, &d.key);
        ctx.add_at(
            "duplicate-key",
            Severity::Warning,
            &path,
            Some(findings::Anchor { pos: d.pos, span: d.span }),
            Text::new(
                format!("Key `{}` appears twice in `{}` (first on line {}). Parsers disagree on which one counts: Go (the registry) takes the last, others the first.", d.key, d.object_path, d.first.line),
                format!("キー `{}` が `{}` の中に 2 回あります（最初は {} 行目）。どちらを採用するかはパーサーによって異なり、Go（レジストリ）は後のものを、ほかのツールは最初のものを使うことがあります。", d.key, d.object_path, d.first.line),
            ),
            &[],
        );
    }

    let doc = text.get(located.span.start..located.span.end).unwrap_or("");
    let root = &located.parsed.value;
    if doc.len() > PAYLOAD_LIMIT {
        ctx.add(
            "payload-size",
            Severity::Warning,
            "$",
            Some(root),
            Text::new(
                format!("The manifest is {} bytes. Registries only have to accept 4 MB; larger manifests get `413` or `payload size limit exceeded`.", doc.len()),
                format!("マニフェストのサイズは {} バイトです。レジストリが受け付けなければならないのは 4 MB までで、それを超えると `413` や `payload size limit exceeded` になります。", doc.len()),
            ),
            &["ENT-D05"],
        );
    }

    let a = if inspect::is_verbose(root) {
        inspect::analyze(&mut ctx, root)
    } else {
        checks::manifest(&mut ctx, root, "$")
    };

    let mut findings = ctx.findings;
    findings.sort_by_key(|f| (f.severity, f.pos.offset));
    let missing_platforms =
        if a.kind.is_list() && !a.platforms.is_empty() { platforms::missing(&a.platforms) } else { Vec::new() };
    Report {
        kind: a.kind,
        unknown_reason: a.reason,
        findings,
        platforms: a.platforms,
        missing_platforms,
        digest: Some(sha256::digest_of(doc.as_bytes())),
        canonical_digest: Some(sha256::digest_of(root.to_compact().as_bytes())),
        document: Some(located.span),
        parse_error: None,
        references: a.references,
    }
}

fn surroundings(ctx: &mut Ctx, text: &str, located: &locate::Located) {
    let place = |span: Span| findings::Anchor { pos: crate::json::pos_of(text, span.start), span };
    if let Some(s) = located.leading {
        ctx.add_at(
            "leading-text",
            Severity::Info,
            "$",
            Some(place(s)),
            Text::new(
                "Text before the JSON (a prompt or command line) was ignored.",
                "JSON の前にあるテキスト（プロンプトやコマンド行）は無視しました。",
            ),
            &[],
        );
    }
    if let Some(s) = located.trailing {
        ctx.add_at(
            "trailing-text",
            Severity::Info,
            "$",
            Some(place(s)),
            Text::new(
                "Text after the JSON was ignored. The digest is computed over the JSON document only.",
                "JSON の後ろにあるテキストは無視しました。ダイジェストは JSON ドキュメントの部分だけから計算しています。",
            ),
            &[],
        );
    }
}
