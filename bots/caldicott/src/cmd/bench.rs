//! `caldicott bench`: not built yet.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`caldicott bench` is not built yet")
}
