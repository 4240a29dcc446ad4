//! `caldicott eval`: not built yet.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A labelled message corpus (JSONL with id, text, identifiable, categories).
    pub corpus: Option<String>,
    /// Evaluate the guidance lookup on a JSONL file of {"id","query","expected"}.
    #[arg(long)]
    pub lookups: Option<String>,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`caldicott eval` is not built yet")
}
