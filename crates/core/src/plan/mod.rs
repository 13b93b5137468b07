//! Command plans: typed commands rendered to POSIX shell with every user value validated by kind
//! and quoted in one place (`quote.rs`). Static fix plans come from the knowledge base (`kb::PLANS`);
//! the four guided tasks build their steps in code (`tasks/`). Both go through `render.rs` and
//! `shell.rs`, so there is one quoting path.

pub mod quote;
pub mod render;
mod shell;
pub mod steps;
pub mod tasks;

pub use quote::{quote, validate, Reason, Refusal, Unquotable};
pub use render::{render, render_steps, ArgOut, ArgPart, RefusedValue, Rendered, RenderedStep, Resolver, Values};
pub use tasks::{task, Task, TaskParam, TASKS};
