//! `caldicott config check`: the shipped example passes; a bad file gets
//! every problem with its key and line and a non-zero exit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn caldicott(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caldicott"));
    cmd.args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CALDICOTT_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run caldicott")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/caldicott.example.toml")
}

#[test]
fn the_example_config_passes_check_with_secrets_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let pp = dir.path().join("passphrase");
    std::fs::write(&pp, "correct horse battery staple\n").unwrap();
    let out = caldicott(
        &["config", "check", "--config", example().to_str().unwrap()],
        &[
            ("CALDICOTT_MATRIX_PASSWORD", "example-password-123"),
            (
                "CALDICOTT_MATRIX_STORE_PASSPHRASE_FILE",
                pp.to_str().unwrap(),
            ),
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stdout.contains("OK") && stdout.contains("matrix"),
        "{stdout}"
    );
    for secret in ["example-password-123", "correct horse"] {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "secret printed"
        );
    }
}

#[test]
fn the_example_without_secrets_names_the_missing_credentials() {
    let out = caldicott(
        &["config", "check", "--config", example().to_str().unwrap()],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("matrix.password"), "{stderr}");
    assert!(stderr.contains("matrix.store_passphrase"), "{stderr}");
}

#[test]
fn a_bad_config_gets_every_problem_with_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(
        &cfg,
        "shutdown_timeout_secs = 0\n\
         [log]\nformat = \"yaml\"\n\
         [defaults]\nmode = \"yell\"\n\
         [matrix]\nhomeserver = \"matrix.example.org\"\nuser = \"@bot:example.org\"\n\
         password_file = \"missing-secret\"\nstore_passphrase = \"s\"\nfavourite_colour = \"red\"\n\
         [discord]\napplication_id = 5\n",
    )
    .unwrap();
    let out = caldicott(&["config", "check", "--config", cfg.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = cfg.display().to_string();
    for expect in [
        format!("{file}:1: shutdown_timeout_secs:"),
        format!("{file}:3: log.format:"),
        format!("{file}:5: defaults.mode:"),
        format!("{file}:7: matrix.homeserver:"),
        format!("{file}:9: matrix.password_file: cannot read secret file"),
        format!("{file}:11: matrix.favourite_colour: unknown key"),
        format!("{file}:12: discord.token: missing"),
        "7 problems found".to_string(),
    ] {
        assert!(stderr.contains(&expect), "missing `{expect}` in:\n{stderr}");
    }
}

#[test]
fn run_refuses_a_bad_config_with_the_same_messages() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(
        &cfg,
        "data_dir = \"d\"\n[log]\nlevel = \"caldicott=loud\"\n",
    )
    .unwrap();
    let out = caldicott(&["run", "--config", cfg.to_str().unwrap()], &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:3: log.level:", cfg.display())),
        "{stderr}"
    );
    assert!(
        !dir.path().join("d").exists(),
        "nothing created on a bad config"
    );
}

#[test]
fn run_without_a_platform_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("none.toml");
    std::fs::write(&cfg, "data_dir = \"d\"\n[health]\nenabled = false\n").unwrap();
    let out = caldicott(&["run", "--config", cfg.to_str().unwrap()], &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no platform configured"), "{stderr}");
}

#[test]
fn a_missing_flag_is_a_usage_error() {
    let out = caldicott(&["config", "check"], &[]);
    assert_eq!(out.status.code(), Some(2));
}
