//! Test harness for the Matrix end-to-end tests: a real Synapse (started by
//! `scripts/synapse-dev.sh`), users registered through the shared-secret
//! admin API, "human" matrix-sdk clients that record what they see, and the
//! bot (the real adapter on the real core) in this process.

#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock},
    time::{Duration, Instant},
};

use caldicott_core::{
    Bot, BotConfig,
    foamed::{Digest, DigestConfig},
};
use caldicott_engine::Engine;
use caldicott_guidance::Guidance;
use caldicott_matrix::{MatrixBot, MatrixConfig, Options, Secret};
use caldicott_store::SledStore;
use hmac::{Hmac, Mac};
use matrix_sdk::{
    Client, Room,
    config::SyncSettings,
    ruma::{
        OwnedEventId, OwnedRoomId, OwnedUserId,
        events::{AnySyncTimelineEvent, room::member::StrippedRoomMemberEvent},
        serde::Raw,
    },
};
use serde_json::{Value, json};
use tokio::{sync::watch, task::JoinHandle};

/// Where the test Synapse is, from the environment `scripts/test.sh` sets.
#[derive(Debug, Clone)]
pub struct Synapse {
    pub url: String,
    secret: String,
    /// `scripts/synapse-dev.sh`, to stop and start the server mid-test.
    pub ctl: Option<PathBuf>,
}

pub const ENV_URL: &str = "CALDICOTT_TEST_HOMESERVER";
pub const ENV_SECRET: &str = "CALDICOTT_TEST_SYNAPSE_SECRET";
pub const ENV_SECRET_FILE: &str = "CALDICOTT_TEST_SYNAPSE_SECRET_FILE";
pub const ENV_CTL: &str = "CALDICOTT_TEST_SYNAPSE_CTL";

impl Synapse {
    /// The test Synapse, or `None` (after saying loudly why) when the
    /// environment does not name one. `scripts/test.sh` always sets it.
    pub fn from_env() -> Option<Synapse> {
        let Ok(url) = std::env::var(ENV_URL) else {
            eprintln!(
                "\n*** SKIPPED: no test homeserver. Set {ENV_URL} and {ENV_SECRET_FILE} \
                 (scripts/test.sh does: it starts Synapse with scripts/synapse-dev.sh) ***\n"
            );
            return None;
        };
        let secret = match (std::env::var(ENV_SECRET), std::env::var(ENV_SECRET_FILE)) {
            (Ok(s), _) if !s.is_empty() => s,
            (_, Ok(path)) => std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{ENV_SECRET_FILE}={path}: {e}"))
                .trim()
                .to_owned(),
            _ => panic!("{ENV_URL} is set but neither {ENV_SECRET} nor {ENV_SECRET_FILE} is"),
        };
        let ctl = std::env::var(ENV_CTL).ok().map(PathBuf::from);
        Some(Synapse { url, secret, ctl })
    }

    /// Registers a user through `/_synapse/admin/v1/register` (HMAC-SHA1
    /// over nonce, user, password, admin flag with the shared secret).
    pub async fn register(&self, localpart: &str, password: &str) -> OwnedUserId {
        let v = self.register_raw(localpart, password, false).await;
        v["user_id"].as_str().expect("user_id").parse().unwrap()
    }

    /// Registers a server admin; returns its access token.
    pub async fn register_admin(&self, localpart: &str, password: &str) -> String {
        let v = self.register_raw(localpart, password, true).await;
        v["access_token"].as_str().expect("access_token").to_owned()
    }

    /// Sets (`Some((per_second, burst))`) or removes (`None`) a per-user
    /// message rate limit through the admin API.
    pub async fn override_ratelimit(
        &self,
        admin_token: &str,
        user: &str,
        limit: Option<(u32, u32)>,
    ) {
        let http = matrix_sdk::reqwest::Client::new();
        let url = format!(
            "{}/_synapse/admin/v1/users/{user}/override_ratelimit",
            self.url
        );
        let req = match limit {
            Some((per_second, burst)) => http
                .post(&url)
                .header("content-type", "application/json")
                .body(json!({"messages_per_second": per_second, "burst_count": burst}).to_string()),
            None => http.delete(&url),
        };
        let resp = req
            .bearer_auth(admin_token)
            .send()
            .await
            .expect("override_ratelimit");
        assert!(
            resp.status().is_success(),
            "override_ratelimit: {}",
            resp.status()
        );
    }

    async fn register_raw(&self, localpart: &str, password: &str, admin: bool) -> Value {
        let http = matrix_sdk::reqwest::Client::new();
        let url = format!("{}/_synapse/admin/v1/register", self.url);
        let nonce: Value = json_of(http.get(&url).send().await.expect("GET register nonce")).await;
        let nonce = nonce["nonce"].as_str().expect("nonce").to_owned();
        let mut mac = Hmac::<sha1::Sha1>::new_from_slice(self.secret.as_bytes()).unwrap();
        mac.update(nonce.as_bytes());
        mac.update(b"\0");
        mac.update(localpart.as_bytes());
        mac.update(b"\0");
        mac.update(password.as_bytes());
        mac.update(b"\0");
        mac.update(if admin {
            b"admin".as_slice()
        } else {
            b"notadmin".as_slice()
        });
        let body = json!({
            "nonce": nonce,
            "username": localpart,
            "password": password,
            "admin": admin,
            "mac": hex::encode(mac.finalize().into_bytes()),
        });
        let resp = http
            .post(&url)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("POST register");
        let status = resp.status();
        let v: Value = json_of(resp).await;
        assert!(status.is_success(), "register {localpart}: {status}");
        v
    }

    /// Stops the homeserver (through the project's script).
    pub fn stop(&self) {
        self.ctl_run("stop");
    }

    /// Starts it again and waits until it answers.
    pub fn start(&self) {
        self.ctl_run("start");
    }

    fn ctl_run(&self, what: &str) {
        let ctl = self.ctl.as_ref().expect("ENV_CTL");
        let out = std::process::Command::new("bash")
            .arg(ctl)
            .arg(what)
            .output()
            .expect("run ctl");
        assert!(
            out.status.success(),
            "synapse-dev.sh {what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

async fn json_of(resp: matrix_sdk::reqwest::Response) -> Value {
    let bytes = resp.bytes().await.expect("body");
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

/// A unique suffix for user names, so reruns against one Synapse do not collide.
pub fn run_id() -> String {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap();
        format!(
            "{}{}",
            t.as_millis() % 100_000_000,
            std::process::id() % 1000
        )
    })
    .clone()
}

/// Something a human's client saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub at: Instant,
    pub room: OwnedRoomId,
    pub event: Value,
}

impl Seen {
    pub fn kind(&self) -> &str {
        self.event["type"].as_str().unwrap_or("")
    }
    pub fn sender(&self) -> &str {
        self.event["sender"].as_str().unwrap_or("")
    }
    pub fn body(&self) -> &str {
        self.event["content"]["body"].as_str().unwrap_or("")
    }
    pub fn msgtype(&self) -> &str {
        self.event["content"]["msgtype"].as_str().unwrap_or("")
    }
    pub fn event_id(&self) -> &str {
        self.event["event_id"].as_str().unwrap_or("")
    }
}

/// A person with a matrix-sdk client (in-memory stores, encryption on),
/// syncing in the background, joining every invite, recording every
/// timeline event it sees (decrypted).
pub struct Human {
    pub client: Client,
    pub user: OwnedUserId,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

impl Human {
    pub async fn login(hs: &Synapse, user: &OwnedUserId, password: &str) -> Human {
        let client = Client::builder()
            .homeserver_url(&hs.url)
            .build()
            .await
            .expect("client");
        client
            .matrix_auth()
            .login_username(user, password)
            .initial_device_display_name("test human")
            .send()
            .await
            .expect("login");
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        {
            let seen = seen.clone();
            client.add_event_handler(move |ev: Raw<AnySyncTimelineEvent>, room: Room| {
                let seen = seen.clone();
                async move {
                    if let Ok(event) = serde_json::from_str::<Value>(ev.json().get()) {
                        seen.lock().unwrap().push(Seen {
                            at: Instant::now(),
                            room: room.room_id().to_owned(),
                            event,
                        });
                    }
                }
            });
        }
        client.add_event_handler(
            |ev: StrippedRoomMemberEvent, room: Room, client: Client| async move {
                if Some(ev.state_key.as_ref()) != client.user_id() {
                    return;
                }
                tokio::spawn(async move {
                    for _ in 0..10 {
                        if room.join().await.is_ok() {
                            return;
                        }
                        tokio::time::sleep(Duration::from_millis(300)).await;
                    }
                });
            },
        );
        // Upload device keys before anyone sends us encrypted messages.
        client
            .sync_once(SyncSettings::default())
            .await
            .expect("first sync");
        let task = {
            let client = client.clone();
            tokio::spawn(async move {
                loop {
                    let settings = SyncSettings::default().timeout(Duration::from_secs(5));
                    if client.sync_once(settings).await.is_err() {
                        tokio::time::sleep(Duration::from_millis(300)).await;
                    }
                }
            })
        };
        Human {
            client,
            user: user.clone(),
            seen,
            task,
        }
    }

    /// Waits until an event matching `pred` was seen after `since`.
    pub async fn wait_for(
        &self,
        since: Instant,
        timeout: Duration,
        what: &str,
        pred: impl Fn(&Seen) -> bool,
    ) -> Seen {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(s) = self
                .seen
                .lock()
                .unwrap()
                .iter()
                .find(|s| s.at >= since && pred(s))
            {
                return s.clone();
            }
            assert!(
                Instant::now() < deadline,
                "{}: timed out waiting for {what}",
                self.user
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Every event seen after `since` matching `pred`.
    pub fn all(&self, since: Instant, pred: impl Fn(&Seen) -> bool) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.at >= since && pred(s))
            .cloned()
            .collect()
    }

    pub fn room(&self, id: &OwnedRoomId) -> Room {
        self.client.get_room(id).expect("human knows the room")
    }

    /// Sends a plain text message; returns its event id.
    pub async fn say(&self, room: &OwnedRoomId, text: &str) -> OwnedEventId {
        let content = json!({"msgtype": "m.text", "body": text});
        self.room(room)
            .send_raw("m.room.message", content)
            .await
            .expect("send")
            .response
            .event_id
    }
}

impl Drop for Human {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The planted identifiers: a valid NHS number and a patient name.
pub const NHS: &str = "943 476 5919";
pub const NHS_DIGITS: &str = "9434765919";
pub const PATIENT: &str = "Featherstonehaugh";
pub fn planted(n: usize) -> String {
    format!("Mrs {PATIENT} in bed {n}, NHS number {NHS}, BP dropping")
}

/// The bot: core (sled store) + Matrix adapter, run in this process.
pub struct BotRun {
    pub matrix: MatrixBot,
    stop: watch::Sender<bool>,
    task: JoinHandle<caldicott_matrix::Result<()>>,
}

impl BotRun {
    /// Stops syncing and drops the adapter (the "process" ends; its stores close).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let r = tokio::time::timeout(Duration::from_secs(10), self.task).await;
        assert!(
            matches!(r, Ok(Ok(Ok(())))),
            "bot did not stop cleanly: {r:?}"
        );
    }

    /// Ends the adapter abruptly, at whatever await point it is (a crash).
    pub async fn crash(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

pub struct BotSetup {
    pub data_dir: PathBuf,
    pub cfg: MatrixConfig,
    pub core: Arc<Bot>,
}

pub fn engine() -> Arc<Engine> {
    static E: OnceLock<Arc<Engine>> = OnceLock::new();
    E.get_or_init(|| Arc::new(Engine::builtin().expect("rules load")))
        .clone()
}

pub fn guidance() -> Arc<Guidance> {
    static G: OnceLock<Arc<Guidance>> = OnceLock::new();
    G.get_or_init(|| Arc::new(Guidance::builtin().expect("guidance loads")))
        .clone()
}

impl BotSetup {
    /// Registers the bot's account and builds the core on a sled store in
    /// `data_dir`. Warnings have no cooldown so each planted message is
    /// answered; daily posts retry after 2 s instead of 60.
    pub async fn new(hs: &Synapse, data_dir: &Path, name: &str) -> BotSetup {
        let password = format!("pw-{}", run_id());
        let user = hs.register(name, &password).await;
        let mut cfg = MatrixConfig::new(&hs.url, user.as_str());
        cfg.password = Some(Secret::new(password));
        cfg.store_passphrase = Some(Secret::new("test store passphrase"));
        cfg.allowed_inviters = vec![":localhost".into()];
        let store = SledStore::open(&data_dir.join("store")).expect("sled store");
        let config = BotConfig {
            self_ids: vec![user.to_string()],
            cooldown: chrono::Duration::zero(),
            ..BotConfig::default()
        };
        let digest = Digest::new(DigestConfig {
            retry_after: chrono::Duration::seconds(2),
            ..DigestConfig::default()
        });
        let core = Bot::new(engine(), guidance(), Arc::new(store), config).with_digest(digest);
        BotSetup {
            data_dir: data_dir.to_owned(),
            cfg,
            core: Arc::new(core),
        }
    }

    pub fn user(&self) -> OwnedUserId {
        self.cfg.user.parse().unwrap()
    }

    /// Connects (login or restored session) and starts syncing.
    pub async fn start(&self, opts: Options) -> BotRun {
        let matrix = MatrixBot::connect(self.cfg.clone(), &self.data_dir, self.core.clone(), opts)
            .await
            .expect("bot connects");
        let (stop, rx) = watch::channel(false);
        let task = {
            let m = matrix.clone();
            tokio::spawn(async move { m.run(rx).await })
        };
        // Wait for the first sync so the device keys are uploaded.
        let deadline = Instant::now() + Duration::from_secs(20);
        while matrix
            .stats()
            .syncs
            .load(std::sync::atomic::Ordering::Relaxed)
            == 0
        {
            assert!(Instant::now() < deadline, "bot never synced");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        BotRun { matrix, stop, task }
    }
}

/// Options for tests: short long-polls and a fast daily-post ticker.
pub fn fast_options() -> Options {
    Options {
        tick_interval: Duration::from_millis(500),
        sync_timeout: Duration::from_secs(5),
        clock_offset: chrono::Duration::zero(),
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Files under `dir` whose bytes contain `needle` (also as UTF-16LE, as
/// SQLite may store text that way).
pub fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    files_under(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            contains(&bytes, needle.as_bytes()) || contains(&bytes, &utf16)
        })
        .collect()
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
