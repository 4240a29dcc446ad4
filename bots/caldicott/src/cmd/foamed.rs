//! `caldicott foamed`: the daily #FOAMed item from the command line.
//!
//! - `foamed next --tz <zone> --at <HH:MM> --now <RFC3339>`: the next post
//!   instant in UTC (RFC3339), so the schedule maths can be checked from
//!   outside;
//! - `foamed list [--json]`: the catalogue;
//! - `foamed check-links`: a live check of every catalogue link (short
//!   timeouts; without a network each link fails with its own reason).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use caldicott_digest::fetch::{self, FetchError};
use caldicott_digest::{Catalogue, next_post, parse_hhmm, parse_tz};
use chrono::{DateTime, SecondsFormat, Utc};

/// Exit status for a usage error (bad zone, time or instant), as clap uses.
const EXIT_USAGE: u8 = 2;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: FoamedCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FoamedCommand {
    /// Print the next post instant in UTC (RFC3339).
    Next {
        /// IANA time zone of the channel, e.g. Europe/London.
        #[arg(long)]
        tz: String,
        /// Local wall-clock post time, HH:MM (24-hour).
        #[arg(long)]
        at: String,
        /// The current instant, RFC3339 (e.g. 2025-03-29T12:00:00Z).
        #[arg(long)]
        now: String,
    },
    /// Print the catalogue.
    List {
        /// One JSON array of objects (id, title, url, tags, source, teaser, licence).
        #[arg(long)]
        json: bool,
    },
    /// Check every catalogue link live (HEAD, then GET when HEAD is refused).
    CheckLinks {
        /// How many links to check at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        FoamedCommand::Next { tz, at, now } => next(&tz, &at, &now),
        FoamedCommand::List { json } => list(json),
        FoamedCommand::CheckLinks { concurrency } => check_links(concurrency.max(1)),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("caldicott foamed next: {message}");
    eprintln!("usage: caldicott foamed next --tz <IANA zone> --at <HH:MM> --now <RFC3339>");
    ExitCode::from(EXIT_USAGE)
}

fn next(tz: &str, at: &str, now: &str) -> anyhow::Result<ExitCode> {
    let tz = match parse_tz(tz) {
        Ok(tz) => tz,
        Err(e) => return Ok(usage_error(&format!("--tz: {e}"))),
    };
    let at = match parse_hhmm(at) {
        Ok(t) => t,
        Err(e) => return Ok(usage_error(&format!("--at: {e}"))),
    };
    let now = match DateTime::parse_from_rfc3339(now.trim()) {
        Ok(t) => t.with_timezone(&Utc),
        Err(e) => {
            return Ok(usage_error(&format!(
                "--now: `{now}` is not an RFC3339 instant ({e}), e.g. 2025-03-29T12:00:00Z"
            )));
        }
    };
    let next = next_post(tz, at, now);
    println!("{}", next.to_rfc3339_opts(SecondsFormat::Secs, true));
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Serialize)]
struct ListItem<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    tags: &'a [String],
    source: &'a str,
    teaser: &'a str,
    licence: Option<&'a str>,
}

fn list(json: bool) -> anyhow::Result<ExitCode> {
    let catalogue = Catalogue::embedded().context("loading the embedded #FOAMed catalogue")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let items: Vec<ListItem<'_>> = catalogue
            .items()
            .iter()
            .map(|i| ListItem {
                id: &i.id,
                title: &i.title,
                url: &i.url,
                tags: &i.tags,
                source: &i.source,
                teaser: &i.teaser,
                licence: i.licence.as_deref(),
            })
            .collect();
        serde_json::to_writer(&mut out, &items).context("writing JSON")?;
        writeln!(out)?;
    } else {
        for i in catalogue.items() {
            writeln!(out, "{}  {}  [{}]", i.id, i.title, i.tags.join(", "))?;
            writeln!(out, "    {}", i.url)?;
            writeln!(out, "    {} ({})", i.teaser, i.source)?;
        }
        writeln!(out, "{} items", catalogue.items().len())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn check_links(concurrency: usize) -> anyhow::Result<ExitCode> {
    let catalogue = Catalogue::embedded().context("loading the embedded #FOAMed catalogue")?;
    let urls: Vec<(String, String)> = catalogue
        .items()
        .iter()
        .map(|i| (i.id.clone(), i.url.clone()))
        .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let results: Vec<(String, String, Result<u16, FetchError>)> = rt.block_on(async move {
        let client = fetch::client(&fetch::Limits {
            timeout: fetch::LINK_CHECK_TIMEOUT,
            ..fetch::Limits::default()
        });
        let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(concurrency));
        let mut set = tokio::task::JoinSet::new();
        for (ix, (id, url)) in urls.into_iter().enumerate() {
            let (client, sem) = (client.clone(), sem.clone());
            set.spawn(async move {
                let _permit = sem.acquire_owned().await;
                let r = fetch::check_link(&client, &url).await;
                (ix, id, url, r)
            });
        }
        let mut out = Vec::new();
        while let Some(Ok(r)) = set.join_next().await {
            out.push(r);
        }
        out.sort_by_key(|r| r.0);
        out.into_iter()
            .map(|(_, id, url, r)| (id, url, r))
            .collect()
    });
    let mut failed = 0usize;
    for (id, url, r) in &results {
        match r {
            Ok(status) => println!("ok    {status}  {id}  {url}"),
            Err(e) => {
                failed += 1;
                println!("FAIL  {id}: {e}");
            }
        }
    }
    println!(
        "{} links checked: {} ok, {failed} failed",
        results.len(),
        results.len() - failed
    );
    if failed == results.len() && failed > 0 {
        eprintln!(
            "caldicott foamed check-links: every link failed; is there a network here? \
             (failures above are per link, with the reason)"
        );
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
