//! Talking to the outside world. Only the user's own GitLab, only when they ask, only GET.

pub mod gitlab;
