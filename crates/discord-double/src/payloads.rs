//! Payloads shaped as Discord's API documentation gives them
//! (discord-api-docs: `developers/events/gateway-events.mdx`,
//! `resources/message.mdx`, `resources/guild.mdx`, `resources/channel.mdx`,
//! `interactions/receiving-and-responding.mdx`, `resources/auto-moderation.mdx`).
//! Field names, types and nesting follow the docs' examples; ids are strings
//! (snowflakes), timestamps ISO 8601 with offset.

use serde_json::{Value, json};

/// A user object (`resources/user.mdx`, example user).
pub fn user(id: u64, username: &str, bot: bool) -> Value {
    json!({
        "id": id.to_string(),
        "username": username,
        "discriminator": "0",
        "global_name": username,
        "avatar": null,
        "bot": bot,
        "public_flags": 0
    })
}

/// A guild member as delivered inside an interaction: the docs' example
/// member, with the member's computed `permissions` in the channel.
pub fn interaction_member(user: &Value, permissions: u64, roles: &[u64]) -> Value {
    json!({
        "user": user,
        "roles": roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        "premium_since": null,
        "permissions": permissions.to_string(),
        "pending": false,
        "nick": null,
        "mute": false,
        "joined_at": "2017-03-13T19:19:14.040000+00:00",
        "is_pending": false,
        "deaf": false,
        "flags": 0
    })
}

/// The partial member Discord attaches to MESSAGE_CREATE in guilds (no `user`,
/// no `permissions`).
pub fn message_member(roles: &[u64]) -> Value {
    json!({
        "roles": roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        "premium_since": null,
        "pending": false,
        "nick": null,
        "mute": false,
        "joined_at": "2017-03-13T19:19:14.040000+00:00",
        "deaf": false,
        "flags": 0
    })
}

/// A message object (`resources/message.mdx`, "Example Message").
#[allow(clippy::too_many_arguments)]
pub fn message(
    id: u64,
    channel_id: u64,
    guild_id: Option<u64>,
    author: &Value,
    content: &str,
    timestamp: &str,
    edited_timestamp: Option<&str>,
) -> Value {
    let mut m = json!({
        "reactions": [],
        "attachments": [],
        "tts": false,
        "embeds": [],
        "timestamp": timestamp,
        "mention_everyone": false,
        "id": id.to_string(),
        "pinned": false,
        "edited_timestamp": edited_timestamp,
        "author": author,
        "mention_roles": [],
        "content": content,
        "channel_id": channel_id.to_string(),
        "mentions": [],
        "type": 0,
        "flags": 0,
        "components": []
    });
    if let Some(g) = guild_id {
        m["guild_id"] = json!(g.to_string());
    }
    m
}

/// A guild text channel (`resources/channel.mdx`, "Example Guild Text Channel").
pub fn text_channel(id: u64, guild_id: u64, name: &str, position: u64) -> Value {
    json!({
        "id": id.to_string(),
        "guild_id": guild_id.to_string(),
        "name": name,
        "type": 0,
        "position": position,
        "permission_overwrites": [],
        "rate_limit_per_user": 0,
        "nsfw": false,
        "topic": null,
        "last_message_id": null,
        "parent_id": null,
        "default_auto_archive_duration": 60
    })
}

/// A DM channel (`resources/channel.mdx`, "Example DM Channel").
pub fn dm_channel(id: u64, recipient: &Value) -> Value {
    json!({
        "last_message_id": null,
        "type": 1,
        "id": id.to_string(),
        "recipients": [recipient]
    })
}

/// A role (`topics/permissions.mdx`, "Example Role"), used for @everyone.
pub fn everyone_role(guild_id: u64) -> Value {
    json!({
        "id": guild_id.to_string(),
        "name": "@everyone",
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": 0,
        "permissions": "3263553",
        "managed": false,
        "mentionable": false,
        "flags": 0
    })
}

/// GUILD_CREATE data: the docs' "Example Guild" plus the extra fields the
/// gateway event adds (`joined_at`, `large`, `member_count`, `members`,
/// `channels`, `threads`, `presences`, `voice_states`, ...).
pub fn guild_create(guild_id: u64, name: &str, owner_id: u64, channels: &[Value]) -> Value {
    json!({
        "id": guild_id.to_string(),
        "name": name,
        "icon": null,
        "description": null,
        "splash": null,
        "discovery_splash": null,
        "features": [],
        "emojis": [],
        "stickers": [],
        "banner": null,
        "owner_id": owner_id.to_string(),
        "application_id": null,
        "region": null,
        "afk_channel_id": null,
        "afk_timeout": 300,
        "system_channel_id": null,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 1,
        "roles": [everyone_role(guild_id)],
        "default_message_notifications": 1,
        "mfa_level": 0,
        "explicit_content_filter": 2,
        "max_presences": null,
        "max_members": 250000,
        "vanity_url_code": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "system_channel_flags": 0,
        "preferred_locale": "en-GB",
        "rules_channel_id": null,
        "public_updates_channel_id": null,
        "safety_alerts_channel_id": null,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": false,
        "joined_at": "2024-01-01T09:00:00.000000+00:00",
        "large": false,
        "unavailable": false,
        "member_count": 3,
        "voice_states": [],
        "members": [],
        "channels": channels,
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": []
    })
}

/// READY data (`gateway-events.mdx`, Ready).
pub fn ready(
    bot: &Value,
    application_id: u64,
    session_id: &str,
    resume_url: &str,
    guilds: &[u64],
) -> Value {
    json!({
        "v": 10,
        "user": bot,
        "guilds": guilds.iter().map(|g| json!({"id": g.to_string(), "unavailable": true})).collect::<Vec<_>>(),
        "session_id": session_id,
        "resume_gateway_url": resume_url,
        "shard": [0, 1],
        "application": {"id": application_id.to_string(), "flags": 0},
        "user_settings": {},
        "private_channels": [],
        "presences": [],
        "relationships": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "session_type": "normal",
        "auth": {},
        "_trace": []
    })
}

/// The common part of an INTERACTION_CREATE payload
/// (`receiving-and-responding.mdx`, interaction object).
#[allow(clippy::too_many_arguments)]
pub fn interaction(
    id: u64,
    application_id: u64,
    kind: u8,
    data: Value,
    guild_id: u64,
    channel_id: u64,
    member: Value,
    token: &str,
) -> Value {
    json!({
        "id": id.to_string(),
        "application_id": application_id.to_string(),
        "type": kind,
        "data": data,
        "guild_id": guild_id.to_string(),
        "channel": {
            "id": channel_id.to_string(),
            "type": 0,
            "guild_id": guild_id.to_string(),
            "name": "ward-7",
            "permissions": "2248473465835073",
            "flags": 0,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": false,
            "parent_id": null,
            "last_message_id": null,
            "rate_limit_per_user": 0,
            "topic": null
        },
        "channel_id": channel_id.to_string(),
        "member": member,
        "token": token,
        "version": 1,
        "app_permissions": "442368",
        "locale": "en-GB",
        "guild_locale": "en-GB",
        "entitlements": [],
        "authorizing_integration_owners": {"0": guild_id.to_string()},
        "context": 0,
        "attachment_size_limit": 10_485_760
    })
}
