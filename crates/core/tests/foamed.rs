//! The daily #FOAMed post through the core: commands, the scheduler, and
//! the exactly-once protocol (intent before send, delivered after, resend
//! within the platform's idempotency memory, reconcile after it), on the
//! memory and sled stores.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use caldicott_core::foamed::{Digest, DigestConfig};
use caldicott_core::{Action, Bot, BotConfig, ChannelRef, Incoming, Platform};
use caldicott_digest::Catalogue;
use caldicott_store::digest::DigestStore;
use caldicott_store::{MemoryStore, SledStore, Store};
use chrono::{DateTime, Duration, Utc};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn small_catalogue(n: usize) -> Catalogue {
    let mut text =
        String::from("[source]\nname = \"Test source\"\nhome = \"https://example.org\"\n\n");
    for i in 0..n {
        let tag = if i % 2 == 0 { "ecg" } else { "paediatrics" };
        text.push_str(&format!(
            "[[item]]\nid = \"item-{i:02}\"\ntitle = \"Item {i}\"\nurl = \"https://example.org/{i}\"\ntags = [\"{tag}\"]\nteaser = \"Teaser {i}.\"\nconfirmed = \"test\"\n\n"
        ));
    }
    Catalogue::from_files(&[(PathBuf::from("test.toml"), text)]).unwrap()
}

fn bot_with(store: Arc<dyn Store>, catalogue: Option<Catalogue>) -> Bot {
    let engine = Arc::new(caldicott_engine::Engine::builtin().unwrap());
    let guidance = Arc::new(
        caldicott_guidance::Guidance::builtin()
            .or_else(|_| caldicott_guidance::Guidance::from_files(&[]))
            .unwrap(),
    );
    let mut digest = Digest::new(DigestConfig::default());
    if let Some(c) = catalogue {
        digest = digest.with_catalogue(c);
    }
    Bot::new(engine, guidance, store, BotConfig::default()).with_digest(digest)
}

fn memory_bot(catalogue: Option<Catalogue>) -> Bot {
    bot_with(Arc::new(MemoryStore::new().unwrap()), catalogue)
}

fn cmd(bot: &Bot, channel: &str, text: &str, moderator: bool, now: DateTime<Utc>) -> String {
    let mut msg = Incoming::message(Platform::Console, channel, "m1", "alice", text);
    msg.author_is_moderator = moderator;
    let actions = bot.handle(&msg, now);
    let replies: Vec<String> = actions
        .into_iter()
        .filter_map(|a| match a {
            Action::Reply { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(replies.len(), 1, "{replies:?}");
    replies.into_iter().next().unwrap()
}

fn posts(actions: &[Action]) -> Vec<(String, String)> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::DailyPost {
                idempotency_key,
                text,
                ..
            } => Some((idempotency_key.clone(), text.clone())),
            _ => None,
        })
        .collect()
}

fn reconciles(actions: &[Action]) -> Vec<String> {
    actions
        .iter()
        .filter_map(|a| match a {
            Action::Reconcile {
                idempotency_key, ..
            } => Some(idempotency_key.clone()),
            _ => None,
        })
        .collect()
}

fn room() -> ChannelRef {
    ChannelRef::new(Platform::Console, "ward")
}

#[test]
fn subscribe_defaults_permissions_and_errors() {
    let bot = memory_bot(None);
    let now = utc("2025-01-15T12:00:00Z");
    let r = cmd(&bot, "ward", "!foamed subscribe", false, now);
    assert!(r.contains("moderators"), "{r}");
    let r = cmd(&bot, "ward", "!foamed subscribe", true, now);
    assert!(r.contains("08:00 Europe/London"), "{r}");
    assert!(r.contains("all topics"), "{r}");
    assert!(
        r.contains("2025-01-16T08:00:00Z"),
        "next post is tomorrow: {r}"
    );
    let r = cmd(&bot, "ward", "!foamed subscribe 25:00", true, now);
    assert!(r.contains("not a time"), "{r}");
    let r = cmd(
        &bot,
        "ward",
        "!foamed subscribe 07:30 Mars/Olympus",
        true,
        now,
    );
    assert!(r.contains("not a time zone"), "{r}");
    let r = cmd(&bot, "ward", "!foamed subscribe 07:30 astrology", true, now);
    assert!(r.contains("not a topic tag"), "{r}");
    let r = cmd(
        &bot,
        "ward",
        "!foamed subscribe 19:45 America/New_York ecg paediatrics",
        true,
        now,
    );
    assert!(
        r.contains("19:45 America/New_York (ecg, paediatrics)"),
        "{r}"
    );
    let r = cmd(&bot, "ward", "!foamed status", false, now);
    assert!(r.contains("19:45 America/New_York"), "{r}");
    assert!(r.contains("Next post"), "{r}");
    let r = cmd(&bot, "ward", "!foamed topics", false, now);
    assert!(
        r.contains("`ecg`") && r.contains("`ethics-professionalism`"),
        "{r}"
    );
    let r = cmd(&bot, "ward", "!foamed now", false, now);
    assert!(r.contains("#FOAMed for") && r.contains("https://"), "{r}");
    let r = cmd(&bot, "ward", "!foamed unsubscribe", false, now);
    assert!(r.contains("moderators"), "{r}");
    let r = cmd(&bot, "ward", "!foamed unsubscribe", true, now);
    assert!(r.contains("Unsubscribed"), "{r}");
    assert!(bot.tick(utc("2025-01-16T00:45:00Z")).is_empty());
}

/// One post per local day at the right instant; nothing before; an
/// undelivered post is resent with the same key while the platform
/// remembers it, then reconciled.
fn exactly_once_protocol(bot: &Bot) {
    let t0 = utc("2025-01-15T12:00:00Z");
    cmd(
        bot,
        "ward",
        "!foamed subscribe 08:00 Europe/London",
        true,
        t0,
    );
    assert!(bot.tick(utc("2025-01-16T07:59:00Z")).is_empty());
    let first = bot.tick(utc("2025-01-16T08:00:00Z"));
    let p = posts(&first);
    assert_eq!(p.len(), 1, "{first:?}");
    let (key, text) = p[0].clone();
    assert!(text.starts_with("#FOAMed for Thu 16 Jan"), "{text}");
    // The intent is in the store before the post leaves.
    let intent = bot.store().intents("console:ward").unwrap();
    assert_eq!(intent.len(), 1);
    assert_eq!(intent[0].idempotency_key, key);
    assert!(intent[0].delivered.is_none());
    // No report yet: nothing within the retry delay...
    assert!(bot.tick(utc("2025-01-16T08:00:30Z")).is_empty());
    // ...then the same post with the same key (platform still remembers it).
    let again = posts(&bot.tick(utc("2025-01-16T08:01:30Z")));
    assert_eq!(again, vec![(key.clone(), text.clone())]);
    // Past the idempotency memory: reconcile, never a blind resend.
    let late = bot.tick(utc("2025-01-16T08:10:00Z"));
    assert!(posts(&late).is_empty(), "{late:?}");
    assert_eq!(reconciles(&late), vec![key.clone()]);
    // Not asked again straight away.
    assert!(reconciles(&bot.tick(utc("2025-01-16T08:10:20Z"))).is_empty());
    // The post was not there: resend, fresh window.
    let resend = bot.reconciled(&room(), &key, false, utc("2025-01-16T08:11:00Z"));
    assert_eq!(posts(&resend), vec![(key.clone(), text.clone())]);
    // Delivered: marked, item seen, and nothing more today.
    bot.delivered(&room(), &key, utc("2025-01-16T08:11:01Z"))
        .unwrap();
    bot.delivered(&room(), &key, utc("2025-01-16T08:11:02Z"))
        .unwrap(); // idempotent
    let seen = bot.store().seen("console:ward").unwrap();
    assert_eq!(seen.items.len(), 1);
    for m in (12..=23 * 60).step_by(7) {
        let now = utc("2025-01-16T08:00:00Z") + Duration::minutes(m);
        assert!(bot.tick(now).is_empty(), "extra action at {now}");
    }
    // Next day: a new post, another item, another key.
    let next = posts(&bot.tick(utc("2025-01-17T08:00:10Z")));
    assert_eq!(next.len(), 1);
    assert_ne!(next[0].0, key);
    assert_ne!(
        next[0].1.lines().last(),
        text.lines().last(),
        "same link twice in a row"
    );
    // A reconcile that finds the post marks it delivered without a resend.
    let asked = bot.tick(utc("2025-01-17T08:30:00Z"));
    assert_eq!(reconciles(&asked), vec![next[0].0.clone()]);
    assert!(
        bot.reconciled(&room(), &next[0].0, true, utc("2025-01-17T08:30:01Z"))
            .is_empty()
    );
    assert_eq!(bot.store().seen("console:ward").unwrap().items.len(), 2);
    assert!(bot.tick(utc("2025-01-17T09:30:00Z")).is_empty());
}

#[test]
fn exactly_once_protocol_memory_store() {
    exactly_once_protocol(&memory_bot(None));
}

#[test]
fn exactly_once_protocol_sled_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    exactly_once_protocol(&bot_with(store, None));
}

#[test]
fn item_is_seen_only_when_delivered() {
    let bot = memory_bot(Some(small_catalogue(4)));
    cmd(
        &bot,
        "ward",
        "!foamed subscribe 08:00 UTC",
        true,
        utc("2025-01-01T09:00:00Z"),
    );
    let p = posts(&bot.tick(utc("2025-01-02T08:00:00Z")));
    let lost_link = p[0].1.lines().last().unwrap().to_string();
    // The platform never takes it; reconciliation past the grace window
    // abandons the day, and the item stays unseen.
    let asked = bot.tick(utc("2025-01-02T12:00:00Z"));
    let key = reconciles(&asked).pop().expect("reconcile");
    assert!(
        bot.reconciled(&room(), &key, false, utc("2025-01-02T12:00:01Z"))
            .is_empty()
    );
    assert!(bot.store().seen("console:ward").unwrap().items.is_empty());
    // Next day the same item is offered again (it was never seen).
    let p2 = posts(&bot.tick(utc("2025-01-03T08:00:00Z")));
    assert_eq!(p2[0].1.lines().last().unwrap(), lost_link);
}

#[test]
fn downtime_catches_up_once_within_grace_never_floods() {
    let bot = memory_bot(None);
    cmd(
        &bot,
        "ward",
        "!foamed subscribe 08:00 UTC",
        true,
        utc("2025-01-01T09:00:00Z"),
    );
    let p = posts(&bot.tick(utc("2025-01-02T08:00:00Z")));
    bot.delivered(&room(), &p[0].0, utc("2025-01-02T08:00:01Z"))
        .unwrap();
    // Down from the 2nd to 09:30 on the 7th (grace 3h): one catch-up post.
    let back = bot.tick(utc("2025-01-07T09:30:00Z"));
    let p = posts(&back);
    assert_eq!(p.len(), 1, "{back:?}");
    assert!(p[0].1.starts_with("#FOAMed for Tue 7 Jan"), "{}", p[0].1);
    bot.delivered(&room(), &p[0].0, utc("2025-01-07T09:30:01Z"))
        .unwrap();
    // Down again until 14:00 on the 9th: past grace, the 9th is skipped.
    assert!(bot.tick(utc("2025-01-09T14:00:00Z")).is_empty());
    assert_eq!(posts(&bot.tick(utc("2025-01-10T08:00:00Z"))).len(), 1);
}

#[test]
fn rotation_sees_every_matching_item_before_repeating() {
    let cat = small_catalogue(12); // 6 ecg, 6 paediatrics
    let bot = memory_bot(Some(cat));
    cmd(
        &bot,
        "ward",
        "!foamed subscribe 08:00 UTC ecg",
        true,
        utc("2025-01-01T09:00:00Z"),
    );
    let mut links = Vec::new();
    let mut day = utc("2025-01-02T08:00:00Z");
    for _ in 0..13 {
        let p = posts(&bot.tick(day));
        assert_eq!(p.len(), 1);
        bot.delivered(&room(), &p[0].0, day).unwrap();
        links.push(p[0].1.lines().last().unwrap().to_string());
        day += Duration::days(1);
    }
    let first: BTreeSet<_> = links[..6].iter().collect();
    let second: BTreeSet<_> = links[6..12].iter().collect();
    assert_eq!(first.len(), 6, "{links:?}");
    assert_eq!(first, second, "second round is the same set");
    for l in &links {
        let n: usize = l.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(n % 2, 0, "a paediatrics item in an ecg channel: {l}");
    }
    assert_eq!(bot.store().seen("console:ward").unwrap().rounds, 2);
}

#[test]
fn dst_days_post_once_each_with_ticks_every_minute() {
    let bot = memory_bot(Some(small_catalogue(40)));
    cmd(
        &bot,
        "ward",
        "!foamed subscribe 01:30 Europe/London",
        true,
        utc("2025-03-27T12:00:00Z"),
    );
    let mut by_day: BTreeMap<String, Vec<DateTime<Utc>>> = BTreeMap::new();
    let mut t = utc("2025-03-28T00:00:00Z");
    let windows = [
        (utc("2025-03-28T00:00:00Z"), utc("2025-04-01T00:00:00Z")),
        (utc("2025-10-24T00:00:00Z"), utc("2025-10-28T00:00:00Z")),
    ];
    for (from, to) in windows {
        t = t.max(from);
        while t < to {
            for (key, text) in posts(&bot.tick(t)) {
                bot.delivered(&room(), &key, t).unwrap();
                let day = text.split(':').next().unwrap().to_string();
                by_day.entry(day).or_default().push(t);
            }
            t += Duration::minutes(1);
        }
    }
    for (day, times) in &by_day {
        assert_eq!(times.len(), 1, "{day}: {times:?}");
    }
    // Spring day: 01:30 does not exist; posted at 02:00 BST = 01:00Z.
    assert_eq!(
        by_day["#FOAMed for Sun 30 Mar"],
        vec![utc("2025-03-30T01:00:00Z")]
    );
    // Autumn day: first 01:30 (BST) only.
    assert_eq!(
        by_day["#FOAMed for Sun 26 Oct"],
        vec![utc("2025-10-26T00:30:00Z")]
    );
    assert_eq!(by_day.len(), 8, "{:?}", by_day.keys());
}

#[test]
fn feed_items_go_first_and_failures_show_in_status() {
    use caldicott_digest::feed::FeedState;
    let bot = memory_bot(Some(small_catalogue(4)));
    let now = utc("2025-01-01T09:00:00Z");
    cmd(&bot, "ward", "!foamed subscribe 08:00 UTC", true, now);
    let r = cmd(
        &bot,
        "ward",
        "!foamed feed add https://blog.example/feed/",
        true,
        now,
    );
    assert!(r.contains("Added feed"), "{r}");
    let r = cmd(
        &bot,
        "ward",
        "!foamed feed add javascript:alert(1)",
        true,
        now,
    );
    assert!(r.contains("not an http"), "{r}");
    let jobs = caldicott_core::foamed::feeds_to_fetch(&bot).unwrap();
    assert_eq!(jobs.len(), 1);
    let body = br#"<rss version="2.0"><channel><title>b</title>
<item><title>Fresh post</title><link>https://blog.example/fresh</link><guid>f1</guid></item>
</channel></rss>"#;
    let items = caldicott_digest::parse_feed("https://blog.example/feed/", body).unwrap();
    let state = FeedState {
        etag: Some("\"e1\"".into()),
        ..FeedState::default()
    };
    caldicott_core::foamed::feed_fetched(
        &bot,
        "https://blog.example/feed/",
        Some(items),
        &state,
        now,
    )
    .unwrap();
    let p = posts(&bot.tick(utc("2025-01-02T08:00:00Z")));
    assert!(
        p[0].1.contains("Fresh post (new from blog.example)"),
        "{}",
        p[0].1
    );
    bot.delivered(&room(), &p[0].0, utc("2025-01-02T08:00:01Z"))
        .unwrap();
    let p = posts(&bot.tick(utc("2025-01-03T08:00:00Z")));
    assert!(
        p[0].1.contains("example.org/"),
        "catalogue after the feed item: {}",
        p[0].1
    );
    let failing = FeedState {
        failures: 2,
        last_error: Some("https://blog.example/feed/: timed out after 15s".into()),
        ..FeedState::default()
    };
    caldicott_core::foamed::feed_fetched(&bot, "https://blog.example/feed/", None, &failing, now)
        .unwrap();
    let r = cmd(
        &bot,
        "ward",
        "!foamed status",
        false,
        utc("2025-01-03T09:00:00Z"),
    );
    assert!(r.contains("failing (2 in a row)"), "{r}");
    // The feed moves on: the old entry's key is forgotten at the next delivery.
    let body2 = br#"<rss version="2.0"><channel><title>b</title>
<item><title>Newer post</title><link>https://blog.example/newer</link><guid>f2</guid></item>
</channel></rss>"#;
    let items2 = caldicott_digest::parse_feed("https://blog.example/feed/", body2).unwrap();
    let old_key = bot
        .store()
        .seen("console:ward")
        .unwrap()
        .items
        .into_iter()
        .find(|k| k.starts_with("feed:"))
        .expect("the first feed item was seen");
    caldicott_core::foamed::feed_fetched(
        &bot,
        "https://blog.example/feed/",
        Some(items2),
        &state,
        now,
    )
    .unwrap();
    bot.delivered(&room(), &p[0].0, utc("2025-01-03T08:00:01Z"))
        .unwrap();
    let p = posts(&bot.tick(utc("2025-01-04T08:00:00Z")));
    assert!(p[0].1.contains("Newer post"), "{}", p[0].1);
    bot.delivered(&room(), &p[0].0, utc("2025-01-04T08:00:01Z"))
        .unwrap();
    let seen = bot.store().seen("console:ward").unwrap().items;
    assert!(!seen.contains(&old_key), "{seen:?}");
    assert_eq!(
        seen.iter().filter(|k| k.starts_with("feed:")).count(),
        1,
        "{seen:?}"
    );
    let r = cmd(
        &bot,
        "ward",
        "!foamed subscribe 08:00 europe/london",
        true,
        utc("2025-01-04T09:00:00Z"),
    );
    assert!(r.contains("Europe/London"), "{r}");
}

#[test]
fn an_unconfirmed_post_is_not_followed_by_the_same_item() {
    let bot = memory_bot(Some(small_catalogue(6)));
    cmd(
        &bot,
        "ward",
        "!foamed subscribe 08:00 UTC",
        true,
        utc("2025-01-01T09:00:00Z"),
    );
    let day1 = posts(&bot.tick(utc("2025-01-02T08:00:00Z")));
    // No report for day 1; day 2 comes (the old intent is superseded).
    let day2 = bot.tick(utc("2025-01-03T08:00:00Z"));
    let p2 = posts(&day2);
    assert_eq!(p2.len(), 1, "{day2:?}");
    assert_ne!(
        p2[0].1.lines().last(),
        day1[0].1.lines().last(),
        "same item while day 1 is unconfirmed"
    );
    // Day 1's post turns out to exist: it is recorded, not resent.
    assert_eq!(reconciles(&day2), vec![day1[0].0.clone()]);
    assert!(
        bot.reconciled(&room(), &day1[0].0, true, utc("2025-01-03T08:00:01Z"))
            .is_empty()
    );
    bot.delivered(&room(), &p2[0].0, utc("2025-01-03T08:00:02Z"))
        .unwrap();
    assert_eq!(bot.store().seen("console:ward").unwrap().items.len(), 2);
}
