//! `caldicott gmc [--json] <query...>`: look up GMC guidance, as `/gmc` does in chat.

use std::io::Write;
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
    let text = if args.json {
        serde_json::to_string(&answer).context("serialising the answer")?
    } else {
        answer.answer
    };
    // A closed pipe (`caldicott gmc ... | head -1`) is not an error.
    match writeln!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("writing the answer to stdout")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
