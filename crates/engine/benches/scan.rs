//! Criterion benchmarks of the guard engine (the same synthetic mix as
//! `caldicott bench`). Run: `cargo bench -p caldicott-engine --bench scan`.

use std::hint::black_box;

use caldicott_engine::{ChannelContext, Engine};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn scan_mix(c: &mut Criterion) {
    let engine = Engine::builtin().expect("builtin");
    let ctx = ChannelContext::default();
    let msgs = caldicott_engine::sample::messages(2_000, 42);
    let bytes: usize = msgs.iter().map(String::len).sum();

    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Elements(msgs.len() as u64));
    g.bench_function("mix_2000_messages", |b| {
        b.iter(|| {
            for m in &msgs {
                black_box(engine.scan(black_box(m), &ctx));
            }
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("mix_2000_messages_bytes", |b| {
        b.iter(|| {
            for m in &msgs {
                black_box(engine.scan(black_box(m), &ctx));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("message");
    for (name, text) in [
        (
            "plain_ascii",
            "anyone know if we can give iv abx through a midline?",
        ),
        (
            "emoji_quotes",
            "thanks 🙏 that’s really helpful, “great” teaching today 👏",
        ),
        (
            "nhs_number",
            "nhs 943 476 5919 can someone chase her bloods",
        ),
        (
            "zero_width_nhs",
            "nhs 943\u{200b}476\u{200b}5919 zero width split",
        ),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(engine.scan(black_box(text), &ctx)))
        });
    }
    let long = "rota for 12/03/2026 is out, check your shifts. ".repeat(1300);
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("matrix_max_64k", |b| {
        b.iter(|| black_box(engine.scan(black_box(&long), &ctx)))
    });
    g.finish();
}

fn load(c: &mut Criterion) {
    c.bench_function("engine_builtin_load", |b| {
        b.iter(|| black_box(Engine::builtin().expect("builtin")))
    });
}

criterion_group!(benches, scan_mix, load);
criterion_main!(benches);
