//! Starting the configured platform adapters on the one core, each as a
//! task that stops on the one shutdown signal and reports to `/healthz`.

#[cfg(any(feature = "matrix", feature = "discord"))]
use std::sync::Arc;
#[cfg(any(feature = "matrix", feature = "discord"))]
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
#[cfg(any(feature = "matrix", feature = "discord"))]
use std::time::Duration;

use tokio::task::JoinSet;
#[cfg(any(feature = "matrix", feature = "discord"))]
use tracing::{info, warn};

use super::service::Service;

/// First and last wait between attempts to connect an adapter at start-up.
#[cfg(any(feature = "matrix", feature = "discord"))]
const CONNECT_BACKOFF: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(60));

type Tasks = JoinSet<(&'static str, anyhow::Result<()>)>;

/// Start every configured adapter. Connecting happens inside each task,
/// with backoff, so a homeserver that is down at start-up delays only its
/// adapter (and `/healthz` says so); a configuration the platform rejects
/// ends the task with an error, which stops the bot.
pub async fn start(ctx: &Service, tasks: &mut Tasks) -> anyhow::Result<()> {
    #[cfg(feature = "matrix")]
    if let Some(m) = &ctx.config.matrix {
        start_matrix(ctx, m, tasks);
    }
    #[cfg(feature = "discord")]
    if let Some(d) = &ctx.config.discord {
        start_discord(ctx, d, tasks);
    }
    let _ = (ctx, tasks);
    Ok(())
}

#[cfg(feature = "matrix")]
fn matrix_config(m: &crate::config::MatrixSection) -> caldicott_matrix::MatrixConfig {
    use crate::config::MatrixLogin;
    use caldicott_matrix::{MatrixConfig, Secret};
    let mut cfg = MatrixConfig::new(&m.homeserver, &m.user);
    match &m.login {
        MatrixLogin::Password(p) => cfg.password = Some(Secret::new(p.expose())),
        MatrixLogin::AccessToken(t) => cfg.access_token = Some(Secret::new(t.expose())),
    }
    cfg.store_passphrase = Some(Secret::new(m.store_passphrase.expose()));
    cfg.device_name = m.device_name.clone();
    cfg.allowed_inviters = m.allowed_inviters.clone();
    cfg.ignore_bots = m.ignore_bots;
    cfg.bot_users = m.bot_users.clone();
    cfg.moderator_power_level = m.moderator_power_level;
    cfg.mod_log_room = m.mod_log_room.clone();
    cfg
}

#[cfg(feature = "matrix")]
fn start_matrix(ctx: &Service, m: &crate::config::MatrixSection, tasks: &mut Tasks) {
    use caldicott_matrix::{Error, MatrixBot, Options};
    let cfg = matrix_config(m);
    let connected = Arc::new(AtomicBool::new(false));
    let reconnects = Arc::new(AtomicU64::new(0));
    let (c, r) = (connected.clone(), reconnects.clone());
    ctx.health.add_adapter(super::service::probe(
        "matrix",
        move || c.load(Ordering::Relaxed),
        move || r.load(Ordering::Relaxed),
    ));
    let ctx = ctx.clone();
    tasks.spawn(async move {
        let mut stop = ctx.shutdown.subscribe();
        let mut wait = CONNECT_BACKOFF.0;
        let adapter = loop {
            let attempt = MatrixBot::connect(cfg.clone(), &ctx.config.data_dir, ctx.bot.clone(), Options::default());
            let result = tokio::select! {
                r = attempt => r,
                _ = stop.wait_for(|s| *s) => return ("matrix", Ok(())),
            };
            match result {
                Ok(a) => break a,
                Err(e @ (Error::Config { .. } | Error::Corrupt { .. } | Error::Io { .. })) => {
                    return ("matrix", Err(anyhow::Error::new(e).context("Matrix adapter")));
                }
                Err(e) => {
                    warn!(error = %e, wait_s = wait.as_secs(), "Matrix: cannot connect yet; retrying");
                    reconnects.fetch_add(1, Ordering::Relaxed);
                    tokio::select! {
                        _ = tokio::time::sleep(wait) => {}
                        _ = stop.wait_for(|s| *s) => return ("matrix", Ok(())),
                    }
                    wait = (wait * 2).min(CONNECT_BACKOFF.1);
                }
            }
        };
        info!("Matrix adapter connected");
        // Mirror the adapter's own counters into the health probe.
        let mirror = {
            let a = adapter.clone();
            let (c, r) = (connected.clone(), reconnects.clone());
            let base = r.load(Ordering::Relaxed);
            tokio::spawn(async move {
                loop {
                    c.store(a.stats().connected.load(Ordering::Relaxed), Ordering::Relaxed);
                    r.store(base + a.stats().reconnects.load(Ordering::Relaxed), Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            })
        };
        let result = adapter.run(ctx.shutdown.subscribe()).await;
        mirror.abort();
        connected.store(false, Ordering::Relaxed);
        ("matrix", result.map_err(|e| anyhow::Error::new(e).context("Matrix adapter")))
    });
}

#[cfg(feature = "discord")]
fn discord_config(d: &crate::config::DiscordSection) -> caldicott_discord::DiscordConfig {
    use caldicott_discord::{DiscordConfig, Token};
    let mut cfg = DiscordConfig {
        token: Some(Token::new(d.token.expose())),
        application_id: Some(d.application_id),
        dev_guild: d.dev_guild,
        api_base: d.api_base.clone(),
        register_commands: d.register_commands,
        ..DiscordConfig::default()
    };
    if let Some(n) = d.note_ttl_secs {
        cfg.note_ttl_secs = n;
    }
    if let Some(n) = d.nudge_gap_ms {
        cfg.nudge_gap_ms = n;
    }
    cfg
}

#[cfg(feature = "discord")]
fn start_discord(ctx: &Service, d: &crate::config::DiscordSection, tasks: &mut Tasks) {
    use serenity::gateway::ConnectionStage;
    let cfg = discord_config(d);
    let connected = Arc::new(AtomicBool::new(false));
    let reconnects = Arc::new(AtomicU64::new(0));
    let (c, r) = (connected.clone(), reconnects.clone());
    ctx.health.add_adapter(super::service::probe(
        "discord",
        move || c.load(Ordering::Relaxed),
        move || r.load(Ordering::Relaxed),
    ));
    let ctx = ctx.clone();
    tasks.spawn(async move {
        let (_adapter, mut client) = match caldicott_discord::build(ctx.bot.clone(), cfg).await {
            Ok(x) => x,
            Err(e) => {
                return (
                    "discord",
                    Err(anyhow::Error::new(e).context("Discord adapter")),
                );
            }
        };
        let manager = client.shard_manager.clone();
        // Watch the shard's connection stage for /healthz and reconnect counts.
        let watcher = {
            let manager = manager.clone();
            tokio::spawn(async move {
                let mut was = false;
                loop {
                    let now = {
                        let runners = manager.runners.lock().await;
                        !runners.is_empty()
                            && runners
                                .values()
                                .all(|r| r.stage == ConnectionStage::Connected)
                    };
                    if was && !now {
                        reconnects.fetch_add(1, Ordering::Relaxed);
                    }
                    connected.store(now, Ordering::Relaxed);
                    was = now;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            })
        };
        info!("starting the Discord gateway");
        let result = tokio::select! {
            r = client.start() => r.map_err(|e| anyhow::Error::new(e).context("Discord gateway")),
            _ = ctx.shutdown.wait() => {
                manager.shutdown_all().await;
                Ok(())
            }
        };
        watcher.abort();
        ("discord", result)
    });
}
