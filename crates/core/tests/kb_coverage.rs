//! The knowledge base covers the whole catalog, every entry is reachable in the guided tree, and
//! every command plan an entry references renders with its parameters' examples.

use registry_doctor_core::i18n::Lang;
use registry_doctor_core::kb::{self, Target, ENTRIES, TREE};
use registry_doctor_core::plan::{render, Values};
use std::collections::BTreeSet;

fn catalog_ids() -> Vec<String> {
    let mut ids: Vec<String> = (1..=8).map(|n| format!("SEED-{n:02}")).collect();
    for (section, count) in
        [('A', 12), ('B', 8), ('C', 4), ('D', 10), ('E', 9), ('F', 4), ('G', 1), ('H', 11), ('I', 15), ('J', 3)]
    {
        ids.extend((1..=count).map(|n| format!("ENT-{section}{n:02}")));
    }
    ids
}

#[test]
fn all_85_catalog_ids_have_an_entry() {
    let ids = catalog_ids();
    assert_eq!(ids.len(), 85);
    let missing: Vec<&String> = ids.iter().filter(|id| kb::entry_by_catalog(id).is_none()).collect();
    assert!(missing.is_empty(), "catalog ids without an entry: {missing:?}");
}

#[test]
fn every_entry_is_reachable_from_the_root_of_the_tree() {
    let mut seen_nodes = BTreeSet::new();
    let mut reached = BTreeSet::new();
    let mut stack = vec![kb::node("root").expect("a root node")];
    while let Some(node) = stack.pop() {
        if !seen_nodes.insert(node.id) {
            continue;
        }
        for option in node.options {
            match option.target {
                Target::Node(_) => stack.extend(option.target.node()),
                Target::Entry(_) => {
                    reached.extend(option.target.entry().map(|e| e.id));
                }
            }
        }
    }
    assert_eq!(seen_nodes.len(), TREE.len(), "every node is reachable");
    let unreached: Vec<&str> = ENTRIES.iter().map(|e| e.id).filter(|id| !reached.contains(id)).collect();
    assert!(unreached.is_empty(), "entries the tree cannot reach: {unreached:?}");
}

#[test]
fn every_referenced_plan_renders_completely_with_example_values() {
    let values: Values =
        kb::PARAMS.iter().filter(|p| !p.derived).map(|p| (p.name.to_string(), p.example.to_string())).collect();
    for entry in ENTRIES {
        for step in entry.fix {
            if let Some(plan) = step.plan() {
                for lang in Lang::ALL {
                    let r = render(plan, &values, lang);
                    assert!(
                        r.is_complete(),
                        "{} / {}: missing {:?}, refused {:?}",
                        entry.id,
                        plan.id,
                        r.missing,
                        r.refused
                    );
                    assert!(!r.steps.is_empty());
                }
            }
        }
    }
}

#[test]
fn every_param_example_is_valid_for_its_kind() {
    for p in kb::PARAMS {
        assert!(
            registry_doctor_core::plan::validate(p.kind, p.example).is_ok(),
            "param {} example {:?}",
            p.name,
            p.example
        );
    }
}
