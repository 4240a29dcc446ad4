//! Which item a channel gets next. Pure and deterministic given its inputs
//! (the store supplies `seen`), so tests can predict it.
//!
//! Rules:
//! 1. Unseen feed items first, newest first (ties by key).
//! 2. Then catalogue items matching the channel's tags that the channel has
//!    not seen in the current round, in a per-channel shuffled but fixed
//!    order (sha256 of channel and item id), so two channels do not march
//!    through the catalogue in lock-step.
//! 3. When every matching catalogue item has been seen, a new round starts:
//!    [`Pick::new_round`] tells the caller to forget the catalogue ids it
//!    has seen before recording this delivery.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

use crate::{FeedItem, Item};

/// What to post next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice<'a> {
    Feed(&'a FeedItem),
    Catalogue(&'a Item),
}

impl Choice<'_> {
    /// The key recorded as "seen" once the post is delivered.
    pub fn key(&self) -> String {
        match self {
            Choice::Feed(f) => f.key.clone(),
            Choice::Catalogue(i) => i.id.clone(),
        }
    }
    pub fn title(&self) -> &str {
        match self {
            Choice::Feed(f) => &f.title,
            Choice::Catalogue(i) => &i.title,
        }
    }
    pub fn url(&self) -> &str {
        match self {
            Choice::Feed(f) => &f.url,
            Choice::Catalogue(i) => &i.url,
        }
    }
}

/// The result of [`pick`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick<'a> {
    pub choice: Choice<'a>,
    /// Every matching catalogue item had been seen: the caller clears the
    /// channel's seen catalogue ids when it records this delivery.
    pub new_round: bool,
}

/// Choose the next item for `channel`.
///
/// `seen` holds the keys already delivered to the channel (catalogue ids for
/// the current round, and feed item keys). Returns `None` only when nothing
/// at all matches the channel's tags and no unseen feed item exists.
pub fn pick<'a>(
    channel: &str,
    catalogue: &'a [Item],
    feed: &'a [FeedItem],
    tags: &[String],
    seen: &BTreeSet<String>,
) -> Option<Pick<'a>> {
    let newest_feed = feed
        .iter()
        .filter(|f| !seen.contains(&f.key))
        .max_by(|a, b| {
            a.published
                .cmp(&b.published)
                .then_with(|| b.key.cmp(&a.key))
        });
    if let Some(f) = newest_feed {
        return Some(Pick {
            choice: Choice::Feed(f),
            new_round: false,
        });
    }
    let order = |i: &Item| -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(channel.as_bytes());
        h.update([0]);
        h.update(i.id.as_bytes());
        h.finalize().into()
    };
    let matching: Vec<&Item> = catalogue.iter().filter(|i| i.matches(tags)).collect();
    let unseen = matching
        .iter()
        .filter(|i| !seen.contains(&i.id))
        .min_by_key(|i| (order(i), i.id.clone()));
    if let Some(i) = unseen {
        return Some(Pick {
            choice: Choice::Catalogue(i),
            new_round: false,
        });
    }
    matching
        .iter()
        .min_by_key(|i| (order(i), i.id.clone()))
        .map(|i| Pick {
            choice: Choice::Catalogue(i),
            new_round: true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn item(id: &str, tags: &[&str]) -> Item {
        Item {
            id: id.into(),
            title: id.into(),
            source: "S".into(),
            url: format!("https://example.org/{id}"),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            teaser: "t".into(),
            licence: None,
            confirmed: "test".into(),
            file: "t.toml".into(),
        }
    }

    fn feed(key: &str, secs: i64) -> FeedItem {
        FeedItem {
            key: key.into(),
            title: key.into(),
            url: format!("https://feed.example/{key}"),
            published: Some(Utc.timestamp_opt(secs, 0).unwrap()),
            feed: "https://feed.example/rss".into(),
        }
    }

    /// Simulate delivering `n` posts, recording seen keys the way the core does.
    fn run(channel: &str, cat: &[Item], fd: &[FeedItem], tags: &[String], n: usize) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for _ in 0..n {
            let p = pick(channel, cat, fd, tags, &seen).unwrap();
            if p.new_round {
                seen.retain(|k| !cat.iter().any(|i| &i.id == k));
            }
            seen.insert(p.choice.key());
            out.push(p.choice.key());
        }
        out
    }

    #[test]
    fn no_repeat_until_every_matching_item_seen() {
        let cat: Vec<Item> = (0..10).map(|i| item(&format!("i{i}"), &["ecg"])).collect();
        let order = run("room-a", &cat, &[], &[], 25);
        let first: BTreeSet<_> = order[..10].iter().collect();
        assert_eq!(first.len(), 10, "first round repeats: {order:?}");
        let second: BTreeSet<_> = order[10..20].iter().collect();
        assert_eq!(second.len(), 10);
        // Deterministic: the same inputs give the same sequence.
        assert_eq!(order, run("room-a", &cat, &[], &[], 25));
        // Another channel gets a different order.
        assert_ne!(order[..10], run("room-b", &cat, &[], &[], 10)[..]);
    }

    #[test]
    fn tags_filter_and_feed_items_go_first_newest_first() {
        let cat = vec![
            item("e1", &["ecg"]),
            item("p1", &["paediatrics"]),
            item("p2", &["paediatrics"]),
        ];
        let fd = vec![feed("old", 100), feed("new", 200)];
        let tags = vec!["paediatrics".to_string()];
        let order = run("c", &cat, &fd, &tags, 5);
        assert_eq!(order[0], "new");
        assert_eq!(order[1], "old");
        let rest: BTreeSet<_> = order[2..4].iter().cloned().collect();
        assert_eq!(rest, ["p1".to_string(), "p2".to_string()].into());
        assert!(!order.contains(&"e1".to_string()));
    }

    #[test]
    fn nothing_matches_gives_none() {
        let cat = vec![item("e1", &["ecg"])];
        assert!(pick("c", &cat, &[], &["radiology".into()], &BTreeSet::new()).is_none());
    }
}
