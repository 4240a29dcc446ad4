//! `caldicott store export|import`: the operator's backup and restore.
//!
//! `export` writes every record of the store in `<data-dir>/store` as one
//! JSON object (stdout, or `--output FILE`); `import` reads such a file into
//! a new data directory. The store never holds message text, so neither
//! does an export.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: StoreCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum StoreCommand {
    /// Write all state as JSON.
    Export {
        /// The bot's data directory (the store is `<data-dir>/store`).
        #[arg(long)]
        data_dir: PathBuf,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Read state back from a JSON export into a new data directory.
    Import {
        /// The bot's data directory (the store is `<data-dir>/store`).
        #[arg(long)]
        data_dir: PathBuf,
        /// A file written by `caldicott store export`.
        file: PathBuf,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        StoreCommand::Export { data_dir, output } => {
            let store_dir = data_dir.join("store");
            if !store_dir.exists() {
                anyhow::bail!("no store at {}", store_dir.display());
            }
            let store = super::console::open_store(&data_dir)?;
            let json = caldicott_store::export(&store)?;
            let text = serde_json::to_string_pretty(&json)?;
            match output {
                Some(path) => std::fs::write(&path, text + "\n")
                    .with_context(|| format!("writing {}", path.display()))?,
                None => {
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "{text}")?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Import { data_dir, file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let json: serde_json::Value = serde_json::from_str(&text)
                .with_context(|| format!("{}: not JSON", file.display()))?;
            let store = super::console::open_store(&data_dir)?;
            let n = caldicott_store::import(&store, &json)
                .with_context(|| format!("importing {}", file.display()))?;
            eprintln!(
                "imported {n} records into {}",
                data_dir.join("store").display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
