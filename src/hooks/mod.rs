//! Hooks that reach browser APIs, one per file.

mod use_hash_link;

pub use use_hash_link::{use_hash_link, HashLink};
