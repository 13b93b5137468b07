//! Registry Doctor's core: everything the page and the CLI know, in plain Rust.
//!
//! No web crate may appear in this crate's dependency tree (`tests/no_web_deps.rs` checks it): the
//! whole product logic is tested on the host with `cargo test`, and the web app and the CLI only wire
//! these functions to people.

pub mod analyze;
pub mod export;
pub mod i18n;
pub mod json;
pub mod kb;
pub mod link;
pub mod manifest;
pub mod names;
pub mod plan;
pub mod presets;
pub mod redact;
pub mod setup;
pub mod text;
