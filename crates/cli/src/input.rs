//! Reading the input of `diagnose` and `manifest`: a file path, `-` or nothing for stdin.

use crate::args::Failure;
use std::io::Read;

/// Reads the whole input as bytes. Files are read once, straight into one buffer.
pub fn read_bytes(path: Option<&str>) -> Result<Vec<u8>, Failure> {
    match path {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
            Ok(buf)
        }
        Some(p) => std::fs::read(p).map_err(|e| Failure::Input(format!("cannot read `{p}`: {e}"))),
    }
}
