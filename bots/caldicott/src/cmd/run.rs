//! `caldicott run --config <file>`: the bot on the configured platforms
//! (Matrix and/or Discord) on one core and one store, with the daily-post
//! scheduler, feeds, health and metrics; see `crate::ops::service`.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Configuration file (TOML); see data/caldicott.example.toml.
    #[arg(long)]
    pub config: std::path::PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    crate::ops::service::run(&args.config)
}
