//! Running the built CLI as a user does, for the CLI tests.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `registry-doctor <args…>` with `stdin` piped in and returns what it printed.
pub fn run_cli(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_registry-doctor"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start registry-doctor");
    if let Some(mut pipe) = child.stdin.take() {
        // The command may exit before reading stdin (a file argument, a usage error): a closed pipe
        // here is expected, not a failure.
        let _ = pipe.write_all(stdin);
    }
    child.wait_with_output().expect("wait")
}
