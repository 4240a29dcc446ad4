//! `caldicott eval <corpus.jsonl> [--json]`: precision, recall and F1 of the
//! guard for `identifiable` and each category, and the misses.
//! `caldicott eval --lookups <file.jsonl>` evaluates the guidance lookup
//! (see `eval_lookups.rs`).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use caldicott_engine::Category;
use caldicott_engine::eval::{Evaluator, Labelled};
use serde::Deserialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A labelled message corpus (JSONL with id, text, identifiable, categories).
    #[arg(required_unless_present = "lookups")]
    pub corpus: Option<String>,
    /// Evaluate the guidance lookup on a JSONL file of {"id","query","expected"}.
    #[arg(long, conflicts_with = "corpus")]
    pub lookups: Option<String>,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Extra operator rule files or directories of `*.toml` (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Deserialize)]
struct Row {
    id: serde_json::Value,
    text: String,
    identifiable: bool,
    #[serde(default)]
    categories: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(l) = &args.lookups {
        return super::eval_lookups::run(Path::new(l), args.json);
    }
    let path = args
        .corpus
        .as_deref()
        .context("a corpus file is required")?;
    let engine = super::scan::load_engine(&args.rules)?;
    let file = File::open(path).with_context(|| format!("opening {path}"))?;
    let mut ev = Evaluator::new();
    let mut texts: std::collections::HashMap<String, String> = Default::default();
    let mut bad = 0usize;
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let lineno = i + 1;
        let line = line.with_context(|| format!("{path}:{lineno}: reading"))?;
        if line.trim().is_empty() {
            continue;
        }
        let row: Row = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                bad += 1;
                eprintln!("caldicott eval: {path}:{lineno}: malformed line ({e}); skipped");
                continue;
            }
        };
        let mut cats = Vec::new();
        let mut unknown = None;
        for c in &row.categories {
            match Category::parse(c) {
                Some(c) => cats.push(c),
                None => unknown = Some(c.clone()),
            }
        }
        if let Some(u) = unknown {
            bad += 1;
            eprintln!("caldicott eval: {path}:{lineno}: unknown category {u:?}; skipped");
            continue;
        }
        let id = match row.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        let item = Labelled {
            id: id.clone(),
            text: row.text,
            identifiable: row.identifiable,
            categories: cats,
        };
        ev.add(&engine, &item);
        if !args.json {
            texts.insert(id, item.text);
        }
    }
    let result = ev.finish();
    if args.json {
        println!("{}", serde_json::to_string(&result)?);
    } else {
        println!("corpus: {path} ({} messages)", result.messages);
        println!(
            "{:<26} {:>9} {:>7} {:>6} {:>8} {:>4} {:>4} {:>4}",
            "", "precision", "recall", "f1", "support", "tp", "fp", "fn"
        );
        let row = |name: &str, f: &caldicott_engine::eval::Figures| {
            println!(
                "{:<26} {:>9.3} {:>7.3} {:>6.3} {:>8} {:>4} {:>4} {:>4}",
                name,
                f.precision,
                f.recall,
                f.f1,
                f.support,
                f.counts.tp,
                f.counts.fp,
                f.counts.fn_
            );
        };
        row("identifiable", &result.identifiable);
        for (c, f) in &result.categories {
            row(c.as_str(), f);
        }
        println!("\nmisses ({}):", result.misses.len());
        for m in &result.misses {
            let fmt = |v: &[Category]| v.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
            let text = texts.get(&m.id).map(String::as_str).unwrap_or("");
            println!(
                "  {}  expected [{}] got [{}] rules [{}]  {}",
                m.id,
                fmt(&m.expected),
                fmt(&m.got),
                m.rules.join(","),
                text
            );
        }
    }
    if bad > 0 {
        eprintln!("caldicott eval: {bad} malformed line(s) skipped");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
