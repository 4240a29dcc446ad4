//! The one `caldicott` binary. Each subcommand lives in `cmd/<name>.rs` with
//! its own clap `Args` and a `run` function; this file only dispatches.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod config;
mod ops;

#[derive(Debug, Parser)]
#[command(
    name = "caldicott",
    version,
    about = "A guard, a guide and a teacher for UK medical chat channels"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Classify messages (JSONL or text) and report what the guard finds.
    Scan(cmd::scan::Args),
    /// Look up GMC guidance on a topic.
    Gmc(cmd::gmc::Args),
    /// Work with the detection rules (`rules test`).
    Rules(cmd::rules::Args),
    /// Precision/recall of the guard on a labelled corpus, or lookup accuracy with --lookups.
    Eval(cmd::eval::Args),
    /// Measure the engine: messages/s, MB/s, p99 per message, start-up.
    Bench(cmd::bench::Args),
    /// A local REPL that plays chat channels on the same core as the chat adapters.
    Console(cmd::console::Args),
    /// The daily #FOAMed item: catalogue, schedule maths, link checks.
    Foamed(cmd::foamed::Args),
    /// Run the bot on the configured platforms.
    Run(cmd::run::Args),
    /// Check a configuration file.
    Config(cmd::config::Args),
    /// Back up and restore the bot's state.
    Store(cmd::store::Args),
    /// Counts of findings and disputes for a channel's moderators.
    Report(cmd::report::Args),
    /// Discord-only tools (AutoMod rule install/remove).
    Discord(cmd::discord::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(a) => cmd::scan::run(a),
        Command::Gmc(a) => cmd::gmc::run(a),
        Command::Rules(a) => cmd::rules::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Console(a) => cmd::console::run(a),
        Command::Foamed(a) => cmd::foamed::run(a),
        Command::Run(a) => cmd::run::run(a),
        Command::Config(a) => cmd::config::run(a),
        Command::Store(a) => cmd::store::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Discord(a) => cmd::discord::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("caldicott: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
