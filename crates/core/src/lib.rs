#![doc = include_str!("../README.md")]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use caldicott_engine::{Engine, HospitalNumberPattern};
use caldicott_guidance::Guidance;
use caldicott_store::{ChannelSettings, Store, StoreExt};
use chrono::{DateTime, Duration, Utc};

mod action;
mod admin;
pub mod command;
pub mod foamed;
mod guard;
mod incoming;
pub mod maintenance;
pub mod observe;
pub mod render;
pub mod schedule;

pub use action::{Action, Citation, Reason};
pub use caldicott_store::Mode;
pub use command::{Command, Sub};
pub use incoming::{Attachment, ChannelRef, Incoming, Platform};
pub use observe::Observer;

/// Discord's message limit, the smaller of the two platforms': every text
/// the core renders fits under it.
pub const MESSAGE_MAX_CHARS: usize = 2000;
/// Room left under [`MESSAGE_MAX_CHARS`] for an adapter's own decoration.
pub const TEXT_MAX_CHARS: usize = 1900;
/// Default per-author, per-category warning cooldown.
pub const DEFAULT_COOLDOWN_MINUTES: i64 = 30;

/// The core's one error type. Never holds message text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] caldicott_store::Error),
    #[error("channel {channel}: hospital-number pattern: {source}")]
    Pattern {
        channel: String,
        #[source]
        source: caldicott_engine::Error,
    },
}

/// Deployment-wide configuration of the bot.
#[derive(Debug, Clone)]
pub struct BotConfig {
    /// The bot's own user ids (one per platform): never answered.
    pub self_ids: Vec<String>,
    /// Per-author, per-category warning cooldown.
    pub cooldown: Duration,
    /// Answer messages from other bots (default: never).
    pub answer_bots: bool,
    /// Channels never scanned, as `platform:id` or bare ids.
    pub exempt_channels: Vec<String>,
    /// Roles never scanned, in every channel.
    pub exempt_roles: Vec<String>,
    /// Settings of a channel that has none stored.
    pub defaults: ChannelSettings,
}

impl Default for BotConfig {
    fn default() -> Self {
        BotConfig {
            self_ids: Vec::new(),
            cooldown: Duration::minutes(DEFAULT_COOLDOWN_MINUTES),
            answer_bots: false,
            exempt_channels: Vec::new(),
            exempt_roles: Vec::new(),
            defaults: ChannelSettings::default(),
        }
    }
}

/// Answers "does a post with this idempotency key already exist in this
/// channel?" from the platform's recent history. Implemented by adapters
/// (and the console and tests); used by [`Bot::tick_with`].
pub trait PostLedger {
    fn post_exists(&self, channel: &ChannelRef, idempotency_key: &str) -> bool;
}

type PatternCache = HashMap<String, (Vec<String>, Arc<Vec<HospitalNumberPattern>>)>;

/// The platform-neutral bot. Share it as `Arc<Bot>`; every method takes `&self`.
#[derive(Debug)]
pub struct Bot {
    engine: Arc<Engine>,
    guidance: Arc<Guidance>,
    store: Arc<dyn Store>,
    config: BotConfig,
    digest: foamed::Digest,
    last_prune: Mutex<Option<DateTime<Utc>>>,
    patterns: Mutex<PatternCache>,
    observer: Option<Arc<dyn Observer>>,
}

impl Bot {
    pub fn new(
        engine: Arc<Engine>,
        guidance: Arc<Guidance>,
        store: Arc<dyn Store>,
        config: BotConfig,
    ) -> Bot {
        Bot {
            engine,
            guidance,
            store,
            config,
            digest: foamed::Digest::default(),
            last_prune: Mutex::new(None),
            patterns: Mutex::new(HashMap::new()),
            observer: None,
        }
    }

    /// Attach an [`Observer`] of decisions (operations metrics).
    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Bot {
        self.observer = Some(observer);
        self
    }

    pub(crate) fn observer(&self) -> Option<&dyn Observer> {
        self.observer.as_deref()
    }

    /// [`Bot::tick`] for one platform's channels only, so each adapter
    /// ticks its own channels when several run on one core.
    pub fn tick_for(&self, platform: Platform, now: DateTime<Utc>) -> Vec<Action> {
        let prefix = format!("{platform}:");
        schedule::due_where(self, now, &|key| key.starts_with(&prefix))
    }

    /// Attach the digest's state (catalogue, feeds).
    pub fn with_digest(mut self, digest: foamed::Digest) -> Bot {
        self.digest = digest;
        self
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }
    pub fn guidance(&self) -> &Guidance {
        &self.guidance
    }
    pub fn store(&self) -> &dyn Store {
        &*self.store
    }
    pub fn config(&self) -> &BotConfig {
        &self.config
    }
    pub fn digest(&self) -> &foamed::Digest {
        &self.digest
    }

    /// Decide what to do about one incoming message or command. Pure apart
    /// from the store: the same event gives the same actions on every platform.
    pub fn handle(&self, msg: &Incoming, now: DateTime<Utc>) -> Vec<Action> {
        self.handle_inner(msg, now, false)
    }

    /// [`Bot::handle`] for a message whose actions an adapter began to carry
    /// out in an earlier process that died before finishing them (it keeps
    /// the ids of such messages). Whatever was decided for it then is
    /// decided again, so the adapter can finish the job with the same
    /// idempotent sends; nothing is counted twice. The cooldown set by the
    /// first decision does not hold back its own note (at worst a crash
    /// makes one extra note, never a lost one).
    pub fn handle_redelivered(&self, msg: &Incoming, now: DateTime<Utc>) -> Vec<Action> {
        self.handle_inner(msg, now, true)
    }

    fn handle_inner(&self, msg: &Incoming, now: DateTime<Utc>, redo: bool) -> Vec<Action> {
        if self.ignores_author(msg) {
            return Vec::new();
        }
        let mut actions: Vec<Action> = maintenance::prune_if_due(self, now).into_iter().collect();
        let command = command::parse(&msg.text, msg.is_command);
        // A command typed into a shared channel is still a message in it.
        // For `caldicott check` the check answer is the author's note, so
        // only the channel's redaction and mod-log apply.
        if !msg.is_dm && !msg.is_command {
            let quiet = matches!(command, Some(Command::Caldicott(Sub::Check(_))));
            actions.extend(guard::guard(self, msg, now, quiet, redo));
        }
        match command {
            Some(cmd) => actions.extend(self.command(msg, cmd, now)),
            None if msg.is_dm => actions.push(guard::check(self, msg, &msg.text)),
            None => {}
        }
        if let Some(o) = self.observer() {
            o.decided(msg.platform, &actions);
        }
        actions
    }

    /// Due daily posts (see [`schedule`]); call it every minute or so.
    pub fn tick(&self, now: DateTime<Utc>) -> Vec<Action> {
        schedule::due(self, now)
    }

    /// [`Bot::tick`], answering each [`Action::Reconcile`] at once through
    /// `ledger` (console, tests, synchronous adapters).
    pub fn tick_with(&self, now: DateTime<Utc>, ledger: &dyn PostLedger) -> Vec<Action> {
        let mut out = Vec::new();
        for action in self.tick(now) {
            match action {
                Action::Reconcile {
                    channel,
                    idempotency_key,
                } => {
                    let exists = ledger.post_exists(&channel, &idempotency_key);
                    out.extend(self.reconciled(&channel, &idempotency_key, exists, now));
                }
                other => out.push(other),
            }
        }
        out
    }

    /// The adapter delivered the [`Action::DailyPost`] with this key.
    pub fn delivered(
        &self,
        channel: &ChannelRef,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        schedule::delivered(self, channel, idempotency_key, now)
    }

    /// The adapter's answer to an [`Action::Reconcile`].
    pub fn reconciled(
        &self,
        channel: &ChannelRef,
        idempotency_key: &str,
        exists: bool,
        now: DateTime<Utc>,
    ) -> Vec<Action> {
        schedule::reconciled(self, channel, idempotency_key, exists, now)
    }

    /// A command answer to `msg`'s author in `msg`'s channel.
    pub fn reply(&self, msg: &Incoming, text: impl Into<String>, ephemeral: bool) -> Action {
        Action::Reply {
            channel: msg.channel_ref(),
            reply_to: Some(msg.message_id.clone()),
            user: msg.author.clone(),
            text: render::clamp(&text.into(), TEXT_MAX_CHARS),
            ephemeral,
        }
    }

    /// A channel's settings (stored, or the configured defaults).
    pub fn settings(&self, channel: &ChannelRef) -> Result<ChannelSettings, Error> {
        Ok(self
            .store
            .settings(&channel.key())?
            .unwrap_or_else(|| self.config.defaults.clone()))
    }

    /// The keyed hash of an author (what audit records and cooldowns hold).
    pub fn author_hash(&self, platform: Platform, author: &str) -> Result<String, Error> {
        Ok(self
            .store
            .keyed_hash("author", &format!("{platform}:{author}"))?)
    }

    fn ignores_author(&self, msg: &Incoming) -> bool {
        (msg.author_is_bot && !self.config.answer_bots)
            || self.config.self_ids.contains(&msg.author)
    }

    fn command(&self, msg: &Incoming, cmd: Command<'_>, now: DateTime<Utc>) -> Vec<Action> {
        match cmd {
            Command::Gmc(query) => vec![admin::gmc(self, msg, query)],
            Command::Foamed(args) => foamed::handle_command(self, msg, &args, now),
            Command::Caldicott(sub) => admin::caldicott(self, msg, sub, now),
        }
    }

    /// The compiled hospital-number patterns of a channel, compiled once per
    /// settings change.
    fn patterns(
        &self,
        channel: &str,
        settings: &ChannelSettings,
    ) -> Result<Arc<Vec<HospitalNumberPattern>>, Error> {
        let mut cache = self.patterns.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((src, compiled)) = cache.get(channel)
            && *src == settings.hospital_number_patterns
        {
            return Ok(compiled.clone());
        }
        let compiled = settings
            .hospital_number_patterns
            .iter()
            .map(|p| {
                HospitalNumberPattern::new(p).map_err(|source| Error::Pattern {
                    channel: channel.to_string(),
                    source,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let compiled = Arc::new(compiled);
        cache.insert(
            channel.to_string(),
            (settings.hospital_number_patterns.clone(), compiled.clone()),
        );
        Ok(compiled)
    }
}
