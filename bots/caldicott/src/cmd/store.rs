//! `caldicott store`: not built yet.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: StoreCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum StoreCommand {
    /// Write all state as JSON.
    Export {
        #[arg(long)]
        data_dir: std::path::PathBuf,
    },
    /// Read state back from a JSON export.
    Import {
        #[arg(long)]
        data_dir: std::path::PathBuf,
        file: std::path::PathBuf,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`caldicott store` is not built yet")
}
