//! A small, strict argument parser: every subcommand declares the flags it takes, anything else is a
//! usage error (exit 2) with a one-line message.

/// How a command failed before producing a result.
#[derive(Debug)]
pub enum Failure {
    /// Wrong flags or arguments.
    Usage(String),
    /// Unreadable or unusable input (missing file, not JSON at all …).
    Input(String),
}

/// The flags a subcommand accepts: `(name, takes_value)`. Flags with values may repeat.
pub type Spec = &'static [(&'static str, bool)];

#[derive(Debug, Default)]
pub struct Args {
    pub positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

impl Args {
    pub fn parse(argv: &[String], spec: Spec) -> Result<Args, Failure> {
        let mut args = Args::default();
        let mut it = argv.iter();
        let mut only_positional = false;
        while let Some(a) = it.next() {
            if only_positional || a == "-" || !a.starts_with('-') {
                args.positional.push(a.clone());
                continue;
            }
            if a == "--" {
                only_positional = true;
                continue;
            }
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (a.as_str(), None),
            };
            let Some(&(_, takes_value)) = spec.iter().find(|(n, _)| *n == name) else {
                return Err(Failure::Usage(format!("unknown option `{name}` (see --help)")));
            };
            let value = if takes_value {
                match inline {
                    Some(v) => Some(v),
                    None => Some(it.next().cloned().ok_or_else(|| Failure::Usage(format!("`{name}` needs a value")))?),
                }
            } else if inline.is_some() {
                return Err(Failure::Usage(format!("`{name}` takes no value")));
            } else {
                None
            };
            args.flags.push((name.to_string(), value));
        }
        Ok(args)
    }

    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    /// The last value given for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// Every value given for a repeatable flag, in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.flags.iter().filter(move |(n, _)| n == name).filter_map(|(_, v)| v.as_deref())
    }

    /// At most `max` positional arguments.
    pub fn at_most(&self, max: usize) -> Result<(), Failure> {
        if self.positional.len() > max {
            return Err(Failure::Usage(format!("unexpected argument `{}`", self.positional[max])));
        }
        Ok(())
    }

    /// `--set NAME=VALUE` pairs.
    pub fn settings(&self) -> Result<Vec<(String, String)>, Failure> {
        self.values("--set")
            .map(|s| {
                s.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .ok_or_else(|| Failure::Usage(format!("`--set {s}`: expected NAME=VALUE")))
            })
            .collect()
    }
}

/// An http(s) URL without a fragment (ours is appended) and without characters that would break
/// the printed link.
pub fn base_url(base: &str) -> Result<&str, Failure> {
    let ok = (base.starts_with("https://") || base.starts_with("http://"))
        && base.len() > "https://".len()
        && !base.contains('#')
        && !base.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control() || b"<>\"'`".contains(&b));
    if ok {
        Ok(base)
    } else {
        Err(Failure::Usage(format!("--base must be an http(s) URL without `#`, not `{base}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rejects_unknown_flags_and_missing_values() {
        let spec: Spec = &[("--json", false), ("--set", true)];
        assert!(matches!(Args::parse(&strings(&["--nope"]), spec), Err(Failure::Usage(_))));
        assert!(matches!(Args::parse(&strings(&["--set"]), spec), Err(Failure::Usage(_))));
        let a = Args::parse(&strings(&["x", "--set", "a=b", "--set=c=d", "--json", "--", "--y"]), spec).unwrap();
        assert_eq!(a.positional, ["x", "--y"]);
        assert!(a.has("--json"));
        assert_eq!(a.settings().unwrap(), vec![("a".into(), "b".into()), ("c".into(), "d".into())]);
    }
}
