//! Identifiers the adapter makes: component custom ids, daily-post nonces
//! and the marker that lets the bot recognise its own daily post in history.

use sha2::{Digest, Sha256};

use crate::limits::{CUSTOM_ID_MAX, NONCE_MAX};

const PREFIX: &str = "cald";

/// What a button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonAction {
    /// The nudge's **Why?** button: show the private note.
    Why,
    /// **Show guidance** under a note.
    Guidance,
    /// **Not a patient identifier**: the core's dispute flow.
    Dispute,
}

impl ButtonAction {
    fn tag(&self) -> &'static str {
        match self {
            ButtonAction::Why => "why",
            ButtonAction::Guidance => "guide",
            ButtonAction::Dispute => "dispute",
        }
    }
}

/// `cald:<action>:<note id>`, within Discord's 100-character custom id limit.
pub fn custom_id(action: ButtonAction, note_id: &str) -> String {
    let id = format!("{PREFIX}:{}:{note_id}", action.tag());
    debug_assert!(id.len() <= CUSTOM_ID_MAX);
    id.chars().take(CUSTOM_ID_MAX).collect()
}

/// Parse a custom id made by [`custom_id`].
pub fn parse_custom_id(id: &str) -> Option<(ButtonAction, &str)> {
    let mut parts = id.splitn(3, ':');
    if parts.next()? != PREFIX {
        return None;
    }
    let action = match parts.next()? {
        "why" => ButtonAction::Why,
        "guide" => ButtonAction::Guidance,
        "dispute" => ButtonAction::Dispute,
        _ => return None,
    };
    let note = parts.next()?;
    (!note.is_empty()).then_some((action, note))
}

/// The Discord nonce for a daily post: a hash of the core's idempotency key
/// (itself derived from channel and local day), 25 characters, so the same
/// (channel, day) always gives the same nonce.
pub fn nonce(idempotency_key: &str) -> String {
    let digest = Sha256::digest(idempotency_key.as_bytes());
    let mut n = String::from("cd");
    n.push_str(&hex::encode(digest));
    n.truncate(NONCE_MAX);
    n
}

/// The last line of a daily post: Discord's small-print markdown with the
/// nonce, so the post can be found in channel history after Discord has
/// forgotten the nonce (message history does not return nonces).
pub fn daily_marker(idempotency_key: &str) -> String {
    format!("-# ref {}", nonce(idempotency_key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip() {
        for a in [
            ButtonAction::Why,
            ButtonAction::Guidance,
            ButtonAction::Dispute,
        ] {
            let id = custom_id(a.clone(), "n-42");
            assert_eq!(parse_custom_id(&id), Some((a, "n-42")));
        }
        assert_eq!(parse_custom_id("other:why:1"), None);
        assert_eq!(parse_custom_id("cald:why:"), None);
        assert_eq!(parse_custom_id("cald:boom:1"), None);
    }

    #[test]
    fn nonce_is_stable_short_and_distinct() {
        let a = nonce("discord:123|2026-11-24");
        assert_eq!(a, nonce("discord:123|2026-11-24"));
        assert_eq!(a.len(), NONCE_MAX);
        assert_ne!(a, nonce("discord:123|2026-11-25"));
        assert_ne!(a, nonce("discord:124|2026-11-24"));
        assert!(daily_marker("k").contains(&nonce("k")));
    }
}
