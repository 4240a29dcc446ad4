//! Print the benchmark mix as JSON lines for `caldicott scan`:
//! `cargo run --release -p caldicott-engine --example sample_jsonl -- 20000 > mix.jsonl`
//! (used to check that a performance change leaves every finding unchanged).

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    for (i, m) in caldicott_engine::sample::messages(n, 42).iter().enumerate() {
        let line = serde_json::json!({ "id": format!("s{i}"), "text": m });
        println!("{line}");
    }
}
