//! `caldicott discord`: not built yet.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: DiscordCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum DiscordCommand {
    /// AutoMod rule that blocks the highest-confidence identifier patterns.
    Automod {
        #[command(subcommand)]
        command: AutomodCommand,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum AutomodCommand {
    Install {
        #[arg(long)]
        guild: String,
    },
    Remove {
        #[arg(long)]
        guild: String,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`caldicott discord` is not built yet")
}
