//! What the core asks an adapter to do: actions as data.

use serde::{Deserialize, Serialize};

use crate::ChannelRef;

/// A guidance citation: document, edition, paragraph numbers and link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// Guidance topic slug, e.g. `confidentiality`.
    pub slug: String,
    /// One line, e.g. `Confidentiality (GMC, 2017), paras 1-5: https://...`.
    pub text: String,
    pub url: Option<String>,
}

/// One reason in a note: what kind of thing was found and why it matters.
/// Never holds the matched text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub rule: String,
    /// Category wire name, e.g. `patient_direct`.
    pub category: String,
    /// Severity wire name, e.g. `high`.
    pub severity: String,
    /// What it is, e.g. `NHS number` (the mask label).
    pub label: String,
    /// Why it matters (the engine's plain-English reason).
    pub why: String,
}

/// An action for the adapter to carry out. Every `text` is ready to send as is
/// (plain text with light markdown) and never contains flagged text, except
/// the masked copy in a [`Action::PrivateNote`] to the author themself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// A private note to the author of a flagged message. Matrix: a DM room
    /// with the author (`m.notice`). Discord: a neutral nudge in the channel
    /// with a *Why?* button whose ephemeral answer is `text`.
    PrivateNote {
        /// Where the flagged message is.
        channel: ChannelRef,
        message_id: String,
        /// The author's user id.
        user: String,
        /// Short id for disputes (`caldicott dispute <note_id>`).
        note_id: String,
        /// The whole note: what was found (masked), why, guidance, a safe way to say it.
        text: String,
        /// The author's message with identifiers masked.
        masked: String,
        reasons: Vec<Reason>,
        citation: Option<Citation>,
    },
    /// A public reply in the message's thread: names the category and the
    /// guidance only, never content (not even masked).
    ThreadReply {
        channel: ChannelRef,
        message_id: String,
        text: String,
    },
    /// Remove the message. `reason` names the category only.
    Redact {
        channel: ChannelRef,
        message_id: String,
        reason: String,
    },
    /// An entry in the channel's mod-log: category, rule, author, link. No content.
    ModLog {
        /// The mod-log channel (same platform).
        log_channel: ChannelRef,
        /// Where the flagged message is.
        channel: ChannelRef,
        message_id: String,
        category: String,
        rule: String,
        severity: String,
        /// Author's user id.
        author: String,
        link: Option<String>,
        text: String,
    },
    /// An answer to a command. `ephemeral`: only the asker should see it
    /// (Discord ephemeral reply; Matrix/console: a DM to `user`).
    Reply {
        channel: ChannelRef,
        /// The command message being answered.
        reply_to: Option<String>,
        /// The asker.
        user: String,
        text: String,
        ephemeral: bool,
    },
    /// A daily #FOAMed post. The adapter sends it with the platform's
    /// idempotency mechanism (Matrix transaction id / Discord nonce) derived
    /// from `idempotency_key`, then calls [`crate::Bot::delivered`].
    DailyPost {
        channel: ChannelRef,
        text: String,
        idempotency_key: String,
    },
    /// Before retrying an intent older than the platform remembers
    /// idempotency keys, the adapter looks for its own post with this key in
    /// the channel's recent history and answers with
    /// [`crate::Bot::reconciled`] (which marks it delivered or returns the
    /// [`Action::DailyPost`] to send). [`crate::Bot::tick_with`] does this
    /// synchronously through a [`crate::PostLedger`].
    Reconcile {
        channel: ChannelRef,
        idempotency_key: String,
    },
    /// Something went wrong that the operator should see in the adapter's
    /// log (e.g. a store error). Never contains message text.
    Diagnostic { message: String },
}

impl Action {
    /// A note for the adapter's log: what failed and why (store errors and
    /// the like), never message text.
    pub fn diagnostic(what: &str, err: impl std::fmt::Display) -> Action {
        Action::Diagnostic {
            message: format!("{what}: {err}"),
        }
    }

    /// A short name for logs and metrics: `private_note`, `redact`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Action::PrivateNote { .. } => "private_note",
            Action::ThreadReply { .. } => "thread_reply",
            Action::Redact { .. } => "redact",
            Action::ModLog { .. } => "mod_log",
            Action::Reply { .. } => "reply",
            Action::DailyPost { .. } => "daily_post",
            Action::Reconcile { .. } => "reconcile",
            Action::Diagnostic { .. } => "diagnostic",
        }
    }
}
