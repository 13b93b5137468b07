//! The share-link codec: golden links that must open the same view forever, round trips of arbitrary
//! valid states, and damaged, truncated, oversized and malicious fragments (never a panic).

use proptest::prelude::*;
use registry_doctor_core::i18n::Lang;
use registry_doctor_core::kb;
use registry_doctor_core::link::{Link, Notice, Paste, Route, MAX_FRAGMENT, MAX_PASTE_COMPRESSED};

const PUSH_LOG: &str = "$ docker push registry.example.com:5050/my-group/my-project/app:1.0.0\nThe push refers to repository [registry.example.com:5050/my-group/my-project/app]\ndenied: requested access to the resource is denied\n";
const LOGIN_LOG_REDACTED: &str = "docker login -u alice -p [REDACTED] registry.example.com\nError response from daemon: Get \"https://registry.example.com/v2/\": unauthorized: HTTP Basic: Access denied\n";

fn link(route: Route, lang: Option<Lang>, values: &[(&str, &str)], embed: bool) -> Link {
    let mut l = Link { route, lang, embed, ..Link::default() };
    for (k, v) in values {
        l.set_value(k, v);
    }
    l
}

/// Links of version 1, written by this version's encoder. Never edit a row: add new ones.
#[allow(clippy::type_complexity)]
fn golden_v1() -> Vec<(&'static str, Link, Option<&'static str>)> {
    vec![
        ("#/", Link::default(), None),
        ("", Link::default(), None),
        ("#/guided", link(Route::Guided(vec![]), None, &[], false), None),
        ("#/guided/push", link(Route::Guided(vec!["push".into()]), None, &[], false), None),
        ("#/guided/push?lang=ja", link(Route::Guided(vec!["push".into()]), Some(Lang::Ja), &[], false), None),
        (
            "#/d/manifest-list-blob-unknown?lang=ja&registry=registry.example.com:5050&tag=1.0%20%26%20more",
            link(
                Route::Entry("manifest-list-blob-unknown".into()),
                Some(Lang::Ja),
                &[("registry", "registry.example.com:5050"), ("tag", "1.0 & more")],
                false,
            ),
            None,
        ),
        (
            "#/d/login-http-basic-access-denied?gitlab_url=https://gitlab.example.com&project_path=my-group/my-project&registry=registry.example.com&username=deploy-bot",
            link(
                Route::Entry("login-http-basic-access-denied".into()),
                None,
                &[
                    ("gitlab_url", "https://gitlab.example.com"),
                    ("project_path", "my-group/my-project"),
                    ("registry", "registry.example.com"),
                    ("username", "deploy-bot"),
                ],
                false,
            ),
            None,
        ),
        (
            "#/task/migrate?lang=en&project_path=my-group/my-project&registry=registry.example.com&scope=all-tags&source_image=registry.old.example.com/team/app:1.0.0&tag=1.0.0&transport=docker",
            link(
                Route::Task("migrate".into()),
                Some(Lang::En),
                &[
                    ("project_path", "my-group/my-project"),
                    ("registry", "registry.example.com"),
                    ("scope", "all-tags"),
                    ("source_image", "registry.old.example.com/team/app:1.0.0"),
                    ("tag", "1.0.0"),
                    ("transport", "docker"),
                ],
                false,
            ),
            None,
        ),
        ("#/all?lang=ja", link(Route::All, Some(Lang::Ja), &[], false), None),
        ("#/manifest?embed=1", link(Route::Manifest, None, &[], true), None),
        ("#/name?lang=en&embed=1", link(Route::Name, Some(Lang::En), &[], true), None),
        (
            "#/d/pull-access-denied?v=1&lang=ja&registry=registry.example.com&embed=1",
            link(Route::Entry("pull-access-denied".into()), Some(Lang::Ja), &[("registry", "registry.example.com")], true),
            None,
        ),
        (
            "#/?paste=dlc0xDsIwEETRPqfYghbHFGlyDjpEEdlDYiDssmtL-PYYEAdI94vRmx1FDjcoSbGFFHOyrNXhNa1yhwu8joMffL_W_axc5BOifEXI_SQyHpx3vjsu-AMXqFHmVsKWMmul02b23EU8EuLYmGeBZUSaQoB96dzeFMZFAygZ_bbdGw",
            Link::default(),
            Some(PUSH_LOG),
        ),
        (
            "#/?lang=ja&embed=1&paste=dbcuxDsIgFAXQvV9x070lcWSrttHRmG7GgcCzJRYeeYBRv14_wPnkOLYPEmy8-IiuwmzeErqE62Uah8M8jTcILT4Xeff0MiFt1FsOzSTC8qOcOGbCXTjAGQocNY5U0K6lpKyV-rfVc6dajRpNLSuL_5DTOM3zGXuTvdUYrKWc4Sh6cs0X",
            link(Route::Home, Some(Lang::Ja), &[], true),
            Some(LOGIN_LOG_REDACTED),
        ),
    ]
}

#[test]
fn golden_links_of_version_1_open_the_same_view() {
    for (fragment, want, paste) in golden_v1() {
        let (got, notices) = Link::parse(fragment);
        assert_eq!(notices, vec![], "{fragment}");
        assert_eq!(got.route, want.route, "{fragment}");
        assert_eq!(got.lang, want.lang, "{fragment}");
        assert_eq!(got.values, want.values, "{fragment}");
        assert_eq!(got.embed, want.embed, "{fragment}");
        assert_eq!(got.paste.as_ref().map(Paste::text), paste, "{fragment}");
        // Re-encoding reads back to the same view too.
        assert_eq!(Link::parse(&got.to_fragment()), (got, vec![]));
    }
}

#[test]
fn golden_routes_still_exist() {
    // An entry or task id in a golden link must never be renamed (kb/README.md: ids are permanent).
    for id in ["manifest-list-blob-unknown", "login-http-basic-access-denied", "pull-access-denied"] {
        assert!(kb::entry(id).is_some(), "{id}");
    }
    assert!(registry_doctor_core::plan::task("migrate").is_some());
    assert!(kb::node("push").is_some());
}

#[test]
fn pasted_text_is_redacted_before_it_reaches_the_link() {
    let mut l = Link::default();
    let found = l.set_paste("docker login -u alice -p S3cr3t-Passw0rd registry.example.com\n").unwrap();
    assert_eq!(found.len(), 1);
    let frag = l.to_fragment();
    let (back, _) = Link::parse(&frag);
    assert!(!back.paste.unwrap().text().contains("S3cr3t"));
    assert!(l.without_paste().to_fragment().len() < 10);
}

#[test]
fn pastes_over_the_cap_are_refused_when_made() {
    // Incompressible text: pseudo-random letters.
    let mut x: u32 = 1;
    let text: String = (0..40_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect();
    let mut l = Link::default();
    assert!(matches!(l.set_paste(&text), Err(registry_doctor_core::link::PasteError::TooLarge { .. })));
    assert_eq!(l.paste, None);
}

fn home_or_not_found(l: &Link) -> bool {
    matches!(l.route, Route::Home | Route::NotFound)
}

#[test]
fn damaged_and_malicious_fragments_open_home_with_a_notice() {
    use registry_doctor_core::link::encode;
    // 1 MiB of one letter deflates to ~7 KB: under the size cap, over the inflate cap.
    let bomb = deflated_paste(&vec![b'a'; 1024 * 1024]);
    assert!(bomb.len() <= MAX_PASTE_COMPRESSED);
    let cases: Vec<(String, Notice)> = vec![
        ("#/?paste=d!!!".into(), Notice::BadPaste),
        ("#/?paste=xAAAA".into(), Notice::BadPaste),
        ("#/?paste=dAAAA".into(), Notice::BadPaste),
        ("#/?paste=".into(), Notice::BadPaste),
        (format!("#/?paste=d{}", "A".repeat(MAX_PASTE_COMPRESSED * 3 / 2)), Notice::PasteTooLarge),
        (format!("#/?paste={}", encode(&bomb)), Notice::PasteTooLarge),
        ("#/?lang=fr".into(), Notice::BadValue("lang".into())),
        ("#/?v=99".into(), Notice::NewerVersion(99)),
        ("#/?registry=%E0%A4".into(), Notice::BadValue("registry=%E0%A4".into())),
        ("#/?registry=a%0Ab".into(), Notice::BadValue("registry".into())),
        (format!("#/?tag={}", "a".repeat(600)), Notice::BadValue("tag".into())),
        ("#/?href=javascript:alert(1)".into(), Notice::UnknownKey("href".into())),
        ("#/d/<script>alert(1)</script>".into(), Notice::UnknownRoute),
        ("#/d/manifest-list-blob-unkn".into(), Notice::UnknownRoute),
        (format!("#/{}", "a".repeat(MAX_FRAGMENT)), Notice::TooLong),
    ];
    for (fragment, notice) in cases {
        let (l, notices) = Link::parse(&fragment);
        assert!(notices.contains(&notice), "{}: {notices:?}", &fragment[..fragment.len().min(60)]);
        assert!(home_or_not_found(&l), "{fragment}");
        assert_eq!(l.paste, None);
        assert!(l.values.is_empty());
    }
}

/// A `paste` value holding `data` (one repeated byte), deflated by hand as an attacker would, so the
/// test does not depend on our encoder.
fn deflated_paste(data: &[u8]) -> String {
    let packed = deflate(data);
    let mut s = String::from("d");
    s.push_str(&b64(&packed));
    s
}

fn deflate(data: &[u8]) -> Vec<u8> {
    // One fixed-Huffman block: a literal, then maximal matches at distance 1.
    let mut bits = BitWriter::default();
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // fixed Huffman
    put_literal(&mut bits, data[0]);
    let mut remaining = data.len() - 1;
    while remaining >= 258 {
        // length 258 = code 285 (11000101), no extra bits; distance 1 = code 0 (00000).
        bits.put_rev(0b1100_0101, 8);
        bits.put_rev(0, 5);
        remaining -= 258;
    }
    for _ in 0..remaining {
        put_literal(&mut bits, data[0]);
    }
    bits.put_rev(0, 7); // end of block (256)
    bits.finish()
}

fn put_literal(bits: &mut BitWriter, b: u8) {
    if b < 144 {
        bits.put_rev(0x30 + u32::from(b), 8);
    } else {
        bits.put_rev(0x190 + u32::from(b) - 144, 9);
    }
}

#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl BitWriter {
    /// LSB-first value bits (header fields).
    fn put(&mut self, v: u32, n: u32) {
        for i in 0..n {
            self.bit((v >> i) & 1);
        }
    }
    /// Huffman codes go MSB first.
    fn put_rev(&mut self, v: u32, n: u32) {
        for i in (0..n).rev() {
            self.bit((v >> i) & 1);
        }
    }
    fn bit(&mut self, b: u32) {
        self.acc |= b << self.n;
        self.n += 1;
        if self.n == 8 {
            self.out.push(self.acc as u8);
            self.acc = 0;
            self.n = 0;
        }
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

fn b64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut s = String::new();
    for c in bytes.chunks(3) {
        let n = u32::from(c[0]) << 16 | u32::from(*c.get(1).unwrap_or(&0)) << 8 | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..=c.len() {
            s.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    s
}

#[test]
fn a_small_hand_built_stream_inflates() {
    // The hand-written encoder above is right: a short run decodes to the expected text.
    let frag = format!("#/?paste={}", deflated_paste(&[b'a'; 600]));
    let (l, notices) = Link::parse(&frag);
    assert_eq!(notices, vec![]);
    assert_eq!(l.paste.unwrap().text(), "a".repeat(600));
}

#[test]
fn every_truncation_of_every_golden_link_is_safe() {
    for (fragment, _, _) in golden_v1() {
        for cut in 0..=fragment.len() {
            if !fragment.is_char_boundary(cut) {
                continue;
            }
            let (l, _) = Link::parse(&fragment[..cut]);
            // Whatever survives must itself be encodable and stable.
            let again = Link::parse(&l.to_fragment());
            assert_eq!(again, (l, vec![]), "{}", &fragment[..cut]);
        }
    }
}

#[test]
fn typical_link_sizes() {
    let base = "https://registry-doctor.example/";
    let (diag, _) = Link::parse(golden_v1()[6].0);
    let mut with_paste = diag.clone();
    with_paste.set_paste(PUSH_LOG).unwrap();
    let ci_log: String = (1..=120)
        .map(|i| format!("[0K[36;1m$ step {i}: docker build -t registry.example.com:5050/my-group/my-project/app:1.0.{i} .[0;m\n"))
        .collect::<String>()
        + "denied: requested access to the resource is denied\n";
    let mut with_log = diag.clone();
    with_log.set_paste(&ci_log).unwrap();
    for (what, l) in
        [("diagnosis with 4 values", &diag), ("+ 3-line error", &with_paste), ("+ 120-line CI log", &with_log)]
    {
        let n = base.len() + l.to_fragment().len();
        println!("typical link size, {what}: {n} bytes");
        assert!(n <= 2048 || l.paste.is_some(), "{what}: {n}");
    }
    assert!(base.len() + diag.to_fragment().len() < 300);
}

// ---- round trips of arbitrary valid states ----

fn route() -> impl Strategy<Value = Route> {
    let entries: Vec<&'static str> = kb::ENTRIES.iter().map(|e| e.id).collect();
    let tasks: Vec<&'static str> = registry_doctor_core::plan::TASKS.iter().map(|t| t.id).collect();
    prop_oneof![
        Just(Route::Home),
        Just(Route::All),
        Just(Route::Manifest),
        Just(Route::Name),
        Just(Route::Setup),
        Just(Route::NotFound),
        proptest::collection::vec("[a-z0-9][a-z0-9-]{0,20}", 0..5).prop_map(Route::Guided),
        proptest::sample::select(entries).prop_map(|e| Route::Entry(e.to_string())),
        proptest::sample::select(tasks).prop_map(|t| Route::Task(t.to_string())),
    ]
}

fn shareable_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> =
        kb::PARAMS.iter().map(|p| p.name).filter(|n| registry_doctor_core::link::is_shareable_param(n)).collect();
    for t in registry_doctor_core::plan::TASKS {
        names.extend(t.params.iter().map(|p| p.name).filter(|n| registry_doctor_core::link::is_shareable_param(n)));
    }
    names.sort();
    names.dedup();
    names
}

fn state() -> impl Strategy<Value = (Link, Option<String>)> {
    let value = "[^\\p{Cc}]{1,40}";
    (
        route(),
        proptest::option::of(prop_oneof![Just(Lang::En), Just(Lang::Ja)]),
        proptest::collection::vec((proptest::sample::select(shareable_names()), value), 0..6),
        any::<bool>(),
        proptest::option::of("(?s)[^\u{0}]{1,400}"),
    )
        .prop_map(|(route, lang, values, embed, paste)| {
            let mut l = Link { route, lang, embed, ..Link::default() };
            for (k, v) in values {
                l.set_value(k, &v);
            }
            (l, paste)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_valid_state_round_trips((mut l, paste) in state()) {
        if let Some(p) = paste.filter(|p| !p.trim().is_empty()) {
            l.set_paste(&p).unwrap();
        }
        let frag = l.to_fragment();
        prop_assert_eq!(Link::parse(&frag), (l.clone(), vec![]));
        prop_assert_eq!(Link::parse(frag.trim_start_matches('#')), (l, vec![]));
    }

    #[test]
    fn arbitrary_fragments_never_panic(s in "(?s).{0,200}") {
        let (l, _) = Link::parse(&s);
        let _ = l.to_fragment();
    }

    #[test]
    fn query_shaped_garbage_never_panics(s in "#/(d|guided|task)?/?[a-z-]{0,10}\\?((paste|lang|tag|registry|v|embed)=[A-Za-z0-9%_.-]{0,30}&?){0,5}") {
        let (l, _) = Link::parse(&s);
        prop_assert_eq!(Link::parse(&l.to_fragment()).0, l);
    }
}
