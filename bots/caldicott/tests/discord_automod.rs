//! `caldicott discord automod install|remove` against the Discord API double.
#![cfg(feature = "discord")]

use std::process::Command;

use caldicott_discord_double::{APPLICATION_ID, DiscordDouble, GUILD_ID};

const TOKEN: &str = "cli.automod.token-value";

fn caldicott(args: &[&str], config: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .args(args)
        .arg("--config")
        .arg(config)
        .env_remove("CALDICOTT_DISCORD_TOKEN")
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automod_install_then_remove() {
    let d = DiscordDouble::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("caldicott.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\n[discord]\napplication_id = {APPLICATION_ID}\ntoken = \"{TOKEN}\"\napi_base = \"{}\"\n",
            dir.path().join("data").display(),
            d.api_base()
        ),
    )
    .unwrap();
    let guild = GUILD_ID.to_string();
    let cfg = config.clone();
    let g = guild.clone();
    let out = tokio::task::spawn_blocking(move || {
        caldicott(&["discord", "automod", "install", "--guild", &g], &cfg)
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("created AutoMod rule"), "{stdout}");
    assert!(
        !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
        "the token is never printed"
    );
    assert_eq!(d.automod_rules().len(), 1);

    let cfg = config.clone();
    let g = guild.clone();
    let out = tokio::task::spawn_blocking(move || {
        caldicott(&["discord", "automod", "install", "--guild", &g], &cfg)
    })
    .await
    .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("updated AutoMod rule"));
    assert_eq!(d.automod_rules().len(), 1);

    let cfg = config.clone();
    let out = tokio::task::spawn_blocking(move || {
        caldicott(&["discord", "automod", "remove", "--guild", &guild], &cfg)
    })
    .await
    .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("removed AutoMod rule"));
    assert!(d.automod_rules().is_empty());
}
