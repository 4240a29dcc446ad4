//! The core's persisted records. None holds message text: only ids, rule
//! ids, categories, keyed hashes and times.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Record, ns};

/// A channel's policy mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Private note to the author.
    #[default]
    Warn,
    /// Reply in the channel (thread), naming the category only.
    Thread,
    /// Remove the message; the author gets a masked copy privately.
    Redact,
    /// Only the mod-log (and audit counters).
    LogOnly,
    /// Not scanned.
    Off,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Warn,
        Mode::Thread,
        Mode::Redact,
        Mode::LogOnly,
        Mode::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Warn => "warn",
            Mode::Thread => "thread",
            Mode::Redact => "redact",
            Mode::LogOnly => "log-only",
            Mode::Off => "off",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// One channel's settings (namespace `settings`, key: the channel key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSettings {
    pub mode: Mode,
    /// Channel id (same platform) that receives mod-log entries.
    pub mod_log: Option<String>,
    /// Category wire names switched off for this channel.
    pub disabled_categories: BTreeSet<String>,
    /// Findings below this severity (`low`, `medium`, `high`, `critical`) are ignored.
    pub min_severity: String,
    /// Extra staff names: never patient names here.
    pub staff_names: BTreeSet<String>,
    /// Extra hospital-number (MRN) regexes.
    pub hospital_number_patterns: Vec<String>,
    /// The channel is not scanned (e.g. a de-identified teaching channel).
    pub exempt: bool,
    /// Authors with any of these roles are not scanned.
    pub exempt_roles: BTreeSet<String>,
}

impl Default for ChannelSettings {
    fn default() -> Self {
        ChannelSettings {
            mode: Mode::Warn,
            mod_log: None,
            disabled_categories: BTreeSet::new(),
            min_severity: "low".into(),
            staff_names: BTreeSet::new(),
            hospital_number_patterns: Vec::new(),
            exempt: false,
            exempt_roles: BTreeSet::new(),
        }
    }
}

impl Record for ChannelSettings {
    const NAMESPACE: &'static str = ns::SETTINGS;
    const VERSION: u32 = 1;
}

/// Do not warn this author about this category again before `until`
/// (namespace `cooldown`, key `author_hash|category`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooldown {
    pub until: DateTime<Utc>,
}

impl Record for Cooldown {
    const NAMESPACE: &'static str = ns::COOLDOWN;
    const VERSION: u32 = 1;
}

/// What the bot warned about for one message (namespace `note`, key: the
/// note id, a keyed hash of platform, channel and message id). Lets an
/// edited message be rescanned without a second warning for the same
/// findings, and a dispute name its rules. No text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRecord {
    pub channel: String,
    pub author_hash: String,
    /// Rule id -> category wire name, for every finding warned about.
    pub rules: BTreeMap<String, String>,
    pub created: DateTime<Utc>,
    pub disputed: bool,
}

impl Record for NoteRecord {
    const NAMESPACE: &'static str = ns::NOTE;
    const VERSION: u32 = 1;
}

/// The latest note for an author (namespace `last_note`, key
/// `author_hash`), so `caldicott dispute` without an id works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastNote {
    pub note_id: String,
}

impl Record for LastNote {
    const NAMESPACE: &'static str = ns::LAST_NOTE;
    const VERSION: u32 = 1;
}
