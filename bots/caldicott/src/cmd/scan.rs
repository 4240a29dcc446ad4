//! `caldicott scan`: not built yet.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file, or `-` for standard input.
    #[arg(default_value = "-")]
    pub input: String,
    /// Input format: `jsonl` (one {"id","text"} object a line) or `text` (one message a line).
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// One JSON object per input message on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`caldicott scan` is not built yet")
}
