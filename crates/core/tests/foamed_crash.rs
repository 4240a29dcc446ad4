//! Crash test for the exactly-once daily post: a real child process with a
//! sled store is SIGKILLed between recording the intent and delivery (and
//! between sending and reporting delivery), restarted after some downtime,
//! and the channel history shows exactly one post per local day.
//!
//! The child is this test binary re-executed with `CALDICOTT_CRASH_CHILD`
//! set. It plays the bot and a fake platform: sending appends the post's
//! idempotency key to a ledger file (the channel's history); the platform
//! drops a resend with a key it saw within its idempotency memory, and
//! forgets keys after that (so a blind resend later would double-post).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use caldicott_core::foamed::{Digest, DigestConfig};
use caldicott_core::{Action, Bot, BotConfig, ChannelRef, Incoming, Platform};
use caldicott_store::SledStore;
use caldicott_store::digest::DigestStore;
use chrono::{DateTime, Duration, Utc};

const CHILD: &str = "CALDICOTT_CRASH_CHILD";
const PLATFORM_MEMORY_MINUTES: i64 = 5;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn start() -> DateTime<Utc> {
    utc("2025-03-26T00:00:00Z")
}

fn end() -> DateTime<Utc> {
    utc("2025-04-02T00:00:00Z")
}

/// The fake platform's channel history: `key<TAB>sent-at` lines.
fn ledger(path: &Path) -> Vec<(String, DateTime<Utc>)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (k, t) = l.split_once('\t')?;
            Some((k.to_string(), utc(t)))
        })
        .collect()
}

/// Send with idempotency: a key seen within the memory window is a no-op.
fn platform_send(path: &Path, key: &str, now: DateTime<Utc>) {
    let dup = ledger(path)
        .iter()
        .any(|(k, t)| k == key && now - *t < Duration::minutes(PLATFORM_MEMORY_MINUTES));
    if dup {
        return;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    writeln!(f, "{key}\t{}", now.to_rfc3339()).unwrap();
    f.sync_all().unwrap();
}

fn marker(what: &str, now: DateTime<Utc>, kill: &str, counts: &mut (u32, u32)) {
    let n = if what == "INTENT" {
        counts.0 += 1;
        counts.0
    } else {
        counts.1 += 1;
        counts.1
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{what} {n} {}", now.to_rfc3339()).unwrap();
    out.flush().unwrap();
    if kill == format!("{}:{n}", what.to_lowercase()) {
        // Wait to be killed by the parent; never deliver. A parent that
        // never kills (a bug) must not hang the suite.
        std::thread::sleep(std::time::Duration::from_secs(60));
        std::process::exit(3);
    }
}

/// The child: run the bot from `FROM` to the end of the simulation.
#[test]
fn crash_child_entry() {
    let Ok(dir) = std::env::var(CHILD) else {
        return; // only meaningful when spawned by the parent test
    };
    let dir = PathBuf::from(dir);
    let from = utc(&std::env::var("CRASH_FROM").unwrap());
    let kill = std::env::var("CRASH_KILL").unwrap_or_default();
    let ledger_path = dir.join("ledger.tsv");
    let store = Arc::new(SledStore::open(&dir.join("data")).unwrap());
    let engine = Arc::new(caldicott_engine::Engine::builtin().unwrap());
    let guidance = Arc::new(caldicott_guidance::Guidance::builtin().unwrap());
    let config = DigestConfig {
        idempotency_memory: Duration::minutes(PLATFORM_MEMORY_MINUTES),
        ..DigestConfig::default()
    };
    let bot =
        Bot::new(engine, guidance, store, BotConfig::default()).with_digest(Digest::new(config));
    let room = ChannelRef::new(Platform::Console, "ward");
    if bot.store().subscription("console:ward").unwrap().is_none() {
        let mut msg = Incoming::message(
            Platform::Console,
            "ward",
            "m0",
            "mod",
            "!foamed subscribe 01:30 Europe/London",
        );
        msg.author_is_moderator = true;
        bot.handle(&msg, from);
    }
    let mut counts = (0, 0);
    let mut now = from;
    while now < end() {
        let mut queue = bot.tick(now);
        while let Some(action) = queue.pop() {
            match action {
                Action::DailyPost {
                    idempotency_key, ..
                } => {
                    marker("INTENT", now, &kill, &mut counts);
                    platform_send(&ledger_path, &idempotency_key, now);
                    marker("SENT", now, &kill, &mut counts);
                    bot.delivered(&room, &idempotency_key, now).unwrap();
                }
                Action::Reconcile {
                    idempotency_key, ..
                } => {
                    let exists = ledger(&ledger_path)
                        .iter()
                        .any(|(k, _)| *k == idempotency_key);
                    queue.extend(bot.reconciled(&room, &idempotency_key, exists, now));
                }
                Action::Diagnostic { message } => panic!("diagnostic: {message}"),
                _ => {}
            }
        }
        now += Duration::minutes(1);
    }
    println!("DONE {}", now.to_rfc3339());
}

struct Life {
    kill: &'static str,
    /// Downtime after the kill, before the restart.
    down_minutes: i64,
}

#[test]
fn sigkill_between_intent_and_delivery_still_posts_once_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    // Kill points across the week (including the spring-forward night, when
    // 01:30 does not exist): after the intent, after the send, with
    // restarts inside and outside the platform's idempotency memory.
    let lives = [
        Life {
            kill: "intent:1",
            down_minutes: 2,
        },
        Life {
            kill: "sent:1",
            down_minutes: 1,
        },
        Life {
            kill: "sent:1",
            down_minutes: 45,
        },
        Life {
            kill: "intent:1",
            down_minutes: 30,
        },
        Life {
            kill: "intent:2",
            down_minutes: 0,
        },
        Life {
            kill: "sent:2",
            down_minutes: 3,
        },
        Life {
            kill: "",
            down_minutes: 0,
        },
    ];
    let mut from = start();
    let mut kills = 0;
    for life in &lives {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_child_entry",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD, dir.path())
            .env("CRASH_FROM", from.to_rfc3339())
            .env("CRASH_KILL", life.kill)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut killed_at = None;
        let mut done = false;
        for line in stdout.lines() {
            let line = line.unwrap();
            // The harness may print `test crash_child_entry ... ` on the same
            // line, so look for the marker anywhere in it.
            let words: Vec<&str> = line.split_whitespace().collect();
            let at = words
                .iter()
                .position(|w| matches!(*w, "INTENT" | "SENT" | "DONE"))
                .unwrap_or(words.len());
            let mut parts = words[at..].iter().copied();
            match (parts.next(), parts.next(), parts.next()) {
                (Some(what @ ("INTENT" | "SENT")), Some(n), Some(t))
                    if life.kill == format!("{}:{n}", what.to_lowercase()) =>
                {
                    child.kill().unwrap(); // SIGKILL
                    kills += 1;
                    killed_at = Some(utc(t));
                    break;
                }
                (Some("DONE"), _, _) => done = true,
                _ => {}
            }
        }
        let status = child.wait().unwrap();
        match killed_at {
            Some(t) => {
                assert!(!status.success());
                from = t + Duration::minutes(life.down_minutes);
            }
            None => {
                assert!(status.success() && done, "child failed: {status}");
                break;
            }
        }
    }
    assert_eq!(kills, lives.len() - 1, "every planned kill happened");

    // Exactly one post per local day, every day of the week.
    let posts = ledger(&dir.path().join("ledger.tsv"));
    let mut keys: Vec<&str> = posts.iter().map(|(k, _)| k.as_str()).collect();
    let total = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), total, "a post was sent twice: {posts:?}");
    let mut days: Vec<String> = posts
        .iter()
        .map(|(_, t)| {
            t.with_timezone(&chrono_tz::Europe::London)
                .date_naive()
                .to_string()
        })
        .collect();
    days.dedup();
    assert_eq!(days.len(), total, "two posts on one local day: {posts:?}");
    assert_eq!(
        days,
        [
            "2025-03-26",
            "2025-03-27",
            "2025-03-28",
            "2025-03-29",
            "2025-03-30",
            "2025-03-31",
            "2025-04-01"
        ],
        "{posts:?}"
    );
    // And the store agrees: every intent delivered, none pending.
    let store = SledStore::open(&dir.path().join("data")).unwrap();
    let intents = store.intents("console:ward").unwrap();
    assert_eq!(intents.len(), 7);
    assert!(intents.iter().all(|i| i.delivered.is_some()), "{intents:?}");
}
