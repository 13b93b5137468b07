//! The paste analyzer on a big CI log: generates the benchmark's deterministic log and pattern file,
//! and times each phase of `analyze` (the splits show where the time goes when a change makes it slow).
//!
//! ```text
//! cargo run --release -p registry-doctor-core --example bench_diagnose -- generate LOG MEGABYTES
//! cargo run --release -p registry-doctor-core --example bench_diagnose -- patterns 40 > PATTERNS
//! cargo run --release -p registry-doctor-core --example bench_diagnose -- time LOG
//! ```
//! `scripts/bench-diagnose.sh` runs all three and compares against `grep -c -F -f`.

#[path = "../tests/support/noisy_log.rs"]
#[allow(dead_code)]
mod noisy_log;

use noisy_log::{push_line, push_noise, Dress, Rng, RUNNER_HEADER};
use registry_doctor_core::analyze::{self, analyze};
use registry_doctor_core::kb::{Strength, ENTRIES};
use std::io::Write;
use std::time::Instant;

/// The errors hidden in the big log: a failed push near the start, a TLS error in the middle and a
/// denied push at the very end, as a real job that retried would print them.
const ERRORS: &[&[&str]] = &[
    &[
        "$ docker push registry.example.com:5050/acme/platform/api:1.4.2",
        "The push refers to repository [registry.example.com:5050/acme/platform/api]",
        "5f70bf18a086: Preparing",
        "blob upload unknown: blob upload unknown to registry",
    ],
    &[
        "$ docker login -u gitlab-ci-token --password-stdin registry.example.com:5050",
        "Error response from daemon: Get \"https://registry.example.com:5050/v2/\": tls: failed to verify certificate: x509: certificate signed by unknown authority",
    ],
    &[
        "$ docker push registry.example.com:5050/acme/platform/api:1.4.2",
        "The push refers to repository [registry.example.com:5050/acme/platform/api]",
        "5f70bf18a086: Preparing",
        "denied: requested access to the resource is denied",
        "\u{1b}[31;1mERROR: Job failed: exit code 1\u{1b}[0;m",
    ],
];

fn generate(path: &str, megabytes: usize) -> std::io::Result<()> {
    let target = megabytes * 1024 * 1024;
    let mut out = Vec::with_capacity(target + 4096);
    let dress = Dress { timestamps: true, crlf: false };
    let mut rng = Rng::new(42);
    let mut n = 0u64;
    for line in RUNNER_HEADER {
        push_line(&mut out, line, n, dress);
        n += 1;
    }
    // Errors at about 10 %, 50 % and 100 % of the file.
    for (i, error) in ERRORS.iter().enumerate() {
        let until = target * [10, 50, 99][i] / 100;
        while out.len() < until {
            push_noise(&mut out, &mut rng, n, 1000, dress);
            n += 1000;
        }
        for line in *error {
            push_line(&mut out, line, n, dress);
            n += 1;
        }
    }
    std::fs::write(path, &out)
}

/// `count` distinct error phrases of the catalog, the most identifying (unique) first.
fn patterns(count: usize) {
    let mut seen: Vec<&str> = Vec::new();
    for strength in [Strength::Unique, Strength::Strong] {
        for e in ENTRIES {
            for s in e.symptoms.iter().filter(|s| s.strength == strength) {
                if seen.len() < count && !seen.contains(&s.pattern) && s.pattern.len() >= 12 {
                    seen.push(s.pattern);
                }
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    for p in seen {
        let _ = writeln!(stdout, "{p}");
    }
}

fn time(path: &str) -> std::io::Result<()> {
    let t = Instant::now();
    let input = std::fs::read(path)?;
    let read = t.elapsed();
    let t = Instant::now();
    let utf8 = std::str::from_utf8(&input).is_ok();
    let utf8_time = t.elapsed();
    let t = Instant::now();
    let a = analyze(&input);
    let first = t.elapsed();
    // Again, with the automaton built: what every later paste costs.
    let t = Instant::now();
    let a2 = analyze(&input);
    let total = t.elapsed();
    assert_eq!(a.diagnoses.len(), a2.diagnoses.len());
    let t = Instant::now();
    let lines = memchr::memchr_iter(b'\n', &input).count();
    let count_time = t.elapsed();
    let t = Instant::now();
    let f = analyze::values::extract(&input);
    let values = t.elapsed();
    println!("input         {:>8.1} MB, {} lines, utf8 {utf8}", input.len() as f64 / 1e6, a.lines);
    println!("read          {read:>10.1?}");
    println!("utf-8 check   {utf8_time:>10.1?}");
    println!("line count    {count_time:>10.1?}  ({lines})");
    println!("analyze first {first:>10.1?}  (builds the automaton)");
    println!("analyze       {total:>10.1?}  ({:.0} MB/s)", input.len() as f64 / 1e6 / total.as_secs_f64());
    println!("  values only {values:>10.1?}  ({f:?})");
    for d in &a.diagnoses {
        println!("  {:<45} {:>4} {:?} {} lines", d.entry.id, d.score, d.confidence, d.evidence.len());
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", path, mb] => generate(path, mb.parse().unwrap_or(100)),
        ["patterns", n] => {
            patterns(n.parse().unwrap_or(40));
            Ok(())
        }
        ["time", path] => time(path),
        _ => {
            eprintln!("usage: bench_diagnose generate LOG MB | patterns N | time LOG");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("bench_diagnose: {e}");
        std::process::exit(2);
    }
}
