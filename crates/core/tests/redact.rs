//! Secret redaction against a corpus: realistic secrets in realistic surroundings must go (and the
//! secret text must appear nowhere in the output), near-misses must stay byte for byte.
//! All secrets below are synthetic: right shape, random characters.

use proptest::prelude::*;
use registry_doctor_core::redact::{redact, SecretKind, MARK};

/// (surrounding text with the secret, the secret, the kind reported).
const SECRETS: &[(&str, &str, SecretKind)] = &[
    // GitLab tokens, legacy and routable shapes.
    ("export GITLAB_TOKEN=glpat-x9QeLm2VbT7rKp4sWd1Z", "x9QeLm2VbT7rKp4sWd1Z", SecretKind::GitlabToken),
    ("$ glab auth login --hostname gitlab.example.com --token glpat-9fKq_2Lm-Xv8TnB4wRc7", "9fKq_2Lm-Xv8TnB4wRc7", SecretKind::GitlabToken),
    ("token used: glpat-Zx81Kq0vLmT4Rb9sWe2YpN3cHd7FjGu.01.0z1k9q2mw.", "Zx81Kq0vLmT4Rb9sWe2YpN3cHd7FjGu.01.0z1k9q2mw", SecretKind::GitlabToken),
    ("docker login registry.gitlab.com -u deploy-bot -p gldt-4JkQ9zLm2Wx7RtB1vC8n", "4JkQ9zLm2Wx7RtB1vC8n", SecretKind::GitlabToken),
    ("  CI_JOB_TOKEN: glcbt-64_Pq7LmR2xZk9WvT4nB1cY8s", "Pq7LmR2xZk9WvT4nB1cY8s", SecretKind::GitlabToken),
    ("gitlab-runner register --url https://gitlab.example.com --token glrt-t1_Qw8ErT5yUi2OpAs4DfGh6JkLzXcVbNm.0w1k8g3h7", "t1_Qw8ErT5yUi2OpAs4DfGh6JkLzXcVbNm.0w1k8g3h7", SecretKind::GitlabToken),
    ("secret: gloas-8f3b2c1d9e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c", "8f3b2c1d9e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c", SecretKind::GitlabToken),
    ("curl -X POST --form token=glptt-0a1b2c3d4e5f60718293a4b5c6d7e8f901a2b3c4 https://gitlab.example.com/api/v4/projects/42/trigger/pipeline", "0a1b2c3d4e5f60718293a4b5c6d7e8f901a2b3c4", SecretKind::GitlabToken),
    ("feed: https://gitlab.example.com/dashboard/projects.atom?feed_token=glft-Hq2Lm9zXk4Wv7TnB1cR8", "Hq2Lm9zXk4Wv7TnB1cR8", SecretKind::GitlabToken),
    ("incoming_email_token glimt-2kq9LmZx4Wv7TnB1cR8sYp3dF", "2kq9LmZx4Wv7TnB1cR8sYp3dF", SecretKind::GitlabToken),
    ("agent token glagent-Q7mL2xZk9WvT4nB1cY8sPq7LmR2xZk9WvT4nB1cY8sPq7LmR2x", "Q7mL2xZk9WvT4nB1cY8sPq7LmR2xZk9WvT4nB1cY8sPq7LmR2x", SecretKind::GitlabToken),
    ("scim glsoat-Lm2xZk9WvT4nB1cY8sPq", "Lm2xZk9WvT4nB1cY8sPq", SecretKind::GitlabToken),
    ("test token gltst-9WvT4nB1cY8sPqLm2xZk", "9WvT4nB1cY8sPqLm2xZk", SecretKind::GitlabToken),
    ("Cookie: _gitlab_session=3f9a1c7e5b2d8f4a6c0e1b3d5f7a9c2e", "3f9a1c7e5b2d8f4a6c0e1b3d5f7a9c2e", SecretKind::GitlabToken),
    ("gitlab-runner register --registration-token GR1348941zQ8xLm2Wv7TnB4kR1cY9s", "zQ8xLm2Wv7TnB4kR1cY9s", SecretKind::RunnerRegistrationToken),
    // docker / podman / helm login.
    ("$ docker login -u alice -p S3cr3t-Passw0rd registry.example.com:5050", "S3cr3t-Passw0rd", SecretKind::LoginPassword),
    ("$ docker login --username alice --password 'hunter2 with spaces' registry.example.com", "hunter2 with spaces", SecretKind::LoginPassword),
    ("+ podman login --password=Tr0ub4dor registry.example.com", "Tr0ub4dor", SecretKind::LoginPassword),
    ("helm registry login registry.example.com -u bob -pCorrectHorse9", "CorrectHorse9", SecretKind::LoginPassword),
    // curl and skopeo credentials.
    ("curl -u alice:p4ssw0rd! https://gitlab.example.com/jwt/auth?service=container_registry", "p4ssw0rd!", SecretKind::UserPassword),
    ("curl --user \"deploy:Zx9-Lm_2\" https://registry.example.com/v2/_catalog", "Zx9-Lm_2", SecretKind::UserPassword),
    ("skopeo copy --src-creds bob:Wv7TnB4kR docker://docker.io/library/alpine:3.19 docker://registry.example.com/g/p/alpine:3.19", "Wv7TnB4kR", SecretKind::UserPassword),
    ("skopeo sync --dest-creds=robot:Q1w2E3r4 --src docker --dest docker a b", "Q1w2E3r4", SecretKind::UserPassword),
    // Headers.
    ("> Authorization: Basic YWxpY2U6cDRzc3cwcmQh", "YWxpY2U6cDRzc3cwcmQh", SecretKind::AuthorizationHeader),
    ("curl -H \"Authorization: Bearer ya29.a0AfH6SMC-opaque_token_value\" https://x", "ya29.a0AfH6SMC-opaque_token_value", SecretKind::AuthorizationHeader),
    ("  \"Authorization\": \"Token abcdef0123456789\",", "abcdef0123456789", SecretKind::AuthorizationHeader),
    ("curl --header \"PRIVATE-TOKEN: Zk9WvT4nB1cY8sPqLm2x\" https://gitlab.example.com/api/v4/projects", "Zk9WvT4nB1cY8sPqLm2x", SecretKind::TokenHeader),
    ("--header 'JOB-TOKEN: 64_Pq7LmR2xZk9WvT4nB1cY8s' \\", "64_Pq7LmR2xZk9WvT4nB1cY8s", SecretKind::TokenHeader),
    ("Private-Token: q8Lm2xZk9WvT4nB1", "q8Lm2xZk9WvT4nB1", SecretKind::TokenHeader),
    // JWT (registry bearer token from /jwt/auth).
    ("{\"token\":\"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJnaXRsYWItaXNzdWVyIiwiYWNjZXNzIjpbXX0.c2lnbmF0dXJlLWJ5dGVz\"}", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJnaXRsYWItaXNzdWVyIiwiYWNjZXNzIjpbXX0.c2lnbmF0dXJlLWJ5dGVz", SecretKind::Jwt),
    ("debug: got token eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9. for pull", "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.", SecretKind::Jwt),
    // Docker config.json.
    ("\t\t\"registry.example.com:5050\": { \"auth\": \"YWxpY2U6Z2xwYXQteDlRZUxtMlZiVDdyS3A0c1dkMVo=\" }", "YWxpY2U6Z2xwYXQteDlRZUxtMlZiVDdyS3A0c1dkMVo=", SecretKind::DockerConfigAuth),
    ("{\"auths\":{\"registry.gitlab.com\":{\"auth\":\"ZGVwbG95OnNlY3JldA==\"}}}", "ZGVwbG95OnNlY3JldA==", SecretKind::DockerConfigAuth),
    ("      \"identitytoken\": \"a1b2c3d4-opaque-refresh\"", "a1b2c3d4-opaque-refresh", SecretKind::DockerConfigAuth),
    // Passwords in URLs.
    ("Cloning into 'proj'... fatal: unable to access 'https://gitlab-ci-token:Zk9WvT4nB1cY8sPq@gitlab.example.com/g/proj.git/'", "Zk9WvT4nB1cY8sPq", SecretKind::UrlPassword),
    ("DOCKER_HOST=tcp://docker:2375 proxy http://proxyuser:Pr0xy%21pw@proxy.corp:3128", "Pr0xy%21pw", SecretKind::UrlPassword),
    // Assignments.
    ("CI_REGISTRY_PASSWORD=Kq8Lm2xZk9WvT4nB1cY8", "Kq8Lm2xZk9WvT4nB1cY8", SecretKind::Assignment),
    ("export DEPLOY_TOKEN=\"changeme please\"", "changeme please", SecretKind::Assignment),
    ("docker build --build-arg NPM_TOKEN=npm_Wv7TnB4kR1cY9sQ8xLm2 .", "npm_Wv7TnB4kR1cY9sQ8xLm2", SecretKind::Assignment),
    ("  password: Hunter2hunter2", "Hunter2hunter2", SecretKind::Assignment),
    ("{\"username\": \"robot\", \"password\": \"plain lowercase words\"}", "plain lowercase words", SecretKind::Assignment),
    ("https://gitlab.example.com/api/v4/projects?private_token=Zk9WvT4nB1cY8sPqLm2x&per_page=100", "Zk9WvT4nB1cY8sPqLm2x", SecretKind::Assignment),
    ("REGISTRY_SECRET=abc,def,ghi", "abc,def,ghi", SecretKind::Assignment),
    ("client_secret = 7f3a9c1e5b", "7f3a9c1e5b", SecretKind::Assignment),
    // AWS.
    ("AWS_ACCESS_KEY_ID=AKIAZ7Q4LM2XK9WVT4NB", "Z7Q4LM2XK9WVT4NB", SecretKind::AwsAccessKey),
    ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Lm2xZk9", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Lm2xZk9", SecretKind::AwsSecretKey),
    ("      \"SecretAccessKey\": \"9WvT4nB1cY8sPqLm2xZk+Q7mL2xZk9WvT4nB1cY8\",", "9WvT4nB1cY8sPqLm2xZk+Q7mL2xZk9WvT4nB1cY8", SecretKind::AwsSecretKey),
];

#[test]
fn every_secret_in_the_corpus_is_removed() {
    for &(text, secret, kind) in SECRETS {
        let r = redact(text);
        assert!(!r.text.contains(secret), "secret survived in {:?}", r.text);
        assert!(r.text.contains(MARK), "{text}");
        assert!(r.found.iter().any(|f| f.kind == kind), "{text}: expected {kind:?}, got {:?}", r.found);
        assert!(r.found.iter().all(|f| f.line == 1));
    }
}

#[test]
fn what_identifies_the_secret_stays() {
    let cases = [
        ("export GITLAB_TOKEN=glpat-x9QeLm2VbT7rKp4sWd1Z", "export GITLAB_TOKEN=[REDACTED]"),
        ("key glpat-x9QeLm2VbT7rKp4sWd1Z ok", "key glpat-[REDACTED] ok"),
        (
            "$ docker login -u alice -p S3cr3t-Passw0rd registry.example.com:5050",
            "$ docker login -u alice -p [REDACTED] registry.example.com:5050",
        ),
        ("> Authorization: Basic YWxpY2U6cDRzc3cwcmQh", "> Authorization: Basic [REDACTED]"),
        ("curl -u alice:p4ssw0rd! https://x", "curl -u alice:[REDACTED] https://x"),
        (
            "https://gitlab-ci-token:Zk9WvT4nB1cY8sPq@gitlab.example.com/g/p.git",
            "https://gitlab-ci-token:[REDACTED]@gitlab.example.com/g/p.git",
        ),
        ("{\"auth\":\"ZGVwbG95OnNlY3JldA==\"}", "{\"auth\":\"[REDACTED]\"}"),
        ("AKIAZ7Q4LM2XK9WVT4NB", "AKIA[REDACTED]"),
    ];
    for (input, want) in cases {
        assert_eq!(redact(input).text, want);
    }
}

#[test]
fn a_realistic_ci_log_keeps_what_diagnoses_it() {
    let log = "\
Running with gitlab-runner 17.5.2 (c6eae8a1)
  on docker-runner-3 glrt-t3_Qw8ErT5yUi2OpAs4DfGh6JkLzXcV.0w1k8g3h7, system ID: s_0a1b2c3d4e5f
Preparing the \"docker\" executor
Using docker image sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945 for docker:27-dind
$ echo \"$CI_REGISTRY_PASSWORD\" | docker login $CI_REGISTRY -u $CI_REGISTRY_USER --password-stdin
Login Succeeded
$ docker login -u deploy-bot -p gldt-4JkQ9zLm2Wx7RtB1vC8n registry.example.com:5050
WARNING! Using --password via the CLI is insecure. Use --password-stdin.
$ docker push registry.example.com:5050/my-group/my-project/app:1.0.0
The push refers to repository [registry.example.com:5050/my-group/my-project/app]
denied: requested access to the resource is denied
ERROR: Job failed: exit code 1
";
    let r = redact(log);
    assert!(!r.text.contains("gldt-4JkQ9zLm2Wx7RtB1vC8n"));
    assert!(!r.text.contains("Qw8ErT5yUi2OpAs4DfGh6JkLzXcV"));
    assert_eq!(r.found.iter().map(|f| f.line).collect::<Vec<_>>(), [2, 7]);
    for kept in [
        "denied: requested access to the resource is denied",
        "registry.example.com:5050/my-group/my-project/app:1.0.0",
        "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
        "--password-stdin",
        "$CI_REGISTRY_PASSWORD",
    ] {
        assert!(r.text.contains(kept), "{kept}");
    }
    // The redacted log still diagnoses the same way.
    let before = registry_doctor_core::analyze::analyze_text(log);
    let after = registry_doctor_core::analyze::analyze_text(&r.text);
    let ids = |a: &registry_doctor_core::analyze::Analysis| a.diagnoses.iter().map(|d| d.entry.id).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
}

/// Text that looks a bit like a secret's surroundings but holds none: must come back unchanged.
const NEAR_MISSES: &[&str] = &[
    "Digest: sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
    "registry.example.com:5050/my-group/my-project/app:1.0.0@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
    "skopeo copy docker://alpine:3.19@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945 oci:out",
    "docker run -p 8080:80 -u 1000:1000 nginx:1.27",
    "printf '%s' \"$GITLAB_TOKEN\" | docker login registry.example.com --username deploy-bot --password-stdin",
    "curl --fail --silent --show-error --header 'PRIVATE-TOKEN: '\"$GITLAB_TOKEN\" https://gitlab.example.com/api/v4/projects",
    "docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY",
    "curl --header \"JOB-TOKEN: ${CI_JOB_TOKEN}\" \"${CI_API_V4_URL}/projects\"",
    "$ git clone https://gitlab-ci-token:[MASKED]@gitlab.example.com/group/project.git",
    "CI_REGISTRY_PASSWORD=[MASKED]",
    "www-authenticate: Bearer realm=\"https://gitlab.example.com/jwt/auth\",service=\"container_registry\",scope=\"repository:group/app:pull,push\",error=\"insufficient_scope\"",
    "error parsing HTTP 403 response body: unexpected end of JSON input: \"\"",
    "unauthorized: authentication required",
    "insufficient_scope: authorization failed",
    "level=error msg=\"token: invalid\" err=\"token expired\"",
    "The glpat- prefix marks personal access tokens; use glpat-<token> in examples.",
    "tokens: 3 remaining, password strength: weak",
    "https://docs.gitlab.com/user/packages/container_registry/authenticate_with_container_registry/",
    "manifest unknown: manifest tagged by \"latest\" is not found",
    "export CI_JOB_TOKEN=\"$CI_JOB_TOKEN\"",
    "PASSWORD=<your-password>",
    "GITLAB_TOKEN=**********",
    "Authorization: Bearer $REGISTRY_JWT",
    "eyJ is how a JSON object starts in base64",
    "AKIAIOSF is too short to be a key",
    "{\"auths\":{\"registry.gitlab.com\":{}}}",
    "Login Succeeded",
    "日本語のログ：トークンの有効期限が切れています (token expired)",
];

#[test]
fn near_misses_stay_byte_for_byte() {
    for &text in NEAR_MISSES {
        let r = redact(text);
        assert_eq!(r.text, text);
        assert!(r.found.is_empty(), "{text}: {:?}", r.found);
    }
}

#[test]
fn our_own_rendered_scripts_are_untouched() {
    use registry_doctor_core::{i18n::Lang, kb, plan};
    for p in kb::PLANS {
        let r = plan::render(p, &plan::Values::new(), Lang::En);
        assert_eq!(redact(&r.script).text, r.script, "plan {}", p.id);
    }
    for t in plan::TASKS {
        let values = t.params.iter().map(|p| (p.name.to_string(), p.example.to_string())).collect();
        let r = t.render(&values, Lang::En);
        assert_eq!(redact(&r.script).text, r.script, "task {}", t.id);
    }
}

#[test]
fn line_numbers_count_every_line() {
    let text = "a\r\nb\n\nCI_JOB_TOKEN=Zk9WvT4nB1cY8sPq\nc\nx AKIAZ7Q4LM2XK9WVT4NB y glpat-x9QeLm2VbT7rKp4sWd1Z";
    let r = redact(text);
    let lines: Vec<usize> = r.found.iter().map(|f| f.line).collect();
    assert_eq!(lines, [4, 6, 6]);
    assert!(r.text.starts_with("a\r\nb\n\n"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_is_idempotent(s in "(?s).{0,300}") {
        let once = redact(&s);
        let twice = redact(&once.text);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert!(twice.found.is_empty());
    }

    #[test]
    fn secrets_go_wherever_they_are_embedded(
        pre in "[a-z ]{0,20}",
        post in "[ ,.;)]{1,3}[a-z ]{0,20}",
        i in 0..SECRETS.len(),
    ) {
        let (text, secret, _) = SECRETS[i];
        let r = redact(&format!("{pre}\n{text}{post}\n"));
        prop_assert!(!r.text.contains(secret));
        prop_assert!(r.found.iter().all(|f| f.line == 2));
    }

    #[test]
    fn mixing_secret_characters_never_breaks_utf8(s in "[glpat\\-:=@/ eyJ.AKIA0-9\"'ä日]{0,120}") {
        let r = redact(&s);
        prop_assert!(r.text.len() >= s.len().min(r.text.len()));
        let _ = redact(&r.text);
    }
}
