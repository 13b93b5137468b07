//! Deterministic, realistic CI job output that matches no registry problem: the haystack that the
//! analyzer tests and the 100 MB benchmark hide errors in. Shared by `tests/analyze_logs.rs` and
//! `examples/bench_diagnose.rs` (included with `#[path]`), so both exercise the same kind of noise.

/// A tiny xorshift generator: the same seed gives the same log on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    pub fn hex(&mut self, len: usize) -> String {
        (0..len).map(|_| char::from(b"0123456789abcdef"[self.below(16) as usize])).collect()
    }
}

const CRATES: &[&str] = &["serde", "tokio", "hyper", "rand", "regex", "clap", "anyhow", "libc", "syn", "quote"];
const PKGS: &[&str] = &["requests", "numpy", "urllib3", "certifi", "idna", "charset-normalizer", "pytest", "six"];
const APT: &[&str] = &["ca-certificates", "curl", "git", "openssl", "libssl3", "tzdata", "make", "gcc-12"];
const TESTS: &[&str] = &["TestParseConfig", "TestHandler", "TestRetry", "TestCache", "TestMigrate", "TestWorker"];

/// One line of ordinary build output (no newline).
pub fn noise_line(rng: &mut Rng, n: u64) -> String {
    match rng.below(22) {
        0 => format!("   Compiling {} v1.{}.{}", rng.pick(CRATES), rng.below(40), rng.below(20)),
        1 => format!(
            "Get:{n} http://deb.debian.org/debian bookworm/main amd64 {} amd64 {}.{}-1 [{} kB]",
            rng.pick(APT),
            rng.below(9),
            rng.below(30),
            rng.below(900)
        ),
        2 => format!("Collecting {}=={}.{}.{}", rng.pick(PKGS), rng.below(5), rng.below(30), rng.below(9)),
        3 => format!(
            "  Downloading {}-{}.{}.0-py3-none-any.whl ({} kB)",
            rng.pick(PKGS),
            rng.below(5),
            rng.below(30),
            rng.below(900)
        ),
        4 => format!("=== RUN   {}/case_{}", rng.pick(TESTS), rng.below(100)),
        5 => format!("--- PASS: {}/case_{} (0.{:02}s)", rng.pick(TESTS), rng.below(100), rng.below(100)),
        6 => format!("#{} [build {}/9] RUN make -j4 target-{}", rng.below(30), rng.below(9), rng.below(50)),
        7 => format!(
            "#{} {}.{} gcc -O2 -c src/module_{}.c -o build/module_{}.o",
            rng.below(30),
            rng.below(90),
            rng.below(999),
            n % 97,
            n % 97
        ),
        8 => format!(
            "npm info run {}@{}.{}.0 postinstall node_modules/{}",
            rng.pick(CRATES),
            rng.below(9),
            rng.below(9),
            rng.pick(CRATES)
        ),
        9 => {
            format!("added {} packages, and audited {} packages in {}s", rng.below(900), rng.below(1200), rng.below(60))
        }
        10 => format!(
            "\u{1b}[32;1m✓\u{1b}[0;m src/components/widget_{}.test.ts ({} tests) {}ms",
            n % 53,
            rng.below(40),
            rng.below(900)
        ),
        11 => format!("Setting up {} ({}.{}-1) ...", rng.pick(APT), rng.below(9), rng.below(30)),
        12 => format!(
            "Unpacking {} ({}.{}-1) over ({}.{}-0) ...",
            rng.pick(APT),
            rng.below(9),
            rng.below(30),
            rng.below(9),
            rng.below(30)
        ),
        13 => format!(
            "Progress: [{:>3}%] [{}]\r Progress: [100%] [{}]",
            rng.below(100),
            "#".repeat(rng.below(30) as usize),
            "#".repeat(30)
        ),
        14 => format!("ok  \tgitlab.example.com/acme/service/internal/pkg{}\t0.{:03}s", n % 31, rng.below(999)),
        15 => format!("    Finished `release` profile [optimized] target(s) in {}.{}s", rng.below(300), rng.below(99)),
        16 => format!(
            "INFO[{:04}] Processed layer {} of build cache, {} files",
            rng.below(9999),
            rng.hex(12),
            rng.below(5000)
        ),
        17 => format!("{}: {} warnings generated.", rng.pick(&["lib.c", "main.c", "net.c"]), rng.below(9)),
        18 => format!(
            "test result: ok. {} passed; 0 failed; 0 ignored; finished in {}.{:02}s",
            rng.below(300),
            rng.below(9),
            rng.below(99)
        ),
        19 => format!(
            "  writing output to dist/assets/index-{}.js ({} kB │ gzip: {} kB)",
            rng.hex(8),
            rng.below(900),
            rng.below(300)
        ),
        20 => format!("\u{1b}[0KRemoving node_modules/.cache/babel-loader/{}.json", rng.hex(20)),
        _ => {
            format!("[{:>5}/{:>5}] Building CXX object src/CMakeFiles/core.dir/file_{}.cpp.o", n % 9000, 9000, n % 400)
        }
    }
}

/// How the lines are dressed: what a real runner or terminal adds around them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dress {
    /// `2024-05-01T10:00:00.123456Z 01O ` before each line (runner FF_TIMESTAMPS).
    pub timestamps: bool,
    /// `\r\n` line endings.
    pub crlf: bool,
}

/// Appends one line (with its dressing and line ending) to `out`.
pub fn push_line(out: &mut Vec<u8>, line: &str, n: u64, dress: Dress) {
    if dress.timestamps {
        let secs = n / 50;
        out.extend_from_slice(
            format!(
                "2024-05-01T{:02}:{:02}:{:02}.{:06}Z 01O ",
                10 + secs / 3600 % 14,
                secs / 60 % 60,
                secs % 60,
                n % 1_000_000
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(line.as_bytes());
    out.extend_from_slice(if dress.crlf { b"\r\n" } else { b"\n" });
}

/// The runner's job header, as GitLab Runner prints it (section markers, ANSI codes and all).
pub const RUNNER_HEADER: &[&str] = &[
    "\u{1b}[0KRunning with gitlab-runner 17.4.1 (b92ee590)\u{1b}[0;m",
    "\u{1b}[0K  on docker-runner-02 t3_Xk9pQ, system ID: s_5f2c0a9e71b4\u{1b}[0;m",
    "section_start:1714557600:prepare_executor\r\u{1b}[0K\u{1b}[0K\u{1b}[36;1mPreparing the \"docker\" executor\u{1b}[0;m\u{1b}[0;m",
    "\u{1b}[0KUsing Docker executor with image docker:27.3.1 ...\u{1b}[0;m",
    "\u{1b}[0KStarting service docker:27.3.1-dind ...\u{1b}[0;m",
    "section_end:1714557605:prepare_executor\r\u{1b}[0K",
    "section_start:1714557605:get_sources\r\u{1b}[0K\u{1b}[0K\u{1b}[36;1mGetting source from Git repository\u{1b}[0;m\u{1b}[0;m",
    "\u{1b}[32;1mFetching changes with git depth set to 20...\u{1b}[0;m",
    "Initialized empty Git repository in /builds/acme/platform/api/.git/",
    "\u{1b}[32;1mCreated fresh repository.\u{1b}[0;m",
    "\u{1b}[32;1mChecking out 3f9c2a1b as detached HEAD (ref is main)...\u{1b}[0;m",
    "section_end:1714557607:get_sources\r\u{1b}[0K",
    "section_start:1714557607:step_script\r\u{1b}[0K\u{1b}[0K\u{1b}[36;1mExecuting \"step_script\" stage of the job script\u{1b}[0;m\u{1b}[0;m",
];

/// `count` noise lines into `out`, numbered from `first`.
pub fn push_noise(out: &mut Vec<u8>, rng: &mut Rng, first: u64, count: u64, dress: Dress) {
    for n in first..first + count {
        let line = noise_line(rng, n);
        push_line(out, &line, n, dress);
    }
}
