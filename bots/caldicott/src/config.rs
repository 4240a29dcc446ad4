//! One typed configuration for `caldicott run`, loaded once: the TOML file,
//! then environment variables (secrets and a few deployment overrides).
//!
//! Loading never stops at the first problem: every unknown key, wrong type,
//! bad value, missing credential and unreadable secret file is collected
//! with its key and line, so `caldicott config check` can print them all
//! and `caldicott run` refuses to start with the same messages.
//!
//! Secrets can be given three ways, first match wins:
//! 1. the environment variable itself (`CALDICOTT_MATRIX_PASSWORD`),
//! 2. a file named by `<VAR>_FILE` (`CALDICOTT_MATRIX_PASSWORD_FILE`, e.g. a
//!    Docker secret under `/run/secrets`),
//! 3. the config file: `<key>_file = "/path"` or, discouraged, `<key> = "..."`.
//!
//! Secret values are held in [`Secret`], whose `Debug` prints `<redacted>`,
//! and never appear in a problem message.

use std::fmt;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml_edit::{ImDocument, Item, TableLike};

/// Where health and metrics listen unless configured.
pub const DEFAULT_HEALTH_LISTEN: &str = "127.0.0.1:9464";
/// How long a graceful shutdown may take before the process exits anyway.
pub const DEFAULT_SHUTDOWN_TIMEOUT_SECS: u64 = 10;
/// Bounds of `shutdown_timeout_secs`.
pub const SHUTDOWN_TIMEOUT_RANGE: (i64, i64) = (1, 300);
/// Default per-author, per-category warning cooldown (minutes).
pub const DEFAULT_COOLDOWN_MINUTES: i64 = 30;
/// Longest configurable cooldown: one week.
pub const MAX_COOLDOWN_MINUTES: i64 = 7 * 24 * 60;
/// Matrix's usual "Moderator" power level.
pub const DEFAULT_MODERATOR_POWER_LEVEL: i64 = 50;

/// Severity names a channel's `min_severity` may take.
pub const SEVERITIES: [&str; 4] = ["low", "medium", "high", "critical"];
/// Channel policy modes.
pub const MODES: [&str; 5] = ["warn", "thread", "redact", "log-only", "off"];

/// Environment variables read besides the secrets (documented in docs/operations.md).
pub const ENV_DATA_DIR: &str = "CALDICOTT_DATA_DIR";
pub const ENV_LOG: &str = "CALDICOTT_LOG";
pub const ENV_LOG_FORMAT: &str = "CALDICOTT_LOG_FORMAT";
pub const ENV_HEALTH_LISTEN: &str = "CALDICOTT_HEALTH_LISTEN";
pub const ENV_MATRIX_HOMESERVER: &str = "CALDICOTT_MATRIX_HOMESERVER";
pub const ENV_MATRIX_USER: &str = "CALDICOTT_MATRIX_USER";
pub const ENV_DISCORD_APPLICATION_ID: &str = "CALDICOTT_DISCORD_APPLICATION_ID";

/// A secret string (password, token, passphrase). `Debug` and `Display`
/// never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value, for the one place that hands it to a platform client.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One human-readable line per event.
    Text,
    /// One JSON object per event (for log shippers).
    Json,
}

#[derive(Debug, Clone)]
pub struct LogConfig {
    /// A tracing `EnvFilter` directive, e.g. `info` or `caldicott=debug,info`.
    pub level: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone)]
pub struct HealthConfig {
    pub enabled: bool,
    pub listen: SocketAddr,
}

/// Deployment-wide bot behaviour (the core's `BotConfig`).
#[derive(Debug, Clone)]
pub struct BotSection {
    pub cooldown_minutes: i64,
    pub answer_bots: bool,
    pub exempt_channels: Vec<String>,
    pub exempt_roles: Vec<String>,
}

/// Settings of a channel that has none stored yet.
#[derive(Debug, Clone)]
pub struct ChannelDefaults {
    pub mode: String,
    pub min_severity: String,
    pub mod_log: Option<String>,
    pub disabled_categories: Vec<String>,
    pub staff_names: Vec<String>,
    pub hospital_number_patterns: Vec<String>,
}

/// The daily #FOAMed digest (the core's `DigestConfig`) and feed fetching.
#[derive(Debug, Clone)]
pub struct DigestSection {
    /// After downtime, a missed post is made if the bot is back within this long.
    pub catch_up_minutes: i64,
    /// How long the platforms remember an idempotency key.
    pub idempotency_memory_minutes: i64,
    /// Wait this long for a delivery report before resending.
    pub retry_after_secs: i64,
    /// RSS/Atom feeds every subscribed channel gets.
    pub feeds: Vec<String>,
    /// How often feeds are fetched (each feed backs off on its own failures).
    pub feed_interval_minutes: i64,
}

#[derive(Debug, Clone)]
pub struct RulesSection {
    /// Operator rule files or directories of `*.toml`, loaded beside the built-in rules.
    pub extra: Vec<PathBuf>,
}

#[derive(Debug, Clone)]
pub enum MatrixLogin {
    Password(Secret),
    AccessToken(Secret),
}

#[derive(Debug, Clone)]
pub struct MatrixSection {
    pub homeserver: String,
    pub user: String,
    pub login: MatrixLogin,
    pub store_passphrase: Secret,
    pub device_name: String,
    pub allowed_inviters: Vec<String>,
    pub ignore_bots: bool,
    pub bot_users: Vec<String>,
    pub moderator_power_level: i64,
    pub mod_log_room: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DiscordSection {
    pub token: Secret,
    pub application_id: u64,
    pub dev_guild: Option<u64>,
    pub api_base: Option<String>,
    pub note_ttl_secs: Option<u64>,
    pub nudge_gap_ms: Option<u64>,
    pub register_commands: bool,
}

/// The whole configuration, valid by construction.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub shutdown_timeout: Duration,
    pub log: LogConfig,
    pub health: HealthConfig,
    pub bot: BotSection,
    pub defaults: ChannelDefaults,
    pub digest: DigestSection,
    pub rules: RulesSection,
    pub matrix: Option<MatrixSection>,
    pub discord: Option<DiscordSection>,
}

/// One problem with a configuration: the key, where it is, what is wrong.
/// Never contains a secret value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted key (`matrix.homeserver`), or the environment variable.
    pub key: String,
    /// 1-based line in the config file, when the problem is in the file.
    pub line: Option<usize>,
    pub message: String,
}

/// Every problem found in one configuration.
#[derive(Debug, Clone)]
pub struct Problems {
    pub file: PathBuf,
    pub problems: Vec<Problem>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match p.line {
                Some(line) => write!(
                    f,
                    "{}:{line}: {}: {}",
                    self.file.display(),
                    p.key,
                    p.message
                )?,
                None => write!(f, "{}: {}: {}", self.file.display(), p.key, p.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl Config {
    /// Load from `path` and the process environment.
    pub fn load(path: &Path) -> Result<Config, Problems> {
        Config::load_with_env(path, &|name| std::env::var(name).ok())
    }

    /// Load from `path`, reading environment variables through `env` (tests).
    pub fn load_with_env(
        path: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, Problems> {
        let fail = |key: &str, message: String| Problems {
            file: path.to_path_buf(),
            problems: vec![Problem {
                key: key.into(),
                line: None,
                message,
            }],
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail("(file)", format!("cannot read the config file: {e}")))?;
        Config::parse(path, &text, env)
    }

    /// Parse `text` (the contents of `path`).
    pub fn parse(
        path: &Path,
        text: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, Problems> {
        let base = path.parent().unwrap_or(Path::new("."));
        let mut w = Walker {
            text,
            env,
            base,
            problems: Vec::new(),
        };
        let config = match ImDocument::parse(text) {
            Ok(doc) => w.config(doc.as_table()),
            Err(e) => {
                let line = w.line(e.span());
                w.problems.push(Problem {
                    key: "(syntax)".into(),
                    line,
                    message: e.message().trim().to_string(),
                });
                None
            }
        };
        match config {
            Some(c) if w.problems.is_empty() => Ok(c),
            _ => {
                let mut problems = w.problems;
                problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
                Err(Problems {
                    file: path.to_path_buf(),
                    problems,
                })
            }
        }
    }

    /// The platforms configured, by name.
    pub fn platforms(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.matrix.is_some() {
            out.push("matrix");
        }
        if self.discord.is_some() {
            out.push("discord");
        }
        out
    }
}

/// Walks the parsed document, checking every key against the schema and
/// collecting problems.
struct Walker<'a> {
    text: &'a str,
    env: &'a dyn Fn(&str) -> Option<String>,
    /// Relative paths in the file are relative to the file's folder.
    base: &'a Path,
    problems: Vec<Problem>,
}

type Span = Option<Range<usize>>;

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn type_name(item: &Item) -> &'static str {
    match item {
        Item::None => "nothing",
        Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
        Item::Value(v) => v.type_name(),
    }
}

impl<'a> Walker<'a> {
    fn line(&self, span: Span) -> Option<usize> {
        let start = span?.start.min(self.text.len());
        Some(
            self.text.as_bytes()[..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1,
        )
    }

    fn problem(&mut self, key: impl Into<String>, span: Span, message: impl Into<String>) {
        let line = self.line(span);
        self.problems.push(Problem {
            key: key.into(),
            line,
            message: message.into(),
        });
    }

    fn env_problem(&mut self, var: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            key: format!("env {var}"),
            line: None,
            message: message.into(),
        });
    }

    fn env(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.trim().is_empty())
    }

    /// Report keys of `table` that are not in `known`.
    fn unknown_keys(&mut self, table: &dyn TableLike, prefix: &str, known: &[&str]) {
        for (k, item) in table.iter() {
            if !known.contains(&k) {
                let span = table
                    .get_key_value(k)
                    .and_then(|(key, _)| key.span())
                    .or_else(|| item.span());
                let mut msg = "unknown key".to_string();
                if let Some(close) = known.iter().find(|c| strsim_close(c, k)) {
                    msg.push_str(&format!(" (did you mean `{close}`?)"));
                } else {
                    msg.push_str(&format!("; expected one of: {}", known.join(", ")));
                }
                self.problem(join(prefix, k), span, msg);
            }
        }
    }

    fn span_of(table: &dyn TableLike, key: &str) -> Span {
        table
            .get_key_value(key)
            .and_then(|(k, item)| item.span().or_else(|| k.span()))
    }

    /// A sub-table, or a problem if `key` is present but not a table.
    fn table<'t>(
        &mut self,
        root: &'t dyn TableLike,
        prefix: &str,
        key: &str,
    ) -> Option<&'t dyn TableLike> {
        let item = root.get(key)?;
        match item.as_table_like() {
            Some(t) => Some(t),
            None => {
                let tn = type_name(item);
                self.problem(
                    join(prefix, key),
                    Self::span_of(root, key),
                    format!("expected a table, found {tn}"),
                );
                None
            }
        }
    }

    fn string(&mut self, t: &dyn TableLike, prefix: &str, key: &str) -> Option<(String, Span)> {
        let item = t.get(key)?;
        let span = Self::span_of(t, key);
        match item.as_str() {
            Some(s) => Some((s.to_string(), span)),
            None => {
                let tn = type_name(item);
                self.problem(
                    join(prefix, key),
                    span,
                    format!("expected a string, found {tn}"),
                );
                None
            }
        }
    }

    fn boolean(&mut self, t: &dyn TableLike, prefix: &str, key: &str) -> Option<bool> {
        let item = t.get(key)?;
        match item.as_bool() {
            Some(b) => Some(b),
            None => {
                let tn = type_name(item);
                self.problem(
                    join(prefix, key),
                    Self::span_of(t, key),
                    format!("expected true or false, found {tn}"),
                );
                None
            }
        }
    }

    /// An integer within `min..=max`.
    fn integer(
        &mut self,
        t: &dyn TableLike,
        prefix: &str,
        key: &str,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let item = t.get(key)?;
        let span = Self::span_of(t, key);
        match item.as_integer() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.problem(
                    join(prefix, key),
                    span,
                    format!("{n} is out of range {min}..={max}"),
                );
                None
            }
            None => {
                let tn = type_name(item);
                self.problem(
                    join(prefix, key),
                    span,
                    format!("expected an integer, found {tn}"),
                );
                None
            }
        }
    }

    /// A Discord-style id: a positive integer, or the same as a string
    /// (ids above 2^63 do not fit TOML integers).
    fn snowflake(&mut self, t: &dyn TableLike, prefix: &str, key: &str) -> Option<u64> {
        let item = t.get(key)?;
        let span = Self::span_of(t, key);
        let parsed = match (item.as_integer(), item.as_str()) {
            (Some(n), _) if n > 0 => Some(n as u64),
            (_, Some(s)) => s.trim().parse::<u64>().ok().filter(|n| *n > 0),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(
                join(prefix, key),
                span,
                "expected a numeric Discord id (an integer or a string of digits)",
            );
        }
        parsed
    }

    fn strings(
        &mut self,
        t: &dyn TableLike,
        prefix: &str,
        key: &str,
    ) -> Option<Vec<(String, Span)>> {
        let item = t.get(key)?;
        let span = Self::span_of(t, key);
        let Some(arr) = item.as_array() else {
            let tn = type_name(item);
            self.problem(
                join(prefix, key),
                span,
                format!("expected an array of strings, found {tn}"),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (i, v) in arr.iter().enumerate() {
            match v.as_str() {
                Some(s) => out.push((s.to_string(), v.span())),
                None => {
                    self.problem(
                        format!("{}[{i}]", join(prefix, key)),
                        v.span(),
                        format!("expected a string, found {}", v.type_name()),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    fn path(&self, s: &str) -> PathBuf {
        let p = PathBuf::from(s);
        if p.is_absolute() {
            p
        } else {
            self.base.join(p)
        }
    }

    /// Resolve one secret: `env_var`, then `<env_var>_FILE`, then
    /// `<key>_file`, then `<key>` in the table. A problem is recorded for an
    /// unreadable or empty file. `Ok(None)`: not given anywhere.
    fn secret(
        &mut self,
        t: Option<&dyn TableLike>,
        prefix: &str,
        key: &str,
        env_var: &str,
    ) -> Result<Option<Secret>, ()> {
        if let Some(v) = self.env(env_var) {
            return Ok(Some(Secret(v.trim().to_string())));
        }
        let file_var = format!("{env_var}_FILE");
        if let Some(p) = self.env(&file_var) {
            return match read_secret_file(Path::new(p.trim())) {
                Ok(s) => Ok(Some(s)),
                Err(m) => {
                    self.env_problem(&file_var, m);
                    Err(())
                }
            };
        }
        let Some(t) = t else { return Ok(None) };
        let file_key = format!("{key}_file");
        if let Some((p, span)) = self.string(t, prefix, &file_key) {
            return match read_secret_file(&self.path(&p)) {
                Ok(s) => Ok(Some(s)),
                Err(m) => {
                    self.problem(join(prefix, &file_key), span, m);
                    Err(())
                }
            };
        }
        if let Some(item) = t.get(key) {
            let span = Self::span_of(t, key);
            return match item.as_str() {
                Some(s) if !s.trim().is_empty() => Ok(Some(Secret(s.trim().to_string()))),
                Some(_) => {
                    self.problem(join(prefix, key), span, "is empty");
                    Err(())
                }
                None => {
                    let tn = type_name(item);
                    self.problem(
                        join(prefix, key),
                        span,
                        format!("expected a string, found {tn}"),
                    );
                    Err(())
                }
            };
        }
        Ok(None)
    }

    fn config(&mut self, root: &dyn TableLike) -> Option<Config> {
        const TOP: &[&str] = &[
            "data_dir",
            "shutdown_timeout_secs",
            "log",
            "health",
            "bot",
            "defaults",
            "digest",
            "rules",
            "matrix",
            "discord",
        ];
        self.unknown_keys(root, "", TOP);

        let data_dir = match self.env(ENV_DATA_DIR) {
            Some(d) => PathBuf::from(d),
            None => match self.string(root, "", "data_dir") {
                Some((d, _)) if d.trim().is_empty() => {
                    let span = Self::span_of(root, "data_dir");
                    self.problem("data_dir", span, "is empty");
                    PathBuf::new()
                }
                Some((d, _)) => self.path(&d),
                None => default_data_dir(),
            },
        };
        if data_dir.exists() && !data_dir.is_dir() {
            let span = Self::span_of(root, "data_dir");
            self.problem(
                "data_dir",
                span,
                format!("{} exists and is not a directory", data_dir.display()),
            );
        }
        let (lo, hi) = SHUTDOWN_TIMEOUT_RANGE;
        let shutdown_secs = self
            .integer(root, "", "shutdown_timeout_secs", lo, hi)
            .unwrap_or(DEFAULT_SHUTDOWN_TIMEOUT_SECS as i64);

        let log = self.log(root);
        let health = self.health(root);
        let bot = self.bot(root);
        let defaults = self.defaults(root);
        let digest = self.digest(root);
        let rules = self.rules(root);
        let matrix = self.matrix(root);
        let discord = self.discord(root);

        Some(Config {
            data_dir,
            shutdown_timeout: Duration::from_secs(shutdown_secs as u64),
            log: log?,
            health: health?,
            bot,
            defaults,
            digest,
            rules,
            matrix: matrix?,
            discord: discord?,
        })
    }

    fn log(&mut self, root: &dyn TableLike) -> Option<LogConfig> {
        let t = self.table(root, "", "log");
        if let Some(t) = t {
            self.unknown_keys(t, "log", &["level", "format"]);
        }
        let level = match self.env(ENV_LOG) {
            Some(l) => {
                if let Err(e) = tracing_subscriber::EnvFilter::try_new(&l) {
                    self.env_problem(ENV_LOG, format!("not a log filter: {e}"));
                }
                l
            }
            None => match t.and_then(|t| self.string(t, "log", "level")) {
                Some((l, span)) => {
                    if let Err(e) = tracing_subscriber::EnvFilter::try_new(&l) {
                        self.problem("log.level", span, format!("not a log level or filter (e.g. \"info\", \"caldicott=debug,warn\"): {e}"));
                    }
                    l
                }
                None => "info".to_string(),
            },
        };
        let parse_format = |s: &str| match s {
            "text" => Some(LogFormat::Text),
            "json" => Some(LogFormat::Json),
            _ => None,
        };
        let format = match self.env(ENV_LOG_FORMAT) {
            Some(f) => parse_format(&f).or_else(|| {
                self.env_problem(ENV_LOG_FORMAT, "expected \"text\" or \"json\"");
                None
            })?,
            None => match t.and_then(|t| self.string(t, "log", "format")) {
                Some((f, span)) => parse_format(&f).or_else(|| {
                    self.problem(
                        "log.format",
                        span,
                        format!("\"{f}\": expected \"text\" or \"json\""),
                    );
                    None
                })?,
                None => LogFormat::Text,
            },
        };
        Some(LogConfig { level, format })
    }

    fn health(&mut self, root: &dyn TableLike) -> Option<HealthConfig> {
        let t = self.table(root, "", "health");
        if let Some(t) = t {
            self.unknown_keys(t, "health", &["enabled", "listen"]);
        }
        let enabled = t
            .and_then(|t| self.boolean(t, "health", "enabled"))
            .unwrap_or(true);
        let listen = match self.env(ENV_HEALTH_LISTEN) {
            Some(l) => l.trim().parse().ok().or_else(|| {
                self.env_problem(
                    ENV_HEALTH_LISTEN,
                    "expected an address and port like 127.0.0.1:9464",
                );
                None
            })?,
            None => match t.and_then(|t| self.string(t, "health", "listen")) {
                Some((l, span)) => l.trim().parse().ok().or_else(|| {
                    self.problem(
                        "health.listen",
                        span,
                        format!("\"{l}\" is not an address and port like 127.0.0.1:9464"),
                    );
                    None
                })?,
                None => DEFAULT_HEALTH_LISTEN.parse().expect("valid default"),
            },
        };
        Some(HealthConfig { enabled, listen })
    }

    fn bot(&mut self, root: &dyn TableLike) -> BotSection {
        let t = self.table(root, "", "bot");
        if let Some(t) = t {
            self.unknown_keys(
                t,
                "bot",
                &[
                    "cooldown_minutes",
                    "answer_bots",
                    "exempt_channels",
                    "exempt_roles",
                ],
            );
        }
        let list = |w: &mut Self, key: &str| -> Vec<String> {
            t.and_then(|t| w.strings(t, "bot", key))
                .unwrap_or_default()
                .into_iter()
                .map(|(s, _)| s)
                .collect()
        };
        BotSection {
            cooldown_minutes: t
                .and_then(|t| self.integer(t, "bot", "cooldown_minutes", 0, MAX_COOLDOWN_MINUTES))
                .unwrap_or(DEFAULT_COOLDOWN_MINUTES),
            answer_bots: t
                .and_then(|t| self.boolean(t, "bot", "answer_bots"))
                .unwrap_or(false),
            exempt_channels: list(self, "exempt_channels"),
            exempt_roles: list(self, "exempt_roles"),
        }
    }

    fn defaults(&mut self, root: &dyn TableLike) -> ChannelDefaults {
        let p = "defaults";
        let t = self.table(root, "", p);
        if let Some(t) = t {
            self.unknown_keys(
                t,
                p,
                &[
                    "mode",
                    "min_severity",
                    "mod_log",
                    "disabled_categories",
                    "staff_names",
                    "hospital_number_patterns",
                ],
            );
        }
        let mut mode = "warn".to_string();
        if let Some((m, span)) = t.and_then(|t| self.string(t, p, "mode")) {
            if MODES.contains(&m.as_str()) {
                mode = m;
            } else {
                self.problem(
                    "defaults.mode",
                    span,
                    format!(
                        "\"{m}\" is not a mode; expected one of: {}",
                        MODES.join(", ")
                    ),
                );
            }
        }
        let mut min_severity = "low".to_string();
        if let Some((s, span)) = t.and_then(|t| self.string(t, p, "min_severity")) {
            if SEVERITIES.contains(&s.as_str()) {
                min_severity = s;
            } else {
                self.problem(
                    "defaults.min_severity",
                    span,
                    format!(
                        "\"{s}\" is not a severity; expected one of: {}",
                        SEVERITIES.join(", ")
                    ),
                );
            }
        }
        let mod_log = t.and_then(|t| self.string(t, p, "mod_log")).map(|(s, _)| s);
        let mut disabled_categories = Vec::new();
        for (i, (c, span)) in t
            .and_then(|t| self.strings(t, p, "disabled_categories"))
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            if caldicott_engine::Category::parse(&c).is_some() {
                disabled_categories.push(c);
            } else {
                let all: Vec<&str> = caldicott_engine::Category::ALL
                    .iter()
                    .map(|c| c.as_str())
                    .collect();
                self.problem(
                    format!("defaults.disabled_categories[{i}]"),
                    span,
                    format!(
                        "\"{c}\" is not a category; expected one of: {}",
                        all.join(", ")
                    ),
                );
            }
        }
        let staff_names = t
            .and_then(|t| self.strings(t, p, "staff_names"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let mut hospital_number_patterns = Vec::new();
        for (i, (pat, span)) in t
            .and_then(|t| self.strings(t, p, "hospital_number_patterns"))
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            match caldicott_engine::HospitalNumberPattern::new(&pat) {
                Ok(_) => hospital_number_patterns.push(pat),
                Err(e) => self.problem(
                    format!("defaults.hospital_number_patterns[{i}]"),
                    span,
                    e.to_string(),
                ),
            }
        }
        ChannelDefaults {
            mode,
            min_severity,
            mod_log,
            disabled_categories,
            staff_names,
            hospital_number_patterns,
        }
    }

    fn digest(&mut self, root: &dyn TableLike) -> DigestSection {
        let p = "digest";
        let t = self.table(root, "", p);
        let mut d = DigestSection {
            catch_up_minutes: 180,
            idempotency_memory_minutes: 5,
            retry_after_secs: 60,
            feeds: Vec::new(),
            feed_interval_minutes: 60,
        };
        let Some(t) = t else { return d };
        self.unknown_keys(
            t,
            p,
            &[
                "catch_up_minutes",
                "idempotency_memory_minutes",
                "retry_after_secs",
                "feeds",
                "feed_interval_minutes",
            ],
        );
        if let Some(n) = self.integer(t, p, "catch_up_minutes", 0, 24 * 60) {
            d.catch_up_minutes = n;
        }
        if let Some(n) = self.integer(t, p, "idempotency_memory_minutes", 1, 60) {
            d.idempotency_memory_minutes = n;
        }
        if let Some(n) = self.integer(t, p, "retry_after_secs", 5, 3600) {
            d.retry_after_secs = n;
        }
        if let Some(n) = self.integer(t, p, "feed_interval_minutes", 5, 7 * 24 * 60) {
            d.feed_interval_minutes = n;
        }
        for (i, (url, span)) in self
            .strings(t, p, "feeds")
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            if is_http_url(&url) {
                d.feeds.push(url);
            } else {
                self.problem(
                    format!("digest.feeds[{i}]"),
                    span,
                    format!("\"{url}\" is not an http(s) URL"),
                );
            }
        }
        d
    }

    fn rules(&mut self, root: &dyn TableLike) -> RulesSection {
        let t = self.table(root, "", "rules");
        let mut extra = Vec::new();
        if let Some(t) = t {
            self.unknown_keys(t, "rules", &["extra"]);
            for (i, (p, span)) in self
                .strings(t, "rules", "extra")
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                let path = self.path(&p);
                if path.exists() {
                    extra.push(path);
                } else {
                    self.problem(
                        format!("rules.extra[{i}]"),
                        span,
                        format!("{} does not exist", path.display()),
                    );
                }
            }
        }
        if !extra.is_empty()
            && let Err(e) = caldicott_engine::Engine::with_extra_rules(&extra)
        {
            let span = t.and_then(|t| Self::span_of(t, "extra"));
            self.problem("rules.extra", span, format!("the rules do not load: {e}"));
        }
        RulesSection { extra }
    }

    fn matrix(&mut self, root: &dyn TableLike) -> Option<Option<MatrixSection>> {
        let p = "matrix";
        let Some(t) = self.table(root, "", p) else {
            return Some(None);
        };
        let section_span = Self::span_of(root, p);
        self.unknown_keys(
            t,
            p,
            &[
                "homeserver",
                "user",
                "password",
                "password_file",
                "access_token",
                "access_token_file",
                "store_passphrase",
                "store_passphrase_file",
                "device_name",
                "allowed_inviters",
                "ignore_bots",
                "bot_users",
                "moderator_power_level",
                "mod_log_room",
            ],
        );
        let mut ok = true;
        let homeserver = match self.env(ENV_MATRIX_HOMESERVER) {
            Some(h) => {
                if !is_http_url(&h) {
                    self.env_problem(
                        ENV_MATRIX_HOMESERVER,
                        format!("\"{h}\" is not an http(s) URL"),
                    );
                    ok = false;
                }
                h
            }
            None => match self.string(t, p, "homeserver") {
                Some((h, span)) => {
                    if !is_http_url(&h) {
                        self.problem(
                            "matrix.homeserver",
                            span,
                            format!("\"{h}\" is not an http(s) URL"),
                        );
                        ok = false;
                    }
                    h
                }
                None => {
                    self.problem(
                        "matrix.homeserver",
                        section_span.clone(),
                        format!("missing (or set {ENV_MATRIX_HOMESERVER})"),
                    );
                    ok = false;
                    String::new()
                }
            },
        };
        let user = match self
            .env(ENV_MATRIX_USER)
            .map(|u| (u, None))
            .or_else(|| self.string(t, p, "user"))
        {
            Some((u, span)) => {
                if !is_matrix_id(&u, '@') {
                    self.problem(
                        "matrix.user",
                        span,
                        format!("\"{u}\" is not a Matrix user id like @caldicott:example.org"),
                    );
                    ok = false;
                }
                u
            }
            None => {
                self.problem(
                    "matrix.user",
                    section_span.clone(),
                    format!("missing (or set {ENV_MATRIX_USER})"),
                );
                ok = false;
                String::new()
            }
        };
        let token = self.secret(Some(t), p, "access_token", "CALDICOTT_MATRIX_ACCESS_TOKEN");
        let password = self.secret(Some(t), p, "password", "CALDICOTT_MATRIX_PASSWORD");
        let login = match (token, password) {
            (Ok(Some(tok)), Ok(_)) => Some(MatrixLogin::AccessToken(tok)),
            (Ok(None), Ok(Some(pw))) => Some(MatrixLogin::Password(pw)),
            (Ok(None), Ok(None)) => {
                self.problem(
                    "matrix.password",
                    section_span.clone(),
                    "no credentials: set matrix.password_file or matrix.access_token_file, or \
                     CALDICOTT_MATRIX_PASSWORD(_FILE) / CALDICOTT_MATRIX_ACCESS_TOKEN(_FILE)",
                );
                None
            }
            _ => None,
        };
        let passphrase = match self.secret(
            Some(t),
            p,
            "store_passphrase",
            "CALDICOTT_MATRIX_STORE_PASSPHRASE",
        ) {
            Ok(Some(s)) => Some(s),
            Ok(None) => {
                self.problem(
                    "matrix.store_passphrase",
                    section_span.clone(),
                    "missing: the Matrix state and crypto stores are encrypted with it; set \
                     matrix.store_passphrase_file or CALDICOTT_MATRIX_STORE_PASSPHRASE(_FILE)",
                );
                None
            }
            Err(()) => None,
        };
        let device_name = self
            .string(t, p, "device_name")
            .map(|(s, _)| s)
            .unwrap_or_else(|| "Caldicott bot".into());
        let mut allowed_inviters = Vec::new();
        for (i, (who, span)) in self
            .strings(t, p, "allowed_inviters")
            .unwrap_or_default()
            .into_iter()
            .enumerate()
        {
            let valid = match who.strip_prefix(':') {
                Some(server) => !server.is_empty(),
                None => is_matrix_id(&who, '@'),
            };
            if valid {
                allowed_inviters.push(who);
            } else {
                self.problem(
                    format!("matrix.allowed_inviters[{i}]"),
                    span,
                    format!("\"{who}\" is neither a user id (@user:server) nor a server (:server)"),
                );
            }
        }
        let ignore_bots = self.boolean(t, p, "ignore_bots").unwrap_or(true);
        let bot_users = self
            .strings(t, p, "bot_users")
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let moderator_power_level = self
            .integer(t, p, "moderator_power_level", 0, 100)
            .unwrap_or(DEFAULT_MODERATOR_POWER_LEVEL);
        let mod_log_room = match self.string(t, p, "mod_log_room") {
            Some((r, span)) if !is_matrix_id(&r, '!') => {
                self.problem(
                    "matrix.mod_log_room",
                    span,
                    format!("\"{r}\" is not a room id like !abc:example.org"),
                );
                None
            }
            other => other.map(|(r, _)| r),
        };
        let (Some(login), Some(store_passphrase), true) = (login, passphrase, ok) else {
            return None;
        };
        Some(Some(MatrixSection {
            homeserver,
            user,
            login,
            store_passphrase,
            device_name,
            allowed_inviters,
            ignore_bots,
            bot_users,
            moderator_power_level,
            mod_log_room,
        }))
    }

    fn discord(&mut self, root: &dyn TableLike) -> Option<Option<DiscordSection>> {
        let p = "discord";
        let Some(t) = self.table(root, "", p) else {
            return Some(None);
        };
        let section_span = Self::span_of(root, p);
        self.unknown_keys(
            t,
            p,
            &[
                "token",
                "token_file",
                "application_id",
                "dev_guild",
                "api_base",
                "note_ttl_secs",
                "nudge_gap_ms",
                "register_commands",
            ],
        );
        let token = match self.secret(Some(t), p, "token", "CALDICOTT_DISCORD_TOKEN") {
            Ok(Some(tok)) => Some(tok),
            Ok(None) => {
                self.problem(
                    "discord.token",
                    section_span.clone(),
                    "missing: set discord.token_file or CALDICOTT_DISCORD_TOKEN(_FILE)",
                );
                None
            }
            Err(()) => None,
        };
        let application_id = match self.env(ENV_DISCORD_APPLICATION_ID) {
            Some(a) => a.trim().parse::<u64>().ok().filter(|n| *n > 0).or_else(|| {
                self.env_problem(ENV_DISCORD_APPLICATION_ID, "expected a numeric Discord id");
                None
            }),
            None => match t.get("application_id") {
                Some(_) => self.snowflake(t, p, "application_id"),
                None => {
                    self.problem(
                        "discord.application_id",
                        section_span.clone(),
                        format!("missing (or set {ENV_DISCORD_APPLICATION_ID})"),
                    );
                    None
                }
            },
        };
        let dev_guild = if t.contains_key("dev_guild") {
            Some(self.snowflake(t, p, "dev_guild")?)
        } else {
            None
        };
        let api_base = match self.string(t, p, "api_base") {
            Some((b, span)) if !is_http_url(&b) => {
                self.problem(
                    "discord.api_base",
                    span,
                    format!("\"{b}\" is not an http(s) URL"),
                );
                None
            }
            other => other.map(|(b, _)| b),
        };
        let note_ttl_secs = self
            .integer(t, p, "note_ttl_secs", 1, 7 * 24 * 3600)
            .map(|n| n as u64);
        let nudge_gap_ms = self
            .integer(t, p, "nudge_gap_ms", 0, 60_000)
            .map(|n| n as u64);
        let register_commands = self.boolean(t, p, "register_commands").unwrap_or(true);
        Some(Some(DiscordSection {
            token: token?,
            application_id: application_id?,
            dev_guild,
            api_base,
            note_ttl_secs,
            nudge_gap_ms,
            register_commands,
        }))
    }
}

fn read_secret_file(path: &Path) -> Result<Secret, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read secret file {}: {e}", path.display()))?;
    let text = text.trim_end_matches(['\n', '\r']);
    if text.trim().is_empty() {
        return Err(format!("secret file {} is empty", path.display()));
    }
    Ok(Secret(text.to_string()))
}

fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// `@local:server` (sigil `@`) or `!opaque:server` (sigil `!`).
fn is_matrix_id(s: &str, sigil: char) -> bool {
    s.strip_prefix(sigil)
        .and_then(|r| r.split_once(':'))
        .is_some_and(|(local, server)| {
            !local.is_empty() && !server.is_empty() && !s.contains(char::is_whitespace)
        })
}

/// Close enough to suggest as a typo fix (edit distance <= 2).
fn strsim_close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

/// Where the bot keeps its data when the config names no `data_dir`.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("caldicott")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(text: &str, env: &[(&str, &str)]) -> Result<Config, Problems> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::parse(Path::new("/etc/caldicott/test.toml"), text, &|k| {
            env.get(k).cloned()
        })
    }

    fn problems(text: &str) -> Vec<Problem> {
        parse(text, &[]).expect_err("should fail").problems
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse("", &[]).unwrap();
        assert_eq!(c.health.listen.to_string(), DEFAULT_HEALTH_LISTEN);
        assert!(c.health.enabled);
        assert_eq!(c.log.level, "info");
        assert_eq!(c.log.format, LogFormat::Text);
        assert_eq!(c.defaults.mode, "warn");
        assert_eq!(c.bot.cooldown_minutes, DEFAULT_COOLDOWN_MINUTES);
        assert!(c.platforms().is_empty());
    }

    #[test]
    fn every_problem_is_reported_with_key_and_line() {
        let text = "\
data_dir = 5
colour = \"blue\"
[log]
level = \"caldicott=loud\"
format = \"xml\"
[defaults]
mode = \"shout\"
min_severity = \"severe\"
disabled_categories = [\"patient_direct\", \"gossip\"]
[health]
listen = \"localhost\"
";
        let ps = problems(text);
        let found: Vec<(String, Option<usize>)> =
            ps.iter().map(|p| (p.key.clone(), p.line)).collect();
        for (key, line) in [
            ("data_dir", 1),
            ("colour", 2),
            ("log.level", 4),
            ("log.format", 5),
            ("defaults.mode", 7),
            ("defaults.min_severity", 8),
            ("defaults.disabled_categories[1]", 9),
            ("health.listen", 11),
        ] {
            assert!(
                found.contains(&(key.to_string(), Some(line))),
                "missing {key}:{line} in {found:?}"
            );
        }
        assert_eq!(ps.len(), 8, "{found:?}");
    }

    #[test]
    fn unknown_key_suggests_the_near_one() {
        let ps = problems("[matrix]\nhomeservr = \"http://x\"\n");
        let p = ps.iter().find(|p| p.key == "matrix.homeservr").unwrap();
        assert_eq!(p.line, Some(2));
        assert!(
            p.message.contains("did you mean `homeserver`"),
            "{}",
            p.message
        );
    }

    #[test]
    fn syntax_error_has_a_line() {
        let ps = problems("[log]\nlevel = \"info\"\nformat = \n");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].key, "(syntax)");
        assert_eq!(ps[0].line, Some(3));
    }

    #[test]
    fn platform_without_credentials_is_a_problem() {
        let ps = problems(
            "[matrix]\nhomeserver = \"http://127.0.0.1:8008\"\nuser = \"@bot:localhost\"\n[discord]\n",
        );
        let keys: Vec<&str> = ps.iter().map(|p| p.key.as_str()).collect();
        assert!(keys.contains(&"matrix.password"), "{keys:?}");
        assert!(keys.contains(&"matrix.store_passphrase"), "{keys:?}");
        assert!(keys.contains(&"discord.token"), "{keys:?}");
        assert!(keys.contains(&"discord.application_id"), "{keys:?}");
        let m = ps.iter().find(|p| p.key == "matrix.password").unwrap();
        assert_eq!(m.line, Some(1), "points at the section");
    }

    #[test]
    fn unreadable_secret_files_are_named() {
        let text = "[matrix]\nhomeserver = \"http://127.0.0.1:8008\"\nuser = \"@bot:localhost\"\n\
                    password_file = \"/nonexistent/pw\"\nstore_passphrase_file = \"/nonexistent/pp\"\n";
        let ps = problems(text);
        let pw = ps.iter().find(|p| p.key == "matrix.password_file").unwrap();
        assert_eq!(pw.line, Some(4));
        assert!(pw.message.contains("/nonexistent/pw"));
        assert!(
            ps.iter()
                .any(|p| p.key == "matrix.store_passphrase_file" && p.line == Some(5))
        );
        // Through the environment too.
        let ps = parse(
            "[discord]\napplication_id = 42\n",
            &[("CALDICOTT_DISCORD_TOKEN_FILE", "/nonexistent/tok")],
        )
        .unwrap_err()
        .problems;
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].key, "env CALDICOTT_DISCORD_TOKEN_FILE");
    }

    #[test]
    fn secrets_resolve_env_then_env_file_then_file_then_inline() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("tok");
        std::fs::write(&f, "from-file\n").unwrap();
        let text = format!(
            "[discord]\napplication_id = \"123\"\ntoken_file = \"{}\"\ntoken = \"inline\"\n",
            f.display()
        );
        let c = parse(&text, &[]).unwrap();
        assert_eq!(c.discord.as_ref().unwrap().token.expose(), "from-file");
        let c = parse("[discord]\napplication_id = 1\ntoken = \"inline\"\n", &[]).unwrap();
        assert_eq!(c.discord.unwrap().token.expose(), "inline");
        let env_file = dir.path().join("envtok");
        std::fs::write(&env_file, "from-env-file").unwrap();
        let ef = env_file.display().to_string();
        let c = parse(&text, &[("CALDICOTT_DISCORD_TOKEN_FILE", &ef)]).unwrap();
        assert_eq!(c.discord.unwrap().token.expose(), "from-env-file");
        let c = parse(
            &text,
            &[
                ("CALDICOTT_DISCORD_TOKEN_FILE", &ef),
                ("CALDICOTT_DISCORD_TOKEN", "from-env"),
            ],
        )
        .unwrap();
        assert_eq!(c.discord.unwrap().token.expose(), "from-env");
    }

    #[test]
    fn relative_paths_are_relative_to_the_config_file() {
        let c = parse("data_dir = \"state\"\n", &[]).unwrap();
        assert_eq!(c.data_dir, PathBuf::from("/etc/caldicott/state"));
        let c = parse(
            "data_dir = \"state\"\n",
            &[(ENV_DATA_DIR, "/var/lib/caldicott")],
        )
        .unwrap();
        assert_eq!(c.data_dir, PathBuf::from("/var/lib/caldicott"));
    }

    #[test]
    fn debug_never_shows_secrets() {
        let text = "[matrix]\nhomeserver = \"http://127.0.0.1:8008\"\nuser = \"@bot:localhost\"\n\
                    password = \"hunter2-pw\"\nstore_passphrase = \"sesame-pp\"\n\
                    [discord]\napplication_id = 7\ntoken = \"MTIz.tok-secret\"\n";
        let c = parse(text, &[]).unwrap();
        let shown = format!("{c:?}");
        for s in ["hunter2-pw", "sesame-pp", "tok-secret"] {
            assert!(!shown.contains(s), "{s} leaked: {shown}");
        }
        assert!(shown.contains("<redacted>"));
        assert_eq!(c.platforms(), vec!["matrix", "discord"]);
    }

    #[test]
    fn problems_never_echo_secret_values() {
        // A secret of the wrong type is named by key, but its value is not echoed.
        let ps = problems("[discord]\napplication_id = 1\ntoken = 12345678\n");
        let all = ps
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!all.contains("12345678"), "{all}");
    }

    #[test]
    fn bad_values_in_platform_sections() {
        let text = "[matrix]\nhomeserver = \"ftp://x\"\nuser = \"bot\"\npassword = \"p\"\nstore_passphrase = \"s\"\n\
                    allowed_inviters = [\"alice\", \":ok.org\"]\nmoderator_power_level = 500\nmod_log_room = \"#log\"\n\
                    [discord]\ntoken = \"t\"\napplication_id = -3\ndev_guild = true\n";
        let ps = problems(text);
        let keys: Vec<(&str, Option<usize>)> =
            ps.iter().map(|p| (p.key.as_str(), p.line)).collect();
        for (k, l) in [
            ("matrix.homeserver", 2),
            ("matrix.user", 3),
            ("matrix.allowed_inviters[0]", 6),
            ("matrix.moderator_power_level", 7),
            ("matrix.mod_log_room", 8),
            ("discord.application_id", 11),
            ("discord.dev_guild", 12),
        ] {
            assert!(keys.contains(&(k, Some(l))), "missing {k}:{l} in {keys:?}");
        }
    }

    #[test]
    fn display_prints_file_line_key() {
        let e = parse("colour = 1\n", &[]).unwrap_err();
        assert_eq!(
            e.to_string().lines().next().unwrap(),
            "/etc/caldicott/test.toml:1: colour: unknown key; expected one of: data_dir, shutdown_timeout_secs, \
             log, health, bot, defaults, digest, rules, matrix, discord"
        );
    }

    #[test]
    fn bad_hospital_pattern_is_reported() {
        let ps = problems("[defaults]\nhospital_number_patterns = [\"(unclosed\"]\n");
        assert_eq!(ps[0].key, "defaults.hospital_number_patterns[0]");
        assert_eq!(ps[0].line, Some(2));
    }
}
