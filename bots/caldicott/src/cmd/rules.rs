//! `caldicott rules test`: run every rule's must-match and must-not-match
//! examples; exit 0 only when all pass. Known gaps (`todo_*`) are reported
//! but never fail. `caldicott rules list` shows what is loaded.

use std::path::PathBuf;
use std::process::ExitCode;

use caldicott_engine::testing::{self, Expect};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum RulesCommand {
    /// Run every rule's must-match and must-not-match examples.
    Test {
        /// Extra operator rule files or directories of `*.toml` (repeatable).
        #[arg(long = "rules", value_name = "PATH")]
        rules: Vec<PathBuf>,
        /// Also list every passing example.
        #[arg(long, short)]
        verbose: bool,
    },
    /// List the loaded rules: id, category, severity, kind, file:line.
    List {
        /// Extra operator rule files or directories of `*.toml` (repeatable).
        #[arg(long = "rules", value_name = "PATH")]
        rules: Vec<PathBuf>,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        RulesCommand::Test { rules, verbose } => test(&rules, verbose),
        RulesCommand::List { rules } => {
            let engine = super::scan::load_engine(&rules)?;
            for r in engine.rules() {
                println!(
                    "{:<32} {:<26} {:<8} {:<8} {}:{}",
                    r.id,
                    r.category.as_str(),
                    r.severity.as_str(),
                    format!("{:?}", r.kind).to_lowercase(),
                    r.file,
                    r.line
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn test(extra: &[PathBuf], verbose: bool) -> anyhow::Result<ExitCode> {
    let engine = match super::scan::load_engine(extra) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("FAIL: the rules do not load: {e:#}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let report = testing::run(&engine);
    let mut passed = 0usize;
    let mut failed = 0usize;
    for r in &report.results {
        match r.expect {
            Expect::Match | Expect::NoMatch => {
                if r.passed {
                    passed += 1;
                    if verbose {
                        println!(
                            "ok   {}:{} {} {}: {:?}",
                            r.file,
                            r.line,
                            r.rule,
                            r.expect.as_str(),
                            r.example
                        );
                    }
                } else {
                    failed += 1;
                    println!(
                        "FAIL {}:{} rule {:?} {} example {:?}: {} (rules found: {})",
                        r.file,
                        r.line,
                        r.rule,
                        r.expect.as_str(),
                        r.example,
                        if r.expect == Expect::Match {
                            "no finding of this rule"
                        } else {
                            "this rule fired"
                        },
                        if r.found.is_empty() {
                            "none".to_string()
                        } else {
                            r.found.join(", ")
                        }
                    );
                }
            }
            Expect::TodoMatch | Expect::TodoNoMatch => {
                let state = if r.passed {
                    "known gap"
                } else {
                    "now passes: promote it"
                };
                println!(
                    "todo {}:{} rule {:?} {} example {:?}: {state}",
                    r.file,
                    r.line,
                    r.rule,
                    r.expect.as_str(),
                    r.example
                );
            }
        }
    }
    for p in &report.problems {
        println!("FAIL {p}");
    }
    let todos = report.todos().count();
    println!(
        "rules test: {} rules, {} examples, {} todo",
        engine.rules().len(),
        passed + failed,
        todos
    );
    println!("{passed} passed, {failed} failed");
    if report.ok() {
        Ok(ExitCode::SUCCESS)
    } else {
        if !report.problems.is_empty() {
            println!("{} rule problem(s)", report.problems.len());
        }
        Ok(ExitCode::FAILURE)
    }
}
