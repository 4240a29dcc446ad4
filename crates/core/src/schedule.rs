//! Daily posts: due intents, delivery records and reconciliation.
//!
//! Owned by the digest engineer: this is the core's stub so the API exists.

use chrono::{DateTime, Utc};

use crate::{Action, Bot, ChannelRef, Error};

/// Daily posts due at `now`: [`Action::DailyPost`] for fresh intents,
/// [`Action::Reconcile`] for intents older than the platform remembers
/// idempotency keys.
pub fn due(bot: &Bot, now: DateTime<Utc>) -> Vec<Action> {
    let _ = (bot, now);
    Vec::new()
}

/// The adapter sent the post with this idempotency key.
pub fn delivered(
    bot: &Bot,
    channel: &ChannelRef,
    idempotency_key: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let _ = (bot, channel, idempotency_key, now);
    Ok(())
}

/// The adapter's answer to an [`Action::Reconcile`]: does a post with this
/// key already exist in the channel? Returns the post to (re)send, if any.
pub fn reconciled(
    bot: &Bot,
    channel: &ChannelRef,
    idempotency_key: &str,
    exists: bool,
    now: DateTime<Utc>,
) -> Vec<Action> {
    let _ = (bot, channel, idempotency_key, exists, now);
    Vec::new()
}
