//! The harness: the Discord API double, the real core on a sled store in a
//! temporary data directory, the adapter with serenity pointed at the double,
//! and every log line captured.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use caldicott_core::{Bot, BotConfig};
use caldicott_discord::{Adapter, DiscordConfig, Token};
use caldicott_discord_double::{self as double, DiscordDouble, User, perms};
use caldicott_engine::Engine;
use caldicott_guidance::Guidance;
use caldicott_store::SledStore;
use serde_json::Value;

pub const TOKEN: &str = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.double.not-a-real-token";
/// A valid NHS number (modulus 11) and a patient name, planted in messages.
pub const NHS: &str = "943 476 5919";
pub const NHS_DIGITS: &str = "9434765919";
pub const PATIENT: &str = "Patel";
pub const PLANTED: &str = "Mrs Patel in bed 4, NHS number 943 476 5919, BP dropping";
pub const WAIT: Duration = Duration::from_secs(15);

/// Every log line of the test process.
pub fn logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = {
            let buf = buf.clone();
            move || Capture(buf.clone())
        };
        let filter =
            tracing_subscriber::EnvFilter::new(format!("debug,{}", caldicott_discord::LOG_FILTER));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(writer)
            .with_ansi(false)
            .try_init();
        buf
    })
    .clone()
}

struct Capture(Arc<Mutex<Vec<u8>>>);
impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct Harness {
    pub double: DiscordDouble,
    pub adapter: Arc<Adapter>,
    pub data: tempfile::TempDir,
    pub alice: User,
    pub bob: User,
    pub moderator: User,
    pub bot: Arc<Bot>,
    client: tokio::task::JoinHandle<()>,
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.client.abort();
    }
}

fn engine() -> Arc<Engine> {
    static E: OnceLock<Arc<Engine>> = OnceLock::new();
    E.get_or_init(|| Arc::new(Engine::builtin().expect("rules load")))
        .clone()
}

fn guidance() -> Arc<Guidance> {
    static G: OnceLock<Arc<Guidance>> = OnceLock::new();
    G.get_or_init(|| Arc::new(Guidance::builtin().expect("guidance loads")))
        .clone()
}

pub fn guidance_index() -> Arc<Guidance> {
    guidance()
}

pub async fn start() -> Harness {
    logs();
    let double = DiscordDouble::start(TOKEN).await.expect("double starts");
    let data = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(&data.path().join("store")).expect("sled opens"));
    let config = BotConfig {
        self_ids: vec![double::BOT_USER_ID.to_string()],
        ..BotConfig::default()
    };
    let bot = Arc::new(Bot::new(engine(), guidance(), store, config));
    let dc = DiscordConfig {
        token: Some(Token::new(TOKEN)),
        application_id: Some(double::APPLICATION_ID),
        dev_guild: Some(double::GUILD_ID),
        api_base: Some(double.api_base().to_string()),
        ..DiscordConfig::default()
    };
    let (adapter, mut client) = caldicott_discord::build(bot.clone(), dc)
        .await
        .expect("client builds");
    let client = tokio::spawn(async move {
        if let Err(e) = client.start().await {
            eprintln!("client stopped: {e}");
        }
    });
    assert!(
        double.wait_ready(WAIT).await,
        "the bot identified with the double: {:#?}\n{}",
        summary(&double),
        log_text()
    );
    // Commands are registered on READY; wait for them so interactions find ids.
    double
        .wait_request(0, WAIT, |r| {
            r.method == "PUT" && r.path.contains("/guilds/") && r.path.ends_with("/commands")
        })
        .await
        .expect("commands registered");
    let alice = double.add_user(1_100_000_000_000_001_001, "alice", perms::MEMBER);
    let bob = double.add_user(1_100_000_000_000_001_002, "bob", perms::MEMBER);
    let moderator = double.add_user(1_100_000_000_000_001_003, "sister_mod", perms::MODERATOR);
    Harness {
        double,
        adapter,
        data,
        alice,
        bob,
        moderator,
        bot,
        client,
    }
}

impl Harness {
    /// Wait for the bot's post in `channel` satisfying `f`, from request `from` on.
    pub async fn wait_post(&self, from: usize, channel: u64, f: impl Fn(&Value) -> bool) -> Value {
        let path = format!("/channels/{channel}/messages");
        self.double
            .wait_request(from, WAIT, |r| {
                r.method == "POST" && r.path == path && r.status == 200 && f(&r.body)
            })
            .await
            .unwrap_or_else(|| {
                panic!(
                    "no matching post in {channel}; requests: {:#?}",
                    summary(&self.double)
                )
            })
            .body
    }

    /// Wait for the callback answering `interaction`.
    pub async fn wait_answer(&self, interaction: u64) -> Value {
        self.double
            .wait_interaction_response(interaction, WAIT)
            .await
            .unwrap_or_else(|| {
                panic!(
                    "interaction {interaction} unanswered; requests: {:#?}",
                    summary(&self.double)
                )
            })
    }

    /// Every byte of the data directory and the captured logs: the planted
    /// identifier and name must be in none of them.
    pub fn assert_nothing_planted_leaked(&self) {
        assert_not_in_dir(self.data.path());
        let logs = logs().lock().unwrap_or_else(|e| e.into_inner()).clone();
        assert!(!logs.is_empty(), "logs were captured");
        for needle in [NHS, NHS_DIGITS, PATIENT, PLANTED] {
            assert!(
                find(&logs, needle.as_bytes()).is_none(),
                "`{needle}` found in captured logs"
            );
        }
    }
}

pub fn summary(d: &DiscordDouble) -> Vec<String> {
    d.requests()
        .iter()
        .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
        .collect()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn assert_not_in_dir(dir: &Path) {
    let mut files = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files += 1;
                let bytes = std::fs::read(&p).unwrap();
                for needle in [NHS, NHS_DIGITS, PATIENT, PLANTED] {
                    assert!(
                        find(&bytes, needle.as_bytes()).is_none(),
                        "`{needle}` found in {}",
                        p.display()
                    );
                }
            }
        }
    }
    assert!(files > 0, "the data directory holds the store");
}

/// The custom id of the first button of a message body.
pub fn button_ids(body: &Value) -> Vec<String> {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect()
}

pub fn button_labels(body: &Value) -> Vec<String> {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["label"].as_str().map(str::to_string))
        .collect()
}

/// A message object as the double stored it (for a click on its button).
pub fn stored(d: &DiscordDouble, channel: u64, body: &Value) -> Value {
    let _ = body;
    d.channel_messages(channel)
        .last()
        .cloned()
        .expect("a stored message")
}

pub const EPHEMERAL: u64 = 1 << 6;

pub fn log_text() -> String {
    let bytes = logs().lock().unwrap_or_else(|e| e.into_inner()).clone();
    String::from_utf8_lossy(&bytes).into_owned()
}
