//! `cargo run -p caldicott-guidance --example probe -- <file>`: print the top answers for each line.
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let g = caldicott_guidance::Guidance::builtin().expect("corpus loads");
    for q in std::fs::read_to_string(path).expect("read").lines() {
        println!("{:<60} {:?}", q, g.rank(q));
    }
}
