//! One module per subcommand: its clap `Args` and its `run`.

pub mod bench;
pub mod config;
pub mod console;
pub mod discord;
pub mod eval;
pub mod eval_lookups;
pub mod foamed;
pub mod gmc;
pub mod report;
pub mod rules;
pub mod run;
pub mod scan;
pub mod store;
