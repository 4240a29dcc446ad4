//! Daily posts: due intents, delivery records and reconciliation.
//!
//! Exactly once per channel per local day, across crashes, restarts and
//! network errors:
//! 1. [`due`] picks the item, writes a [`PostIntent`] (with the idempotency
//!    key derived from channel and local day) and the subscription's
//!    `last_day` in one batch, flushes it, and only then returns the
//!    [`Action::DailyPost`].
//! 2. The adapter sends it with the platform's idempotency mechanism and
//!    calls [`delivered`], which marks the intent delivered and the item
//!    seen in one batch. An item is never marked seen before that.
//! 3. An intent with no delivery report is resent with the same key while
//!    the platform still remembers the key (`idempotency_memory`, minus a
//!    margin); after that it is reconciled first ([`Action::Reconcile`]):
//!    the adapter looks for the post in the channel and answers through
//!    [`reconciled`], which marks it delivered or resends it.
//! 4. After downtime only the latest due day is considered, and only within
//!    the grace window: one catch-up post, never a flood of missed days.

use caldicott_digest::schedule::{due_day, post_instant};
use caldicott_store::Batch;
use caldicott_store::digest::{DigestStore, PostIntent, Seen, Subscription, intent_key};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest as _, Sha256};

use crate::foamed::{channel_from_key, feed_items, next_pick, post_text, when};
use crate::{Action, Bot, ChannelRef, Error};

/// Feed item keys start with this (catalogue ids never do).
const FEED_KEY_PREFIX: &str = "feed:";

/// Keep delivered or abandoned intents this many days (for `status`).
pub const INTENT_KEEP_DAYS: i64 = 14;

/// The idempotency key of a channel's post for a local day: stable across
/// restarts, unique per channel and day, and safe as a Matrix transaction
/// id or a Discord nonce (25 characters, `[a-z0-9-]`).
pub fn idempotency_key(channel: &str, day: NaiveDate) -> String {
    let mut h = Sha256::new();
    h.update(channel.as_bytes());
    h.update([0]);
    h.update(day.format("%Y-%m-%d").to_string().as_bytes());
    let hex = hex::encode(h.finalize());
    format!("cf-{}", &hex[..22])
}

/// Daily posts due at `now`: [`Action::DailyPost`] for fresh intents and
/// resends, [`Action::Reconcile`] for intents older than the platform
/// remembers idempotency keys.
pub fn due(bot: &Bot, now: DateTime<Utc>) -> Vec<Action> {
    due_where(bot, now, &|_| true)
}

/// [`due`] for the channels whose store key `keep` accepts.
pub(crate) fn due_where(bot: &Bot, now: DateTime<Utc>, keep: &dyn Fn(&str) -> bool) -> Vec<Action> {
    let subs = match bot.store().subscriptions() {
        Ok(s) => s,
        Err(e) => return vec![diag(format!("digest: cannot list subscriptions: {e}"))],
    };
    let mut out = Vec::new();
    for (key, sub) in subs.into_iter().filter(|(k, _)| keep(k)) {
        if let Err(e) = due_for(bot, &key, &sub, now, &mut out) {
            out.push(diag(format!("digest: channel {key}: {e}")));
        }
    }
    out
}

fn due_for(
    bot: &Bot,
    key: &str,
    sub: &Subscription,
    now: DateTime<Utc>,
    out: &mut Vec<Action>,
) -> Result<(), Error> {
    let cfg = bot.digest().config().clone();
    let (Some((tz, at)), Some(channel)) = (when(sub), channel_from_key(key)) else {
        out.push(diag(format!(
            "digest: channel {key}: invalid subscription, skipped"
        )));
        return Ok(());
    };
    // Unconfirmed intents: resend, reconcile or give up.
    let mut batch = Batch::new();
    let mut pending_today = false;
    for mut intent in bot.store().intents(key)? {
        if intent.delivered.is_some() || intent.abandoned {
            continue;
        }
        let late = now - post_instant(tz, at, intent.day) > cfg.grace;
        let superseded = sub.last_day.is_some_and(|d| d > intent.day);
        if !(late || superseded) {
            pending_today = true;
        }
        let window = now - intent.sent_at;
        if !(late || superseded) && window + cfg.retry_after < cfg.idempotency_memory {
            // The platform still remembers the key: resending cannot double.
            if now - intent.last_attempt >= cfg.retry_after {
                intent.last_attempt = now;
                intent.attempts += 1;
                out.push(Action::DailyPost {
                    channel: channel.clone(),
                    text: intent.text.clone(),
                    idempotency_key: intent.idempotency_key.clone(),
                });
                batch.put(&intent_key(key, intent.day), &intent);
            }
        } else if intent
            .reconcile_asked
            .is_none_or(|t| now - t >= cfg.retry_after)
        {
            // Forgotten by the platform (or too late to post): ask first.
            intent.reconcile_asked = Some(now);
            out.push(Action::Reconcile {
                channel: channel.clone(),
                idempotency_key: intent.idempotency_key.clone(),
            });
            batch.put(&intent_key(key, intent.day), &intent);
        }
    }
    if !batch.is_empty() {
        bot.store().apply_durably(batch)?;
    }
    if pending_today {
        return Ok(());
    }
    // A new day due?
    let Some(day) = due_day(tz, at, now, sub.last_day, cfg.grace) else {
        return Ok(());
    };
    let feed = feed_items(bot, Some(sub));
    let seen = bot.store().seen(key)?;
    let Some(pick) = next_pick(bot, key, &sub.tags, &feed, &seen.items) else {
        out.push(diag(format!(
            "digest: channel {key}: no item matches its tags"
        )));
        return Ok(());
    };
    let intent = PostIntent {
        channel: key.to_string(),
        day,
        idempotency_key: idempotency_key(key, day),
        item: pick.choice.key(),
        text: post_text(day, &pick.choice),
        new_round: pick.new_round,
        created: now,
        sent_at: now,
        last_attempt: now,
        attempts: 1,
        reconcile_asked: None,
        delivered: None,
        abandoned: false,
    };
    let mut sub = sub.clone();
    sub.last_day = Some(day);
    let mut b = Batch::new();
    b.put(&intent_key(key, day), &intent);
    b.put(key, &sub);
    for old in bot.store().intents(key)? {
        if (day - old.day).num_days() > INTENT_KEEP_DAYS {
            b.remove(
                caldicott_store::digest::ns::INTENT,
                &intent_key(key, old.day),
            );
        }
    }
    // Durable before the post leaves: a crash after this point is
    // reconciled, never doubled or lost.
    bot.store().apply_durably(b)?;
    out.push(Action::DailyPost {
        channel,
        text: intent.text,
        idempotency_key: intent.idempotency_key,
    });
    Ok(())
}

fn find_intent(bot: &Bot, channel: &ChannelRef, key: &str) -> Result<Option<PostIntent>, Error> {
    Ok(bot
        .store()
        .intents(&channel.key())?
        .into_iter()
        .find(|i| i.idempotency_key == key))
}

/// The adapter sent the post with this idempotency key: mark it delivered
/// and its item seen, atomically and durably. Repeated reports are no-ops.
pub fn delivered(
    bot: &Bot,
    channel: &ChannelRef,
    idempotency_key: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let Some(mut intent) = find_intent(bot, channel, idempotency_key)? else {
        return Ok(());
    };
    if intent.delivered.is_some() {
        return Ok(());
    }
    let ch = channel.key();
    let mut seen: Seen = bot.store().seen(&ch)?;
    if intent.new_round {
        let catalogue = bot.digest().catalogue();
        seen.items.retain(|k| catalogue.get(k).is_none());
        seen.rounds += 1;
    }
    // Forget feed items the channel's feeds no longer list, so the seen set
    // stays bounded by the feeds' current size.
    let sub = bot.store().subscription(&ch)?;
    let listed: std::collections::BTreeSet<String> = feed_items(bot, sub.as_ref())
        .into_iter()
        .map(|f| f.key)
        .collect();
    seen.items
        .retain(|k| !k.starts_with(FEED_KEY_PREFIX) || listed.contains(k));
    seen.items.insert(intent.item.clone());
    intent.delivered = Some(now);
    intent.abandoned = false;
    let mut b = Batch::new();
    b.put(&intent_key(&ch, intent.day), &intent);
    b.put(&ch, &seen);
    bot.store().apply_durably(b)?;
    if let Some(o) = bot.observer() {
        o.delivered(channel.platform);
    }
    Ok(())
}

/// The adapter's answer to an [`Action::Reconcile`]: does a post with this
/// key already exist in the channel? Returns the post to resend, if any.
pub fn reconciled(
    bot: &Bot,
    channel: &ChannelRef,
    idempotency_key: &str,
    exists: bool,
    now: DateTime<Utc>,
) -> Vec<Action> {
    match reconcile(bot, channel, idempotency_key, exists, now) {
        Ok(actions) => actions,
        Err(e) => vec![diag(format!(
            "digest: channel {}: reconcile: {e}",
            channel.key()
        ))],
    }
}

fn reconcile(
    bot: &Bot,
    channel: &ChannelRef,
    idempotency_key: &str,
    exists: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Action>, Error> {
    if exists {
        delivered(bot, channel, idempotency_key, now)?;
        return Ok(Vec::new());
    }
    let Some(mut intent) = find_intent(bot, channel, idempotency_key)? else {
        return Ok(Vec::new());
    };
    if intent.delivered.is_some() || intent.abandoned {
        return Ok(Vec::new());
    }
    let ch = channel.key();
    let cfg = bot.digest().config().clone();
    let sub = bot.store().subscription(&ch)?;
    let still_wanted = sub
        .as_ref()
        .and_then(|s| when(s).map(|w| (s, w)))
        .is_some_and(|(s, (tz, at))| {
            now - post_instant(tz, at, intent.day) <= cfg.grace
                && s.last_day.is_none_or(|d| d <= intent.day)
        });
    let mut b = Batch::new();
    let out = if still_wanted {
        // Not there and forgotten by the platform: a fresh send, a fresh window.
        intent.sent_at = now;
        intent.last_attempt = now;
        intent.attempts += 1;
        intent.reconcile_asked = None;
        vec![Action::DailyPost {
            channel: channel.clone(),
            text: intent.text.clone(),
            idempotency_key: intent.idempotency_key.clone(),
        }]
    } else {
        // Too late for its day (or unsubscribed): skip it; the item stays unseen.
        intent.abandoned = true;
        Vec::new()
    };
    b.put(&intent_key(&ch, intent.day), &intent);
    bot.store().apply_durably(b)?;
    Ok(out)
}

fn diag(message: String) -> Action {
    Action::Diagnostic { message }
}
