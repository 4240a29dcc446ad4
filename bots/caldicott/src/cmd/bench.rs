//! `caldicott bench [--json]`: engine messages/s, MB/s, p99 latency per
//! message and start-up time over a synthetic but realistic chat mix (plain
//! chat, emoji and curly quotes, markdown and links, numbers that are not
//! identifiers, identifiers). One thread, one core. Build with `--release`.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use caldicott_engine::{ChannelContext, Engine};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// How long to run the throughput loop, in seconds.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    /// Distinct synthetic messages in the mix.
    #[arg(long, default_value_t = 20_000)]
    pub messages: usize,
    /// Extra operator rule files or directories of `*.toml` (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Serialize)]
struct Figures {
    messages_per_sec: f64,
    mb_per_sec: f64,
    p50_us: f64,
    p99_us: f64,
    max_us: f64,
    startup_ms: f64,
    startup_median_ms: f64,
    rules: usize,
    messages_scanned: usize,
    avg_message_bytes: f64,
    flagged_share: f64,
    peak_rss_mb: Option<f64>,
    build_profile: &'static str,
}

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let engine: Engine = super::scan::load_engine(&args.rules)?;
    let startup = t0.elapsed();
    let mut loads = vec![startup];
    for _ in 0..4 {
        let t = Instant::now();
        black_box(super::scan::load_engine(&args.rules)?);
        loads.push(t.elapsed());
    }
    loads.sort();
    let startup_median = loads[loads.len() / 2];

    let msgs = caldicott_engine::sample::messages(args.messages.max(1), 42);
    let ctx = ChannelContext::default();
    // Warm up.
    let mut flagged = 0usize;
    for m in &msgs {
        if !engine.scan(m, &ctx).is_clean() {
            flagged += 1;
        }
    }
    let budget = Duration::from_secs_f64(args.seconds.max(0.1));
    let mut lat: Vec<u32> = Vec::with_capacity(1 << 20);
    let mut bytes = 0usize;
    let mut n = 0usize;
    let start = Instant::now();
    'outer: loop {
        for m in &msgs {
            let t = Instant::now();
            black_box(engine.scan(black_box(m), &ctx));
            lat.push(t.elapsed().as_nanos().min(u32::MAX as u128) as u32);
            bytes += m.len();
            n += 1;
            if n.is_multiple_of(1024) && start.elapsed() >= budget {
                break 'outer;
            }
        }
        if start.elapsed() >= budget {
            break;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort_unstable();
    let q = |p: f64| lat[((lat.len() - 1) as f64 * p) as usize] as f64 / 1000.0;
    let f = Figures {
        messages_per_sec: n as f64 / elapsed,
        mb_per_sec: bytes as f64 / elapsed / 1e6,
        p50_us: q(0.50),
        p99_us: q(0.99),
        max_us: *lat.last().unwrap_or(&0) as f64 / 1000.0,
        startup_ms: startup.as_secs_f64() * 1000.0,
        startup_median_ms: startup_median.as_secs_f64() * 1000.0,
        rules: engine.rules().len(),
        messages_scanned: n,
        avg_message_bytes: msgs.iter().map(String::len).sum::<usize>() as f64 / msgs.len() as f64,
        flagged_share: flagged as f64 / msgs.len() as f64,
        peak_rss_mb: peak_rss_mb(),
        build_profile: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    };
    if args.json {
        println!("{}", serde_json::to_string(&f)?);
    } else {
        println!("caldicott bench ({} build, one thread)", f.build_profile);
        println!("  rules loaded        {}", f.rules);
        println!(
            "  start-up            {:.1} ms (first load), {:.1} ms (median of 5)",
            f.startup_ms, f.startup_median_ms
        );
        println!(
            "  messages scanned    {} (avg {:.0} bytes, {:.0}% flagged)",
            f.messages_scanned,
            f.avg_message_bytes,
            f.flagged_share * 100.0
        );
        println!(
            "  throughput          {:.0} messages/s, {:.1} MB/s",
            f.messages_per_sec, f.mb_per_sec
        );
        println!(
            "  latency per message p50 {:.2} µs, p99 {:.2} µs, max {:.1} µs",
            f.p50_us, f.p99_us, f.max_us
        );
        if let Some(r) = f.peak_rss_mb {
            println!("  peak resident       {r:.1} MB (whole process)");
        }
        if cfg!(debug_assertions) {
            println!(
                "  (debug build: use `cargo run --release -p caldicott --no-default-features -- bench`)"
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
