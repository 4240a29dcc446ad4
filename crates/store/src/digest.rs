//! Digest records (subscriptions, delivery intents, seen items, feed cache).
//!
//! None holds message text: channel keys, item ids and links, times.
//!
//! | namespace | key | record |
//! |---|---|---|
//! | `digest.sub` | channel key | [`Subscription`] |
//! | `digest.intent` | `channel|YYYY-MM-DD` | [`PostIntent`] |
//! | `digest.seen` | channel key | [`Seen`] |
//! | `digest.feed` | feed URL | [`FeedCache`] |
//!
//! The exactly-once protocol: an intent is written and flushed *before* the
//! post is handed to the adapter; it is marked delivered (and the item seen)
//! in one batch when the adapter reports success.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{Batch, Record, Result, Store, StoreExt, key};

/// Namespaces of the digest's records.
pub mod ns {
    pub const SUBSCRIPTION: &str = "digest.sub";
    pub const INTENT: &str = "digest.intent";
    pub const SEEN: &str = "digest.seen";
    pub const FEED: &str = "digest.feed";
}

/// A channel's daily-post subscription (key: the channel key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// Local wall-clock time, `HH:MM`.
    pub at: String,
    /// IANA zone name.
    pub tz: String,
    /// Topic tags; empty = all.
    pub tags: Vec<String>,
    /// Extra RSS/Atom feeds for this channel.
    pub feeds: Vec<String>,
    /// The latest local day for which a post was intended (or that was
    /// already past when the channel subscribed). The scheduler never
    /// intends a day at or before it.
    pub last_day: Option<NaiveDate>,
    pub created: DateTime<Utc>,
}

impl Record for Subscription {
    const NAMESPACE: &'static str = ns::SUBSCRIPTION;
    const VERSION: u32 = 1;
}

/// What to post, recorded before it is sent (key `channel|day`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostIntent {
    pub channel: String,
    /// The channel's local day this post is for.
    pub day: NaiveDate,
    /// Derived from channel and day; the adapter's transaction id / nonce.
    pub idempotency_key: String,
    /// Catalogue id or feed item key.
    pub item: String,
    /// The exact text, so a retry sends the same post.
    pub text: String,
    /// Delivering this item starts a new rotation round.
    pub new_round: bool,
    pub created: DateTime<Utc>,
    /// Start of the current idempotency window: the first send with this
    /// key since it was last reconciled. Resends with the same key are safe
    /// only while the platform still remembers it.
    pub sent_at: DateTime<Utc>,
    /// When the post was last handed to the adapter.
    pub last_attempt: DateTime<Utc>,
    pub attempts: u32,
    /// When the adapter was last asked whether the post exists.
    pub reconcile_asked: Option<DateTime<Utc>>,
    pub delivered: Option<DateTime<Utc>>,
    /// Given up (a later day became due first); never retried.
    pub abandoned: bool,
}

impl Record for PostIntent {
    const NAMESPACE: &'static str = ns::INTENT;
    const VERSION: u32 = 1;
}

/// Items a channel has been sent (key: channel key). Catalogue ids are for
/// the current rotation round; feed keys are kept while the feed lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub items: BTreeSet<String>,
    /// Completed rotation rounds.
    pub rounds: u32,
}

impl Record for Seen {
    const NAMESPACE: &'static str = ns::SEEN;
    const VERSION: u32 = 1;
}

/// One cached feed entry: title and link only, never the entry's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedEntry {
    pub key: String,
    pub title: String,
    pub url: String,
    pub published: Option<DateTime<Utc>>,
}

/// A feed's cache and fetch state (key: the feed URL).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedCache {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub failures: u32,
    pub retry_after: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_success: Option<DateTime<Utc>>,
    pub entries: Vec<FeedEntry>,
}

impl Record for FeedCache {
    const NAMESPACE: &'static str = ns::FEED;
    const VERSION: u32 = 1;
}

/// The intent key for a channel and local day.
pub fn intent_key(channel: &str, day: NaiveDate) -> String {
    key(&[channel, &day.format("%Y-%m-%d").to_string()])
}

/// Typed access to the digest's records on any [`Store`].
pub trait DigestStore: Store {
    fn subscription(&self, channel: &str) -> Result<Option<Subscription>> {
        self.get_record(channel)
    }

    /// Every subscription, by channel key.
    fn subscriptions(&self) -> Result<Vec<(String, Subscription)>> {
        self.records("")
    }

    /// A channel's intents, oldest day first.
    fn intents(&self, channel: &str) -> Result<Vec<PostIntent>> {
        let prefix = format!("{}|", key(&[channel]));
        Ok(self
            .records::<PostIntent>(&prefix)?
            .into_iter()
            .map(|(_, r)| r)
            .collect())
    }

    fn intent(&self, channel: &str, day: NaiveDate) -> Result<Option<PostIntent>> {
        self.get_record(&intent_key(channel, day))
    }

    fn seen(&self, channel: &str) -> Result<Seen> {
        Ok(self.get_record(channel)?.unwrap_or_default())
    }

    fn feed_cache(&self, url: &str) -> Result<Option<FeedCache>> {
        self.get_record(url)
    }

    /// Write records and make them durable before returning.
    fn apply_durably(&self, batch: Batch) -> Result<()> {
        self.apply(batch)?;
        self.flush()
    }
}

impl<S: Store + ?Sized> DigestStore for S {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryStore;

    #[test]
    fn intents_are_scoped_to_their_channel_and_sorted() {
        let store = MemoryStore::new().unwrap();
        let t = DateTime::parse_from_rfc3339("2025-01-01T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mk = |ch: &str, d: &str| PostIntent {
            channel: ch.into(),
            day: d.parse().unwrap(),
            idempotency_key: format!("k-{ch}-{d}"),
            item: "x".into(),
            text: "t".into(),
            new_round: false,
            created: t,
            sent_at: t,
            last_attempt: t,
            attempts: 1,
            reconcile_asked: None,
            delivered: None,
            abandoned: false,
        };
        let mut b = Batch::new();
        for (ch, d) in [
            ("matrix:!a", "2025-01-02"),
            ("matrix:!a", "2025-01-01"),
            ("matrix:!ab", "2025-01-01"),
        ] {
            let i = mk(ch, d);
            b.put(&intent_key(ch, i.day), &i);
        }
        store.apply_durably(b).unwrap();
        let days: Vec<_> = store
            .intents("matrix:!a")
            .unwrap()
            .into_iter()
            .map(|i| i.day.to_string())
            .collect();
        assert_eq!(days, ["2025-01-01", "2025-01-02"]);
        assert_eq!(store.intents("matrix:!ab").unwrap().len(), 1);
        assert!(
            store
                .intent("matrix:!a", "2025-01-02".parse().unwrap())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.seen("matrix:!a").unwrap(), Seen::default());
    }

    /// The persisted encoding is pinned: a format change must be a visible
    /// diff here (and a record VERSION bump with an upgrade).
    #[test]
    fn record_encodings_are_stable() {
        let t = DateTime::parse_from_rfc3339("2025-01-01T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let sub = Subscription {
            at: "08:00".into(),
            tz: "Europe/London".into(),
            tags: vec!["ecg".into()],
            feeds: vec![],
            last_day: Some("2025-01-01".parse().unwrap()),
            created: t,
        };
        assert_eq!(
            String::from_utf8(crate::encode(&sub)).unwrap(),
            r#"{"v":1,"data":{"at":"08:00","tz":"Europe/London","tags":["ecg"],"feeds":[],"last_day":"2025-01-01","created":"2025-01-01T08:00:00Z"}}"#
        );
        let intent = PostIntent {
            channel: "matrix:!a".into(),
            day: "2025-01-02".parse().unwrap(),
            idempotency_key: "cf-0123".into(),
            item: "litfl-brugada".into(),
            text: "#FOAMed".into(),
            new_round: false,
            created: t,
            sent_at: t,
            last_attempt: t,
            attempts: 1,
            reconcile_asked: None,
            delivered: Some(t),
            abandoned: false,
        };
        assert_eq!(
            String::from_utf8(crate::encode(&intent)).unwrap(),
            r##"{"v":1,"data":{"channel":"matrix:!a","day":"2025-01-02","idempotency_key":"cf-0123","item":"litfl-brugada","text":"#FOAMed","new_round":false,"created":"2025-01-01T08:00:00Z","sent_at":"2025-01-01T08:00:00Z","last_attempt":"2025-01-01T08:00:00Z","attempts":1,"reconcile_asked":null,"delivered":"2025-01-01T08:00:00Z","abandoned":false}}"##
        );
        let back: PostIntent = crate::decode("k", &crate::encode(&intent)).unwrap();
        assert_eq!(back, intent);
        assert_eq!(
            intent_key("matrix:!a|b", back.day),
            "matrix:!a%7Cb|2025-01-02"
        );
    }
}
