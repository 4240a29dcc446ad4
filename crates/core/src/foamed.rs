//! `foamed ...` chat commands (the daily #FOAMed item).
//!
//! Owned by the digest engineer: this is the core's stub so the API exists.

use chrono::{DateTime, Utc};

use crate::{Action, Bot, Incoming};

/// The digest's state held by the [`Bot`] (catalogue, feeds, ...).
/// Set with [`Bot::with_digest`].
#[derive(Debug, Default)]
pub struct Digest {}

/// Answer `foamed <args...>` (args are the words after `foamed`).
pub fn handle_command(bot: &Bot, msg: &Incoming, args: &[&str], now: DateTime<Utc>) -> Vec<Action> {
    let _ = (args, now);
    vec![bot.reply(msg, "The daily #FOAMed item is coming soon.", false)]
}
