//! THE quoting function, and the validation that runs before it.
//!
//! Quoting is ours rather than `shlex`'s: POSIX single quotes are the one construct in which *every*
//! byte but NUL is literal in bash, dash, zsh and ksh alike (`'` itself is written `'\''`), so the
//! function is a dozen lines, has no `cfg`/OS dispatch (the `shell-escape` crate takes its Windows
//! branch on wasm32, perfsec §4.1) and adds nothing to the web build. `tests/quote_shell.rs` proves it
//! against real `bash --norc -c` and `dash -c`.
//!
//! Quoting keeps a value one word; it cannot stop `-x` being read as an option or a control character
//! acting as a keystroke when pasted into a terminal (perfsec §4.2). That is `validate`'s job.

use crate::i18n::Lang;
use crate::kb::ParamKind;
use crate::names::{self, is_forbidden_char, NameKind};

/// Why a string cannot be quoted at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unquotable {
    /// A program's arguments are C strings: NUL cannot be passed, quoted or not.
    Nul,
}

/// Characters that mean nothing to any POSIX shell (nor to bash/zsh extensions) in a word:
/// no globbing, no expansion, no brace/tilde/history expansion, no word splitting.
fn is_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '%' | '+' | '=' | ':' | ',' | '.' | '/' | '-')
}

/// Whether `s` may be written bare. Never empty, never a leading `=` (zsh `=cmd` expansion) and,
/// for user values, never a leading `-`, so a bare word that looks like an option is always ours.
fn bare_ok(s: &str, leading_dash_ok: bool) -> bool {
    !s.is_empty() && s.chars().all(is_safe) && !s.starts_with('=') && (leading_dash_ok || !s.starts_with('-'))
}

fn single_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Quotes one value as one POSIX shell word that every POSIX shell reads back as exactly `value`.
/// Bare when every character is in `[A-Za-z0-9_@%+=:,./-]` (and it does not start with `-` or `=`),
/// otherwise single-quoted. `quote("$(id)") == Ok("'$(id)'")` on every target.
pub fn quote(value: &str) -> Result<String, Unquotable> {
    if value.contains('\0') {
        return Err(Unquotable::Nul);
    }
    Ok(if bare_ok(value, false) { value.to_string() } else { single_quote(value) })
}

/// A piece of one shell word, for [`quote_word`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordPart<'a> {
    /// Text from our own templates: may start with `-` (`--all`) and still be written bare.
    Trusted(&'a str),
    /// A validated user value (or a placeholder).
    Value(&'a str),
    /// A shell variable (`[A-Za-z_][A-Za-z0-9_]*`), written `"$NAME"` and expanded by the shell.
    Var(&'a str),
}

pub(crate) fn is_var_name(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Inside double quotes only `$`, `` ` ``, `\`, `"` and (interactive bash) `!` are special; this set
/// avoids all of them, so a word of such text and variables can be one double-quoted string.
fn dq_safe(c: char) -> bool {
    is_safe(c) || c == ' '
}

/// Renders one word from pieces. Without variables it is [`quote`] (with `Trusted` text allowed a
/// leading `-`). With variables: one double-quoted word when every text character is in a very safe
/// set (`"$USER:$TOKEN"`), else single-quoted text joined to `"$NAME"` (`'PRIVATE-TOKEN: '"$T"`).
/// NUL never reaches here (validation refuses it; templates cannot hold it); it is dropped if it does.
pub(crate) fn quote_word(parts: &[WordPart<'_>]) -> String {
    // A malformed variable name (never produced by our code) is treated as literal text.
    let norm: Vec<WordPart<'_>> = parts
        .iter()
        .map(|p| match *p {
            WordPart::Var(v) if !is_var_name(v) => WordPart::Value(v),
            p => p,
        })
        .collect();
    fn text_of<'b>(p: &WordPart<'b>) -> Option<&'b str> {
        match *p {
            WordPart::Trusted(s) | WordPart::Value(s) => Some(s),
            WordPart::Var(_) => None,
        }
    }
    if !norm.iter().any(|p| matches!(p, WordPart::Var(_))) {
        let text: String = norm.iter().filter_map(text_of).collect::<String>().replace('\0', "");
        let leading_trusted =
            matches!(norm.iter().find(|p| text_of(p).is_some_and(|s| !s.is_empty())), Some(WordPart::Trusted(_)));
        return if bare_ok(&text, leading_trusted) { text } else { single_quote(&text) };
    }
    let all_dq_safe = norm.iter().filter_map(text_of).all(|s| s.chars().all(dq_safe));
    let mut out = String::new();
    if all_dq_safe {
        out.push('"');
        for (i, p) in norm.iter().enumerate() {
            match *p {
                WordPart::Var(v) => {
                    // `${NAME}` when the next character would otherwise extend the name.
                    let next = norm[i + 1..].iter().filter_map(text_of).find_map(|s| s.chars().next());
                    if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                        out.push_str(&format!("${{{v}}}"));
                    } else {
                        out.push('$');
                        out.push_str(v);
                    }
                }
                WordPart::Trusted(s) | WordPart::Value(s) => out.push_str(s),
            }
        }
        out.push('"');
        return out;
    }
    let mut run = String::new();
    for p in &norm {
        match *p {
            WordPart::Var(v) => {
                if !run.is_empty() {
                    out.push_str(&single_quote(&std::mem::take(&mut run).replace('\0', "")));
                }
                out.push_str(&format!("\"${{{v}}}\""));
            }
            WordPart::Trusted(s) | WordPart::Value(s) => run.push_str(s),
        }
    }
    if !run.is_empty() {
        out.push_str(&single_quote(&run.replace('\0', "")));
    }
    out
}

/// Why a value was refused before it got near a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: Reason,
    /// Byte offset of the offending character, when there is one.
    pub at: Option<usize>,
    /// A corrected value to offer, when we know one.
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Empty,
    ControlChar,
    LeadingDash,
    TooLong,
    /// Breaks a rule of the name grammar (§R).
    Name(names::Rule),
    UppercasePath,
    NotHttps,
    BadUrl,
    NotNumber,
    BadPlatform,
    BadUsername,
    BadEnvName,
    BadBranch,
    ColonInPath,
    NotAChoice,
}

impl Refusal {
    fn new(reason: Reason, at: Option<usize>) -> Refusal {
        Refusal { reason, at, suggestion: None }
    }

    /// The reason, in `lang`, with the suggestion when there is one.
    pub fn message(&self, lang: Lang) -> String {
        let base = match self.reason {
            Reason::Name(rule) => rule.message(lang),
            r => reason_text(r, lang),
        };
        match (&self.suggestion, lang) {
            (Some(s), Lang::En) => format!("{base} Try `{s}`."),
            (Some(s), Lang::Ja) => format!("{base}`{s}` を試してください。"),
            (None, _) => base.to_string(),
        }
    }
}

fn reason_text(r: Reason, lang: Lang) -> &'static str {
    let (en, ja) = match r {
        Reason::Empty => ("The value is empty.", "値が空です。"),
        Reason::ControlChar => ("Control characters, line breaks and invisible or bidirectional characters are not allowed: pasted into a terminal they act as keystrokes or hide what runs.", "制御文字・改行・不可視文字・双方向制御文字は使えません。端末に貼り付けるとキー入力として働いたり、実行内容を隠したりします。"),
        Reason::LeadingDash => ("A value must not start with `-`: the program would read it as an option.", "値を `-` で始めることはできません。プログラムがオプションとして解釈します。"),
        Reason::TooLong => ("The value is too long (at most 4096 bytes).", "値が長すぎます（4096 バイトまで）。"),
        Reason::UppercasePath => ("Image paths are lowercase: GitLab lowercases the project path in the registry.", "イメージのパスは小文字です。GitLab はレジストリ上でプロジェクトのパスを小文字にします。"),
        Reason::NotHttps => ("The URL must start with `https://` (`http://` only for localhost).", "URL は `https://` で始める必要があります（`http://` は localhost のみ）。"),
        Reason::BadUrl => ("Give only the scheme, host[:port] and an optional path (letters, digits, `-._~/`), without a user, query or fragment.", "スキーム、ホスト[:ポート]、任意のパス（英数字と `-._~/`）だけを指定してください。ユーザー、クエリ、フラグメントは付けません。"),
        Reason::NotNumber => ("Expected a numeric ID (digits only).", "数値の ID（数字のみ）を指定してください。"),
        Reason::BadPlatform => ("Platforms are a comma-separated list of `os/arch` or `os/arch/variant` in lowercase, e.g. `linux/amd64,linux/arm64`.", "プラットフォームは `linux/amd64,linux/arm64` のように、小文字の `os/arch` または `os/arch/variant` をカンマで区切って指定します。"),
        Reason::BadUsername => ("A user name uses only letters, digits and `._+@-`.", "ユーザー名に使えるのは英数字と `._+@-` だけです。"),
        Reason::BadEnvName => ("An environment variable name uses letters, digits and `_` and does not start with a digit.", "環境変数名は英数字と `_` で、数字では始められません。"),
        Reason::BadBranch => ("Not a valid Git branch name (no spaces, `~^:?*[\\`, `..`, `@{`, leading or trailing `/`, trailing `.` or `.lock`).", "Git のブランチ名として正しくありません（空白、`~^:?*[\\`、`..`、`@{`、先頭・末尾の `/`、末尾の `.` や `.lock` は不可）。"),
        Reason::ColonInPath => ("A path for skopeo must not contain `:` (it separates the path from the tag).", "skopeo に渡すパスに `:` は使えません（パスとタグの区切りです）。"),
        Reason::NotAChoice => ("This is not one of the allowed choices.", "許可された選択肢のいずれでもありません。"),
        Reason::Name(_) => ("", ""),
    };
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

const MAX_LEN: usize = 4096;

/// Checks `value` for `kind` before it may be quoted into a command. Refused everywhere: empty
/// values, NUL and other C0/C1 controls, DEL, line breaks, bidi/invisible characters, a leading `-`,
/// more than 4096 bytes. Then each kind's grammar (names use [`crate::names`]).
pub fn validate(kind: ParamKind, value: &str) -> Result<(), Refusal> {
    if value.is_empty() {
        return Err(Refusal::new(Reason::Empty, None));
    }
    if let Some((i, _)) = value.char_indices().find(|&(_, c)| is_forbidden_char(c)) {
        return Err(Refusal::new(Reason::ControlChar, Some(i)));
    }
    if value.starts_with('-') {
        return Err(Refusal::new(Reason::LeadingDash, Some(0)));
    }
    if value.len() > MAX_LEN {
        return Err(Refusal::new(Reason::TooLong, Some(MAX_LEN)));
    }
    let name = |k: NameKind| -> Result<(), Refusal> {
        let report = names::check(value, k);
        let first = report.errors().next().map(|p| (p.rule, p.byte));
        match first {
            Some((rule, byte)) => {
                Err(Refusal { reason: Reason::Name(rule), at: Some(byte), suggestion: report.suggestion })
            }
            None => Ok(()),
        }
    };
    let all = |ok: fn(u8) -> bool, r: Reason| match value.bytes().position(|b| !ok(b)) {
        Some(i) => Err(Refusal::new(r, Some(i))),
        None => Ok(()),
    };
    match kind {
        ParamKind::Host => name(NameKind::Host),
        ParamKind::Url => url(value),
        ParamKind::ProjectPath => {
            name(NameKind::ProjectPath)?;
            match value.bytes().position(|b| b.is_ascii_uppercase()) {
                Some(i) => Err(Refusal {
                    reason: Reason::UppercasePath,
                    at: Some(i),
                    suggestion: Some(value.to_ascii_lowercase()),
                }),
                None => Ok(()),
            }
        }
        ParamKind::ImagePath => name(NameKind::ImagePath),
        ParamKind::Tag => name(NameKind::Tag),
        ParamKind::Digest => name(NameKind::Digest),
        ParamKind::Reference => name(NameKind::Reference),
        ParamKind::Number => {
            all(|b| b.is_ascii_digit(), Reason::NotNumber)?;
            if value.len() > 18 {
                Err(Refusal::new(Reason::NotNumber, Some(18)))
            } else {
                Ok(())
            }
        }
        ParamKind::FilePath => match value.find(':') {
            Some(i) => Err(Refusal::new(Reason::ColonInPath, Some(i))),
            None => Ok(()),
        },
        ParamKind::FreeText => Ok(()),
        ParamKind::Platforms => platforms(value),
        ParamKind::Username => {
            all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'@' | b'-'), Reason::BadUsername)
        }
        ParamKind::EnvName => {
            all(|b| b.is_ascii_alphanumeric() || b == b'_', Reason::BadEnvName)?;
            if value.as_bytes()[0].is_ascii_digit() {
                Err(Refusal::new(Reason::BadEnvName, Some(0)))
            } else {
                Ok(())
            }
        }
        ParamKind::Branch => branch(value),
    }
}

fn url(value: &str) -> Result<(), Refusal> {
    let (rest, base) = if let Some(r) = value.strip_prefix("https://") {
        (r, 8)
    } else if let Some(r) = value.strip_prefix("http://") {
        let host = r.split(['/', ':']).next().unwrap_or("");
        if !matches!(host, "localhost" | "127.0.0.1" | "[") {
            return Err(Refusal::new(Reason::NotHttps, Some(0)));
        }
        (r, 7)
    } else {
        return Err(Refusal::new(Reason::NotHttps, Some(0)));
    };
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let report = names::check(hostport, NameKind::Host);
    if let Some(p) = report.errors().next() {
        return Err(Refusal { reason: Reason::Name(p.rule), at: Some(base + p.byte), suggestion: None });
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/');
    if let Some((i, _)) = path.char_indices().find(|&(_, c)| !ok(c)) {
        return Err(Refusal::new(Reason::BadUrl, Some(base + hostport.len() + i)));
    }
    if path.ends_with('/') {
        return Err(Refusal {
            reason: Reason::BadUrl,
            at: Some(value.len() - 1),
            suggestion: Some(value.trim_end_matches('/').to_string()),
        });
    }
    Ok(())
}

fn platforms(value: &str) -> Result<(), Refusal> {
    let mut off = 0;
    for (n, item) in value.split(',').enumerate() {
        let parts: Vec<&str> = item.split('/').collect();
        let part_ok =
            |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if n >= 32 || !(2..=3).contains(&parts.len()) || !parts.iter().all(part_ok) {
            return Err(Refusal::new(Reason::BadPlatform, Some(off)));
        }
        off += item.len() + 1;
    }
    Ok(())
}

/// `git check-ref-format` rules that matter for a branch name.
fn branch(value: &str) -> Result<(), Refusal> {
    let bad = |i| Err(Refusal::new(Reason::BadBranch, Some(i)));
    if let Some((i, _)) =
        value.char_indices().find(|&(_, c)| c == ' ' || matches!(c, '~' | '^' | ':' | '?' | '*' | '[' | '\\'))
    {
        return bad(i);
    }
    for pat in ["..", "@{", "//", "/."] {
        if let Some(i) = value.find(pat) {
            return bad(i);
        }
    }
    if value.starts_with(['/', '.']) || value == "@" {
        return bad(0);
    }
    if value.ends_with(['/', '.']) || value.ends_with(".lock") || value.len() > 255 {
        return bad(value.len() - 1);
    }
    Ok(())
}

/// Every kind a parameter can have, for tests and listings.
pub const ALL_KINDS: [ParamKind; 14] = [
    ParamKind::Host,
    ParamKind::Url,
    ParamKind::ProjectPath,
    ParamKind::ImagePath,
    ParamKind::Tag,
    ParamKind::Digest,
    ParamKind::Reference,
    ParamKind::Number,
    ParamKind::FilePath,
    ParamKind::FreeText,
    ParamKind::Platforms,
    ParamKind::Username,
    ParamKind::EnvName,
    ParamKind::Branch,
];
