//! Compiles the knowledge base (`kb/`) into static Rust data, validating it on the way.
//!
//! Every problem is reported with the file it is in; all problems are collected and printed together
//! so one build run shows everything to fix. Nothing here ships: `toml` is a build dependency only.

#[path = "build/check.rs"]
mod check;
#[path = "build/emit.rs"]
mod emit;
#[path = "build/schema.rs"]
mod schema;

use std::path::Path;

fn main() {
    let kb = Path::new("kb");
    println!("cargo:rerun-if-changed=kb");
    let mut problems = Vec::new();
    let loaded = schema::load(kb, &mut problems);
    let resolved = check::resolve(&loaded, &mut problems);
    if !problems.is_empty() {
        for p in &problems {
            println!("cargo:warning={p}");
        }
        panic!("the knowledge base has {} problem(s):\n{}", problems.len(), problems.join("\n"));
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let code = emit::render(&loaded, &resolved);
    std::fs::write(Path::new(&out).join("kb_data.rs"), code).expect("write kb_data.rs");
}
