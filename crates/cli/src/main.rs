//! `registry-doctor`: the command-line face of the core. Each subcommand lives in its own module and
//! only turns core results into text or JSON; exit codes: 0 success, 1 "found a problem / nothing
//! matched" (per subcommand), 2 unusable input or usage error.

mod args;
mod cmd_check_name;
mod cmd_check_setup;
mod cmd_diagnose;
mod cmd_kb;
mod cmd_link;
mod cmd_manifest;
mod cmd_plan;
mod input;
mod source;

use args::{Args, Failure};
use std::process::ExitCode;

const HELP: &str = "\
registry-doctor — troubleshoot the GitLab container registry

Usage: registry-doctor <command> [options]

Commands:
  diagnose [FILE|-]    diagnose an error message or CI job log (--json, --lang en|ja)
  manifest [FILE|-]    identify and check a pasted manifest (--json, --lang en|ja)
  check-name NAME      check an image reference, path, tag or digest (--as KIND, --json)
  check-setup          read-only checks against your GitLab (--gitlab URL --project PATH, token from GITLAB_TOKEN)
  plan [TASK]          print a fix plan or guided-task script (--list, --set NAME=VALUE, --json)
  link ENTRY           print a link that opens a diagnosis (--set NAME=VALUE, --base URL)
  kb                   list the knowledge base (--json)

Options:
  -h, --help           show this help
  -V, --version        show the version
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(argv) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Usage(msg)) | Err(Failure::Input(msg)) => {
            eprintln!("registry-doctor: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(argv: Vec<String>) -> Result<u8, Failure> {
    let Some((command, rest)) = argv.split_first() else {
        print!("{HELP}");
        return Ok(0);
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            Ok(0)
        }
        "-V" | "--version" => {
            println!("registry-doctor {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        "diagnose" => cmd_diagnose::run(Args::parse(rest, cmd_diagnose::SPEC)?),
        "manifest" => cmd_manifest::run(Args::parse(rest, cmd_manifest::SPEC)?),
        "check-name" => cmd_check_name::run(Args::parse(rest, cmd_check_name::SPEC)?),
        "check-setup" => cmd_check_setup::run(Args::parse(rest, cmd_check_setup::SPEC)?),
        "plan" => cmd_plan::run(Args::parse(rest, cmd_plan::SPEC)?),
        "link" => cmd_link::run(Args::parse(rest, cmd_link::SPEC)?),
        "kb" => cmd_kb::run(Args::parse(rest, cmd_kb::SPEC)?),
        other if other.starts_with('-') => Err(Failure::Usage(format!("unknown option `{other}` (see --help)"))),
        other => Err(Failure::Usage(format!("unknown command `{other}` (see --help)"))),
    }
}
