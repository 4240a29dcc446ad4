//! Run the lookup eval without the binary:
//! `cargo run -p caldicott-guidance --example eval_lookups -- data/eval/lookups.jsonl`
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/eval/lookups.jsonl".into());
    let text = std::fs::read_to_string(&path).expect("read the query file");
    let cases = caldicott_guidance::eval::parse_cases(&path, &text).expect("valid JSONL");
    let g = caldicott_guidance::Guidance::builtin().expect("corpus loads");
    print!(
        "{}",
        caldicott_guidance::eval::evaluate(&g, &cases).render()
    );
}
