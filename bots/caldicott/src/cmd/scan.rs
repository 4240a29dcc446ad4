//! `caldicott scan [FILE|-] --format jsonl|text|whatsapp [--json]`: classify messages.
//!
//! Streaming: one line (or, for `whatsapp`, one message) is read, scanned and
//! written at a time, so memory does not grow with the input. A malformed
//! line is reported on stderr with its line number and skipped; the exit
//! status is non-zero at the end. The output
//! never contains matched text: `--json` gives rule, category and byte spans;
//! the readable default shows the message masked, what was found, why, and the
//! guidance it links to.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use caldicott_engine::{ChannelContext, Engine, HospitalNumberPattern, Report};
use serde::{Deserialize, Serialize};

mod whatsapp;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file, or `-` for standard input.
    #[arg(default_value = "-")]
    pub input: String,
    /// Input format: `jsonl` (one {"id","text"} object a line), `text` (one
    /// message a line) or `whatsapp` (WhatsApp's "Export chat" .txt; the id is
    /// the line a message starts on).
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "text", "whatsapp"])]
    pub format: String,
    /// One JSON object per input message on stdout.
    #[arg(long)]
    pub json: bool,
    /// Extra operator rule files or directories of `*.toml` (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// A trust's hospital-number shape (regex), as an operator configures it (repeatable).
    #[arg(long = "hospital-pattern", value_name = "REGEX")]
    pub hospital_patterns: Vec<String>,
    /// Channel member names (never patient names), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub members: Vec<String>,
}

/// Load the built-in engine plus operator rules, with a clear error.
pub fn load_engine(extra: &[PathBuf]) -> anyhow::Result<Engine> {
    if extra.is_empty() {
        Engine::builtin().context("loading the built-in rules")
    } else {
        Engine::with_extra_rules(extra).context("loading the rules")
    }
}

#[derive(Debug, Deserialize)]
struct InMessage {
    id: serde_json::Value,
    text: String,
}

/// One output line of `scan --json` (shared/interfaces.md §1). Fields may be
/// added, never renamed or removed. Never holds matched text.
#[derive(Debug, Serialize)]
pub struct OutMessage<'a> {
    pub id: &'a str,
    pub identifiable: bool,
    pub categories: Vec<&'static str>,
    pub severity: &'static str,
    pub findings: Vec<OutFinding<'a>>,
}

#[derive(Debug, Serialize)]
pub struct OutFinding<'a> {
    pub rule: &'a str,
    pub category: &'static str,
    pub start: usize,
    pub end: usize,
    pub severity: &'static str,
    pub guidance: &'a str,
}

impl<'a> OutMessage<'a> {
    pub fn new(id: &'a str, r: &'a Report) -> Self {
        OutMessage {
            id,
            identifiable: r.identifiable,
            categories: r.categories.iter().map(|c| c.as_str()).collect(),
            severity: r.severity.as_str(),
            findings: r
                .findings
                .iter()
                .map(|f| OutFinding {
                    rule: &f.rule,
                    category: f.category.as_str(),
                    start: f.start,
                    end: f.end,
                    severity: f.severity.as_str(),
                    guidance: &f.guidance,
                })
                .collect(),
        }
    }
}

/// How guidance slugs are shown in the readable output.
struct Cite {
    guidance: Option<caldicott_guidance::Guidance>,
}

impl Cite {
    fn line(&self, slug: &str) -> String {
        let Some(t) = self.guidance.as_ref().and_then(|g| g.topic(slug)) else {
            return slug.to_string();
        };
        let paras: Vec<&str> = t.paragraphs.iter().map(|p| p.number.as_str()).collect();
        if paras.is_empty() {
            format!("{slug}: {} ({}) {}", t.title, t.edition, t.url)
        } else {
            format!(
                "{slug}: {} ({}), para {}: {}",
                t.title,
                t.edition,
                paras.join(", "),
                t.url
            )
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let engine = load_engine(&args.rules)?;
    let mut ctx = ChannelContext {
        members: args.members.clone(),
        ..ChannelContext::default()
    };
    for p in &args.hospital_patterns {
        ctx.hospital_number_patterns
            .push(HospitalNumberPattern::new(p).context("--hospital-pattern")?);
    }
    let (reader, total): (Box<dyn Read>, Option<u64>) = if args.input == "-" {
        (Box::new(io::stdin().lock()), None)
    } else {
        let f = File::open(&args.input).with_context(|| format!("opening {}", args.input))?;
        let len = f.metadata().ok().map(|m| m.len());
        (Box::new(f), len)
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let progress = if io::stderr().is_terminal() {
        let pb = match total {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} {msg} [{elapsed_precise}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(pb)
    } else {
        None
    };
    let cite = Cite {
        guidance: if args.json {
            None
        } else {
            caldicott_guidance::Guidance::builtin().ok()
        },
    };

    let stdout = io::stdout();
    let mut sink = Sink {
        out: BufWriter::new(stdout.lock()),
        engine: &engine,
        ctx: &ctx,
        cite: &cite,
        json: args.json,
        scanned: 0,
        flagged: 0,
    };
    let mut chat = whatsapp::Chat::default();
    let mut bytes = Vec::new();
    let mut lineno = 0usize;
    let mut bad = 0usize;
    let res: io::Result<()> = (|| {
        loop {
            bytes.clear();
            let n = reader.read_until(b'\n', &mut bytes)?;
            if n == 0 {
                break;
            }
            lineno += 1;
            if let Some(pb) = &progress {
                pb.inc(n as u64);
            }
            let Ok(line) = std::str::from_utf8(&bytes) else {
                bad += 1;
                eprintln!("caldicott scan: line {lineno}: not valid UTF-8; skipped");
                continue;
            };
            let raw = line.trim_end_matches(['\n', '\r']);
            match args.format.as_str() {
                "whatsapp" => {
                    let step = chat.push_line(lineno, raw);
                    if let Some(e) = step.error {
                        bad += 1;
                        eprintln!("caldicott scan: line {lineno}: {e}; skipped");
                    }
                    if let Some(m) = step.done {
                        sink.message(&m.line.to_string(), &m.text)?;
                    }
                }
                _ if raw.trim().is_empty() => {}
                "text" => sink.message(&lineno.to_string(), raw)?,
                _ => match parse_jsonl(raw) {
                    Ok((id, text)) => sink.message(&id, &text)?,
                    Err(e) => {
                        bad += 1;
                        eprintln!("caldicott scan: line {lineno}: {e}; skipped");
                    }
                },
            }
        }
        let end = chat.finish();
        if let Some(e) = end.error {
            bad += 1;
            eprintln!("caldicott scan: line {}: {e}; skipped", end.error_line);
        }
        if let Some(m) = end.done {
            sink.message(&m.line.to_string(), &m.text)?;
        }
        sink.out.flush()
    })();
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    match res {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r.context("reading input or writing output")?,
    }
    let (scanned, flagged) = (sink.scanned, sink.flagged);
    if !args.json {
        eprintln!("caldicott scan: {scanned} messages, {flagged} flagged, {bad} malformed lines");
    }
    if bad > 0 {
        eprintln!("caldicott scan: {bad} malformed line(s) skipped");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Where scanned messages go: one JSON object or one readable block each.
struct Sink<'a, W: Write> {
    out: W,
    engine: &'a Engine,
    ctx: &'a ChannelContext,
    cite: &'a Cite,
    json: bool,
    scanned: usize,
    flagged: usize,
}

impl<W: Write> Sink<'_, W> {
    fn message(&mut self, id: &str, text: &str) -> io::Result<()> {
        let report = self.engine.scan(text, self.ctx);
        self.scanned += 1;
        if !report.is_clean() {
            self.flagged += 1;
        }
        if self.json {
            serde_json::to_writer(&mut self.out, &OutMessage::new(id, &report))
                .map_err(io::Error::other)?;
            self.out.write_all(b"\n")
        } else {
            write_human(&mut self.out, id, text, &report, self.cite)
        }
    }
}

/// One JSONL input line as (id, text), or why it is malformed (never
/// quoting the line: it could hold an identifier).
fn parse_jsonl(raw: &str) -> Result<(String, String), String> {
    match serde_json::from_str::<InMessage>(raw) {
        Ok(m) => match m.id {
            serde_json::Value::String(s) => Ok((s, m.text)),
            serde_json::Value::Number(n) => Ok((n.to_string(), m.text)),
            _ => Err("\"id\" must be a string".into()),
        },
        Err(e) => Err(format!(
            "not a JSON object with \"id\" and \"text\" ({})",
            describe_json_error(&e)
        )),
    }
}

/// serde_json's message without echoing input text (a line could hold an
/// identifier).
fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax => format!("JSON syntax error at column {}", e.column()),
        Category::Eof => "truncated JSON".to_string(),
        Category::Data => {
            let m = e.to_string();
            if m.contains("missing field `text`") {
                "missing \"text\"".into()
            } else if m.contains("missing field `id`") {
                "missing \"id\"".into()
            } else {
                format!("wrong field type at column {}", e.column())
            }
        }
        Category::Io => "read error".to_string(),
    }
}

fn write_human(
    out: &mut impl Write,
    id: &str,
    text: &str,
    report: &Report,
    cite: &Cite,
) -> io::Result<()> {
    if report.is_clean() {
        return writeln!(out, "{id}: ok");
    }
    let cats: Vec<&str> = report.categories.iter().map(|c| c.as_str()).collect();
    writeln!(
        out,
        "{id}: {} ({})",
        report.severity.as_str().to_uppercase(),
        cats.join(", ")
    )?;
    writeln!(out, "  masked: {}", report.masked(text))?;
    let mut slugs: Vec<&str> = Vec::new();
    for f in &report.findings {
        writeln!(
            out,
            "  - {} [{} / {}]: {}",
            f.rule,
            f.category.as_str(),
            f.severity.as_str(),
            f.reason
        )?;
        if !slugs.contains(&f.guidance.as_str()) {
            slugs.push(&f.guidance);
        }
    }
    for s in slugs {
        writeln!(out, "  guidance: {}", cite.line(s))?;
    }
    Ok(())
}
