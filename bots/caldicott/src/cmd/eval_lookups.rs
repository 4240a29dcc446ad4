//! `caldicott eval --lookups <file.jsonl> [--json]`: accuracy of the guidance
//! lookup on labelled queries (`{"id","query","expected":[slugs]}`, an empty
//! list meaning nothing should match): top-1, top-3, off-topic "no match"
//! rate, and every miss.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use caldicott_guidance::Guidance;
use caldicott_guidance::eval::{evaluate, parse_cases};

/// Evaluate the lookup on a JSONL file of `{"id","query","expected":[slugs]}`;
/// `json` prints the figures as one object.
pub fn run(file: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let cases = parse_cases(&file.display().to_string(), &text)?;
    let guidance = Guidance::builtin().context("loading the built-in guidance corpus")?;
    let report = evaluate(&guidance, &cases);
    if json {
        println!(
            "{}",
            serde_json::to_string(&report).context("serialising the report")?
        );
    } else {
        print!("{}", report.render());
    }
    Ok(ExitCode::SUCCESS)
}
