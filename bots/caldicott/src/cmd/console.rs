//! `caldicott console`: a local REPL that plays chat channels on the same
//! core as the chat adapters, with an embedded sled store.
//!
//! Lines starting with `/` followed by a console control (`/as`, `/channel`,
//! `/mod`, `/bot`, `/dm`, `/edit`, `/clock`, `/help`, `/quit`) drive the
//! console; every other line is a message from the current user in the
//! current channel, so commands are typed as in a Matrix room (`!gmc
//! chaperones`, `/gmc chaperones`, `!caldicott status`). The bot's actions
//! are printed as a chat platform would perform them. When stdin is not a
//! terminal the lines are read as a script and the output is deterministic
//! (the simulated clock starts at a fixed instant unless `--now` is given).
//!
//! The console never prints or logs what a user typed: only the bot's
//! actions (whose texts hold masked copies at most).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use caldicott_core::{Action, Bot, BotConfig, ChannelRef, Incoming, Platform, PostLedger};
use caldicott_store::SledStore;
use chrono::{DateTime, Duration, Utc};
use tracing::{info, instrument, warn};

/// The bot's own user name in the console.
pub const BOT_NAME: &str = "caldicott";
/// Where a scripted session's clock starts unless `--now` is given.
pub const SCRIPT_EPOCH: &str = "2026-01-05T08:00:00Z";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Data directory for the embedded store (default: the user's data
    /// directory, e.g. ~/.local/share/caldicott).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Start the simulated clock at this instant (RFC3339).
    #[arg(long)]
    pub now: Option<String>,
    /// Log level for the console's own log on stderr (error, warn, info,
    /// debug, trace). Logs never contain message text.
    #[arg(long, default_value = "warn")]
    pub log: String,
}

/// The default data directory: `<user data dir>/caldicott`.
pub fn default_data_dir() -> anyhow::Result<PathBuf> {
    let base = dirs::data_dir().context("no user data directory: pass --data-dir")?;
    Ok(base.join("caldicott"))
}

/// Open (or create) the sled store in a data directory.
pub fn open_store(data_dir: &std::path::Path) -> anyhow::Result<SledStore> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating data directory {}", data_dir.display()))?;
    let store = SledStore::open(&data_dir.join("store"))?;
    Ok(store)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = tracing_subscriber::EnvFilter::try_new(&args.log)
        .with_context(|| format!("--log {:?}", args.log))?;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();

    let interactive = std::io::stdin().is_terminal();
    let now = match (&args.now, interactive) {
        (Some(s), _) => parse_instant(s).with_context(|| format!("--now {s:?}"))?,
        (None, true) => Utc::now(),
        (None, false) => parse_instant(SCRIPT_EPOCH).expect("valid epoch"),
    };
    let data_dir = match args.data_dir {
        Some(d) => d,
        None => default_data_dir()?,
    };
    let store = open_store(&data_dir)?;
    let engine = caldicott_engine::Engine::builtin().context("loading the rules")?;
    let guidance = caldicott_guidance::Guidance::builtin().context("loading the guidance")?;
    let config = BotConfig {
        self_ids: vec![BOT_NAME.to_string()],
        ..BotConfig::default()
    };
    let bot = Bot::new(
        Arc::new(engine),
        Arc::new(guidance),
        Arc::new(store),
        config,
    );
    info!(data_dir = %data_dir.display(), interactive, "console started");

    let mut console = Console::new(bot, now);
    console.interactive = interactive;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if interactive {
        writeln!(
            out,
            "Caldicott console (data in {}). Type /help for the controls, /quit to leave.",
            data_dir.display()
        )?;
    }
    console.tick(&mut out)?;
    let mut line = String::new();
    let mut input = stdin.lock();
    loop {
        if interactive {
            write!(out, "{}> ", console.prompt())?;
            out.flush()?;
        }
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end_matches(['\n', '\r']);
        if !console.line(line, &mut out)? {
            break;
        }
        out.flush()?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn parse_instant(s: &str) -> anyhow::Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(s)
        .context("expected an RFC3339 instant, e.g. 2026-01-05T08:00:00Z")?
        .with_timezone(&Utc))
}

/// `+1h`, `+30m`, `+2d`, `+90s` (also without the `+`).
fn parse_step(s: &str) -> Option<Duration> {
    let s = s.strip_prefix('+').unwrap_or(s);
    let unit = s.chars().last()?;
    let n: i64 = s[..s.len() - unit.len_utf8()].parse().ok()?;
    match unit {
        's' => Some(Duration::seconds(n)),
        'm' => Some(Duration::minutes(n)),
        'h' => Some(Duration::hours(n)),
        'd' => Some(Duration::days(n)),
        _ => None,
    }
}

const HELP: &str = "Console controls:
  /as <user>          speak as another user
  /channel <name>     go to a channel (created on first use)
  /mod on|off         make the current user a moderator (or not)
  /bot on|off         make the current user a bot (the core ignores bots)
  /dm                 talk to the bot privately (drafts are checked, never stored)
  /edit <text>        edit your last message in this channel (rescanned)
  /clock +1h|+30m|+1d|<RFC3339>   move the simulated clock; due daily posts appear
  /help, /quit
Anything else is a message; commands as in a Matrix room: !gmc chaperones,
!caldicott status, !caldicott help, !foamed help";

/// The console's in-memory record of daily posts it has "sent", answering
/// the core's reconciliation questions.
#[derive(Debug, Default)]
struct Ledger {
    posted: BTreeSet<(ChannelRef, String)>,
}

impl PostLedger for Ledger {
    fn post_exists(&self, channel: &ChannelRef, idempotency_key: &str) -> bool {
        self.posted
            .contains(&(channel.clone(), idempotency_key.to_string()))
    }
}

/// One console session.
pub struct Console {
    bot: Bot,
    now: DateTime<Utc>,
    user: String,
    channel: String,
    dm: bool,
    moderators: BTreeSet<String>,
    bots: BTreeSet<String>,
    /// Channel -> members who have spoken there (never patient names).
    members: BTreeMap<String, BTreeSet<String>>,
    /// (channel, user) -> their last message id, for `/edit`.
    last: BTreeMap<(String, String), String>,
    next_id: u64,
    ledger: Ledger,
    /// Show "(no action)" after a message the bot lets pass (terminal only,
    /// so scripted output stays a list of actions).
    pub interactive: bool,
}

impl Console {
    pub fn new(bot: Bot, now: DateTime<Utc>) -> Console {
        Console {
            bot,
            now,
            user: "dr_lee".into(),
            channel: "ward-7".into(),
            dm: false,
            moderators: BTreeSet::new(),
            bots: BTreeSet::new(),
            members: BTreeMap::new(),
            last: BTreeMap::new(),
            next_id: 0,
            ledger: Ledger::default(),
            interactive: false,
        }
    }

    fn prompt(&self) -> String {
        if self.dm {
            format!("{} (DM with {BOT_NAME})", self.user)
        } else {
            format!("{} in #{}", self.user, self.channel)
        }
    }

    /// Handle one input line; `false` ends the session.
    pub fn line(&mut self, line: &str, out: &mut impl Write) -> anyhow::Result<bool> {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(true);
        }
        let (word, rest) = match trimmed.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (trimmed, ""),
        };
        match word {
            "/quit" | "/exit" => return Ok(false),
            "/help" => writeln!(out, "{HELP}")?,
            "/as" if !rest.is_empty() && !rest.contains(char::is_whitespace) => {
                self.user = rest.to_string();
                writeln!(out, "* you are {}", self.user)?;
            }
            "/channel" if !rest.is_empty() && !rest.contains(char::is_whitespace) => {
                self.channel = rest.trim_start_matches('#').to_string();
                self.dm = false;
                writeln!(out, "* in #{}", self.channel)?;
            }
            "/dm" => {
                self.dm = true;
                writeln!(out, "* in a direct message with {BOT_NAME}")?;
            }
            "/mod" | "/bot" if matches!(rest, "on" | "off") => {
                let set = if word == "/mod" {
                    &mut self.moderators
                } else {
                    &mut self.bots
                };
                if rest == "on" {
                    set.insert(self.user.clone());
                } else {
                    set.remove(&self.user);
                }
                let what = if word == "/mod" {
                    "a moderator"
                } else {
                    "a bot"
                };
                let not = if rest == "on" { "" } else { "not " };
                writeln!(out, "* {} is {not}{what}", self.user)?;
            }
            "/clock" if !rest.is_empty() => {
                let next = match parse_step(rest) {
                    Some(step) => Some(self.now + step),
                    None => parse_instant(rest).ok(),
                };
                match next {
                    Some(t) => {
                        self.now = t;
                        writeln!(out, "* clock {}", self.now.to_rfc3339())?;
                        self.tick(out)?;
                    }
                    None => writeln!(out, "* usage: /clock +1h | +30m | +1d | <RFC3339>")?,
                }
            }
            "/edit" if !rest.is_empty() && !self.dm => {
                let key = (self.channel.clone(), self.user.clone());
                match self.last.get(&key).cloned() {
                    Some(id) => self.send(rest, Some(id), out)?,
                    None => writeln!(out, "* nothing of yours to edit in #{}", self.channel)?,
                }
            }
            w if w.starts_with('/') && is_control(w) => {
                writeln!(out, "* usage: see /help")?;
            }
            _ => self.send(line, None, out)?,
        }
        Ok(true)
    }

    fn send(
        &mut self,
        text: &str,
        edit_of: Option<String>,
        out: &mut impl Write,
    ) -> anyhow::Result<()> {
        let channel = if self.dm {
            format!("dm-{}", self.user)
        } else {
            self.channel.clone()
        };
        let edited = edit_of.is_some();
        let message_id = match edit_of {
            Some(id) => id,
            None => {
                self.next_id += 1;
                format!("m{}", self.next_id)
            }
        };
        let members = self.members.entry(channel.clone()).or_default();
        members.insert(self.user.clone());
        let members: Vec<String> = members.iter().cloned().collect();
        if !self.dm {
            self.last
                .insert((channel.clone(), self.user.clone()), message_id.clone());
        }
        let msg = Incoming {
            platform: Platform::Console,
            channel: channel.clone(),
            message_id: message_id.clone(),
            author: self.user.clone(),
            author_name: self.user.clone(),
            author_is_moderator: self.moderators.contains(&self.user),
            author_roles: Vec::new(),
            author_is_bot: self.bots.contains(&self.user),
            text: text.to_string(),
            attachments: Vec::new(),
            is_dm: self.dm,
            edited,
            members,
            is_command: false,
            link: Some(format!("console://{channel}/{message_id}")),
        };
        let actions = self.bot.handle(&msg, self.now);
        self.perform(&message_id, &actions, out)
    }

    /// Run the scheduler at the current simulated time.
    pub fn tick(&mut self, out: &mut impl Write) -> anyhow::Result<()> {
        let actions = self.bot.tick_with(self.now, &self.ledger);
        self.perform("", &actions, out)
    }

    #[instrument(skip_all, fields(message = %message_id, actions = actions.len()))]
    fn perform(
        &mut self,
        message_id: &str,
        actions: &[Action],
        out: &mut impl Write,
    ) -> anyhow::Result<()> {
        if !message_id.is_empty() && actions.is_empty() {
            info!("no action");
            if self.interactive {
                writeln!(out, "  (no action)")?;
            }
        }
        for action in actions {
            info!(kind = action.kind(), "action");
            match action {
                Action::PrivateNote {
                    user,
                    text,
                    note_id,
                    ..
                } => {
                    writeln!(out, "[private note to {user}, note {note_id}]")?;
                    print_text(out, text)?;
                }
                Action::ThreadReply {
                    channel,
                    message_id,
                    text,
                } => {
                    writeln!(out, "[#{} thread reply to {message_id}]", channel.id)?;
                    print_text(out, text)?;
                }
                Action::Redact {
                    channel,
                    message_id,
                    reason,
                } => {
                    writeln!(
                        out,
                        "[#{}: message {message_id} removed] {reason}",
                        channel.id
                    )?;
                }
                Action::ModLog {
                    log_channel, text, ..
                } => {
                    writeln!(out, "[#{} mod-log]", log_channel.id)?;
                    print_text(out, text)?;
                }
                Action::Reply {
                    channel,
                    user,
                    text,
                    ephemeral,
                    ..
                } => {
                    if *ephemeral {
                        writeln!(out, "[#{} to {user} only]", channel.id)?;
                    } else {
                        writeln!(out, "[#{} {BOT_NAME}]", channel.id)?;
                    }
                    print_text(out, text)?;
                }
                Action::DailyPost {
                    channel,
                    text,
                    idempotency_key,
                } => {
                    writeln!(out, "[#{} daily post, key {idempotency_key}]", channel.id)?;
                    print_text(out, text)?;
                    self.ledger
                        .posted
                        .insert((channel.clone(), idempotency_key.clone()));
                    if let Err(e) = self.bot.delivered(channel, idempotency_key, self.now) {
                        warn!(error = %e, "recording delivery");
                        writeln!(out, "[diagnostic] recording delivery: {e}")?;
                    }
                }
                Action::Reconcile { channel, .. } => {
                    // tick_with answers these; a stray one is shown, not acted on.
                    writeln!(out, "[#{} reconcile]", channel.id)?;
                }
                Action::Diagnostic { message } => {
                    warn!(%message, "core diagnostic");
                    writeln!(out, "[diagnostic] {message}")?;
                }
            }
        }
        Ok(())
    }
}

fn is_control(word: &str) -> bool {
    matches!(
        word,
        "/as" | "/channel" | "/dm" | "/mod" | "/bot" | "/clock" | "/edit"
    )
}

fn print_text(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    for l in text.lines() {
        writeln!(out, "  {l}")?;
    }
    Ok(())
}
