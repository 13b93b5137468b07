//! `registry-doctor kb`: the knowledge base as a table, or as JSON for other tools.

use crate::args::{Args, Failure, Spec};
use registry_doctor_core::kb::{ENTRIES, PLANS, TREE};
use serde_json::json;

pub const SPEC: Spec = &[("--json", false)];

pub fn run(args: Args) -> Result<u8, Failure> {
    args.at_most(0)?;
    if args.has("--json") {
        let entries: Vec<_> = ENTRIES
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "catalog": e.catalog,
                    "title": { "en": e.title.en, "ja": e.title.ja },
                    "examples": e.examples.len(),
                })
            })
            .collect();
        println!("{}", json!({ "entries": entries }));
        return Ok(0);
    }
    let width = ENTRIES.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for e in ENTRIES {
        println!("{:<width$}  {:<16}  {}", e.id, e.catalog.join(","), e.title.en);
    }
    let examples: usize = ENTRIES.iter().map(|e| e.examples.len()).sum();
    println!(
        "\n{} entries, {} examples, {} command plans, {} decision-tree nodes",
        ENTRIES.len(),
        examples,
        PLANS.len(),
        TREE.len()
    );
    Ok(0)
}
