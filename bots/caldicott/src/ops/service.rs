//! The long-running service behind `caldicott run`: one core, one store,
//! the configured adapters, the feed fetcher, health and metrics, and a
//! graceful shutdown on SIGINT/SIGTERM.
//!
//! Order of start-up: the config is checked as a whole (nothing is created
//! on a bad one), logging starts, the data directory is locked, the store
//! opens, the health port is bound, then the adapters connect. Shutdown: the
//! one [`Shutdown`] signal reaches every task; adapters stop taking events
//! and return; the store is flushed; the process exits within
//! `shutdown_timeout_secs` whatever happens.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use caldicott_core::{Action, Bot, BotConfig, Observer, Platform};
use caldicott_store::{Batch, ChannelSettings, Mode, SledStore, Store};
use tokio::task::JoinSet;
use tracing::{error, info, warn};

use super::health::{self, AdapterProbe, Health};
use super::lock::DataDirLock;
use super::logging;
use super::metrics::Metrics;
use super::shutdown::Shutdown;
use crate::config::Config;

/// What `caldicott run` does, from the config file to the exit status.
pub fn run(config_path: &Path) -> anyhow::Result<ExitCode> {
    let config = match Config::load(config_path) {
        Ok(c) => c,
        Err(problems) => {
            eprintln!("{problems}");
            let n = problems.problems.len();
            bail!(
                "refusing to start: {n} problem{} in {} (see `caldicott config check --config {}`)",
                if n == 1 { "" } else { "s" },
                config_path.display(),
                config_path.display()
            );
        }
    };
    if config.platforms().is_empty() {
        bail!(
            "no platform configured in {}: add a [matrix] or [discord] section \
             (see data/caldicott.example.toml)",
            config_path.display()
        );
    }
    check_features(&config)?;
    logging::init(&config.log)?;
    let lock = DataDirLock::acquire(&config.data_dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("caldicott")
        .build()
        .context("starting the async runtime")?;
    let result = runtime.block_on(serve(config));
    runtime.shutdown_timeout(Duration::from_secs(1));
    drop(lock);
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            error!(error = %format!("{e:#}"), "caldicott stopped with an error");
            Err(e)
        }
    }
}

/// A platform section in a binary built without that adapter is refused.
fn check_features(config: &Config) -> anyhow::Result<()> {
    if config.matrix.is_some() && !cfg!(feature = "matrix") {
        bail!(
            "the config has a [matrix] section but this caldicott was built without the `matrix` feature"
        );
    }
    if config.discord.is_some() && !cfg!(feature = "discord") {
        bail!(
            "the config has a [discord] section but this caldicott was built without the `discord` feature"
        );
    }
    Ok(())
}

/// The core's configuration from ours.
pub fn bot_config(config: &Config) -> BotConfig {
    let d = &config.defaults;
    let mut self_ids = Vec::new();
    if let Some(m) = &config.matrix {
        self_ids.push(m.user.clone());
    }
    BotConfig {
        self_ids,
        cooldown: chrono::Duration::minutes(config.bot.cooldown_minutes),
        answer_bots: config.bot.answer_bots,
        exempt_channels: config.bot.exempt_channels.clone(),
        exempt_roles: config.bot.exempt_roles.clone(),
        defaults: ChannelSettings {
            mode: Mode::parse(&d.mode).unwrap_or_default(),
            mod_log: d.mod_log.clone(),
            disabled_categories: d.disabled_categories.iter().cloned().collect(),
            min_severity: d.min_severity.clone(),
            staff_names: d.staff_names.iter().cloned().collect(),
            hospital_number_patterns: d.hospital_number_patterns.clone(),
            ..ChannelSettings::default()
        },
    }
}

/// The digest's configuration from ours.
pub fn digest_config(config: &Config) -> caldicott_core::foamed::DigestConfig {
    let d = &config.digest;
    caldicott_core::foamed::DigestConfig {
        grace: chrono::Duration::minutes(d.catch_up_minutes),
        idempotency_memory: chrono::Duration::minutes(d.idempotency_memory_minutes),
        retry_after: chrono::Duration::seconds(d.retry_after_secs),
        feeds: d.feeds.clone(),
    }
}

/// Counts the core's decisions into [`Metrics`].
#[derive(Debug, Clone)]
pub struct MetricsObserver(pub Metrics);

impl Observer for MetricsObserver {
    fn scanned(
        &self,
        platform: Platform,
        took: Duration,
        findings: &[(&'static str, &'static str)],
    ) {
        self.0.scanned(platform.as_str(), took);
        for (category, severity) in findings {
            self.0.finding(category, severity);
        }
    }
    fn decided(&self, platform: Platform, actions: &[Action]) {
        for a in actions {
            self.0.action(platform.as_str(), a.kind(), true);
        }
    }
    fn disputed(&self, rule: &str) {
        self.0.dispute(rule);
    }
    fn delivered(&self, platform: Platform) {
        self.0.digest_delivered(platform.as_str());
    }
}

/// Open the store, refusing a corrupt or newer one with its own clear error.
pub fn open_store(config: &Config) -> anyhow::Result<Arc<SledStore>> {
    let path = config.data_dir.join("store");
    Ok(Arc::new(SledStore::open(&path)?))
}

/// A write-and-flush probe of the store for `/healthz` (a counter in the
/// `ops` namespace: no content, nothing the bot reads).
pub fn store_probe(
    store: Arc<SledStore>,
) -> impl Fn() -> Result<(), String> + Send + Sync + 'static {
    move || {
        let mut b = Batch::new();
        b.add("ops", "health_probe", 1);
        store.apply(b).map_err(|e| e.to_string())?;
        store.flush().map_err(|e| e.to_string())
    }
}

/// Everything that runs: the core shared by the adapters, and the hooks
/// the adapters report to.
#[derive(Debug, Clone)]
pub struct Service {
    pub config: Arc<Config>,
    pub bot: Arc<Bot>,
    pub health: Health,
    pub shutdown: Shutdown,
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let shutdown = Shutdown::new();
    {
        let s = shutdown.clone();
        tokio::spawn(async move {
            let signal = s.on_signal().await;
            info!(signal, "shutdown requested: finishing in-flight work");
            // A second signal means "now".
            let again = Shutdown::new().on_signal().await;
            warn!(signal = again, "second signal: exiting at once");
            std::process::exit(130);
        });
    }
    let config = Arc::new(config);
    let store = open_store(&config)?;
    let engine = crate::cmd::scan::load_engine(&config.rules.extra)?;
    let guidance =
        caldicott_guidance::Guidance::builtin().context("loading the guidance corpus")?;
    let metrics = Metrics::new();
    let bot = Bot::new(
        Arc::new(engine),
        Arc::new(guidance),
        store.clone() as Arc<dyn Store>,
        bot_config(&config),
    )
    .with_digest(caldicott_core::foamed::Digest::new(digest_config(&config)))
    .with_observer(Arc::new(MetricsObserver(metrics.clone())));
    let health = Health::new(metrics.clone(), Some(Arc::new(store_probe(store.clone()))));
    let ctx = Service {
        config: config.clone(),
        bot: Arc::new(bot),
        health: health.clone(),
        shutdown: shutdown.clone(),
    };

    let mut tasks: JoinSet<(&'static str, anyhow::Result<()>)> = JoinSet::new();
    if config.health.enabled {
        let listener = health::bind(config.health.listen).await?;
        info!(listen = %config.health.listen, "health and metrics at /healthz and /metrics");
        let rx = shutdown.subscribe();
        tasks.spawn(async move {
            health::serve(listener, health, rx).await;
            ("health", Ok(()))
        });
    }
    tasks.spawn(feeds_loop(ctx.clone()));
    super::adapters::start(&ctx, &mut tasks).await?;
    info!(platforms = ?config.platforms(), data_dir = %config.data_dir.display(), "caldicott running");

    // Run until a signal, or until a task ends on its own (an adapter whose
    // login was revoked): then everything else is stopped too.
    let mut failure: Option<anyhow::Error> = None;
    tokio::select! {
        _ = shutdown.wait() => {}
        Some(joined) = tasks.join_next() => {
            let (name, result) = joined.unwrap_or(("task", Err(anyhow::anyhow!("a task panicked"))));
            match result {
                Ok(()) if *shutdown.subscribe().borrow() => info!(task = name, "stopped"),
                Ok(()) => warn!(task = name, "task ended on its own; shutting down"),
                Err(e) => {
                    error!(task = name, error = %format!("{e:#}"), "task failed; shutting down");
                    failure = Some(e.context(format!("{name} stopped")));
                }
            }
            shutdown.trigger();
        }
    }
    let bound = config.shutdown_timeout;
    let drained = tokio::time::timeout(bound, async {
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok((name, Err(e))) => warn!(task = name, error = %format!("{e:#}"), "task ended with an error during shutdown"),
                Ok((name, Ok(()))) => info!(task = name, "stopped"),
                Err(e) => warn!(error = %e, "a task panicked during shutdown"),
            }
        }
    })
    .await;
    if drained.is_err() {
        warn!(
            secs = bound.as_secs(),
            "shutdown bound reached; abandoning unfinished tasks"
        );
        tasks.abort_all();
    }
    let flushed = tokio::task::spawn_blocking(move || store.flush()).await;
    match flushed {
        Ok(Ok(())) => info!("store flushed; stopped cleanly"),
        Ok(Err(e)) => error!(error = %e, "store flush failed"),
        Err(e) => error!(error = %e, "store flush panicked"),
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Fetch the digest's feeds on a schedule (each feed backs off on its own
/// failures) until shutdown.
async fn feeds_loop(ctx: Service) -> (&'static str, anyhow::Result<()>) {
    use caldicott_digest::fetch;
    let limits = fetch::Limits::default();
    let client = fetch::client(&limits);
    let every = Duration::from_secs(ctx.config.digest.feed_interval_minutes as u64 * 60);
    let mut stop = ctx.shutdown.subscribe();
    loop {
        let bot = ctx.bot.clone();
        let feeds =
            match tokio::task::spawn_blocking(move || caldicott_core::foamed::feeds_to_fetch(&bot))
                .await
            {
                Ok(Ok(f)) => f,
                Ok(Err(e)) => {
                    warn!(error = %e, "feeds: cannot read feed state");
                    Vec::new()
                }
                Err(e) => {
                    warn!(error = %e, "feeds: task failed");
                    Vec::new()
                }
            };
        if !feeds.is_empty() {
            let now = chrono::Utc::now();
            let results = tokio::select! {
                r = fetch::fetch_all(&client, &feeds, &limits, now) => r,
                _ = stop.wait_for(|s| *s) => return ("feeds", Ok(())),
            };
            for (url, result) in results {
                let mut state = feeds
                    .iter()
                    .find(|(u, _)| *u == url)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default();
                fetch::record(&mut state, now, &result);
                let entries = match result {
                    Ok(caldicott_digest::feed::Fetched::Items { items, .. }) => Some(items),
                    Ok(caldicott_digest::feed::Fetched::NotModified) => None,
                    Err(e) => {
                        warn!(error = %e, "feed fetch failed; backing off");
                        None
                    }
                };
                if let Err(e) =
                    caldicott_core::foamed::feed_fetched(&ctx.bot, &url, entries, &state, now)
                {
                    warn!(error = %e, "feeds: cannot record a fetch");
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.wait_for(|s| *s) => return ("feeds", Ok(())),
        }
    }
}

/// An adapter probe from two closures.
pub fn probe(
    platform: &'static str,
    connected: impl Fn() -> bool + Send + Sync + 'static,
    reconnects: impl Fn() -> u64 + Send + Sync + 'static,
) -> AdapterProbe {
    AdapterProbe {
        platform,
        connected: Arc::new(connected),
        reconnects: Arc::new(reconnects),
    }
}
