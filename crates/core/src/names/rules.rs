//! The rules a name can break, each with its message in every language and the catalog entries that
//! explain it. Kept apart from the scanners so the wording can be reviewed in one place.

use crate::i18n::Lang;

/// How bad a problem is: an `Error` makes the name unusable; a `Warning` works but probably does not
/// do what the user wants (goes to Docker Hub, not below the project …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One rule of §R (distribution/reference grammar, GitLab path rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    Empty,
    SchemePrefix,
    ControlChar,
    EmptyComponent,
    Uppercase,
    BadChar,
    LeadingSeparator,
    TrailingSeparator,
    BadSeparator,
    ConsecutiveSpecial,
    ReservedSuffix,
    ReservedName,
    ComponentTooLong,
    PathTooLong,
    ReferenceTooLong,
    HexName,
    DockerHub,
    NotUnderProject,
    TooDeep,
    TooFewComponents,
    TooManyComponents,
    HostEmptyLabel,
    HostBadChar,
    HostLabelDash,
    BadPort,
    BadIpv6,
    TagEmpty,
    TagStart,
    TagChar,
    TagSlash,
    TagTooLong,
    DigestNoColon,
    DigestAlgorithm,
    DigestHex,
    DigestLength,
}

impl Rule {
    /// A stable machine name for JSON output and tests.
    pub const fn code(self) -> &'static str {
        use Rule::*;
        match self {
            Empty => "empty",
            SchemePrefix => "scheme-prefix",
            ControlChar => "control-char",
            EmptyComponent => "empty-component",
            Uppercase => "uppercase",
            BadChar => "bad-char",
            LeadingSeparator => "leading-separator",
            TrailingSeparator => "trailing-separator",
            BadSeparator => "bad-separator",
            ConsecutiveSpecial => "consecutive-special",
            ReservedSuffix => "reserved-suffix",
            ReservedName => "reserved-name",
            ComponentTooLong => "component-too-long",
            PathTooLong => "path-too-long",
            ReferenceTooLong => "reference-too-long",
            HexName => "hex-name",
            DockerHub => "docker-hub",
            NotUnderProject => "not-under-project",
            TooDeep => "too-deep",
            TooFewComponents => "too-few-components",
            TooManyComponents => "too-many-components",
            HostEmptyLabel => "host-empty-label",
            HostBadChar => "host-bad-char",
            HostLabelDash => "host-label-dash",
            BadPort => "bad-port",
            BadIpv6 => "bad-ipv6",
            TagEmpty => "tag-empty",
            TagStart => "tag-start",
            TagChar => "tag-char",
            TagSlash => "tag-slash",
            TagTooLong => "tag-too-long",
            DigestNoColon => "digest-no-colon",
            DigestAlgorithm => "digest-algorithm",
            DigestHex => "digest-hex",
            DigestLength => "digest-length",
        }
    }

    /// Catalog ids (shared/research/errors.md) that explain this rule.
    pub const fn catalog(self) -> &'static [&'static str] {
        use Rule::*;
        match self {
            LeadingSeparator | TrailingSeparator | BadSeparator | TagSlash => &["SEED-02", "ENT-C01"],
            Uppercase => &["ENT-C01", "SEED-02"],
            ConsecutiveSpecial | ReservedSuffix | ReservedName | ComponentTooLong => &["ENT-C04"],
            TooDeep | TooFewComponents | TooManyComponents => &["ENT-C02"],
            NotUnderProject | DockerHub => &["ENT-B01"],
            _ => &["ENT-C01"],
        }
    }

    pub const fn message(self, lang: Lang) -> &'static str {
        use Rule::*;
        let (en, ja) = match self {
            Empty => ("The name is empty.", "名前が空です。"),
            SchemePrefix => (
                "An image name has no scheme: remove `https://` or `docker://`.",
                "イメージ名にスキームは付けません。`https://` や `docker://` を外してください。",
            ),
            ControlChar => (
                "Control, invisible or bidirectional characters are not allowed.",
                "制御文字・不可視文字・双方向制御文字は使えません。",
            ),
            EmptyComponent => (
                "Empty path component: no leading, trailing or double `/`.",
                "パスの要素が空です。先頭・末尾の `/` や `//` は使えません。",
            ),
            Uppercase => (
                "Repository paths must be lowercase (GitLab lowercases the project path: `$CI_REGISTRY_IMAGE` is always lowercase).",
                "リポジトリのパスは小文字でなければなりません（GitLab はプロジェクトのパスを小文字にします。`$CI_REGISTRY_IMAGE` は常に小文字です）。",
            ),
            BadChar => (
                "Only a-z, 0-9, `.`, `_` and `-` are allowed in a path component.",
                "パスの要素に使えるのは a-z、0-9、`.`、`_`、`-` だけです。",
            ),
            LeadingSeparator => (
                "A path component must start with a letter or digit, not `_`, `.` or `-`.",
                "パスの要素は英数字で始まる必要があります。`_`、`.`、`-` では始められません。",
            ),
            TrailingSeparator => (
                "A path component must end with a letter or digit, not `_`, `.` or `-`.",
                "パスの要素は英数字で終わる必要があります。`_`、`.`、`-` では終われません。",
            ),
            BadSeparator => (
                "Between letters and digits only one `.`, one `_`, two `__` or a run of `-` is allowed (not `..`, `___`, `._` …).",
                "英数字の間に置けるのは `.` 1 つ、`_` 1 つ、`__`、または `-` の連続だけです（`..`、`___`、`._` などは不可）。",
            ),
            ConsecutiveSpecial => (
                "GitLab no longer accepts consecutive special characters in a new or renamed group or project path.",
                "GitLab では、新規または変更後のグループ・プロジェクトのパスに特殊文字を連続して使えなくなりました。",
            ),
            ReservedSuffix => (
                "A GitLab path must not end with `.git` or `.atom`.",
                "GitLab のパスは `.git` や `.atom` で終われません。",
            ),
            ReservedName => (
                "This is a reserved GitLab top-level path.",
                "これは GitLab で予約されたトップレベルのパスです。",
            ),
            ComponentTooLong => (
                "A GitLab group or project path is at most 255 characters.",
                "GitLab のグループ・プロジェクトのパスは 255 文字以内です。",
            ),
            PathTooLong => (
                "The repository path (without the registry host) must not be longer than 255 characters.",
                "リポジトリのパス（レジストリのホストを除く）は 255 文字以内でなければなりません。",
            ),
            ReferenceTooLong => (
                "Many clients refuse a host plus path longer than 255 characters.",
                "ホストとパスを合わせて 255 文字を超えると、多くのクライアントが受け付けません。",
            ),
            HexName => (
                "A repository name cannot be a 64-character hexadecimal string (it looks like an image ID).",
                "リポジトリ名を 64 文字の 16 進文字列にはできません（イメージ ID と区別できません）。",
            ),
            DockerHub => (
                "The first component has no `.` or `:` and is not `localhost`, so this name goes to Docker Hub (docker.io). Start with your registry host, e.g. `$CI_REGISTRY_IMAGE`.",
                "最初の要素に `.` や `:` がなく `localhost` でもないため、この名前は Docker Hub（docker.io）を指します。`$CI_REGISTRY_IMAGE` のようにレジストリのホストから書き始めてください。",
            ),
            NotUnderProject => (
                "The path does not start with the project path, so it belongs to another project.",
                "パスがプロジェクトのパスで始まっていないため、別のプロジェクトのものになります。",
            ),
            TooDeep => (
                "GitLab allows at most two levels of image names below the project path.",
                "GitLab では、プロジェクトのパスの下に置けるイメージ名は 2 階層までです。",
            ),
            TooFewComponents => (
                "A GitLab image path has at least a group and a project (`group/project`).",
                "GitLab のイメージのパスには、少なくともグループとプロジェクト（`group/project`）が必要です。",
            ),
            TooManyComponents => (
                "GitLab paths have fewer than 20 components.",
                "GitLab のパスの要素は 20 個未満です。",
            ),
            HostEmptyLabel => ("Empty label in the host name (`..` or a leading or trailing `.`).", "ホスト名に空のラベルがあります（`..` や先頭・末尾の `.`）。"),
            HostBadChar => ("Only letters, digits, `-` and `.` are allowed in a host name.", "ホスト名に使えるのは英字、数字、`-`、`.` だけです。"),
            HostLabelDash => ("A host name label must not start or end with `-`.", "ホスト名のラベルは `-` で始まったり終わったりできません。"),
            BadPort => ("The port must be a number from 1 to 65535.", "ポートは 1 から 65535 までの数値でなければなりません。"),
            BadIpv6 => ("An IPv6 host is written in brackets with hex digits and `:`, e.g. `[::1]:5000`.", "IPv6 のホストは `[::1]:5000` のように角括弧の中に 16 進数と `:` で書きます。"),
            TagEmpty => ("The tag after `:` is empty.", "`:` の後のタグが空です。"),
            TagStart => ("A tag must start with a letter, digit or `_`, not `.` or `-`.", "タグは英数字か `_` で始まる必要があります。`.` や `-` では始められません。"),
            TagChar => ("Only letters, digits, `_`, `.` and `-` are allowed in a tag.", "タグに使えるのは英数字、`_`、`.`、`-` だけです。"),
            TagSlash => (
                "A tag cannot contain `/`: for a branch name use `$CI_COMMIT_REF_SLUG` instead of `$CI_COMMIT_REF_NAME`.",
                "タグに `/` は使えません。ブランチ名には `$CI_COMMIT_REF_NAME` ではなく `$CI_COMMIT_REF_SLUG` を使ってください。",
            ),
            TagTooLong => ("A tag is at most 128 characters.", "タグは 128 文字以内です。"),
            DigestNoColon => ("A digest is written `algorithm:hex`, e.g. `sha256:` followed by 64 hex digits.", "ダイジェストは `sha256:` に 16 進 64 桁が続くように `アルゴリズム:16進` の形で書きます。"),
            DigestAlgorithm => ("The digest algorithm must start with a letter (e.g. `sha256`).", "ダイジェストのアルゴリズムは英字で始まる必要があります（例: `sha256`）。"),
            DigestHex => ("A digest's value uses hexadecimal digits only (0-9, a-f).", "ダイジェストの値に使えるのは 16 進数字（0-9、a-f）だけです。"),
            DigestLength => (
                "Wrong digest length: sha256 has 64 lowercase hex digits, sha512 128, others at least 32.",
                "ダイジェストの長さが違います。sha256 は小文字の 16 進 64 桁、sha512 は 128 桁、その他は 32 桁以上です。",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }
}

/// Advice that goes with a report (not tied to one character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Tags made from branch names: use the slug GitLab computes.
    UseRefSlug,
    /// Image names made from the project path: use the lowercase variable.
    UseRegistryImage,
}

impl Hint {
    pub const fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Hint::UseRefSlug, Lang::En) => "In CI, tag with `$CI_COMMIT_REF_SLUG` (lowercase, `[a-z0-9-]`, at most 63 characters) rather than the branch name.",
            (Hint::UseRefSlug, Lang::Ja) => "CI ではブランチ名ではなく `$CI_COMMIT_REF_SLUG`（小文字、`[a-z0-9-]`、63 文字以内）をタグに使ってください。",
            (Hint::UseRegistryImage, Lang::En) => "In CI, build image names from `$CI_REGISTRY_IMAGE` (always lowercase), not `$CI_PROJECT_PATH`.",
            (Hint::UseRegistryImage, Lang::Ja) => "CI では `$CI_PROJECT_PATH` ではなく、常に小文字の `$CI_REGISTRY_IMAGE` からイメージ名を組み立ててください。",
        }
    }
}
