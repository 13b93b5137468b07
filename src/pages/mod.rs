//! One route target per file.

pub mod all;
pub mod entry;
pub mod guided;
pub mod home;
pub mod manifest;
pub mod name;
pub mod not_found;
pub mod setup;
pub mod task;
