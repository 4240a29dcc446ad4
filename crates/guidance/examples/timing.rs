//! Rough per-stage timing (tuning aid): `cargo run --release -p caldicott-guidance --example timing`
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let g = caldicott_guidance::Guidance::builtin().expect("corpus loads");
    println!("build {:?}", t.elapsed());
    for q in [
        "chaperones",
        "can I accept a gift from a patient",
        "best pizza near the hospital",
    ] {
        let t = Instant::now();
        for _ in 0..1000 {
            std::hint::black_box(g.rank(q));
        }
        println!("rank {q:?} {:?}/query", t.elapsed() / 1000);
        let t = Instant::now();
        for _ in 0..1000 {
            std::hint::black_box(g.lookup(q));
        }
        println!("lookup {q:?} {:?}/query", t.elapsed() / 1000);
    }
    let t = Instant::now();
    for _ in 0..1000 {
        std::hint::black_box(g.suggest("conf"));
    }
    println!("suggest {:?}", t.elapsed() / 1000);
}
