//! Every rule's own examples pass (the same check as `caldicott rules test`).

use caldicott_engine::{Engine, testing};

#[test]
fn every_rule_example_passes() {
    let engine = Engine::builtin().expect("builtin rules load");
    let report = testing::run(&engine);
    let mut msgs: Vec<String> = report.problems.clone();
    for f in report.failures() {
        msgs.push(format!(
            "{}:{}: rule {:?}: {} example failed: {:?} (found: {:?})",
            f.file,
            f.line,
            f.rule,
            f.expect.as_str(),
            f.example,
            f.found
        ));
    }
    assert!(msgs.is_empty(), "{}", msgs.join("\n"));
}
