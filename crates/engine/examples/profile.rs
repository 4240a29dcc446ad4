//! Where does the time go? `cargo run --release -p caldicott-engine --example profile`
//! Times each stage of the pipeline separately over the benchmark mix.

use std::hint::black_box;
use std::time::Instant;

use caldicott_engine::detect::{self, DictFile, Dicts};
use caldicott_engine::normalize::Normalized;
use caldicott_engine::{ChannelContext, Engine};

fn rate(name: &str, n: usize, f: impl Fn()) {
    let t = Instant::now();
    let mut rounds = 0;
    while t.elapsed().as_secs_f64() < 1.0 {
        f();
        rounds += 1;
    }
    let per = t.elapsed().as_secs_f64() / (rounds * n) as f64;
    println!(
        "{name:<28} {:>10.0} msg/s  {:>7.2} µs/msg",
        1.0 / per,
        per * 1e6
    );
}

fn main() {
    let msgs = caldicott_engine::sample::messages(5_000, 42);
    let ctx = ChannelContext::default();
    let n = msgs.len();

    let t = Instant::now();
    let full = Engine::builtin().unwrap();
    println!("builtin load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let ident_src = include_str!("../../../rules/identifiers.toml");
    let t = Instant::now();
    let ident = Engine::build(&[("identifiers.toml", ident_src)], &[]).unwrap();
    println!(
        "identifiers-only load: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let dict_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/dict");
    let mut raw = Vec::new();
    for e in std::fs::read_dir(dict_dir).unwrap().flatten() {
        raw.push((
            e.file_name().to_string_lossy().to_string(),
            std::fs::read_to_string(e.path()).unwrap(),
        ));
    }
    let files: Vec<DictFile<'_>> = raw
        .iter()
        .map(|(a, b)| DictFile {
            name: a,
            contents: b,
        })
        .collect();
    let t = Instant::now();
    let dicts = Dicts::load(&files).unwrap();
    println!("dicts load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let _ = detect::names::load(&files).unwrap();
    println!("  names load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let _ = detect::indirect::load(&files).unwrap();
    println!("  indirect load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let _ = detect::risk::load(&files).unwrap();
    println!("  risk load: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);

    let norm: Vec<String> = msgs
        .iter()
        .map(|m| Normalized::new(m).text().to_string())
        .collect();
    rate("normalise", n, || {
        for m in &msgs {
            black_box(Normalized::new(black_box(m)));
        }
    });
    rate("identifier rules (scan)", n, || {
        for m in &msgs {
            black_box(ident.scan(black_box(m), &ctx));
        }
    });
    rate("detector names", n, || {
        let mut out = Vec::new();
        for m in &norm {
            out.clear();
            detect::names::detect(black_box(m), &ctx, &dicts.names, &mut out);
        }
    });
    rate("detector indirect", n, || {
        let mut out = Vec::new();
        for m in &norm {
            out.clear();
            detect::indirect::detect(black_box(m), &ctx, &dicts.indirect, &mut out);
        }
    });
    rate("detector risk", n, || {
        let mut out = Vec::new();
        for m in &norm {
            out.clear();
            detect::risk::detect(black_box(m), &ctx, &dicts.risk, &mut out);
        }
    });
    let mut total = 0;
    let mut maxh = 0;
    for m in &norm {
        let mut out = Vec::new();
        detect::run_all(m, &ctx, &dicts, &mut out);
        total += out.len();
        maxh = maxh.max(out.len());
    }
    println!(
        "detector hits per message: avg {:.2}, max {maxh}",
        total as f64 / n as f64
    );
    let fcount: usize = msgs.iter().map(|m| full.scan(m, &ctx).findings.len()).sum();
    println!("findings per message: {:.2}", fcount as f64 / n as f64);
    rate("full engine (scan)", n, || {
        for m in &msgs {
            black_box(full.scan(black_box(m), &ctx));
        }
    });
}
