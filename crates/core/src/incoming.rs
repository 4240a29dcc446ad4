//! What an adapter hands the core: one platform-neutral event.

use serde::{Deserialize, Serialize};

/// Where an event came from. Channel keys in the store are `platform:channel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Matrix,
    Discord,
    Console,
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Matrix => "matrix",
            Platform::Discord => "discord",
            Platform::Console => "console",
        }
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A channel (room) on a platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ChannelRef {
    pub platform: Platform,
    /// The platform's id: a Matrix room id, a Discord channel id, a console channel name.
    pub id: String,
}

impl ChannelRef {
    pub fn new(platform: Platform, id: impl Into<String>) -> ChannelRef {
        ChannelRef {
            platform,
            id: id.into(),
        }
    }

    /// The store key: `platform:id`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.platform, self.id)
    }
}

/// A file attached to a message: metadata only, never its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    /// MIME type when the platform gives one, e.g. `image/jpeg`.
    pub content_type: Option<String>,
}

/// One incoming message (new or edited), or a command the platform already
/// knows is a command (a Discord slash command or button).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incoming {
    pub platform: Platform,
    /// Channel (room) id on the platform. For a DM, the DM channel/room.
    pub channel: String,
    /// Message (event) id on the platform; the same id for an edit of it.
    pub message_id: String,
    /// Author's user id on the platform.
    pub author: String,
    /// Author's display name (used to greet them; never a patient name).
    pub author_name: String,
    /// The adapter's verdict: may this author change this channel's settings?
    /// (Discord: Manage Guild/Channels; Matrix: power level >= 50.)
    pub author_is_moderator: bool,
    /// Role names (Discord roles; Matrix: none or configured).
    pub author_roles: Vec<String>,
    pub author_is_bot: bool,
    /// The message body (plain text; the adapter flattens formatting).
    pub text: String,
    pub attachments: Vec<Attachment>,
    /// A direct message to the bot: treated as "check before you post".
    pub is_dm: bool,
    /// An edit of an earlier message (rescanned; not warned twice).
    pub edited: bool,
    /// Display names / usernames of the channel's members: never patients.
    pub members: Vec<String>,
    /// The platform says this is a command (slash command): `text` is parsed
    /// as a command without a `!` or `/` prefix and is never scanned.
    pub is_command: bool,
    /// A link to the message for the mod-log, when the platform has one.
    pub link: Option<String>,
}

impl Incoming {
    /// A plain channel message with everything else defaulted (tests, console).
    pub fn message(
        platform: Platform,
        channel: impl Into<String>,
        message_id: impl Into<String>,
        author: impl Into<String>,
        text: impl Into<String>,
    ) -> Incoming {
        let author = author.into();
        Incoming {
            platform,
            channel: channel.into(),
            message_id: message_id.into(),
            author_name: author.clone(),
            author,
            author_is_moderator: false,
            author_roles: Vec::new(),
            author_is_bot: false,
            text: text.into(),
            attachments: Vec::new(),
            is_dm: false,
            edited: false,
            members: Vec::new(),
            is_command: false,
            link: None,
        }
    }

    pub fn channel_ref(&self) -> ChannelRef {
        ChannelRef::new(self.platform, self.channel.clone())
    }
}
