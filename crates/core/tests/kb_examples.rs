//! Every knowledge-base example, run through the same analyzer the page and the CLI use, must come
//! out first as its own entry. This is what keeps the symptoms honest as entries are added.

use registry_doctor_core::analyze::analyze_text;
use registry_doctor_core::kb::ENTRIES;

#[test]
fn every_example_diagnoses_first_as_its_own_entry() {
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in ENTRIES {
        for example in entry.examples {
            count += 1;
            let analysis = analyze_text(example.text);
            let ranked: Vec<String> =
                analysis.diagnoses.iter().map(|d| format!("{} ({})", d.entry.id, d.score)).collect();
            match analysis.diagnoses.first() {
                Some(d) if d.entry.id == entry.id => {}
                _ => {
                    failures.push(format!("{} / example \"{}\": got [{}]", entry.id, example.label, ranked.join(", ")))
                }
            }
        }
    }
    assert!(count >= 2 * ENTRIES.len(), "every entry needs at least two examples");
    assert!(
        failures.is_empty(),
        "{} of {count} examples do not diagnose first as their entry:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_example_shows_its_evidence() {
    for entry in ENTRIES {
        for example in entry.examples {
            let analysis = analyze_text(example.text);
            if let Some(d) = analysis.diagnoses.first().filter(|d| d.entry.id == entry.id) {
                assert!(d.evidence.iter().any(|l| l.is_match()), "{}: no highlighted evidence line", entry.id);
            }
        }
    }
}
