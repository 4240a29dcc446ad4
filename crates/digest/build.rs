//! The catalogue in `data/foamed/` is embedded with `include_dir!`, which
//! does not tell cargo about the files: rebuild when any of them changes.

fn main() {
    println!("cargo:rerun-if-changed=../../data/foamed");
}
