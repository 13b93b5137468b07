//! `registry-doctor manifest` (not implemented yet).

use crate::args::{Args, Failure, Spec};

pub const SPEC: Spec = &[("--json", false)];

pub fn run(_args: Args) -> Result<u8, Failure> {
    Err(Failure::Usage("`manifest` is not implemented yet".into()))
}
