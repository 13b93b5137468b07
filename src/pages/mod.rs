//! One route target per file.

pub mod all;
pub mod entry;
pub mod guided;
pub mod home;
pub mod not_found;
pub mod task;
