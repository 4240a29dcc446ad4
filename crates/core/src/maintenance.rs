//! Housekeeping: old note records and expired cooldowns are removed, so the
//! store does not grow without bound. Runs at most once per
//! [`PRUNE_EVERY_MINUTES`], from [`crate::Bot::handle`].

use caldicott_store::{Batch, Cooldown, NoteRecord, StoreExt, ns};
use chrono::{DateTime, Duration, Utc};

use crate::{Action, Bot};

/// How long a note record (what was warned about for one message, for edits
/// and disputes) is kept.
pub const NOTE_RETENTION_DAYS: i64 = 30;
/// How often housekeeping runs at most.
pub const PRUNE_EVERY_MINUTES: i64 = 60;

/// Prune if the last run was long enough ago (or never). Returns a
/// diagnostic if the store failed.
pub(crate) fn prune_if_due(bot: &Bot, now: DateTime<Utc>) -> Option<Action> {
    {
        let mut last = bot.last_prune.lock().unwrap_or_else(|p| p.into_inner());
        if last.is_some_and(|t| now - t < Duration::minutes(PRUNE_EVERY_MINUTES)) {
            return None;
        }
        *last = Some(now);
    }
    prune(bot, now).err().map(|e| Action::Diagnostic {
        message: format!("housekeeping: {e}"),
    })
}

/// Remove note records older than [`NOTE_RETENTION_DAYS`] and cooldowns
/// that have run out, in one batch. Returns how many records went.
pub fn prune(bot: &Bot, now: DateTime<Utc>) -> Result<usize, crate::Error> {
    let store = bot.store();
    let oldest = now - Duration::days(NOTE_RETENTION_DAYS);
    let mut batch = Batch::new();
    for (key, note) in store.records::<NoteRecord>("")? {
        if note.created < oldest {
            batch.remove(ns::NOTE, &key);
        }
    }
    for (key, c) in store.records::<Cooldown>("")? {
        if c.until <= now {
            batch.remove(ns::COOLDOWN, &key);
        }
    }
    let n = batch.ops.len();
    if n > 0 {
        store.apply(batch)?;
    }
    Ok(n)
}
