//! Times `manifest::analyze` on a 5 MB OCI index with 10 000 entries (issue 5's budget: well under
//! a second natively, so the page stays interactive).
//!
//! `cargo run --release -p registry-doctor-core --example bench_manifest`

use registry_doctor_core::manifest::{analyze, Severity};
use std::fmt::Write;
use std::time::Instant;

const ENTRIES: usize = 10_000;
const TARGET_BYTES: usize = 5 * 1024 * 1024;

fn hex64(n: usize) -> String {
    format!("{:064x}", (n as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835))
}

/// One index entry. Each has its own `os.version` so that platforms do not repeat, as in a real
/// index (Windows images carry one per build).
fn entry(s: &mut String, i: usize, pad: &str) {
    let archs = [("amd64", None), ("arm64", Some("v8")), ("arm", Some("v7")), ("ppc64le", None), ("s390x", None)];
    let (arch, variant) = archs[i % archs.len()];
    let variant = variant.map(|v| format!(", \"variant\": \"{v}\"")).unwrap_or_default();
    let _ = write!(
        s,
        "    {{\n      \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n      \"digest\": \"sha256:{}\",\n      \"size\": {},\n      \"platform\": {{ \"architecture\": \"{arch}\", \"os\": \"linux\"{variant}, \"os.version\": \"build.{i}\" }},\n      \"annotations\": {{ \"org.opencontainers.image.ref.name\": \"build-{i}\", \"com.example.note\": \"{pad}\" }}\n    }}{}\n",
        hex64(i),
        1000 + i,
        if i + 1 == ENTRIES { "" } else { "," }
    );
}

fn build() -> String {
    // Pad each entry's annotation so that the whole index reaches 5 MB.
    let mut probe = String::new();
    entry(&mut probe, 0, "");
    let pad = "x".repeat((TARGET_BYTES / ENTRIES).saturating_sub(probe.len() + 4));
    let mut s = String::with_capacity(TARGET_BYTES + 4096);
    s.push_str("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.oci.image.index.v1+json\",\n  \"manifests\": [\n");
    for i in 0..ENTRIES {
        entry(&mut s, i, &pad);
    }
    s.push_str("  ]\n}\n");
    s
}

fn main() {
    let text = build();
    let mut times = Vec::new();
    let mut report = None;
    for _ in 0..5 {
        let start = Instant::now();
        let r = analyze(&text);
        times.push(start.elapsed());
        report = Some(r);
    }
    times.sort();
    let Some(r) = report else { return };
    println!(
        "index: {:.2} MB, {} entries; kind {}, {} findings ({} errors), {} platforms",
        text.len() as f64 / 1_048_576.0,
        ENTRIES,
        r.kind.as_str(),
        r.findings.len(),
        r.count(Severity::Error),
        r.platforms.len()
    );
    println!(
        "analyze: median {:.1} ms, min {:.1} ms, max {:.1} ms (5 runs)",
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3
    );
}
