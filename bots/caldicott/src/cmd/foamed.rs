//! `caldicott foamed`: not built yet.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: FoamedCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FoamedCommand {
    /// Print the next post instant in UTC (RFC3339).
    Next {
        #[arg(long)]
        tz: String,
        #[arg(long)]
        at: String,
        #[arg(long)]
        now: String,
    },
    /// Print the catalogue.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`caldicott foamed` is not built yet")
}
