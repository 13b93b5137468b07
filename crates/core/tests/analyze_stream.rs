//! The streamed analysis (the CLI's path for big files, `analyze::analyze_streamed`) must say
//! exactly what the in-memory one says: same diagnoses, evidence lines and line numbers, values,
//! line count and UTF-8 verdict, whatever the chunk size and wherever the errors fall.

mod support {
    #[allow(dead_code)]
    pub mod noisy_log;
}

use registry_doctor_core::analyze::{analyze, analyze_streamed, Analysis};
use support::noisy_log::{push_line, push_noise, Dress, Rng, RUNNER_HEADER};

/// A log of about `lines` noise lines with `errors` inserted after the given line numbers.
fn log(seed: u64, lines: u64, errors: &[(u64, &[&str])], dress: Dress) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (i, l) in RUNNER_HEADER.iter().enumerate() {
        push_line(&mut out, l, i as u64, dress);
    }
    let mut at = 0;
    for &(line, block) in errors {
        push_noise(&mut out, &mut rng, at, line - at, dress);
        for l in block {
            push_line(&mut out, l, line, dress);
        }
        at = line;
    }
    push_noise(&mut out, &mut rng, at, lines - at, dress);
    out
}

fn summary(a: &Analysis) -> String {
    let mut s =
        format!("{:?} lines={} bytes={} invalid={} values={:?}\n", a.kind, a.lines, a.bytes, a.invalid_utf8, a.values);
    for d in &a.diagnoses {
        s.push_str(&format!("{} {}\n", d.entry.id, d.score));
        for l in &d.evidence {
            s.push_str(&format!("  {}: {:?} {:?}\n", l.line, l.text, l.highlights));
        }
    }
    s
}

fn same(input: &[u8]) {
    let whole = summary(&analyze(input));
    for chunk in [4096, 65_536, 1_000_003] {
        let streamed = analyze_streamed(input, chunk).expect("reading a slice cannot fail");
        assert_eq!(summary(&streamed), whole, "chunk {chunk}");
    }
}

const PUSH_DENIED: &[&str] = &[
    "$ docker push registry.example.com:5050/acme/platform/api:1.4.2",
    "The push refers to repository [registry.example.com:5050/acme/platform/api]",
    "5f70bf18a086: Preparing",
    "denied: requested access to the resource is denied",
];
const BLOB_UNKNOWN: &[&str] = &["blob upload unknown: blob upload unknown to registry"];
const TLS: &[&str] = &[
    "$ docker login -u gitlab-ci-token --password-stdin registry.example.com:5050",
    "Error response from daemon: Get \"https://registry.example.com:5050/v2/\": x509: certificate signed by unknown authority",
];

#[test]
fn errors_near_the_start_the_middle_and_the_end_of_a_big_log() {
    // About 7 MB: the excerpts around each error are apart, not one.
    let input = log(1, 90_000, &[(300, BLOB_UNKNOWN), (45_000, TLS), (89_990, PUSH_DENIED)], Dress::default());
    assert!(input.len() > 4_000_000, "{}", input.len());
    let a = analyze(&input);
    assert!(a.diagnoses.len() >= 3, "{}", summary(&a));
    same(&input);
}

#[test]
fn values_found_tens_of_kilobytes_before_the_error() {
    // The command that failed ran 400 lines (about 30 KB) before the error was printed; the
    // excerpt around the error must reach it, as the in-memory value window does.
    let push: &[&str] = &[
        "$ docker push mirror.example.org:8443/team/tool:2.0",
        "The push refers to repository [mirror.example.org:8443/team/tool]",
    ];
    let input = log(
        5,
        70_000,
        &[(30_000, push), (30_400, &["denied: requested access to the resource is denied"])],
        Dress::default(),
    );
    let a = analyze(&input);
    assert_eq!(a.values.registry.as_deref(), Some("mirror.example.org:8443"), "{}", summary(&a));
    same(&input);
}

#[test]
fn dressed_logs_and_errors_only_in_the_middle() {
    let dress = Dress { timestamps: true, crlf: true };
    same(&log(2, 60_000, &[(31_000, PUSH_DENIED), (31_200, PUSH_DENIED)], dress));
    same(&log(3, 60_000, &[], dress));
}

#[test]
fn invalid_utf8_and_characters_across_chunk_ends() {
    let mut input = log(4, 40_000, &[(20_000, PUSH_DENIED)], Dress::default());
    // Multi-byte characters at every offset around a chunk end, and one broken sequence.
    let mut text = input.clone();
    for k in 0..8 {
        let at = 65_536 * (k + 1) - 3 + k % 4;
        text.splice(at..at, "é→😀".bytes());
    }
    same(&text);
    assert!(!analyze(&text).invalid_utf8);
    let at = input.len() / 3;
    input.splice(at..at, [0xE2, 0x82, b'x']);
    same(&input);
    assert!(analyze(&input).invalid_utf8);
}

#[test]
fn small_and_empty_inputs() {
    same(b"");
    same(b"denied: requested access to the resource is denied");
    same(b"\n\n");
}
