//! Embeds `rules/*.toml` and `data/dict/*` into the engine at build time so
//! that `Engine::builtin()` needs no files at run time. A missing directory
//! embeds nothing (a fresh checkout without dictionaries still builds).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn list(dir: &Path, prefix: &str, ext: Option<&str>, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            list(&path, &format!("{prefix}{name}/"), ext, out);
        } else if ext.is_none_or(|e| path.extension().is_some_and(|x| x == e)) {
            out.push((format!("{prefix}{name}"), path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.join("../..");
    let rules_dir = root.join("rules");
    let dict_dir = root.join("data/dict");
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    println!("cargo:rerun-if-changed={}", dict_dir.display());
    println!("cargo:rerun-if-changed=build.rs");

    let mut rules = Vec::new();
    list(&rules_dir, "rules/", Some("toml"), &mut rules);
    let mut dicts = Vec::new();
    list(&dict_dir, "", None, &mut dicts);

    let mut src = String::new();
    src.push_str("/// `(file name, contents)` of every embedded rule file.\n");
    src.push_str("pub static RULE_FILES: &[(&str, &str)] = &[\n");
    for (name, path) in &rules {
        let p = path.canonicalize().unwrap();
        writeln!(
            src,
            "    ({name:?}, include_str!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    src.push_str("];\n");
    src.push_str("/// `(name relative to data/dict, contents)` of every embedded dictionary.\n");
    src.push_str("pub static DICT_FILES: &[(&str, &str)] = &[\n");
    for (name, path) in &dicts {
        let p = path.canonicalize().unwrap();
        writeln!(
            src,
            "    ({name:?}, include_str!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    src.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, src).unwrap();
}
