//! `cargo run -p caldicott-guidance --example answer -- <query...>`: the rendered answer and see-also.
fn main() {
    let q = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let g = caldicott_guidance::Guidance::builtin().expect("corpus loads");
    let l = g.lookup(&q);
    println!(
        "{}\n-- topic {:?} see_also {:?}",
        l.answer, l.topic, l.see_also
    );
}
