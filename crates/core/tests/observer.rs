//! The operations observer (metrics) sees counts and wire names of what the
//! core decides, and `tick_for` keeps each platform to its own channels.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use caldicott_core::{Action, Bot, BotConfig, Incoming, Observer, Platform};
use caldicott_engine::Engine;
use caldicott_guidance::Guidance;
use caldicott_store::MemoryStore;
use chrono::{TimeZone, Utc};

type Scans = Vec<(Platform, Vec<(&'static str, &'static str)>)>;

#[derive(Debug, Default)]
struct Seen {
    scanned: Mutex<Scans>,
    decided: Mutex<Vec<&'static str>>,
    disputed: Mutex<Vec<String>>,
}

impl Observer for Seen {
    fn scanned(
        &self,
        platform: Platform,
        _took: Duration,
        findings: &[(&'static str, &'static str)],
    ) {
        self.scanned
            .lock()
            .unwrap()
            .push((platform, findings.to_vec()));
    }
    fn decided(&self, _platform: Platform, actions: &[Action]) {
        self.decided
            .lock()
            .unwrap()
            .extend(actions.iter().map(Action::kind));
    }
    fn disputed(&self, rule: &str) {
        self.disputed.lock().unwrap().push(rule.to_string());
    }
}

#[test]
fn observer_counts_scans_findings_actions_and_disputes() {
    let seen = Arc::new(Seen::default());
    let bot = Bot::new(
        Arc::new(Engine::builtin().unwrap()),
        Arc::new(Guidance::builtin().unwrap()),
        Arc::new(MemoryStore::new().unwrap()),
        BotConfig::default(),
    )
    .with_observer(seen.clone());
    let now = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
    let clean = Incoming::message(
        Platform::Matrix,
        "!w:l",
        "$1",
        "@a:l",
        "handover at 5 please",
    );
    let planted = Incoming::message(
        Platform::Matrix,
        "!w:l",
        "$2",
        "@a:l",
        "NHS number 943 476 5919 in bay 3",
    );
    assert!(bot.handle(&clean, now).is_empty());
    let actions = bot.handle(&planted, now);
    let note_id = actions
        .iter()
        .find_map(|a| match a {
            Action::PrivateNote { note_id, .. } => Some(note_id.clone()),
            _ => None,
        })
        .expect("a private note");
    let scanned = seen.scanned.lock().unwrap().clone();
    assert_eq!(scanned.len(), 2);
    assert!(scanned[0].1.is_empty());
    assert!(
        scanned[1].1.iter().any(|(c, _)| *c == "patient_direct"),
        "{scanned:?}"
    );
    assert!(seen.decided.lock().unwrap().contains(&"private_note"));
    let dispute = Incoming::message(
        Platform::Matrix,
        "!w:l",
        "$3",
        "@a:l",
        format!("!caldicott dispute {note_id}"),
    );
    bot.handle(&dispute, now);
    assert!(
        !seen.disputed.lock().unwrap().is_empty(),
        "dispute observed"
    );
}

#[test]
fn tick_for_keeps_to_one_platform() {
    let bot = Bot::new(
        Arc::new(Engine::builtin().unwrap()),
        Arc::new(Guidance::builtin().unwrap()),
        Arc::new(MemoryStore::new().unwrap()),
        BotConfig::default(),
    );
    let t = Utc.with_ymd_and_hms(2026, 1, 5, 7, 0, 0).unwrap();
    for (platform, ch) in [(Platform::Matrix, "!m:l"), (Platform::Discord, "42")] {
        let mut m = Incoming::message(
            platform,
            ch,
            "x",
            "mod",
            "!foamed subscribe 08:00 Europe/London",
        );
        m.author_is_moderator = true;
        bot.handle(&m, t);
    }
    let at = Utc.with_ymd_and_hms(2026, 1, 5, 8, 1, 0).unwrap();
    let matrix = bot.tick_for(Platform::Matrix, at);
    let posts = |v: &[Action], p: Platform| {
        v.iter()
            .filter(|a| matches!(a, Action::DailyPost { channel, .. } if channel.platform == p))
            .count()
    };
    assert_eq!(posts(&matrix, Platform::Matrix), 1, "{matrix:?}");
    assert_eq!(posts(&matrix, Platform::Discord), 0);
    let discord = bot.tick_for(Platform::Discord, at);
    assert_eq!(posts(&discord, Platform::Discord), 1, "{discord:?}");
    assert_eq!(posts(&discord, Platform::Matrix), 0);
}
