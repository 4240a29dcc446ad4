//! `foamed ...` chat commands (the daily #FOAMed item) and the digest's
//! state held by the [`Bot`].
//!
//! Commands (the same text on every platform):
//! - `foamed subscribe [HH:MM] [timezone] [tags...]` (moderators; defaults
//!   08:00 Europe/London, all tags)
//! - `foamed unsubscribe` (moderators)
//! - `foamed now`: today's item for this channel, on demand
//! - `foamed status`, `foamed topics`
//! - `foamed feed add|remove <url>`, `foamed feed list` (moderators change)

use std::collections::BTreeSet;
use std::sync::Arc;

use caldicott_digest::rotation::{Choice, Pick};
use caldicott_digest::schedule::latest_due_day;
use caldicott_digest::{Catalogue, FeedItem, KNOWN_TAGS, next_post, parse_hhmm, parse_tz, pick};
use caldicott_store::digest::{DigestStore, Subscription};
use caldicott_store::{Batch, StoreExt};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, SecondsFormat, Utc};
use chrono_tz::Tz;

use crate::{Action, Bot, ChannelRef, Incoming, TEXT_MAX_CHARS, render};

/// Default local post time.
pub const DEFAULT_AT: &str = "08:00";
/// Default channel time zone.
pub const DEFAULT_TZ: &str = "Europe/London";
/// Default catch-up window after downtime.
pub const DEFAULT_GRACE_MINUTES: i64 = 180;
/// Default for how long a platform remembers an idempotency key. Discord
/// forgets nonces within minutes and Synapse transaction ids after about 30
/// minutes, so the default is the shorter.
pub const DEFAULT_IDEMPOTENCY_MEMORY_MINUTES: i64 = 5;
/// Wait this long for a delivery report before resending (same key).
pub const DEFAULT_RETRY_AFTER_SECONDS: i64 = 60;
/// Most feeds one channel may add.
pub const MAX_CHANNEL_FEEDS: usize = 10;

const USAGE: &str = "#FOAMed daily item commands:\n\
`foamed subscribe [HH:MM] [timezone] [tags...]`: a daily post here (moderators; default 08:00 Europe/London, all topics)\n\
`foamed unsubscribe`: stop the daily post (moderators)\n\
`foamed now`: today's item for this channel\n\
`foamed status`: this channel's subscription\n\
`foamed topics`: the topic tags\n\
`foamed feed add|remove <url>`, `foamed feed list`: extra RSS/Atom feeds (moderators change)";

const NOT_MODERATOR: &str = "Only this channel's moderators can change its #FOAMed subscription.";
const IN_A_CHANNEL: &str = "Subscriptions belong to a channel: use this command in the channel.";

/// Deployment-wide digest settings (from the config file).
#[derive(Debug, Clone)]
pub struct DigestConfig {
    /// After downtime, a missed post is made if the bot is back within
    /// this long of the post time; older days are skipped, never flooded.
    pub grace: Duration,
    /// How long the platform remembers an idempotency key; an unconfirmed
    /// post older than this is reconciled before any retry.
    pub idempotency_memory: Duration,
    /// Wait this long for a delivery report before resending (same key).
    pub retry_after: Duration,
    /// Feeds every subscribed channel gets (RSS/Atom URLs).
    pub feeds: Vec<String>,
}

impl Default for DigestConfig {
    fn default() -> Self {
        DigestConfig {
            grace: Duration::minutes(DEFAULT_GRACE_MINUTES),
            idempotency_memory: Duration::minutes(DEFAULT_IDEMPOTENCY_MEMORY_MINUTES),
            retry_after: Duration::seconds(DEFAULT_RETRY_AFTER_SECONDS),
            feeds: Vec::new(),
        }
    }
}

/// The digest's state held by the [`Bot`]: the catalogue and its settings.
/// Set with [`Bot::with_digest`].
#[derive(Debug, Clone)]
pub struct Digest {
    catalogue: Arc<Catalogue>,
    load_error: Option<String>,
    config: DigestConfig,
}

impl Default for Digest {
    fn default() -> Self {
        Digest::new(DigestConfig::default())
    }
}

impl Digest {
    /// The embedded catalogue with `config`. A catalogue that fails to load
    /// leaves the digest empty and the reason in [`Digest::load_error`].
    pub fn new(config: DigestConfig) -> Digest {
        let (catalogue, load_error) = match Catalogue::embedded() {
            Ok(c) => (c, None),
            Err(e) => (
                Catalogue::from_files(&[]).expect("an empty catalogue is valid"),
                Some(e.to_string()),
            ),
        };
        Digest {
            catalogue: Arc::new(catalogue),
            load_error,
            config,
        }
    }

    pub fn with_catalogue(mut self, catalogue: Catalogue) -> Digest {
        self.catalogue = Arc::new(catalogue);
        self.load_error = None;
        self
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }
    pub fn config(&self) -> &DigestConfig {
        &self.config
    }
    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }
}

/// A subscription's parsed zone and time.
pub(crate) fn when(sub: &Subscription) -> Option<(Tz, NaiveTime)> {
    Some((parse_tz(&sub.tz).ok()?, parse_hhmm(&sub.at).ok()?))
}

/// The feeds a channel reads: the deployment's and its own.
pub(crate) fn channel_feeds(bot: &Bot, sub: Option<&Subscription>) -> Vec<String> {
    let mut feeds: Vec<String> = bot.digest().config.feeds.clone();
    if let Some(s) = sub {
        feeds.extend(s.feeds.iter().cloned());
    }
    feeds.sort();
    feeds.dedup();
    feeds
}

/// Cached entries of the channel's feeds, as digest feed items.
pub(crate) fn feed_items(bot: &Bot, sub: Option<&Subscription>) -> Vec<FeedItem> {
    let mut out = Vec::new();
    for url in channel_feeds(bot, sub) {
        if let Ok(Some(cache)) = bot.store().feed_cache(&url) {
            out.extend(cache.entries.into_iter().map(|e| FeedItem {
                key: e.key,
                title: e.title,
                url: e.url,
                published: e.published,
                feed: url.clone(),
            }));
        }
    }
    out
}

/// What the channel would get next, given the store. Items of posts still
/// awaiting confirmation count as seen, so a post that turns out to have
/// been delivered after all is not followed by the same item.
pub(crate) fn next_pick<'a>(
    bot: &'a Bot,
    channel: &str,
    tags: &[String],
    feed: &'a [FeedItem],
    seen: &BTreeSet<String>,
) -> Option<Pick<'a>> {
    let mut seen = seen.clone();
    if let Ok(intents) = bot.store().intents(channel) {
        seen.extend(
            intents
                .into_iter()
                .filter(|i| i.delivered.is_none() && !i.abandoned)
                .map(|i| i.item),
        );
    }
    pick(channel, bot.digest().catalogue().items(), feed, tags, &seen)
}

/// The text of a daily post.
pub(crate) fn post_text(day: NaiveDate, choice: &Choice<'_>) -> String {
    let date = day.format("%a %-d %b");
    let text = match choice {
        Choice::Catalogue(i) => format!(
            "#FOAMed for {date}: {} ({})\n{}\n{}",
            i.title, i.source, i.teaser, i.url
        ),
        Choice::Feed(f) => {
            let host = url_host(&f.feed);
            format!(
                "#FOAMed for {date}: {} (new from {host})\n{}",
                f.title, f.url
            )
        }
    };
    render::clamp(&text, TEXT_MAX_CHARS)
}

fn url_host(u: &str) -> String {
    u.split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or(u)
        .to_string()
}

/// Answer `foamed <args...>` (args are the words after `foamed`).
pub fn handle_command(bot: &Bot, msg: &Incoming, args: &[&str], now: DateTime<Utc>) -> Vec<Action> {
    let text = match args {
        [] | ["help"] => USAGE.to_string(),
        ["subscribe", rest @ ..] => subscribe(bot, msg, rest, now),
        ["unsubscribe"] => unsubscribe(bot, msg),
        ["now"] => today(bot, msg, now),
        ["status"] => status(bot, msg, now),
        ["topics"] => topics(bot),
        ["feed", rest @ ..] => feed(bot, msg, rest),
        _ => format!("I don't know that `foamed` command.\n{USAGE}"),
    };
    vec![bot.reply(msg, text, false)]
}

fn subscribe(bot: &Bot, msg: &Incoming, args: &[&str], now: DateTime<Utc>) -> String {
    if msg.is_dm {
        return IN_A_CHANNEL.into();
    }
    if !msg.author_is_moderator {
        return NOT_MODERATOR.into();
    }
    let mut at: Option<&str> = None;
    let mut tz: Option<&str> = None;
    let mut tags: Vec<String> = Vec::new();
    for arg in args {
        let lower = arg.to_ascii_lowercase();
        if parse_hhmm(arg).is_ok() {
            if at.is_some() {
                return format!(
                    "Two times given (`{}` and `{arg}`): give one HH:MM.",
                    at.unwrap_or("")
                );
            }
            at = Some(arg);
        } else if arg.contains(':') && arg.chars().all(|c| c.is_ascii_digit() || c == ':') {
            return format!("`{arg}` is not a time: use 24-hour HH:MM, e.g. 07:30.");
        } else if arg.contains('/') || parse_tz(arg).is_ok() {
            if parse_tz(arg).is_err() {
                return format!(
                    "`{arg}` is not a time zone I know: use an IANA name such as Europe/London or America/New_York."
                );
            }
            tz = Some(arg);
        } else if lower == "all" {
            tags.clear();
        } else if KNOWN_TAGS.iter().any(|(t, _)| *t == lower) {
            if !tags.contains(&lower) {
                tags.push(lower);
            }
        } else {
            return format!("`{arg}` is not a topic tag. See `foamed topics` for the list.");
        }
    }
    let at = at.unwrap_or(DEFAULT_AT);
    let tz_name = tz.unwrap_or(DEFAULT_TZ);
    let (Ok(zone), Ok(time)) = (parse_tz(tz_name), parse_hhmm(at)) else {
        return "That time or zone is not valid.".into();
    };
    if !tags.is_empty() && bot.digest().catalogue().matching(&tags).next().is_none() {
        return "No catalogue items carry those tags yet; see `foamed topics`.".into();
    }
    let channel = msg.channel_ref().key();
    let existing = match bot.store().subscription(&channel) {
        Ok(s) => s,
        Err(e) => return store_trouble(&e),
    };
    // Never post for a day whose post time passed before subscribing; keep
    // the record of days already posted when re-subscribing.
    let passed = latest_due_day(zone, time, now);
    let last_day = existing
        .as_ref()
        .and_then(|s| s.last_day)
        .map_or(passed, |d| d.max(passed));
    let sub = Subscription {
        at: time.format("%H:%M").to_string(),
        tz: zone.name().to_string(),
        tags: tags.clone(),
        feeds: existing
            .as_ref()
            .map(|s| s.feeds.clone())
            .unwrap_or_default(),
        last_day: Some(last_day),
        created: existing.as_ref().map_or(now, |s| s.created),
    };
    let mut b = Batch::new();
    b.put(&channel, &sub);
    if let Err(e) = bot.store().apply_durably(b) {
        return store_trouble(&e);
    }
    let next = next_post(zone, time, now);
    format!(
        "Subscribed: a daily #FOAMed item here at {} {} ({}). Next post: {} ({}).",
        sub.at,
        sub.tz,
        tag_words(&tags),
        next.with_timezone(&zone).format("%a %-d %b %H:%M %Z"),
        next.to_rfc3339_opts(SecondsFormat::Secs, true)
    )
}

fn unsubscribe(bot: &Bot, msg: &Incoming) -> String {
    if msg.is_dm {
        return IN_A_CHANNEL.into();
    }
    if !msg.author_is_moderator {
        return NOT_MODERATOR.into();
    }
    let channel = msg.channel_ref().key();
    match bot.store().subscription(&channel) {
        Ok(None) => "This channel has no #FOAMed subscription.".into(),
        Ok(Some(_)) => {
            let mut b = Batch::new();
            b.remove(caldicott_store::digest::ns::SUBSCRIPTION, &channel);
            match bot.store().apply_durably(b) {
                Ok(()) => "Unsubscribed: no more daily #FOAMed posts here.".into(),
                Err(e) => store_trouble(&e),
            }
        }
        Err(e) => store_trouble(&e),
    }
}

fn today(bot: &Bot, msg: &Incoming, now: DateTime<Utc>) -> String {
    let channel = msg.channel_ref().key();
    let sub = bot.store().subscription(&channel).ok().flatten();
    let (zone, _) = sub
        .as_ref()
        .and_then(when)
        .unwrap_or((chrono_tz::Europe::London, NaiveTime::MIN));
    let day = now.with_timezone(&zone).date_naive();
    if let Ok(Some(intent)) = bot.store().intent(&channel, day) {
        return intent.text;
    }
    let tags = sub.as_ref().map(|s| s.tags.clone()).unwrap_or_default();
    let feed = feed_items(bot, sub.as_ref());
    let seen = bot.store().seen(&channel).unwrap_or_default();
    match next_pick(bot, &channel, &tags, &feed, &seen.items) {
        Some(p) => post_text(day, &p.choice),
        None => "No #FOAMed items match this channel's topics.".into(),
    }
}

fn status(bot: &Bot, msg: &Incoming, now: DateTime<Utc>) -> String {
    let channel = msg.channel_ref().key();
    let sub = match bot.store().subscription(&channel) {
        Ok(Some(s)) => s,
        Ok(None) => {
            return format!(
                "No daily #FOAMed post here. A moderator can start one with `foamed subscribe` ({} items in the catalogue).",
                bot.digest().catalogue().items().len()
            );
        }
        Err(e) => return store_trouble(&e),
    };
    let Some((zone, time)) = when(&sub) else {
        return "This channel's subscription has an invalid time or zone; subscribe again.".into();
    };
    let next = next_post(zone, time, now);
    let intents = bot.store().intents(&channel).unwrap_or_default();
    let last = intents.iter().rev().find(|i| i.delivered.is_some());
    let pending = intents
        .iter()
        .filter(|i| i.delivered.is_none() && !i.abandoned)
        .count();
    let seen = bot.store().seen(&channel).unwrap_or_default();
    let matching = bot.digest().catalogue().matching(&sub.tags).count();
    let seen_here = bot
        .digest()
        .catalogue()
        .matching(&sub.tags)
        .filter(|i| seen.items.contains(&i.id))
        .count();
    let mut lines = vec![
        format!(
            "Daily #FOAMed at {} {} ({}).",
            sub.at,
            sub.tz,
            tag_words(&sub.tags)
        ),
        format!(
            "Next post: {} ({}).",
            next.with_timezone(&zone).format("%a %-d %b %H:%M %Z"),
            next.to_rfc3339_opts(SecondsFormat::Secs, true)
        ),
        match last {
            Some(i) => format!("Last delivered: {} ({}).", i.day, i.item),
            None => "Nothing delivered yet.".into(),
        },
        format!(
            "This round: {seen_here} of {matching} matching items seen; {} rounds completed.",
            seen.rounds
        ),
    ];
    if pending > 0 {
        lines.push(format!("{pending} post(s) awaiting delivery confirmation."));
    }
    for url in channel_feeds(bot, Some(&sub)) {
        let line = match bot.store().feed_cache(&url) {
            Ok(Some(c)) => match &c.last_error {
                Some(e) => format!("Feed {url}: failing ({} in a row): {e}", c.failures),
                None => format!("Feed {url}: {} items cached.", c.entries.len()),
            },
            _ => format!("Feed {url}: not fetched yet."),
        };
        lines.push(line);
    }
    lines.join("\n")
}

fn topics(bot: &Bot) -> String {
    let mut lines = vec!["#FOAMed topic tags (items in the catalogue):".to_string()];
    for (tag, label, n) in bot.digest().catalogue().tag_counts() {
        lines.push(format!("`{tag}`: {label} ({n})"));
    }
    lines.push(
        "Subscribe to some with e.g. `foamed subscribe 07:30 Europe/London ecg paediatrics`."
            .into(),
    );
    lines.join("\n")
}

fn feed(bot: &Bot, msg: &Incoming, args: &[&str]) -> String {
    let channel = msg.channel_ref().key();
    let mut sub = match bot.store().subscription(&channel) {
        Ok(Some(s)) => s,
        Ok(None) => return "Subscribe this channel first (`foamed subscribe`).".into(),
        Err(e) => return store_trouble(&e),
    };
    match args {
        ["list"] | [] => {
            let feeds = channel_feeds(bot, Some(&sub));
            if feeds.is_empty() {
                "No feeds: this channel gets catalogue items only.".into()
            } else {
                format!("Feeds read for this channel:\n{}", feeds.join("\n"))
            }
        }
        [op @ ("add" | "remove"), url] => {
            if msg.is_dm {
                return IN_A_CHANNEL.into();
            }
            if !msg.author_is_moderator {
                return NOT_MODERATOR.into();
            }
            let url = url.trim_matches(|c| c == '<' || c == '>');
            let ok = url.starts_with("https://") || url.starts_with("http://");
            if !ok || url.len() > 500 || url.chars().any(char::is_whitespace) {
                return format!("`{url}` is not an http(s) feed URL.");
            }
            if *op == "add" {
                if sub.feeds.iter().any(|f| f == url) {
                    return "That feed is already on this channel.".into();
                }
                if sub.feeds.len() >= MAX_CHANNEL_FEEDS {
                    return format!("A channel can have at most {MAX_CHANNEL_FEEDS} feeds.");
                }
                sub.feeds.push(url.to_string());
            } else if let Some(ix) = sub.feeds.iter().position(|f| f == url) {
                sub.feeds.remove(ix);
            } else {
                return "That feed is not on this channel.".into();
            }
            let mut b = Batch::new();
            b.put(&channel, &sub);
            match bot.store().apply_durably(b) {
                Ok(()) if *op == "add" => format!("Added feed {url}: new items from it go first."),
                Ok(()) => format!("Removed feed {url}."),
                Err(e) => store_trouble(&e),
            }
        }
        _ => "Usage: `foamed feed add|remove <url>` or `foamed feed list`.".into(),
    }
}

fn tag_words(tags: &[String]) -> String {
    if tags.is_empty() {
        "all topics".into()
    } else {
        tags.join(", ")
    }
}

fn store_trouble(e: &caldicott_store::Error) -> String {
    format!("Sorry, I could not read or save this channel's subscription ({e}).")
}

/// Record the result of fetching a feed (done by the binary/adapter with
/// `caldicott_digest::fetch`): new entries replace the cache; failures
/// count up with the backoff the fetch layer chose.
pub fn feed_fetched(
    bot: &Bot,
    url: &str,
    entries: Option<Vec<FeedItem>>,
    state: &caldicott_digest::feed::FeedState,
    now: DateTime<Utc>,
) -> Result<(), crate::Error> {
    let mut cache = bot.store().feed_cache(url)?.unwrap_or_default();
    cache.etag = state.etag.clone();
    cache.last_modified = state.last_modified.clone();
    cache.failures = state.failures;
    cache.retry_after = state.retry_after;
    cache.last_error = state.last_error.clone();
    if state.last_error.is_none() {
        cache.last_success = Some(now);
    }
    if let Some(items) = entries {
        cache.entries = items
            .into_iter()
            .map(|i| caldicott_store::digest::FeedEntry {
                key: i.key,
                title: i.title,
                url: i.url,
                published: i.published,
            })
            .collect();
    }
    bot.store().put_record(url, &cache)?;
    Ok(())
}

/// Every feed URL the bot should fetch (deployment and channel feeds) with
/// its stored fetch state.
pub fn feeds_to_fetch(
    bot: &Bot,
) -> Result<Vec<(String, caldicott_digest::feed::FeedState)>, crate::Error> {
    let mut urls: BTreeSet<String> = bot.digest().config.feeds.iter().cloned().collect();
    for (_, sub) in bot.store().subscriptions()? {
        urls.extend(sub.feeds);
    }
    let mut out = Vec::new();
    for url in urls {
        let cache = bot.store().feed_cache(&url)?.unwrap_or_default();
        out.push((
            url,
            caldicott_digest::feed::FeedState {
                etag: cache.etag,
                last_modified: cache.last_modified,
                failures: cache.failures,
                retry_after: cache.retry_after,
                last_error: cache.last_error,
            },
        ));
    }
    Ok(out)
}

/// The channel a store key names (`platform:id`).
pub(crate) fn channel_from_key(key: &str) -> Option<ChannelRef> {
    let (p, id) = key.split_once(':')?;
    let platform = match p {
        "matrix" => crate::Platform::Matrix,
        "discord" => crate::Platform::Discord,
        "console" => crate::Platform::Console,
        _ => return None,
    };
    Some(ChannelRef::new(platform, id))
}
