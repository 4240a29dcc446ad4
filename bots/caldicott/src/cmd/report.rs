//! `caldicott report --channel <id> --since <YYYY-MM-DD> [--data-dir DIR] [--svg out.svg] [--json]`:
//! a channel's findings by category, rule and week, and disputes per rule,
//! from the store's audit counters, as a table and an SVG chart. Counts only:
//! the store holds no message text, and the report shows no author either.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use caldicott_store::{Store, StoreExt};
use chrono::{Datelike, NaiveDate};

use crate::ops::lock::{DataDirLock, LockError};

/// Platforms a bare channel id is looked up under.
const PLATFORMS: [&str; 3] = ["matrix", "discord", "console"];

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Channel: `matrix:!room:server`, `discord:<id>`, `console:<name>`, or
    /// a bare id when only one platform has it.
    #[arg(long)]
    pub channel: String,
    /// First day counted, YYYY-MM-DD.
    #[arg(long)]
    pub since: String,
    /// The bot's data directory (default: the user's data directory).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Also write a bar chart of findings per week by category.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Print the report as one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// A channel's counts since a day.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub channel: String,
    pub since: String,
    pub total: u64,
    pub by_category: BTreeMap<String, u64>,
    /// `rule` -> (category, count).
    pub by_rule: BTreeMap<String, (String, u64)>,
    /// ISO week (`2026-W48`) -> category -> count.
    pub by_week: BTreeMap<String, BTreeMap<String, u64>>,
    /// `rule` -> (category, disputes). Disputes are not dated in the store:
    /// they are all-time counts.
    pub disputes: BTreeMap<String, (String, u64)>,
}

/// Build the report for `channel` (a store key) from `store`.
pub fn build(store: &dyn Store, channel: &str, since: NaiveDate) -> anyhow::Result<Report> {
    let mut r = Report {
        channel: channel.to_string(),
        since: since.to_string(),
        ..Report::default()
    };
    for c in store.audit(channel)? {
        let day = NaiveDate::parse_from_str(&c.day, "%Y-%m-%d")
            .with_context(|| format!("audit counter with a bad day `{}`", c.day))?;
        if day < since {
            continue;
        }
        let w = day.iso_week();
        let week = format!("{}-W{:02}", w.year(), w.week());
        r.total += c.count;
        *r.by_category.entry(c.category.clone()).or_default() += c.count;
        r.by_rule
            .entry(c.rule.clone())
            .or_insert_with(|| (c.category.clone(), 0))
            .1 += c.count;
        *r.by_week
            .entry(week)
            .or_default()
            .entry(c.category)
            .or_default() += c.count;
    }
    for (category, rule, n) in store.disputes(channel)? {
        r.disputes.entry(rule).or_insert_with(|| (category, 0)).1 += n;
    }
    Ok(r)
}

impl Report {
    /// Plain-text tables.
    pub fn table(&self) -> String {
        let mut out = format!(
            "Caldicott report for {} since {} (counts only)\n\nFindings: {}\n",
            self.channel, self.since, self.total
        );
        out.push_str("\nBy category\n");
        for (c, n) in &self.by_category {
            out.push_str(&format!("  {c:<28} {n:>6}\n"));
        }
        out.push_str("\nBy rule\n");
        for (rule, (c, n)) in &self.by_rule {
            out.push_str(&format!("  {rule:<28} {n:>6}  ({c})\n"));
        }
        out.push_str("\nBy week\n");
        let cats: Vec<&String> = self.by_category.keys().collect();
        out.push_str(&format!("  {:<10}", "week"));
        for c in &cats {
            out.push_str(&format!(" {:>w$}", c, w = c.len().max(6)));
        }
        out.push_str(&format!(" {:>6}\n", "total"));
        for (week, counts) in &self.by_week {
            out.push_str(&format!("  {week:<10}"));
            for c in &cats {
                let n = counts.get(*c).copied().unwrap_or(0);
                out.push_str(&format!(" {:>w$}", n, w = c.len().max(6)));
            }
            out.push_str(&format!(" {:>6}\n", counts.values().sum::<u64>()));
        }
        out.push_str("\nDisputes by rule (all time)\n");
        if self.disputes.is_empty() {
            out.push_str("  none\n");
        }
        for (rule, (c, n)) in &self.disputes {
            out.push_str(&format!("  {rule:<28} {n:>6}  ({c})\n"));
        }
        out
    }

    /// A stacked bar chart, one bar per week, one colour per category.
    pub fn svg(&self) -> String {
        const COLOURS: [&str; 8] = [
            "#1b6ca8", "#e07b39", "#3c9d4e", "#c0392b", "#8e44ad", "#7f8c8d", "#d4ac0d", "#16a085",
        ];
        let cats: Vec<&String> = self.by_category.keys().collect();
        let weeks: Vec<(&String, &BTreeMap<String, u64>)> = self.by_week.iter().collect();
        let max = weeks
            .iter()
            .map(|(_, c)| c.values().sum::<u64>())
            .max()
            .unwrap_or(0)
            .max(1);
        let (left, top, plot_h, bar_w, gap) = (60.0, 40.0, 240.0, 36.0, 14.0);
        let plot_w = (weeks.len().max(1) as f64) * (bar_w + gap) + gap;
        let legend_x = left + plot_w + 20.0;
        let width = legend_x + 220.0;
        let height = top + plot_h + 70.0;
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
             <title>Caldicott findings per week: {}</title>\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
             <text x=\"{left}\" y=\"22\" font-size=\"14\">Findings per week in {} since {} (counts only)</text>\n",
            xml(&self.channel),
            xml(&self.channel),
            xml(&self.since)
        );
        let base = top + plot_h;
        s.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"black\"/>\n\
             <line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{base}\" stroke=\"black\"/>\n",
            left + plot_w
        ));
        for i in 0..=4u64 {
            let v = max * i / 4;
            let y = base - plot_h * (v as f64) / (max as f64);
            s.push_str(&format!(
                "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>\n",
                left - 6.0,
                y + 4.0
            ));
        }
        for (i, (week, counts)) in weeks.iter().enumerate() {
            let x = left + gap + (i as f64) * (bar_w + gap);
            let mut y = base;
            for (ci, c) in cats.iter().enumerate() {
                let n = counts.get(*c).copied().unwrap_or(0);
                if n == 0 {
                    continue;
                }
                let h = plot_h * (n as f64) / (max as f64);
                y -= h;
                s.push_str(&format!(
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar_w}\" height=\"{h:.1}\" fill=\"{}\">\
                     <title>{} {}: {n}</title></rect>\n",
                    COLOURS[ci % COLOURS.len()],
                    xml(week),
                    xml(c)
                ));
            }
            s.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{}</text>\n",
                x + bar_w / 2.0,
                base + 16.0,
                xml(week)
            ));
        }
        for (ci, c) in cats.iter().enumerate() {
            let y = top + (ci as f64) * 20.0;
            s.push_str(&format!(
                "<rect x=\"{legend_x}\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
                 <text x=\"{}\" y=\"{}\">{} ({})</text>\n",
                COLOURS[ci % COLOURS.len()],
                legend_x + 18.0,
                y + 10.0,
                xml(c),
                self.by_category[*c]
            ));
        }
        if weeks.is_empty() {
            s.push_str(&format!(
                "<text x=\"{}\" y=\"{}\">no findings</text>\n",
                left + 10.0,
                top + plot_h / 2.0
            ));
        }
        s.push_str("</svg>\n");
        s
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The store key of `channel`: as given when it names a platform, else the
/// one platform whose counters have it.
fn resolve_channel(store: &dyn Store, channel: &str) -> anyhow::Result<String> {
    if PLATFORMS
        .iter()
        .any(|p| channel.starts_with(&format!("{p}:")))
    {
        return Ok(channel.to_string());
    }
    let mut found = Vec::new();
    for p in PLATFORMS {
        let key = format!("{p}:{channel}");
        if !store.audit(&key)?.is_empty() || !store.disputes(&key)?.is_empty() {
            found.push(key);
        }
    }
    match found.len() {
        0 => Ok(format!("matrix:{channel}")).and_then(|k| {
            if channel.starts_with('!') {
                Ok(k)
            } else {
                bail!("no counts for channel `{channel}`; name its platform, e.g. --channel discord:{channel}")
            }
        }),
        1 => Ok(found.remove(0)),
        _ => bail!("channel `{channel}` exists on several platforms: use one of {}", found.join(", ")),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let since = NaiveDate::parse_from_str(&args.since, "%Y-%m-%d")
        .with_context(|| format!("--since `{}`: expected a date like 2026-11-01", args.since))?;
    let data_dir = match args.data_dir {
        Some(d) => d,
        None => super::console::default_data_dir()?,
    };
    if !data_dir.join("store").exists() {
        bail!("no store in {} (is --data-dir right?)", data_dir.display());
    }
    // The running bot holds the data directory: the store cannot be opened twice.
    let _lock = match DataDirLock::acquire(&data_dir) {
        Ok(lock) => lock,
        Err(LockError::Busy { pid, .. }) => bail!(
            "the bot (pid {pid}) is running on {}, and the store opens in one process at a time: \
             run the report while the bot is stopped, or on a copy restored with \
             `caldicott store import`",
            data_dir.display()
        ),
        Err(e) => return Err(e.into()),
    };
    let store = super::console::open_store(&data_dir)?;
    let channel = resolve_channel(&store, &args.channel)?;
    let report = build(&store, &channel, since)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    if let Some(path) = args.svg {
        std::fs::write(&path, report.svg())
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("chart written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use caldicott_store::{Batch, MemoryStore};

    fn store() -> MemoryStore {
        let s = MemoryStore::new().unwrap();
        let mut b = Batch::new();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let ch = "matrix:!ward7:example.org";
        b.audit(ch, d("2026-10-20"), "patient_direct", "nhs-number", "a1");
        b.audit(ch, d("2026-11-02"), "patient_direct", "nhs-number", "a1");
        b.audit(ch, d("2026-11-02"), "patient_direct", "nhs-number", "a2");
        b.audit(ch, d("2026-11-03"), "patient_direct", "patient-name", "a2");
        b.audit(
            ch,
            d("2026-11-10"),
            "disrespect_patients",
            "frequent-flyer",
            "a3",
        );
        b.audit(
            "discord:99",
            d("2026-11-10"),
            "intoxication",
            "drunk-on-shift",
            "a4",
        );
        b.dispute(ch, "patient_direct", "patient-name");
        s.apply(b).unwrap();
        s
    }

    #[test]
    fn counts_by_category_rule_week_and_disputes() {
        let s = store();
        let since = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let r = build(&s, "matrix:!ward7:example.org", since).unwrap();
        assert_eq!(r.total, 4, "the October count is before --since");
        assert_eq!(r.by_category["patient_direct"], 3);
        assert_eq!(r.by_category["disrespect_patients"], 1);
        assert!(
            !r.by_category.contains_key("intoxication"),
            "another channel's counts"
        );
        assert_eq!(r.by_rule["nhs-number"], ("patient_direct".into(), 2));
        assert_eq!(r.by_week["2026-W45"]["patient_direct"], 3);
        assert_eq!(r.by_week["2026-W46"]["disrespect_patients"], 1);
        assert_eq!(r.disputes["patient-name"], ("patient_direct".into(), 1));
        let t = r.table();
        assert!(t.contains("nhs-number"), "{t}");
        assert!(t.contains("2026-W45"), "{t}");
        let svg = r.svg();
        assert!(svg.starts_with("<svg"));
        assert_eq!(
            svg.matches("<rect x=").count(),
            2 + 2,
            "two bars (one segment each) + two legend swatches"
        );
        assert!(!svg.contains("a1") && !t.contains("a1"), "no author hashes");
    }

    #[test]
    fn bare_ids_resolve_to_their_platform() {
        let s = store();
        assert_eq!(resolve_channel(&s, "99").unwrap(), "discord:99");
        assert_eq!(
            resolve_channel(&s, "!ward7:example.org").unwrap(),
            "matrix:!ward7:example.org"
        );
        assert!(resolve_channel(&s, "nowhere").is_err());
    }
}
