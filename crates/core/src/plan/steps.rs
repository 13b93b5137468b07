//! The owned step list every script is rendered from: static plans are converted into it
//! (`render.rs`), guided tasks build it directly (`tasks/`). One model, one emitter (`shell.rs`), so
//! there is exactly one quoting path.

/// A piece of a word or snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text we wrote (templates, task code). May start with `-`.
    Lit(String),
    /// A user value that passed `validate` for its kind.
    Value(String),
    /// A value not given (or refused): shown as `<name>`.
    Missing(String),
    /// A shell variable: a secret from the environment or a value captured by an earlier step.
    Var(String),
}

pub type Word = Vec<Piece>;

pub fn lit(s: impl Into<String>) -> Piece {
    Piece::Lit(s.into())
}

/// One program run: `argv[0]` is the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmd {
    pub argv: Vec<Word>,
}

impl Cmd {
    /// A command from words.
    pub fn new(argv: Vec<Word>) -> Cmd {
        Cmd { argv }
    }
    /// A command whose arguments are all our own text.
    pub fn lits(argv: &[&str]) -> Cmd {
        Cmd { argv: argv.iter().map(|a| vec![lit(*a)]).collect() }
    }
    /// Appends one word.
    pub fn arg(mut self, word: Word) -> Cmd {
        self.argv.push(word);
        self
    }
    pub fn lit(self, s: &str) -> Cmd {
        self.arg(vec![lit(s)])
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// `[NAME=$(][printf '%s' "$ENV" | ]a | b[)]`.
    Run { pipeline: Vec<Cmd>, stdin_env: Option<String>, capture: Option<String> },
    /// `if ! a | b >/dev/null; then echo FAIL >&2; exit 1; fi`: a check between steps.
    Guard { pipeline: Vec<Cmd>, fail: Word },
    /// Stops when an earlier capture came back empty.
    RequireVar { var: String, fail: Word },
    /// Re-runs `pipeline` (captured into `var`) every `interval` seconds until its output equals
    /// `expect`; gives up with `fail` after `attempts` tries.
    Poll { var: String, pipeline: Vec<Cmd>, expect: String, interval: u32, attempts: u32, fail: Word },
    /// Text to put into a file (CI YAML …); never run.
    Snippet { lang: String, text: Vec<Piece> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Already in the output language.
    pub comment: String,
    pub body: Body,
}
