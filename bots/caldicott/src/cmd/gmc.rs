//! `caldicott gmc [--json] <query...>`: look up GMC guidance, as `/gmc` does in chat.

use std::process::ExitCode;

use anyhow::Context;
use caldicott_guidance::Guidance;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON object (query, topic, title, source, paragraphs, url, answer, see_also).
    #[arg(long)]
    pub json: bool,
    /// The topic, question or keywords. None: list the topics.
    pub query: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let guidance = Guidance::builtin().context("loading the built-in guidance corpus")?;
    let query = args.query.join(" ");
    let answer = guidance.lookup(&query);
    if args.json {
        println!(
            "{}",
            serde_json::to_string(&answer).context("serialising the answer")?
        );
    } else {
        println!("{}", answer.answer);
    }
    Ok(ExitCode::SUCCESS)
}
