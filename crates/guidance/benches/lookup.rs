//! Lookup latency and index build time.
//!
//! `CARGO_TARGET_DIR=/work/targets/guidance cargo bench -p caldicott-guidance --bench lookup`

use std::hint::black_box;

use caldicott_guidance::Guidance;
use criterion::{Criterion, criterion_group, criterion_main};

const QUERIES: &[&str] = &[
    "chaperones",
    "can I accept a gift from a patient",
    "patient sent me a friend request",
    "confidentialty",
    "best pizza near the hospital",
    "my consultant keeps shouting at me in front of everyone",
    "GMP 69",
    "what do I do if I get a caution from the police",
];

fn bench(c: &mut Criterion) {
    c.bench_function(
        "index build (builtin corpus: parse, validate, index)",
        |b| b.iter(|| black_box(Guidance::builtin().expect("corpus loads"))),
    );
    let g = Guidance::builtin().expect("corpus loads");
    for q in QUERIES {
        c.bench_function(&format!("lookup {q:?}"), |b| {
            b.iter(|| black_box(g.lookup(black_box(q))))
        });
    }
    c.bench_function("suggest \"conf\"", |b| {
        b.iter(|| black_box(g.suggest(black_box("conf"))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
