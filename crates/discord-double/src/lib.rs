#![doc = include_str!("../README.md")]
#![recursion_limit = "256"]

mod gateway;
pub mod payloads;
mod rest;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};
use tokio::task::AbortHandle;

/// Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds, for snowflakes.
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
/// The heartbeat interval the double announces in HELLO.
pub const HEARTBEAT_INTERVAL_MS: u64 = 41_250;
/// Messages per channel per [`CHANNEL_RATE_WINDOW`] before the double answers 429.
pub const CHANNEL_RATE_LIMIT: usize = 5;
pub const CHANNEL_RATE_WINDOW: Duration = Duration::from_secs(5);
/// Discord's limits the double enforces (400 with code 50035 when exceeded).
pub const MESSAGE_CONTENT_MAX: usize = 2000;
pub const EMBED_DESCRIPTION_MAX: usize = 4096;
pub const NONCE_MAX: usize = 25;
pub const AUTOMOD_REGEX_MAX: usize = 10;
pub const AUTOMOD_REGEX_LEN_MAX: usize = 260;
pub const AUTOMOD_CUSTOM_MESSAGE_MAX: usize = 150;

/// Fixed ids of the double's world.
pub const APPLICATION_ID: u64 = 1_100_000_000_000_000_001;
pub const BOT_USER_ID: u64 = 1_100_000_000_000_000_001;
pub const GUILD_ID: u64 = 1_100_000_000_000_000_100;
pub const OWNER_ID: u64 = 1_100_000_000_000_000_200;
pub const CHANNEL_ID: u64 = 1_100_000_000_000_000_300;
pub const OTHER_CHANNEL_ID: u64 = 1_100_000_000_000_000_301;

/// Permission bits (topics/permissions.mdx).
pub mod perms {
    pub const MANAGE_CHANNELS: u64 = 1 << 4;
    pub const MANAGE_GUILD: u64 = 1 << 5;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    /// What an ordinary member has in the double's guild.
    pub const MEMBER: u64 = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY;
    /// A moderator: ordinary member plus Manage Guild.
    pub const MODERATOR: u64 = MEMBER | MANAGE_GUILD;
}

/// One REST request as the double received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: String,
    pub body: Value,
    pub status: u16,
    pub at: Instant,
}

/// One simulated human (or other bot) user.
#[derive(Debug, Clone)]
pub struct User {
    pub id: u64,
    pub name: String,
    pub permissions: u64,
    pub bot: bool,
}

pub(crate) struct Live {
    pub conn: u64,
    pub tx: mpsc::UnboundedSender<String>,
    pub abort: Option<AbortHandle>,
}

pub(crate) struct State {
    pub token: String,
    pub ws_url: String,
    pub session_id: Option<String>,
    pub seq: u64,
    pub log: Vec<(u64, Value)>,
    pub live: Option<Live>,
    pub conn_counter: u64,
    pub pending_abort: HashMap<u64, AbortHandle>,
    pub identifies: u32,
    pub resumes: u32,
    pub heartbeats: u32,
    pub intents: Option<u64>,
    pub counter: u64,
    pub channels: BTreeMap<u64, Channel>,
    pub nonces: HashMap<(u64, String), (u64, Instant)>,
    pub nonce_memory: Duration,
    pub requests: Vec<Recorded>,
    pub posts: HashMap<u64, Vec<Instant>>,
    pub rate_limited: u32,
    pub automod: Vec<Value>,
    pub commands_global: Vec<Value>,
    pub commands_guild: HashMap<u64, Vec<Value>>,
    pub dm_channels: HashMap<u64, u64>,
    pub users: HashMap<u64, User>,
    pub interactions: HashMap<u64, String>,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Channel {
    pub guild_id: Option<u64>,
    /// Current messages, oldest first.
    pub messages: Vec<Value>,
    pub deleted: Vec<u64>,
}

impl State {
    pub fn snowflake(&mut self) -> u64 {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        self.counter += 1;
        ((ms.saturating_sub(DISCORD_EPOCH_MS)) << 22) | (self.counter & 0x3f_ffff)
    }

    /// Queue a dispatch (op 0) to the live connection, or keep it in the
    /// session log for a resume.
    pub fn dispatch(&mut self, t: &str, d: Value) {
        self.seq += 1;
        let payload = json!({"op": 0, "s": self.seq, "t": t, "d": d});
        self.log.push((self.seq, payload.clone()));
        if let Some(live) = &self.live {
            let _ = live.tx.send(payload.to_string());
        }
    }

    pub fn user_value(&self, id: u64) -> Value {
        match self.users.get(&id) {
            Some(u) => payloads::user(u.id, &u.name, u.bot),
            None if id == BOT_USER_ID => payloads::user(BOT_USER_ID, "Caldicott", true),
            None => payloads::user(id, "unknown", false),
        }
    }
}

/// The double: one REST server and one gateway server on 127.0.0.1.
#[derive(Clone)]
pub struct DiscordDouble {
    pub(crate) state: Arc<Mutex<State>>,
    pub(crate) notify: Arc<Notify>,
    api_base: String,
    gateway_url: String,
}

impl std::fmt::Debug for DiscordDouble {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordDouble")
            .field("api_base", &self.api_base)
            .field("gateway_url", &self.gateway_url)
            .finish()
    }
}

pub fn now_iso() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = d.as_secs();
    let micros = d.subsec_micros();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, dd) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{dd:02}T{:02}:{:02}:{:02}.{micros:06}+00:00",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl DiscordDouble {
    /// Start both servers on ephemeral ports of 127.0.0.1. `token` is the bot
    /// token the double accepts (in `Authorization: Bot <token>` and IDENTIFY).
    pub async fn start(token: &str) -> std::io::Result<DiscordDouble> {
        let http = TcpListener::bind("127.0.0.1:0").await?;
        let ws = TcpListener::bind("127.0.0.1:0").await?;
        let api_base = format!("http://{}", http.local_addr()?);
        let gateway_url = format!("ws://{}", ws.local_addr()?);
        let mut channels = BTreeMap::new();
        for id in [CHANNEL_ID, OTHER_CHANNEL_ID] {
            channels.insert(
                id,
                Channel {
                    guild_id: Some(GUILD_ID),
                    ..Channel::default()
                },
            );
        }
        let mut users = HashMap::new();
        users.insert(
            BOT_USER_ID,
            User {
                id: BOT_USER_ID,
                name: "Caldicott".into(),
                permissions: perms::MEMBER,
                bot: true,
            },
        );
        let state = State {
            token: token.to_string(),
            ws_url: gateway_url.clone(),
            session_id: None,
            seq: 0,
            log: Vec::new(),
            live: None,
            conn_counter: 0,
            pending_abort: HashMap::new(),
            identifies: 0,
            resumes: 0,
            heartbeats: 0,
            intents: None,
            counter: 0,
            channels,
            nonces: HashMap::new(),
            nonce_memory: Duration::from_secs(300),
            requests: Vec::new(),
            posts: HashMap::new(),
            rate_limited: 0,
            automod: Vec::new(),
            commands_global: Vec::new(),
            commands_guild: HashMap::new(),
            dm_channels: HashMap::new(),
            users,
            interactions: HashMap::new(),
        };
        let double = DiscordDouble {
            state: Arc::new(Mutex::new(state)),
            notify: Arc::new(Notify::new()),
            api_base,
            gateway_url,
        };
        tokio::spawn(rest::serve(http, double.clone()));
        tokio::spawn(gateway::serve(ws, double.clone()));
        Ok(double)
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn changed(&self) {
        self.notify.notify_waiters();
    }

    /// The base to give serenity's `HttpBuilder::proxy` (scheme + host + port).
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    pub fn gateway_url(&self) -> &str {
        &self.gateway_url
    }

    /// How long the double remembers a nonce with `enforce_nonce` (Discord: a few minutes).
    pub fn set_nonce_memory(&self, d: Duration) {
        self.lock().nonce_memory = d;
    }

    pub fn add_user(&self, id: u64, name: &str, permissions: u64) -> User {
        let u = User {
            id,
            name: name.into(),
            permissions,
            bot: false,
        };
        self.lock().users.insert(id, u.clone());
        u
    }

    pub fn add_bot_user(&self, id: u64, name: &str) -> User {
        let u = User {
            id,
            name: name.into(),
            permissions: perms::MEMBER,
            bot: true,
        };
        self.lock().users.insert(id, u.clone());
        u
    }

    /// Wait until `f` holds over the state, or `timeout` passes.
    pub(crate) async fn wait<T>(
        &self,
        timeout: Duration,
        mut f: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(v) = f(&self.lock()) {
                return Some(v);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return f(&self.lock());
            }
        }
    }

    /// Wait until the bot has identified (or resumed) and the live connection is up.
    pub async fn wait_ready(&self, timeout: Duration) -> bool {
        self.wait(timeout, |s| s.live.as_ref().map(|_| ()))
            .await
            .is_some()
    }

    /// A user posts `content` in `channel`: stored and dispatched as MESSAGE_CREATE.
    pub fn user_message(&self, channel: u64, user: &User, content: &str) -> u64 {
        let mut s = self.lock();
        let id = s.snowflake();
        let guild = s.channels.get(&channel).and_then(|c| c.guild_id);
        let author = s.user_value(user.id);
        let mut msg = payloads::message(id, channel, guild, &author, content, &now_iso(), None);
        s.channels
            .entry(channel)
            .or_default()
            .messages
            .push(msg.clone());
        if guild.is_some() {
            msg["member"] = payloads::message_member(&[]);
        }
        s.dispatch("MESSAGE_CREATE", msg);
        drop(s);
        self.changed();
        id
    }

    /// A user writes to the bot in a direct message (the DM channel is made on
    /// first use). Returns (channel id, message id).
    pub fn user_dm(&self, user: &User, content: &str) -> (u64, u64) {
        let mut s = self.lock();
        let channel = match s.dm_channels.get(&user.id) {
            Some(c) => *c,
            None => {
                let c = s.snowflake();
                s.dm_channels.insert(user.id, c);
                s.channels.insert(c, Channel::default());
                c
            }
        };
        let id = s.snowflake();
        let author = s.user_value(user.id);
        let msg = payloads::message(id, channel, None, &author, content, &now_iso(), None);
        s.channels
            .entry(channel)
            .or_default()
            .messages
            .push(msg.clone());
        s.dispatch("MESSAGE_CREATE", msg);
        drop(s);
        self.changed();
        (channel, id)
    }

    /// A user edits their message: stored and dispatched as MESSAGE_UPDATE.
    pub fn user_edit(&self, channel: u64, message_id: u64, content: &str) {
        let mut s = self.lock();
        let guild = s.channels.get(&channel).and_then(|c| c.guild_id);
        let mut found = None;
        if let Some(c) = s.channels.get_mut(&channel) {
            for m in c.messages.iter_mut() {
                if m["id"] == json!(message_id.to_string()) {
                    m["content"] = json!(content);
                    m["edited_timestamp"] = json!(now_iso());
                    found = Some(m.clone());
                }
            }
        }
        if let Some(mut msg) = found {
            if guild.is_some() {
                msg["member"] = payloads::message_member(&[]);
            }
            s.dispatch("MESSAGE_UPDATE", msg);
        }
        drop(s);
        self.changed();
    }

    fn new_interaction(
        &self,
        user: &User,
        channel: u64,
        kind: u8,
        data: Value,
        message: Option<Value>,
    ) -> u64 {
        let mut s = self.lock();
        let id = s.snowflake();
        let token = format!("itoken-{id}");
        let member = payloads::interaction_member(&s.user_value(user.id), user.permissions, &[]);
        let mut payload = payloads::interaction(
            id,
            APPLICATION_ID,
            kind,
            data,
            GUILD_ID,
            channel,
            member,
            &token,
        );
        if let Some(m) = message {
            payload["message"] = m;
        }
        s.interactions.insert(id, token);
        s.dispatch("INTERACTION_CREATE", payload);
        drop(s);
        self.changed();
        id
    }

    /// A slash command (type 2, CHAT_INPUT). `options` as Discord sends them.
    pub fn slash_command(&self, user: &User, channel: u64, name: &str, options: Value) -> u64 {
        let cmd_id = self.command_id(name);
        let data = json!({"id": cmd_id.to_string(), "name": name, "type": 1, "options": options, "guild_id": GUILD_ID.to_string()});
        self.new_interaction(user, channel, 2, data, None)
    }

    /// An autocomplete request (type 4) with the focused option's partial value.
    pub fn autocomplete(
        &self,
        user: &User,
        channel: u64,
        name: &str,
        option: &str,
        partial: &str,
    ) -> u64 {
        let cmd_id = self.command_id(name);
        let data = json!({"id": cmd_id.to_string(), "name": name, "type": 1,
            "options": [{"type": 3, "name": option, "value": partial, "focused": true}]});
        self.new_interaction(user, channel, 4, data, None)
    }

    /// A click on a button (type 3, MESSAGE_COMPONENT) of `message_id` in `channel`.
    /// The message is looked up among the channel's messages or among
    /// interaction replies (ephemeral messages live only there).
    pub fn click(&self, user: &User, channel: u64, message: Value, custom_id: &str) -> u64 {
        let data = json!({"custom_id": custom_id, "component_type": 2});
        self.new_interaction(user, channel, 3, data, Some(message))
    }

    /// A message context-menu command (type 2, data.type 3) on `target`.
    pub fn message_command(&self, user: &User, channel: u64, name: &str, target_id: u64) -> u64 {
        let cmd_id = self.command_id(name);
        let target = self.message(channel, target_id).unwrap_or(Value::Null);
        let data = json!({"id": cmd_id.to_string(), "name": name, "type": 3, "target_id": target_id.to_string(),
            "resolved": {"messages": {target_id.to_string(): target}}});
        self.new_interaction(user, channel, 2, data, None)
    }

    fn command_id(&self, name: &str) -> u64 {
        let s = self.lock();
        s.commands_global
            .iter()
            .chain(s.commands_guild.values().flatten())
            .find(|c| c["name"] == json!(name))
            .and_then(|c| c["id"].as_str().and_then(|i| i.parse().ok()))
            .unwrap_or(1)
    }

    /// Drop the live gateway connection without a close frame (a network cut).
    pub fn drop_gateway(&self) {
        let mut s = self.lock();
        if let Some(live) = s.live.take()
            && let Some(a) = live.abort
        {
            a.abort();
        }
        drop(s);
        self.changed();
    }

    /// Ask the bot to reconnect (op 7 RECONNECT), as Discord does before
    /// moving a session; the bot should RESUME on a new connection.
    pub fn send_reconnect(&self) {
        let s = self.lock();
        if let Some(live) = &s.live {
            let _ = live
                .tx
                .send(json!({"op": 7, "d": null, "s": null, "t": null}).to_string());
        }
    }

    /// Every REST request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// Wait for a REST request matching `f`, counting from request number `from`.
    pub async fn wait_request(
        &self,
        from: usize,
        timeout: Duration,
        f: impl Fn(&Recorded) -> bool,
    ) -> Option<Recorded> {
        self.wait(timeout, |s| {
            s.requests.iter().skip(from).find(|r| f(r)).cloned()
        })
        .await
    }

    pub fn request_count(&self) -> usize {
        self.lock().requests.len()
    }

    /// The current messages of a channel, oldest first.
    pub fn channel_messages(&self, channel: u64) -> Vec<Value> {
        self.lock()
            .channels
            .get(&channel)
            .map(|c| c.messages.clone())
            .unwrap_or_default()
    }

    pub fn message(&self, channel: u64, id: u64) -> Option<Value> {
        self.lock().channels.get(&channel).and_then(|c| {
            c.messages
                .iter()
                .find(|m| m["id"] == json!(id.to_string()))
                .cloned()
        })
    }

    pub fn deleted(&self, channel: u64) -> Vec<u64> {
        self.lock()
            .channels
            .get(&channel)
            .map(|c| c.deleted.clone())
            .unwrap_or_default()
    }

    /// Callback bodies the bot sent for `interaction`, in order.
    pub fn interaction_responses(&self, interaction: u64) -> Vec<Value> {
        let token = self
            .lock()
            .interactions
            .get(&interaction)
            .cloned()
            .unwrap_or_default();
        self.requests()
            .into_iter()
            .filter(|r| {
                r.path.starts_with(&format!("/interactions/{interaction}/"))
                    || (!token.is_empty() && r.path.contains(&token))
            })
            .map(|r| r.body)
            .collect()
    }

    /// Wait for the first answer (callback or follow-up) to `interaction`.
    pub async fn wait_interaction_response(
        &self,
        interaction: u64,
        timeout: Duration,
    ) -> Option<Value> {
        self.wait_request(0, timeout, |r| {
            r.path.starts_with(&format!("/interactions/{interaction}/"))
        })
        .await
        .map(|r| r.body)
    }

    /// The DM channel id the bot opened with `user`, if any.
    pub fn dm_channel(&self, user: u64) -> Option<u64> {
        self.lock().dm_channels.get(&user).copied()
    }

    pub fn automod_rules(&self) -> Vec<Value> {
        self.lock().automod.clone()
    }

    pub fn commands_global(&self) -> Vec<Value> {
        self.lock().commands_global.clone()
    }

    pub fn commands_guild(&self, guild: u64) -> Vec<Value> {
        self.lock()
            .commands_guild
            .get(&guild)
            .cloned()
            .unwrap_or_default()
    }

    pub fn identifies(&self) -> u32 {
        self.lock().identifies
    }

    pub fn resumes(&self) -> u32 {
        self.lock().resumes
    }

    pub fn heartbeats(&self) -> u32 {
        self.lock().heartbeats
    }

    /// The intents the bot identified with.
    pub fn intents(&self) -> Option<u64> {
        self.lock().intents
    }

    /// How many requests the double answered with 429.
    pub fn rate_limited(&self) -> u32 {
        self.lock().rate_limited
    }

    /// Insert a message as if the bot had posted it earlier (e.g. before a
    /// crash), without any nonce memory.
    pub fn seed_bot_message(&self, channel: u64, content: &str) -> u64 {
        let mut s = self.lock();
        let id = s.snowflake();
        let guild = s.channels.get(&channel).and_then(|c| c.guild_id);
        let author = s.user_value(BOT_USER_ID);
        let msg = payloads::message(id, channel, guild, &author, content, &now_iso(), None);
        s.channels.entry(channel).or_default().messages.push(msg);
        id
    }

    /// Forget every nonce (Discord forgets them after a few minutes).
    pub fn forget_nonces(&self) {
        self.lock().nonces.clear();
    }
}
