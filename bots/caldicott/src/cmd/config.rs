//! `caldicott config check --config <file>`: every problem with its key and
//! line, exit status 1 if there is any. `caldicott run` loads the config the
//! same way and refuses to start with the same messages.

use std::process::ExitCode;

use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum ConfigCommand {
    /// Print every problem with its key and line; exit non-zero if any.
    Check {
        /// Configuration file (TOML).
        #[arg(long)]
        config: std::path::PathBuf,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        ConfigCommand::Check { config } => match Config::load(&config) {
            Ok(c) => {
                let platforms = c.platforms();
                println!(
                    "{}: OK (platforms: {}; data_dir: {}; health: {})",
                    config.display(),
                    if platforms.is_empty() {
                        "none".to_string()
                    } else {
                        platforms.join(", ")
                    },
                    c.data_dir.display(),
                    if c.health.enabled {
                        c.health.listen.to_string()
                    } else {
                        "off".into()
                    },
                );
                if platforms.is_empty() {
                    eprintln!(
                        "{}: note: no [matrix] or [discord] section: `caldicott run` needs at least one",
                        config.display()
                    );
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(problems) => {
                eprintln!("{problems}");
                let n = problems.problems.len();
                eprintln!(
                    "{n} problem{} found in {}",
                    if n == 1 { "" } else { "s" },
                    config.display()
                );
                Ok(ExitCode::FAILURE)
            }
        },
    }
}
