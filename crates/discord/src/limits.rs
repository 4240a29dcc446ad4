//! Discord's platform limits as named constants (documented in
//! discord-api-docs: resources/message.mdx, interactions/*, resources/auto-moderation.mdx).

use std::time::Duration;

/// Characters in a message's `content`.
pub const MESSAGE_CONTENT_MAX: usize = 2000;
/// Embeds per message.
pub const EMBEDS_PER_MESSAGE_MAX: usize = 10;
/// Characters in an embed title.
pub const EMBED_TITLE_MAX: usize = 256;
/// Characters in an embed description.
pub const EMBED_DESCRIPTION_MAX: usize = 4096;
/// Fields per embed.
pub const EMBED_FIELDS_MAX: usize = 25;
/// Characters in an embed field name.
pub const EMBED_FIELD_NAME_MAX: usize = 256;
/// Characters in an embed field value.
pub const EMBED_FIELD_VALUE_MAX: usize = 1024;
/// Characters in an embed footer.
pub const EMBED_FOOTER_MAX: usize = 2048;
/// Characters across all embeds of one message.
pub const EMBED_TOTAL_MAX: usize = 6000;
/// Characters in a component `custom_id`.
pub const CUSTOM_ID_MAX: usize = 100;
/// Characters in a button label.
pub const BUTTON_LABEL_MAX: usize = 80;
/// Choices in an autocomplete answer.
pub const AUTOCOMPLETE_CHOICES_MAX: usize = 25;
/// Characters in a choice name or value.
pub const CHOICE_NAME_MAX: usize = 100;
/// Characters in a message nonce.
pub const NONCE_MAX: usize = 25;
/// Messages one `GET /channels/{id}/messages` returns at most.
pub const MESSAGES_FETCH_MAX: u8 = 100;
/// An interaction must be answered within this time.
pub const INTERACTION_DEADLINE: Duration = Duration::from_secs(3);
/// AutoMod: regex patterns per keyword rule.
pub const AUTOMOD_REGEX_MAX: usize = 10;
/// AutoMod: characters per regex pattern.
pub const AUTOMOD_REGEX_LEN_MAX: usize = 260;
/// AutoMod: characters in a block action's custom message.
pub const AUTOMOD_CUSTOM_MESSAGE_MAX: usize = 150;
/// Discord keeps a nonce for de-duplication only for a few minutes; an
/// intent older than this is reconciled against channel history instead.
pub const NONCE_MEMORY: Duration = Duration::from_secs(2 * 60);

/// Cut `text` to at most `max` characters (not bytes), ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_characters_not_bytes() {
        let s = "é".repeat(MESSAGE_CONTENT_MAX + 5);
        let t = truncate(&s, MESSAGE_CONTENT_MAX);
        assert_eq!(t.chars().count(), MESSAGE_CONTENT_MAX);
        assert!(t.ends_with('…'));
        assert_eq!(truncate("short", 10), "short");
    }
}
