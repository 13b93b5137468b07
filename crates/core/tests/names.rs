//! The name checker against the catalog's §R.1 worked examples, GitLab's legacy path rules (§R.3),
//! the `$CI_COMMIT_REF_SLUG` rules, and exact positions.

use registry_doctor_core::i18n::Lang;
use registry_doctor_core::names::{check, check_in_project, ref_slug, NameKind, Rule, Severity};

fn rules(input: &str, kind: NameKind) -> Vec<Rule> {
    check(input, kind).errors().map(|p| p.rule).collect()
}

#[test]
fn worked_examples_r1() {
    let h = "registry.example.com";
    let cases: &[(&str, Option<Rule>)] = &[
        ("/group/_project", Some(Rule::LeadingSeparator)),
        ("/group/project-", Some(Rule::TrailingSeparator)),
        ("/group/my--project", None),
        ("/group/My-Project", Some(Rule::Uppercase)),
        ("/g/p:feature/x", Some(Rule::TagSlash)),
        ("/g/p:-bad", Some(Rule::TagStart)),
        ("/g/p:.bad", Some(Rule::TagStart)),
        ("/g/p..x", Some(Rule::BadSeparator)),
        ("/g/p___x", Some(Rule::BadSeparator)),
        ("/g/p__x", None),
        ("/g/.p", Some(Rule::LeadingSeparator)),
        (":5050/g/p/a/b:1.0", None),
        ("/g/p@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945", None),
    ];
    for (rest, want) in cases {
        let name = format!("{h}{rest}");
        let got = rules(&name, NameKind::Reference);
        match want {
            None => assert!(got.is_empty(), "{name}: {got:?}"),
            Some(r) => assert_eq!(got.first(), Some(r), "{name}: {got:?}"),
        }
    }
}

#[test]
fn points_at_the_offending_character() {
    let r = check("registry.example.com/group/_project", NameKind::Reference);
    let p = &r.problems[0];
    assert_eq!((p.byte, p.char_index, p.found), (27, 27, Some('_')));
    assert!(r.related.contains(&"SEED-02"));
    assert_eq!(r.suggestion.as_deref(), Some("registry.example.com/group/project"));
    // Char index differs from byte index after multibyte characters.
    let r = check("日本/x", NameKind::ProjectPath);
    let p = r.problems.iter().find(|p| p.rule == Rule::BadChar).unwrap();
    assert_eq!((p.byte, p.char_index), (0, 0));
    let r = check("aé_", NameKind::Tag);
    let p = r.problems.iter().find(|p| p.rule == Rule::TagChar).unwrap();
    assert_eq!((p.byte, p.char_index, p.found), (1, 1, Some('é')));
    let r = check("v1/é/x", NameKind::Tag);
    assert!(r.problems.iter().any(|p| p.rule == Rule::TagSlash && p.byte == 2));
    // Messages exist in both languages.
    assert!(!p.message(Lang::Ja).is_empty() && p.message(Lang::En) != p.message(Lang::Ja));
}

#[test]
fn docker_hub_depth_and_lengths() {
    let r = check("gitlab/group/image:1.0", NameKind::Reference);
    assert!(r.is_valid());
    assert!(r.problems.iter().any(|p| p.rule == Rule::DockerHub && p.severity == Severity::Warning));
    assert!(check("localhost/app", NameKind::Reference).problems.iter().all(|p| p.rule != Rule::DockerHub));
    assert!(check("localhost:5000/app", NameKind::Reference).problems.iter().all(|p| p.rule != Rule::DockerHub));
    // ENT-C02: at most two levels below the project.
    let r = check_in_project("registry.example.com/g/p/a/b/c:1", NameKind::Reference, Some("G/P"));
    let deep = r.errors().find(|p| p.rule == Rule::TooDeep).expect("too deep");
    assert_eq!(deep.byte, "registry.example.com/g/p/a/b/".len());
    assert!(r.related.contains(&"ENT-C02"));
    assert_eq!(r.suggestion.as_deref(), Some("registry.example.com/g/p/a/b-c:1"));
    assert!(check_in_project("registry.example.com/g/p/a/b:1", NameKind::Reference, Some("g/p")).is_valid());
    let other = check_in_project("registry.example.com/x/p:1", NameKind::Reference, Some("g/p"));
    assert!(other.problems.iter().any(|p| p.rule == Rule::NotUnderProject));
    // 255 characters of path; 128 of tag.
    let long = format!("registry.example.com/g/{}", "a".repeat(254));
    assert!(rules(&long, NameKind::Reference).contains(&Rule::PathTooLong));
    assert!(check(&format!("registry.example.com/g/{}", "a".repeat(253)), NameKind::Reference).is_valid());
    assert!(rules(&"a".repeat(129), NameKind::Tag).contains(&Rule::TagTooLong));
    assert!(check(&"a".repeat(128), NameKind::Tag).is_valid());
    assert!(rules(&"a".repeat(64).replace('a', "b"), NameKind::Reference).contains(&Rule::HexName));
    assert!(rules("https://registry.example.com/g/p", NameKind::Reference).contains(&Rule::SchemePrefix));
}

#[test]
fn hosts_and_digests() {
    for ok in ["registry.example.com", "registry.example.com:5050", "localhost:5000", "[::1]:5000", "Reg-1.example.com"]
    {
        assert!(check(ok, NameKind::Host).is_valid(), "{ok}");
    }
    for (bad, rule) in [
        ("-reg.example.com", Rule::HostLabelDash),
        ("reg..example.com", Rule::HostEmptyLabel),
        ("reg.example.com:0", Rule::BadPort),
        ("reg.example.com:99999", Rule::BadPort),
        ("reg.example.com:x", Rule::BadPort),
        ("reg_x.example.com", Rule::HostBadChar),
        ("https://reg.example.com", Rule::SchemePrefix),
        ("[::g]", Rule::BadIpv6),
    ] {
        assert!(rules(bad, NameKind::Host).contains(&rule), "{bad}: {:?}", rules(bad, NameKind::Host));
    }
    let d = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";
    assert!(check(d, NameKind::Digest).is_valid());
    assert_eq!(rules(&d[..70], NameKind::Digest), vec![Rule::DigestLength]);
    assert_eq!(rules(&d.to_uppercase().replace("SHA256", "sha256"), NameKind::Digest), vec![Rule::DigestHex]);
    assert_eq!(rules("sha256", NameKind::Digest), vec![Rule::DigestNoColon]);
    assert_eq!(rules("1sha:abc", NameKind::Digest), vec![Rule::DigestAlgorithm]);
    assert!(check(&format!("blake3+x:{}", "A".repeat(32)), NameKind::Digest).is_valid());
}

/// §R.3: paths the legacy route regexes allowed and that break Docker (SEED-02), and the current rule.
#[test]
fn legacy_gitlab_paths() {
    for (path, rule) in [
        ("_foo/project", Rule::LeadingSeparator),
        ("group/foo-", Rule::TrailingSeparator),
        ("group/foo_", Rule::TrailingSeparator),
        ("group/foo..bar", Rule::BadSeparator),
        (".hidden/project", Rule::LeadingSeparator),
        ("group/project.git", Rule::ReservedSuffix),
        ("group/project.atom", Rule::ReservedSuffix),
    ] {
        let r = check(path, NameKind::ProjectPath);
        assert!(r.errors().any(|p| p.rule == rule), "{path}: {:?}", r.problems);
        assert!(r.related.iter().any(|c| *c == "SEED-02" || *c == "ENT-C04"), "{path}");
        let fixed = r.suggestion.clone().expect("a suggestion");
        assert!(check(&fixed, NameKind::ProjectPath).is_valid(), "{path} -> {fixed}");
    }
    // `Foo` was allowed and is folded to lowercase by the registry: a warning with the lowercase form.
    let r = check("Foo/Bar", NameKind::ProjectPath);
    assert!(r.is_valid());
    assert!(r.problems.iter().any(|p| p.rule == Rule::Uppercase && p.severity == Severity::Warning));
    assert_eq!(r.suggestion.as_deref(), Some("foo/bar"));
    // The current rule `\A[a-zA-Z0-9]+([._-][a-zA-Z0-9]+)*\z` refuses consecutive specials (warning:
    // Docker still accepts `--` in legacy paths).
    let r = check("group/my--project", NameKind::ProjectPath);
    assert!(r.is_valid() && r.problems.iter().any(|p| p.rule == Rule::ConsecutiveSpecial));
    assert!(check("my-group/sub.group/my_project", NameKind::ProjectPath).problems.is_empty());
}

#[test]
fn branch_slug() {
    assert_eq!(ref_slug("feature/Login-Page"), "feature-login-page");
    assert_eq!(ref_slug("-release_1.0-"), "release-1-0");
    assert_eq!(ref_slug("Ünïcode/ブランチ"), "n-code");
    assert_eq!(ref_slug(&"a".repeat(70)).len(), 63);
    assert_eq!(ref_slug(&format!("{}-b", "a".repeat(62))), "a".repeat(62));
    let r = check("feature/login", NameKind::Branch);
    assert!(!r.is_valid());
    assert_eq!(r.suggestion.as_deref(), Some("feature-login"));
    assert!(r.hints.iter().any(|h| h.message(Lang::En).contains("$CI_COMMIT_REF_SLUG")));
    assert!(r.related.contains(&"SEED-02"));
    assert!(check("main", NameKind::Branch).problems.is_empty());
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "",
        "/",
        ":",
        "@",
        "a@",
        "@@",
        "[",
        "[]",
        "[::1",
        "a:b:c/d",
        "::",
        "/:",
        "é:é@é",
        "\u{0}",
        "a//b",
        "a/",
        "\u{202e}x",
    ] {
        for k in NameKind::ALL {
            let _ = check(s, k);
            let _ = check_in_project(s, k, Some("g/p"));
        }
    }
}
