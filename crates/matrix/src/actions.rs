//! Carrying out the core's actions on Matrix.
//!
//! Every send has a transaction id derived from what caused it (the event
//! id and the action's position, or the daily post's idempotency key), so a
//! retry after a crash within Synapse's memory of transaction ids (about 30
//! minutes, per device; the device is kept across restarts) cannot post twice.

use std::{sync::atomic::Ordering, time::Duration};

use caldicott_core::{Action, ChannelRef, Platform};
use matrix_sdk::{
    Room, RoomState,
    room::MessagesOptions,
    ruma::{OwnedTransactionId, RoomId, UInt, UserId, events::AnySyncTimelineEvent, serde::Raw},
};
use serde_json::{Value, json};
use tracing::{info, instrument, warn};

use crate::{
    adapter::{MatrixBot, RECONCILE_LOOKBACK_EVENTS, http_retry_after, retry_after},
    error::{Error, Result},
};

/// Matrix's limit on an event's size; texts from the core are far smaller.
pub const EVENT_MAX_BYTES: usize = 65_536;
/// The custom content field that marks a daily post with its idempotency
/// key, so the bot can find its own post when reconciling an old intent.
pub const IDEMPOTENCY_FIELD: &str = "org.caldicott.idempotency_key";
/// Attempts for one send when the homeserver answers 429 or is unreachable.
const SEND_ATTEMPTS: u32 = 6;

impl MatrixBot {
    /// Carries out one action. `origin` and `n` (the causing event and the
    /// action's index) make the transaction id. Failures are logged (kind and
    /// room only) and counted; they never stop the bot.
    #[instrument(skip_all, fields(kind = action.kind()))]
    pub(crate) async fn carry_out(&self, action: Action, origin: &str, n: usize) {
        let kind = action.kind();
        match self.try_carry_out(action, origin, n).await {
            Ok(()) => {
                self.inner.stats.actions.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                self.inner
                    .stats
                    .action_failures
                    .fetch_add(1, Ordering::Relaxed);
                warn!(kind, error = %e, "action failed");
            }
        }
    }

    async fn try_carry_out(&self, action: Action, origin: &str, n: usize) -> Result<()> {
        let txn = |what: &str| txn_id(what, origin, n);
        match action {
            Action::PrivateNote { user, text, .. } => {
                let room = self.dm_room(&user).await?;
                self.send(&room, notice(&text), txn("note")).await
            }
            Action::ThreadReply {
                channel,
                message_id,
                text,
            } => {
                let room = self.room(&channel)?;
                let root = self
                    .inner
                    .threads
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&message_id)
                    .cloned()
                    .unwrap_or_else(|| message_id.clone());
                let mut content = notice(&text);
                content["m.relates_to"] = json!({
                    "rel_type": "m.thread",
                    "event_id": root,
                    "is_falling_back": true,
                    "m.in_reply_to": {"event_id": message_id},
                });
                self.send(&room, content, txn("thread")).await
            }
            Action::Redact {
                channel,
                message_id,
                reason,
            } => {
                let room = self.room(&channel)?;
                let event_id = message_id.as_str().try_into().map_err(|source| Error::Id {
                    what: "event id",
                    value: message_id.clone(),
                    source,
                })?;
                let mut wait = Duration::from_millis(500);
                for attempt in 1..=SEND_ATTEMPTS {
                    match room
                        .redact(event_id, Some(&reason), Some(txn("redact")))
                        .await
                    {
                        Ok(_) => return Ok(()),
                        Err(e) if attempt < SEND_ATTEMPTS && is_transient_http(&e) => {
                            tokio::time::sleep(http_retry_after(&e).unwrap_or(wait)).await;
                            wait *= 2;
                        }
                        Err(e) => return Err(Error::http("redacting a message", e)),
                    }
                }
                Ok(())
            }
            Action::ModLog {
                log_channel, text, ..
            } => {
                // The room's configured mod-log, else the deployment's `mod_log_room`.
                let fallback = self.inner.cfg.mod_log_room.clone();
                let room = self.room(&log_channel).or_else(|e| match fallback {
                    Some(id) => self.room(&ChannelRef::new(Platform::Matrix, id)),
                    None => Err(e),
                })?;
                self.send(&room, notice(&text), txn("modlog")).await
            }
            Action::Reply {
                channel,
                reply_to,
                user,
                text,
                ephemeral,
            } => {
                if ephemeral {
                    let room = self.dm_room(&user).await?;
                    return self.send(&room, notice(&text), txn("reply")).await;
                }
                let room = self.room(&channel)?;
                let mut content = notice(&text);
                if let Some(id) = reply_to {
                    // Answer in the asker's thread when the command was in one.
                    let root = self
                        .inner
                        .threads
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .get(&id)
                        .cloned();
                    content["m.relates_to"] = match root {
                        Some(root) => json!({"rel_type": "m.thread", "event_id": root,
                            "is_falling_back": false, "m.in_reply_to": {"event_id": id}}),
                        None => json!({"m.in_reply_to": {"event_id": id}}),
                    };
                }
                self.send(&room, content, txn("reply")).await
            }
            Action::DailyPost {
                channel,
                text,
                idempotency_key,
            } => self.daily_post(&channel, &text, &idempotency_key).await,
            Action::Reconcile {
                channel,
                idempotency_key,
            } => {
                let exists = self.post_exists(&channel, &idempotency_key).await?;
                let now = self.now();
                for follow in self
                    .inner
                    .bot
                    .reconciled(&channel, &idempotency_key, exists, now)
                {
                    Box::pin(self.try_carry_out(follow, &idempotency_key, 0)).await?;
                }
                Ok(())
            }
            Action::Diagnostic { message } => {
                warn!(diagnostic = %message, "core diagnostic");
                Ok(())
            }
        }
    }

    /// Looks for due daily posts of Matrix rooms and sends them.
    pub(crate) async fn tick_once(&self) {
        for action in self.inner.bot.tick_for(Platform::Matrix, self.now()) {
            self.carry_out(action, "tick", 0).await;
        }
    }

    /// Sends a daily post with a transaction id derived from its key, then
    /// tells the core it was delivered.
    async fn daily_post(&self, channel: &ChannelRef, text: &str, key: &str) -> Result<()> {
        self.send_daily_post(channel, text, key).await?;
        self.inner
            .bot
            .delivered(channel, key, self.now())
            .map_err(|e| Error::Config {
                key: "store",
                message: format!("recording a delivered daily post: {e}"),
            })
    }

    /// Sends a daily post (marked with its key, transaction id derived from
    /// it) without reporting delivery to the core. The adapter reports right
    /// after; tests use this alone to play a crash between the two.
    pub async fn send_daily_post(&self, channel: &ChannelRef, text: &str, key: &str) -> Result<()> {
        let room = self.room(channel)?;
        let mut content = notice(text);
        content["msgtype"] = json!("m.text");
        content[IDEMPOTENCY_FIELD] = json!(key);
        let txn: OwnedTransactionId = format!("caldicott-daily-{}", hash_hex(key)).into();
        self.send(&room, content, txn).await?;
        info!(room = %room.room_id(), "daily post sent");
        Ok(())
    }

    /// Is the bot's own post with this idempotency key among the room's
    /// recent events?
    pub async fn post_exists(&self, channel: &ChannelRef, key: &str) -> Result<bool> {
        let room = self.room(channel)?;
        let mut options = MessagesOptions::backward();
        options.limit = UInt::from(RECONCILE_LOOKBACK_EVENTS);
        let messages = room
            .messages(options)
            .await
            .map_err(|e| Error::sdk("reading recent messages", e))?;
        let own = self.inner.own.as_str();
        Ok(messages.chunk.iter().any(|ev| {
            let raw: &Raw<AnySyncTimelineEvent> = ev.raw();
            raw.get_field::<String>("sender").ok().flatten().as_deref() == Some(own)
                && raw
                    .get_field::<Value>("content")
                    .ok()
                    .flatten()
                    .and_then(|c| {
                        c.get(IDEMPOTENCY_FIELD)
                            .and_then(Value::as_str)
                            .map(|k| k == key)
                    })
                    .unwrap_or(false)
        }))
    }

    fn room(&self, channel: &ChannelRef) -> Result<Room> {
        let id = <&RoomId>::try_from(channel.id.as_str()).map_err(|source| Error::Id {
            what: "room id",
            value: channel.id.clone(),
            source,
        })?;
        match self.inner.client.get_room(id) {
            Some(room) if room.state() == RoomState::Joined => Ok(room),
            _ => Err(Error::Config {
                key: "room",
                message: format!("the bot is not in room {id}"),
            }),
        }
    }

    /// The DM room for private notes to `user`: created once, then reused
    /// (also across restarts, through `matrix/dm_rooms.json`).
    pub(crate) async fn dm_room(&self, user: &str) -> Result<Room> {
        let user_id = <&UserId>::try_from(user).map_err(|source| Error::Id {
            what: "user id",
            value: user.to_owned(),
            source,
        })?;
        // This user's lock is held across the create call on purpose: two
        // notes at once (from different rooms' workers) must not create two
        // rooms. Other users' notes are not held up.
        let lock = self
            .inner
            .dm_locks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(user.to_owned())
            .or_default()
            .clone();
        let _guard = lock.lock().await;
        let known = self.inner.dms.lock().await.get(user).map(str::to_owned);
        if let Some(id) = known
            && let Ok(id) = <&RoomId>::try_from(id.as_str())
            && let Some(room) = self.inner.client.get_room(id)
            && room.state() == RoomState::Joined
        {
            return Ok(room);
        }
        if let Some(room) = self.inner.client.get_dm_room(user_id) {
            self.inner
                .dms
                .lock()
                .await
                .set(user, room.room_id().as_str())?;
            return Ok(room);
        }
        let room = self
            .inner
            .client
            .create_dm(user_id)
            .await
            .map_err(|e| Error::sdk("creating a DM room", e))?;
        info!(room = %room.room_id(), "created a DM room for private notes");
        self.inner
            .dms
            .lock()
            .await
            .set(user, room.room_id().as_str())?;
        Ok(room)
    }

    /// Sends `content` as `m.room.message`, retrying 429s (after the server's
    /// `retry_after_ms`) and outages with the same transaction id.
    async fn send(&self, room: &Room, content: Value, txn: OwnedTransactionId) -> Result<()> {
        let mut wait = Duration::from_millis(500);
        for attempt in 1..=SEND_ATTEMPTS {
            match room
                .send_raw("m.room.message", content.clone())
                .with_transaction_id(&txn)
                .await
            {
                Ok(_) => return Ok(()),
                Err(e) if attempt < SEND_ATTEMPTS && is_transient(&e) => {
                    let pause = retry_after(&e).unwrap_or(wait);
                    warn!(room = %room.room_id(), attempt, wait_ms = pause.as_millis() as u64, "send failed; retrying");
                    tokio::time::sleep(pause).await;
                    wait = (wait * 2).min(Duration::from_secs(30));
                }
                Err(e) => return Err(Error::sdk("sending a message", e)),
            }
        }
        Ok(())
    }
}

fn is_transient(e: &matrix_sdk::Error) -> bool {
    match e {
        matrix_sdk::Error::Http(h) => is_transient_http(h),
        _ => retry_after(e).is_some(),
    }
}

fn is_transient_http(e: &matrix_sdk::HttpError) -> bool {
    http_retry_after(e).is_some()
        || matches!(e, matrix_sdk::HttpError::Reqwest(_))
        || e.as_client_api_error()
            .is_some_and(|c| c.status_code.is_server_error())
}

/// `m.notice` content for `text`, clamped to Matrix's event size.
fn notice(text: &str) -> Value {
    json!({"msgtype": "m.notice", "body": clamp_bytes(text, EVENT_MAX_BYTES / 2)})
}

fn clamp_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A transaction id for the `n`th action caused by `origin`.
pub(crate) fn txn_id(what: &str, origin: &str, n: usize) -> OwnedTransactionId {
    format!("caldicott-{what}-{}-{n}", hash_hex(origin)).into()
}

/// FNV-1a, 64 bits, as hex: a short, stable, URL-safe digest of an id.
fn hash_hex(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txn_ids_are_stable_and_distinct() {
        assert_eq!(txn_id("note", "$a:x", 0), txn_id("note", "$a:x", 0));
        assert_ne!(txn_id("note", "$a:x", 0), txn_id("note", "$a:x", 1));
        assert_ne!(txn_id("note", "$a:x", 0), txn_id("note", "$b:x", 0));
        assert!(
            txn_id("note", "$a:x/?#", 0)
                .as_str()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        );
    }

    #[test]
    fn clamp_keeps_char_boundaries() {
        assert_eq!(clamp_bytes("héllo", 2), "h");
        assert_eq!(clamp_bytes("abc", 10), "abc");
    }
}
