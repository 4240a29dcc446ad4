//! `cargo run -p caldicott-guidance --example explain -- <query...>`: how a query is read.
fn main() {
    let q = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let g = caldicott_guidance::Guidance::builtin().expect("corpus loads");
    print!("{}", g.explain(&q));
    println!("=> {:?}", g.rank(&q));
}
