//! From a sync response to the core: invites, kicks, and every message
//! event of every joined room, translated to `caldicott_core::Incoming`.

use std::sync::{Arc, atomic::Ordering};

use caldicott_core::{Attachment, Incoming, Platform};
use matrix_sdk::{
    Room, RoomMemberships,
    deserialized_responses::TimelineEvent,
    ruma::{
        OwnedRoomId, UserId, events::room::encrypted::OriginalSyncRoomEncryptedEvent,
        events::room::power_levels::UserPowerLevel,
    },
    sync::SyncResponse,
};
use serde_json::Value;
use tracing::{debug, info, instrument, warn};

use crate::{
    adapter::MatrixBot,
    event::{self, Message},
};

impl MatrixBot {
    /// Handles one sync response. `first`: the very first sync of this data
    /// directory, whose timelines are history and are not scanned.
    pub(crate) async fn process_sync(&self, response: SyncResponse, first: bool) {
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
                warn!(
                    room = %room_id,
                    "more than {} events since the last sync: older ones were not scanned",
                    crate::adapter::SYNC_TIMELINE_LIMIT
                );
            }
            for ev in &events[start..] {
                self.on_timeline_event(&room, ev).await;
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

    async fn on_timeline_event(&self, room: &Room, ev: &TimelineEvent) {
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
        if self.inner.sync.lock().await.is_handled(&msg.event_id) {
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
        if is_bot && self.inner.cfg.ignore_bots {
            self.mark_handled(msg.event_id.clone()).await;
            return;
        }
        self.inner.stats.messages.fetch_add(1, Ordering::Relaxed);
        let incoming = self.to_incoming(room, &msg, is_bot).await;
        let actions = self.inner.bot.handle(&incoming, self.now());
        debug!(room = %room.room_id(), event = %msg.event_id, actions = actions.len(), "message handled by the core");
        for (n, action) in actions.into_iter().enumerate() {
            self.carry_out(action, &msg.event_id, n).await;
        }
        self.mark_handled(msg.event_id).await;
    }

    async fn mark_handled(&self, event_id: String) {
        let mut sync = self.inner.sync.lock().await;
        sync.remember(event_id);
        if let Err(e) = sync.save() {
            warn!(error = %e, "could not save handled event ids");
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

fn raw_json(ev: &TimelineEvent) -> Option<Value> {
    serde_json::from_str(ev.raw().json().get()).ok()
}

fn event_type(ev: &TimelineEvent) -> Option<String> {
    ev.raw().get_field::<String>("type").ok().flatten()
}
