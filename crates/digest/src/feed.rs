//! Parsing operator-configured RSS/Atom/JSON feeds into [`FeedItem`]s. Pure:
//! bytes in, items out. The HTTP side is in `fetch` (feature `fetch`).
//!
//! Only the title and link of an entry are kept, never its summary or
//! content: feeds carry other people's text under their own licences.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Error;

/// Longest title kept from a feed entry, in characters.
pub const FEED_TITLE_MAX_CHARS: usize = 200;
/// Most entries kept from one feed document.
pub const FEED_MAX_ITEMS: usize = 200;

/// What the store keeps per feed between fetches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Consecutive failures; 0 after a success.
    pub failures: u32,
    /// Do not try again before this instant (set after a failure).
    pub retry_after: Option<DateTime<Utc>>,
    /// The last failure, for `foamed status`.
    pub last_error: Option<String>,
}

impl FeedState {
    /// Whether the feed may be fetched at `now` (backoff respected).
    pub fn may_fetch(&self, now: DateTime<Utc>) -> bool {
        self.retry_after.is_none_or(|t| now >= t)
    }

    /// Record a failure at `now` and schedule the next attempt.
    pub fn failed(&mut self, now: DateTime<Utc>, reason: &str, backoff: std::time::Duration) {
        self.failures = self.failures.saturating_add(1);
        let delay = chrono::Duration::from_std(backoff).unwrap_or_default();
        self.retry_after = Some(now + delay);
        self.last_error = Some(reason.to_owned());
    }
}

impl FeedState {
    /// Record a success: keep the validators, forget failures.
    pub fn succeeded(&mut self, etag: Option<String>, last_modified: Option<String>) {
        if etag.is_some() || last_modified.is_some() {
            self.etag = etag;
            self.last_modified = last_modified;
        }
        self.failures = 0;
        self.retry_after = None;
        self.last_error = None;
    }
}

/// The result of a successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: nothing new since the last fetch.
    NotModified,
    /// A new document, parsed; validators for the next conditional GET.
    Items {
        items: Vec<FeedItem>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// One entry from a feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedItem {
    /// Stable key: `feed:` + hex sha256 of the feed URL and the entry's GUID
    /// (or its link when it has no GUID).
    pub key: String,
    pub title: String,
    /// The entry's http(s) link.
    pub url: String,
    pub published: Option<DateTime<Utc>>,
    /// The feed it came from.
    pub feed: String,
}

/// Parse a feed document. Entries without an http(s) link are dropped;
/// entries are deduplicated by GUID and by link; titles are cleaned to one
/// line of printable text.
pub fn parse_feed(feed_url: &str, body: &[u8]) -> Result<Vec<FeedItem>, Error> {
    let parsed = feed_rs::parser::parse(body).map_err(|e| Error::FeedParse {
        url: feed_url.to_owned(),
        reason: e.to_string(),
    })?;
    let mut out = Vec::new();
    let mut ids = BTreeSet::new();
    let mut links = BTreeSet::new();
    for entry in parsed.entries {
        if out.len() >= FEED_MAX_ITEMS {
            break;
        }
        let Some(link) = entry
            .links
            .iter()
            .map(|l| l.href.trim())
            .find(|h| is_web_link(h))
        else {
            continue;
        };
        // feed-rs synthesises an id from the content when the entry has none,
        // which is stable for the same entry; prefer it, fall back to the link.
        let guid = if entry.id.trim().is_empty() {
            link.to_owned()
        } else {
            entry.id.trim().to_owned()
        };
        if !ids.insert(guid.clone()) || !links.insert(link.to_owned()) {
            continue;
        }
        let title = entry
            .title
            .map(|t| clean_title(&t.content))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| link.to_owned());
        let mut h = Sha256::new();
        h.update(feed_url.as_bytes());
        h.update([0]);
        h.update(guid.as_bytes());
        let digest = hex::encode(h.finalize());
        out.push(FeedItem {
            key: format!("feed:{}", &digest[..24]),
            title,
            url: link.to_owned(),
            published: entry.published.or(entry.updated),
            feed: feed_url.to_owned(),
        });
    }
    Ok(out)
}

fn is_web_link(h: &str) -> bool {
    url::Url::parse(h)
        .map(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
        .unwrap_or(false)
}

/// One line, no control characters, no markup, at most
/// [`FEED_TITLE_MAX_CHARS`] characters.
fn clean_title(raw: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if c.is_control() || c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    let t = out.trim();
    if t.chars().count() > FEED_TITLE_MAX_CHARS {
        let mut s: String = t.chars().take(FEED_TITLE_MAX_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        t.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>First &lt;b&gt;post&lt;/b&gt;</title><link>https://blog.example/1</link><guid>g1</guid>
<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate><description>Their text, not ours</description></item>
<item><title>Dup guid</title><link>https://blog.example/1b</link><guid>g1</guid></item>
<item><title>Dup link</title><link>https://blog.example/1</link><guid>g9</guid></item>
<item><title>Evil</title><link>javascript:alert(1)</link><guid>g2</guid></item>
<item><title>Second
  line</title><link>https://blog.example/2</link><guid>g3</guid></item>
</channel></rss>"#;

    #[test]
    fn rss_is_parsed_deduplicated_and_cleaned() {
        let items = parse_feed("https://blog.example/feed", RSS.as_bytes()).unwrap();
        let titles: Vec<_> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["First post", "Second line"]);
        assert!(items[0].key.starts_with("feed:"));
        assert!(items[0].published.is_some());
        // Stable keys; different feeds give different keys.
        let again = parse_feed("https://blog.example/feed", RSS.as_bytes()).unwrap();
        assert_eq!(items[0].key, again[0].key);
        let other = parse_feed("https://other.example/feed", RSS.as_bytes()).unwrap();
        assert_ne!(items[0].key, other[0].key);
        // Nothing of the description is kept.
        assert!(!format!("{items:?}").contains("Their text"));
    }

    #[test]
    fn garbage_is_an_error_naming_the_feed() {
        let err = parse_feed("https://x.example/feed", b"<html><body>nope").unwrap_err();
        assert!(err.to_string().contains("https://x.example/feed"));
    }

    #[test]
    fn long_titles_are_cut() {
        let t = clean_title(&"a".repeat(500));
        assert_eq!(t.chars().count(), FEED_TITLE_MAX_CHARS);
    }
}
