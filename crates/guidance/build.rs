//! Rebuild when the embedded corpus changes (include_dir does not track files on stable).
fn main() {
    println!("cargo:rerun-if-changed=../../data/guidance");
}
