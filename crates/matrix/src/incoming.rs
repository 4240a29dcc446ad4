//! From a sync response to the core: invites, kicks, and every message
//! event of every joined room, translated to `caldicott_core::Incoming`.

use std::sync::{Arc, atomic::Ordering};

use caldicott_core::{Action, Attachment, Incoming, Platform};
use matrix_sdk::{
    Room, RoomMemberships,
    deserialized_responses::TimelineEvent,
    room::MessagesOptions,
    ruma::{
        OwnedRoomId, UInt, UserId, events::room::encrypted::OriginalSyncRoomEncryptedEvent,
        events::room::power_levels::UserPowerLevel,
    },
    sync::SyncResponse,
};
use serde_json::Value;
use tokio::sync::mpsc;
use tracing::{debug, info, instrument, warn};

use crate::{
    adapter::{
        BACKFILL_MAX_EVENTS, BACKFILL_PAGE, Job, MatrixBot, ROOM_QUEUE_MAX, STATE_SAVE_INTERVAL,
    },
    event::{self, Message},
};

impl MatrixBot {
    /// Handles one sync response. `first`: the very first sync of this data
    /// directory, whose timelines are history and are not scanned.
    pub(crate) async fn process_sync(&self, response: SyncResponse, first: bool, batch: &Arc<()>) {
        for room_id in response.rooms.invited.keys() {
            self.on_invite(room_id).await;
        }
        for room_id in response.rooms.left.keys() {
            self.on_left(room_id).await;
        }
        for (room_id, update) in response.rooms.joined {
            let Some(room) = self.inner.client.get_room(&room_id) else {
                continue;
            };
            let events = update.timeline.events;
            if events
                .iter()
                .any(|e| event_type(e) == Some("m.room.member".into()))
            {
                self.inner
                    .members
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(&room_id);
            }
            if first {
                continue;
            }
            // Everything up to and including our own join is history.
            let own = self.inner.own.to_string();
            let start = events
                .iter()
                .rposition(|e| raw_json(e).is_some_and(|v| event::is_own_join(&v, &own)))
                .map_or(0, |i| i + 1);
            if update.timeline.limited && start == 0 {
                let missed = self
                    .backfill(&room, update.timeline.prev_batch.as_deref())
                    .await;
                for ev in &missed {
                    self.on_timeline_event(&room, ev, batch).await;
                }
            }
            for ev in &events[start..] {
                self.on_timeline_event(&room, ev, batch).await;
            }
        }
    }

    #[instrument(skip_all, fields(room = %room_id))]
    async fn on_invite(&self, room_id: &OwnedRoomId) {
        let Some(room) = self.inner.client.get_room(room_id) else {
            return;
        };
        let details = match room.invite_details().await {
            Ok(d) => d,
            Err(e) => {
                warn!(error = %e, "cannot read the invite");
                return;
            }
        };
        let inviter = details.inviter_id.to_string();
        if !self.inner.cfg.may_invite(&inviter) {
            info!(inviter = %inviter, "declining an invite from someone not in matrix.allowed_inviters");
            if let Err(e) = room.leave().await {
                warn!(error = %e, "declining the invite failed");
            }
            return;
        }
        let member = details.invitee.event();
        let is_direct = member
            .as_stripped()
            .and_then(|s| s.content.is_direct)
            .or_else(|| {
                member
                    .as_sync()
                    .and_then(|s| s.as_original())
                    .and_then(|o| o.content.is_direct)
            })
            .unwrap_or(false);
        let mut wait = std::time::Duration::from_millis(500);
        for attempt in 1..=5 {
            match room.join().await {
                Ok(()) => {
                    info!(inviter = %inviter, "joined room on invite");
                    if is_direct
                        && let Err(e) = self.inner.dms.lock().await.set(&inviter, room_id.as_str())
                    {
                        warn!(error = %e, "could not record the DM room");
                    }
                    return;
                }
                Err(e) => {
                    warn!(error = %e, attempt, "joining failed");
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
            }
        }
    }

    #[instrument(skip_all, fields(room = %room_id))]
    async fn on_left(&self, room_id: &OwnedRoomId) {
        info!("no longer in room (left, kicked or banned)");
        self.inner
            .members
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(room_id);
        if let Err(e) = self.inner.dms.lock().await.remove_room(room_id.as_str()) {
            warn!(error = %e, "could not update the DM room map");
        }
        if let Some(room) = self.inner.client.get_room(room_id)
            && let Err(e) = room.forget().await
        {
            debug!(error = %e, "forgetting the room failed");
        }
    }

    /// The events of a `limited` timeline's gap, oldest first: pages back
    /// from `prev_batch` until an event already handled (or queued), the
    /// bot's own join, the start of the room or [`BACKFILL_MAX_EVENTS`].
    /// Logs counts only.
    #[instrument(skip_all, fields(room = %room.room_id()))]
    async fn backfill(&self, room: &Room, prev_batch: Option<&str>) -> Vec<TimelineEvent> {
        let Some(mut from) = prev_batch.map(str::to_owned) else {
            warn!("limited timeline without a prev_batch token: the gap cannot be back-filled");
            return Vec::new();
        };
        let own = self.inner.own.to_string();
        let mut missed = Vec::new();
        let mut reason = "room start";
        'pages: loop {
            let mut options = MessagesOptions::backward().from(from.as_str());
            options.limit = UInt::from(BACKFILL_PAGE);
            let page = match room.messages(options).await {
                Ok(p) => p,
                Err(e) => {
                    warn!(error = %e, fetched = missed.len(), "back-filling a gap failed; acting on what was fetched");
                    reason = "error";
                    break;
                }
            };
            for ev in page.chunk {
                let Some(json) = raw_json(&ev) else { continue };
                if event::is_own_join(&json, &own) {
                    reason = "own join";
                    break 'pages;
                }
                if let Some(id) = ev.event_id()
                    && self.is_known(id.as_str()).await
                {
                    reason = "handled event";
                    break 'pages;
                }
                if missed.len() >= BACKFILL_MAX_EVENTS {
                    reason = "limit";
                    break 'pages;
                }
                missed.push(ev);
            }
            match page.end {
                Some(end) if end != from => from = end,
                _ => break,
            }
        }
        missed.reverse();
        if reason == "limit" {
            warn!(
                events = missed.len(),
                "gap longer than {BACKFILL_MAX_EVENTS} events: older ones were not scanned"
            );
        } else {
            info!(
                events = missed.len(),
                stopped_at = reason,
                "back-filled a gap in the timeline"
            );
        }
        missed
    }

    /// Handled already, or queued for a worker?
    async fn is_known(&self, event_id: &str) -> bool {
        self.inner.sync.lock().await.is_handled(event_id)
            || self
                .inner
                .in_flight
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .contains(event_id)
    }

    async fn on_timeline_event(&self, room: &Room, ev: &TimelineEvent, batch: &Arc<()>) {
        let mut json = raw_json(ev);
        if ev.kind.is_utd() {
            // Keys can arrive a moment after the message: try once more.
            json = self.retry_decrypt(room, ev).await;
            if json.is_none() {
                warn!(room = %room.room_id(), event = ?ev.event_id(), "cannot decrypt a message; not scanned");
                return;
            }
        }
        let Some(json) = json else { return };
        let Some(msg) = event::parse_message(&json) else {
            return;
        };
        if msg.sender == self.inner.own.as_str() {
            return;
        }
        if self.is_known(&msg.event_id).await {
            debug!(event = %msg.event_id, "already handled");
            return;
        }
        if let Some(root) = &msg.thread_root {
            self.inner
                .threads
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(msg.event_id.clone(), root.clone());
        }
        let is_bot = msg.is_notice || self.inner.cfg.is_bot_user(&msg.sender);
        self.inner
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(msg.event_id.clone());
        let job = Job {
            room: room.clone(),
            msg,
            is_bot,
            _batch: batch.clone(),
        };
        self.enqueue(job).await;
    }

    /// Hands a message to its room's worker (started on first use), which
    /// acts on the room's messages in order; the sync loop goes on.
    async fn enqueue(&self, job: Job) {
        let room_id = job.room.room_id().to_owned();
        let sender = {
            let mut workers = self.inner.workers.lock().unwrap_or_else(|p| p.into_inner());
            match workers.get(&room_id) {
                Some((tx, task)) if !tx.is_closed() && !task.is_finished() => tx.clone(),
                _ => {
                    let (tx, rx) = mpsc::channel(ROOM_QUEUE_MAX);
                    let this = self.clone();
                    let task = tokio::spawn(async move { this.room_worker(rx).await });
                    workers.insert(room_id, (tx.clone(), task.abort_handle()));
                    tx
                }
            }
        };
        if let Err(mpsc::error::SendError(job)) = sender.send(job).await {
            // The worker is gone (the adapter is stopping): not handled, so
            // the next run acts on it.
            self.inner
                .in_flight
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(&job.msg.event_id);
        }
    }

    async fn room_worker(&self, mut rx: mpsc::Receiver<Job>) {
        while let Some(job) = rx.recv().await {
            let Ok(_permit) = self.inner.permits.clone().acquire_owned().await else {
                return;
            };
            self.act_on(&job).await;
            self.inner
                .in_flight
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(&job.msg.event_id);
        }
    }

    /// Asks the core about one message, carries out its actions (each either
    /// done or given up on after retries) and only then marks it handled.
    ///
    /// Exactly once across a crash: the event id is saved as begun before
    /// the core is asked (the core records its decision and would stay
    /// silent about a redelivered message); a message begun by an earlier
    /// process comes back through `Bot::handle_redelivered`, which decides
    /// again, and the same transaction ids make the repeated sends no-ops
    /// on the homeserver. A redaction is carried out last: a redacted
    /// message comes back empty and is not acted on again, so everything
    /// else it called for must already be done.
    async fn act_on(&self, job: &Job) {
        let Job {
            room, msg, is_bot, ..
        } = job;
        if !(*is_bot && self.inner.cfg.ignore_bots) {
            self.inner.stats.messages.fetch_add(1, Ordering::Relaxed);
            let incoming = self.to_incoming(room, msg, *is_bot).await;
            let redo = {
                let mut started = self.inner.started.lock().await;
                let redo = started.contains(&msg.event_id);
                if let Err(e) = started.begin(&msg.event_id) {
                    warn!(error = %e, "could not save the started event ids");
                }
                redo
            };
            let actions = if redo {
                info!(room = %room.room_id(), event = %msg.event_id, "deciding again on a message whose actions may not have finished before the last stop");
                self.inner.bot.handle_redelivered(&incoming, self.now())
            } else {
                self.inner.bot.handle(&incoming, self.now())
            };
            debug!(room = %room.room_id(), event = %msg.event_id, actions = actions.len(), "message handled by the core");
            for (n, action) in redaction_last(actions) {
                self.carry_out(action, &msg.event_id, n).await;
            }
        }
        self.mark_handled(msg.event_id.clone()).await;
    }

    async fn mark_handled(&self, event_id: String) {
        {
            let mut sync = self.inner.sync.lock().await;
            sync.remember(event_id.clone());
            if let Err(e) = sync.save_if_due(STATE_SAVE_INTERVAL) {
                warn!(error = %e, "could not save handled event ids");
            }
        }
        if let Err(e) = self.inner.started.lock().await.finish(&event_id) {
            warn!(error = %e, "could not save the started event ids");
        }
    }

    async fn retry_decrypt(&self, room: &Room, ev: &TimelineEvent) -> Option<Value> {
        for wait_ms in [200u64, 800, 2000] {
            tokio::time::sleep(std::time::Duration::from_millis(wait_ms)).await;
            let raw = ev
                .raw()
                .clone()
                .cast_unchecked::<OriginalSyncRoomEncryptedEvent>();
            if let Ok(decrypted) = room.decrypt_event(&raw, None).await
                && !decrypted.kind.is_utd()
            {
                return raw_json(&decrypted);
            }
        }
        None
    }

    /// Builds the core's view of a message: room facts from the local store.
    pub(crate) async fn to_incoming(&self, room: &Room, msg: &Message, is_bot: bool) -> Incoming {
        let room_id = room.room_id().to_string();
        let sender: &UserId = match <&UserId>::try_from(msg.sender.as_str()) {
            Ok(u) => u,
            Err(_) => {
                return Incoming::message(
                    Platform::Matrix,
                    room_id,
                    &msg.message_id,
                    &msg.sender,
                    "",
                );
            }
        };
        let author_name = match room.get_member_no_sync(sender).await {
            Ok(Some(m)) => m.name().to_owned(),
            _ => sender.localpart().to_owned(),
        };
        let author_is_moderator = match room.get_user_power_level(sender).await {
            Ok(UserPowerLevel::Infinite) => true,
            Ok(UserPowerLevel::Int(level)) => {
                i64::from(level) >= self.inner.cfg.moderator_power_level
            }
            Ok(_) => false,
            Err(e) => {
                warn!(error = %e, "cannot read power levels; treating the author as a member");
                false
            }
        };
        let is_dm = self.inner.dms.lock().await.get(sender.as_str()) == Some(room_id.as_str())
            || room.is_direct().await.unwrap_or(false);
        Incoming {
            platform: Platform::Matrix,
            channel: room_id.clone(),
            message_id: msg.message_id.clone(),
            author: msg.sender.clone(),
            author_name,
            author_is_moderator,
            author_roles: Vec::new(),
            author_is_bot: is_bot,
            text: msg.text.clone(),
            attachments: msg
                .attachments
                .iter()
                .map(|a| Attachment {
                    filename: a.filename.clone(),
                    content_type: a.content_type.clone(),
                })
                .collect(),
            is_dm,
            edited: msg.edited,
            members: self.member_names(room).await.to_vec(),
            is_command: false,
            link: Some(format!(
                "https://matrix.to/#/{}/{}",
                room_id, msg.message_id
            )),
        }
    }

    async fn member_names(&self, room: &Room) -> Arc<Vec<String>> {
        if let Some(names) = self
            .inner
            .members
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(room.room_id())
        {
            return names.clone();
        }
        let mut names = Vec::new();
        if let Ok(members) = room.members_no_sync(RoomMemberships::ACTIVE).await {
            for m in members {
                if let Some(d) = m.display_name() {
                    names.push(d.to_owned());
                }
                names.push(m.user_id().localpart().to_owned());
            }
        }
        let names = Arc::new(names);
        self.inner
            .members
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(room.room_id().to_owned(), names.clone());
        names
    }
}

/// The actions with their positions (which make their transaction ids),
/// redactions moved to the end, the rest in the core's order.
fn redaction_last(actions: Vec<Action>) -> Vec<(usize, Action)> {
    let mut numbered: Vec<(usize, Action)> = actions.into_iter().enumerate().collect();
    numbered.sort_by_key(|(_, a)| matches!(a, Action::Redact { .. }));
    numbered
}

fn raw_json(ev: &TimelineEvent) -> Option<Value> {
    serde_json::from_str(ev.raw().json().get()).ok()
}

fn event_type(ev: &TimelineEvent) -> Option<String> {
    ev.raw().get_field::<String>("type").ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use caldicott_core::ChannelRef;

    #[test]
    fn redactions_go_last_and_keep_their_numbers() {
        let redact = Action::Redact {
            channel: ChannelRef::new(Platform::Matrix, "!r"),
            message_id: "$m".into(),
            reason: "patient details".into(),
        };
        let diag = |m: &str| Action::Diagnostic { message: m.into() };
        let order: Vec<(usize, &str)> = redaction_last(vec![redact, diag("a"), diag("b")])
            .iter()
            .map(|(n, a)| (*n, a.kind()))
            .collect();
        assert_eq!(order, [(1, "diagnostic"), (2, "diagnostic"), (0, "redact")]);
    }
}
