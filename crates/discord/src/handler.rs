//! The serenity event handler: events in, core actions out, actions carried
//! out on Discord. No message text is ever logged here: spans and events
//! carry ids and action kinds only.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use caldicott_core::{Action, Bot, ChannelRef, Incoming, Platform};
use caldicott_store::Batch;
use chrono::Utc;
use serenity::all::{
    ButtonStyle, ChannelId, CommandInteraction, ComponentInteraction, Context, CreateActionRow,
    CreateAllowedMentions, CreateAutocompleteResponse, CreateButton, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateInteractionResponseMessage, CreateMessage,
    EventHandler, GetMessages, Guild, GuildId, Http, Interaction, Message, MessageId,
    MessageReference, MessageUpdateEvent, Ready, UserId,
};
use serenity::async_trait;
use tokio::sync::mpsc;
use tracing::{debug, info, instrument, warn};

use crate::commands::{self, Routed};
use crate::config::DiscordConfig;
use crate::ids::{self, ButtonAction};
use crate::limits::{
    self, AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, MESSAGE_CONTENT_MAX, MESSAGES_FETCH_MAX,
};
use crate::notes::{Note, Notes};
use crate::translate::{self, GuildPermissions};

/// Store namespace of members' DM opt-ins (keyed hash of the user -> `true`).
pub const DM_NAMESPACE: &str = "discord_dm";

/// How often due daily posts are asked for.
pub const TICK_EVERY: Duration = Duration::from_secs(30);

/// The nudge: names no content and no category.
pub fn nudge_text(user: u64) -> String {
    format!(
        "<@{user}> Caldicott has a private note about a message you just posted. Only you can open it."
    )
}

/// A post waiting in the outbox (nudges, thread replies, mod-log entries).
struct Post {
    channel: ChannelId,
    message: CreateMessage,
}

/// Channel posts the guard makes go through one queue that spaces them per
/// channel, so a burst of flagged messages never becomes a burst of warnings
/// (Discord allows 5 messages per 5 s per channel).
#[derive(Clone)]
struct Outbox {
    tx: mpsc::UnboundedSender<Post>,
}

impl Outbox {
    fn start(http: Arc<Http>, gap: Duration) -> Outbox {
        let (tx, mut rx) = mpsc::unbounded_channel::<Post>();
        tokio::spawn(async move {
            let mut last: HashMap<ChannelId, tokio::time::Instant> = HashMap::new();
            while let Some(post) = rx.recv().await {
                if let Some(t) = last.get(&post.channel) {
                    tokio::time::sleep_until(*t + gap).await;
                }
                if let Err(e) = post.channel.send_message(&http, post.message).await {
                    warn!(channel = %post.channel, error = %e, "could not post");
                }
                last.insert(post.channel, tokio::time::Instant::now());
            }
        });
        Outbox { tx }
    }

    fn post(&self, channel: ChannelId, message: CreateMessage) {
        let _ = self.tx.send(Post { channel, message });
    }
}

/// The interaction an action list answers, if any.
enum Responder<'a> {
    Command(&'a CommandInteraction),
    Component(&'a ComponentInteraction),
}

impl Responder<'_> {
    fn user(&self) -> UserId {
        match self {
            Responder::Command(c) => c.user.id,
            Responder::Component(c) => c.user.id,
        }
    }

    async fn respond(
        &self,
        http: &Http,
        first: bool,
        text: &str,
        ephemeral: bool,
        rows: Vec<CreateActionRow>,
    ) {
        let text = limits::truncate(text, MESSAGE_CONTENT_MAX);
        let result = if first {
            let mut msg = CreateInteractionResponseMessage::new()
                .content(text)
                .ephemeral(ephemeral);
            if !rows.is_empty() {
                msg = msg.components(rows);
            }
            let r = CreateInteractionResponse::Message(msg);
            match self {
                Responder::Command(c) => c.create_response(http, r).await,
                Responder::Component(c) => c.create_response(http, r).await,
            }
        } else {
            let mut f = CreateInteractionResponseFollowup::new()
                .content(text)
                .ephemeral(ephemeral);
            if !rows.is_empty() {
                f = f.components(rows);
            }
            match self {
                Responder::Command(c) => c.create_followup(http, f).await.map(|_| ()),
                Responder::Component(c) => c.create_followup(http, f).await.map(|_| ()),
            }
        };
        if let Err(e) = result {
            warn!(error = %e, "could not answer interaction");
        }
    }
}

fn note_buttons(note_id: &str) -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(vec![
        CreateButton::new(ids::custom_id(ButtonAction::Guidance, note_id))
            .label("Show guidance")
            .style(ButtonStyle::Primary),
        CreateButton::new(ids::custom_id(ButtonAction::Dispute, note_id))
            .label("Not a patient identifier")
            .style(ButtonStyle::Secondary),
    ])]
}

fn why_button(note_id: &str) -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(vec![
        CreateButton::new(ids::custom_id(ButtonAction::Why, note_id))
            .label("Why?")
            .style(ButtonStyle::Primary),
    ])]
}

/// Caldicott on Discord: shared by serenity's event handler and the ticker.
pub struct Adapter {
    bot: Arc<Bot>,
    http: Arc<Http>,
    config: DiscordConfig,
    notes: Notes,
    dm_optin: Mutex<HashSet<u64>>,
    guilds: Mutex<HashMap<GuildId, GuildPermissions>>,
    /// DM channels people have written to the bot in (answers there are private already).
    dm_channels: Mutex<HashSet<u64>>,
    bot_id: OnceLock<UserId>,
    outbox: Outbox,
    ticker_started: AtomicBool,
    reply_notes: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Adapter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Adapter")
            .field("notes", &self.notes.len())
            .finish_non_exhaustive()
    }
}

fn parse_id(s: &str) -> Option<u64> {
    s.parse::<u64>().ok().filter(|v| *v != 0)
}

impl Adapter {
    pub fn new(bot: Arc<Bot>, http: Arc<Http>, config: DiscordConfig) -> Arc<Adapter> {
        let outbox = Outbox::start(http.clone(), config.nudge_gap());
        Arc::new(Adapter {
            notes: Notes::new(config.note_ttl()),
            bot,
            http,
            config,
            dm_optin: Mutex::new(HashSet::new()),
            guilds: Mutex::new(HashMap::new()),
            dm_channels: Mutex::new(HashSet::new()),
            bot_id: OnceLock::new(),
            outbox,
            ticker_started: AtomicBool::new(false),
            reply_notes: std::sync::atomic::AtomicU64::new(0),
        })
    }

    pub fn http(&self) -> &Arc<Http> {
        &self.http
    }

    /// The store key of a member's DM choice: the core's keyed hash of the
    /// user, so the store holds no Discord user id.
    fn dm_key(&self, user: u64) -> Option<String> {
        self.bot
            .author_hash(Platform::Discord, &user.to_string())
            .ok()
    }

    /// Has this user asked for notes by DM? (Kept in the store, so the
    /// choice survives restarts.)
    pub fn dm_opted_in(&self, user: u64) -> bool {
        if self
            .dm_optin
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&user)
        {
            return true;
        }
        let Some(key) = self.dm_key(user) else {
            return false;
        };
        matches!(self.bot.store().get(DM_NAMESPACE, &key), Ok(Some(_)))
    }

    /// Record a member's DM choice; `false` if it could not be stored.
    fn set_dm(&self, user: u64, on: bool) -> bool {
        {
            let mut set = self.dm_optin.lock().unwrap_or_else(|e| e.into_inner());
            if on {
                set.insert(user);
            } else {
                set.remove(&user);
            }
        }
        let Some(key) = self.dm_key(user) else {
            return false;
        };
        let mut batch = Batch::new();
        if on {
            batch.put_raw(DM_NAMESPACE, &key, b"true".to_vec());
        } else {
            batch.remove(DM_NAMESPACE, &key);
        }
        let store = self.bot.store();
        match store.apply(batch).and_then(|()| store.flush()) {
            Ok(()) => true,
            Err(e) => {
                warn!(error = %e, "could not store a DM choice");
                false
            }
        }
    }

    fn guild_perms(&self, guild: Option<GuildId>) -> Option<GuildPermissions> {
        let g = guild?;
        self.guilds
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&g)
            .cloned()
    }

    fn is_self(&self, user: UserId) -> bool {
        self.bot_id.get() == Some(&user)
    }

    /// Register the slash commands (bulk overwrite: global, and the dev guild).
    pub async fn register_commands(&self) -> Result<(), serenity::Error> {
        serenity::all::Command::set_global_commands(&self.http, commands::definitions()).await?;
        if let Some(g) = self.config.dev_guild {
            GuildId::new(g)
                .set_commands(&self.http, commands::definitions())
                .await?;
        }
        Ok(())
    }

    /// Run the core on one event and carry out its actions.
    async fn handle_incoming(&self, incoming: Incoming, responder: Option<Responder<'_>>) {
        let actions = self.bot.handle(&incoming, Utc::now());
        debug!(count = actions.len(), kinds = ?actions.iter().map(Action::kind).collect::<Vec<_>>(), "core actions");
        self.execute(actions, responder).await;
    }

    #[instrument(skip_all, fields(channel = %msg.channel_id, message = %msg.id))]
    pub async fn on_message(&self, msg: &Message) {
        if self.is_self(msg.author.id) {
            return;
        }
        if msg.guild_id.is_none() {
            self.dm_channels
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(msg.channel_id.get());
        }
        let perms = self.guild_perms(msg.guild_id);
        let incoming = translate::incoming_from_message(msg, perms.as_ref());
        debug!(
            known_guild = perms.is_some(),
            moderator = incoming.author_is_moderator,
            "message"
        );
        self.handle_incoming(incoming, None).await;
    }

    #[instrument(skip_all, fields(channel = %ev.channel_id, message = %ev.id))]
    pub async fn on_message_update(&self, ev: &MessageUpdateEvent) {
        if ev.author.as_ref().is_some_and(|a| self.is_self(a.id)) {
            return;
        }
        let perms = self.guild_perms(ev.guild_id);
        if let Some(incoming) = translate::incoming_from_update(ev, perms.as_ref()) {
            self.handle_incoming(incoming, None).await;
        }
    }

    #[instrument(skip_all, fields(interaction = %interaction.id().get()))]
    pub async fn on_interaction(&self, interaction: &Interaction) {
        match interaction {
            Interaction::Command(cmd) => self.on_command(cmd).await,
            Interaction::Autocomplete(ac) => self.on_autocomplete(ac).await,
            Interaction::Component(c) => self.on_component(c).await,
            _ => {}
        }
    }

    async fn on_command(&self, cmd: &CommandInteraction) {
        let responder = Responder::Command(cmd);
        match commands::route(cmd) {
            Routed::Core(text) => {
                let incoming = translate::incoming_from_command(cmd, text);
                self.handle_incoming(incoming, Some(responder)).await;
            }
            Routed::Dm(on) => {
                let stored = self.set_dm(cmd.user.id.get(), on);
                let text = if !stored {
                    "Caldicott could not save that choice; it holds until the bot restarts."
                } else if on {
                    "Caldicott will send your private notes as direct messages from now on."
                } else {
                    "Caldicott will show your private notes behind a **Why?** button in the channel."
                };
                responder
                    .respond(&self.http, true, text, true, Vec::new())
                    .await;
            }
            Routed::Unknown => {
                responder
                    .respond(
                        &self.http,
                        true,
                        "Caldicott does not know that command.",
                        true,
                        Vec::new(),
                    )
                    .await;
            }
        }
    }

    async fn on_autocomplete(&self, ac: &CommandInteraction) {
        let partial = ac.data.autocomplete().map(|o| o.value).unwrap_or("");
        let mut response = CreateAutocompleteResponse::new();
        if ac.data.name == commands::GMC {
            for (slug, title) in self
                .bot
                .guidance()
                .suggest(partial)
                .into_iter()
                .take(AUTOCOMPLETE_CHOICES_MAX)
            {
                response =
                    response.add_string_choice(limits::truncate(&title, CHOICE_NAME_MAX), slug);
            }
        }
        if let Err(e) = ac
            .create_response(
                &self.http,
                CreateInteractionResponse::Autocomplete(response),
            )
            .await
        {
            warn!(error = %e, "could not answer autocomplete");
        }
    }

    async fn on_component(&self, c: &ComponentInteraction) {
        let responder = Responder::Component(c);
        let Some((action, note_id)) = ids::parse_custom_id(&c.data.custom_id) else {
            responder
                .respond(
                    &self.http,
                    true,
                    "This button is no longer active.",
                    true,
                    Vec::new(),
                )
                .await;
            return;
        };
        let Some(note) = self.notes.get(note_id) else {
            responder
                .respond(
                    &self.http,
                    true,
                    "This note has expired; Caldicott keeps notes only for a while.",
                    true,
                    Vec::new(),
                )
                .await;
            return;
        };
        if note.author != c.user.id.get() {
            responder
                .respond(
                    &self.http,
                    true,
                    "This note is for the author of the message only.",
                    true,
                    Vec::new(),
                )
                .await;
            return;
        }
        match action {
            ButtonAction::Why => {
                let rows = if note.note_id.starts_with('r') {
                    Vec::new()
                } else {
                    note_buttons(&note.note_id)
                };
                responder
                    .respond(&self.http, true, &note.text, true, rows)
                    .await;
            }
            ButtonAction::Guidance => {
                let text = match &note.citation {
                    Some(cit) => {
                        let answer = self.bot.guidance().lookup(&cit.slug).answer;
                        if answer.trim().is_empty() {
                            cit.text.clone()
                        } else {
                            answer
                        }
                    }
                    None => "No guidance paragraph is attached to this note.".to_string(),
                };
                responder
                    .respond(&self.http, true, &text, true, Vec::new())
                    .await;
            }
            ButtonAction::Dispute => {
                let incoming = translate::incoming_from_component(
                    c,
                    format!("caldicott dispute {}", note.note_id),
                );
                self.handle_incoming(incoming, Some(responder)).await;
            }
        }
    }

    /// Carry out the core's actions in order. Replies to the interacting
    /// user answer the interaction (ephemeral when the core says so).
    async fn execute(&self, actions: Vec<Action>, responder: Option<Responder<'_>>) {
        let redacted: HashSet<(String, String)> = actions
            .iter()
            .filter_map(|a| match a {
                Action::Redact {
                    channel,
                    message_id,
                    ..
                } => Some((channel.id.clone(), message_id.clone())),
                _ => None,
            })
            .collect();
        let mut queue: VecDeque<Action> = actions.into();
        let mut answered = false;
        while let Some(action) = queue.pop_front() {
            match action {
                Action::PrivateNote {
                    channel,
                    message_id,
                    user,
                    note_id,
                    text,
                    citation,
                    ..
                } => {
                    let (Some(uid), Some(cid)) = (parse_id(&user), parse_id(&channel.id)) else {
                        continue;
                    };
                    let gone = redacted.contains(&(channel.id.clone(), message_id.clone()));
                    self.notes
                        .insert(Note::new(uid, note_id.clone(), text.clone(), citation, cid));
                    if self.dm_opted_in(uid)
                        && self.send_dm(uid, &text, note_buttons(&note_id)).await
                    {
                        continue;
                    }
                    let mut m = CreateMessage::new()
                        .content(nudge_text(uid))
                        .components(why_button(&note_id))
                        .allowed_mentions(CreateAllowedMentions::new().users([UserId::new(uid)]));
                    if !gone && let Some(mid) = parse_id(&message_id) {
                        m = m.reference_message(MessageReference::from((
                            ChannelId::new(cid),
                            MessageId::new(mid),
                        )));
                    }
                    self.outbox.post(ChannelId::new(cid), m);
                }
                Action::ThreadReply {
                    channel,
                    message_id,
                    text,
                } => {
                    let Some(cid) = parse_id(&channel.id) else {
                        continue;
                    };
                    let mut m = CreateMessage::new()
                        .content(limits::truncate(&text, MESSAGE_CONTENT_MAX))
                        .allowed_mentions(CreateAllowedMentions::new());
                    if !redacted.contains(&(channel.id.clone(), message_id.clone()))
                        && let Some(mid) = parse_id(&message_id)
                    {
                        m = m.reference_message(MessageReference::from((
                            ChannelId::new(cid),
                            MessageId::new(mid),
                        )));
                    }
                    self.outbox.post(ChannelId::new(cid), m);
                }
                Action::Redact {
                    channel,
                    message_id,
                    reason,
                } => {
                    let (Some(cid), Some(mid)) = (parse_id(&channel.id), parse_id(&message_id))
                    else {
                        continue;
                    };
                    if let Err(e) = self
                        .http
                        .delete_message(ChannelId::new(cid), MessageId::new(mid), Some(&reason))
                        .await
                    {
                        warn!(channel = cid, message = mid, error = %e, "could not delete message");
                    }
                }
                Action::ModLog {
                    log_channel, text, ..
                } => {
                    let Some(cid) = parse_id(&log_channel.id) else {
                        continue;
                    };
                    let m = CreateMessage::new()
                        .content(limits::truncate(&text, MESSAGE_CONTENT_MAX))
                        .allowed_mentions(CreateAllowedMentions::new());
                    self.outbox.post(ChannelId::new(cid), m);
                }
                Action::Reply {
                    channel,
                    user,
                    text,
                    ephemeral,
                    ..
                } => {
                    let uid = parse_id(&user);
                    if let Some(r) = &responder
                        && uid == Some(r.user().get())
                    {
                        r.respond(&self.http, !answered, &text, ephemeral, Vec::new())
                            .await;
                        answered = true;
                        continue;
                    }
                    self.reply_outside_interaction(&channel, uid, &text, ephemeral)
                        .await;
                }
                Action::DailyPost {
                    channel,
                    text,
                    idempotency_key,
                } => {
                    self.daily_post(&channel, &text, &idempotency_key).await;
                }
                Action::Reconcile {
                    channel,
                    idempotency_key,
                } => {
                    let exists = self.post_exists(&channel, &idempotency_key).await;
                    match exists {
                        Some(exists) => {
                            info!(channel = %channel.id, exists, "reconciled daily post");
                            queue.extend(self.bot.reconciled(
                                &channel,
                                &idempotency_key,
                                exists,
                                Utc::now(),
                            ));
                        }
                        None => {
                            warn!(channel = %channel.id, "could not read channel history; will retry later")
                        }
                    }
                }
                Action::Diagnostic { message } => warn!(%message, "core diagnostic"),
            }
        }
        if let Some(r) = &responder
            && !answered
        {
            r.respond(&self.http, true, "Done.", true, Vec::new()).await;
        }
    }

    /// A reply that cannot be an interaction answer (a `!gmc` typed as text,
    /// a DM to the bot). Ephemeral replies become a note behind a button
    /// (or a DM for opted-in users); public ones are posted.
    async fn reply_outside_interaction(
        &self,
        channel: &ChannelRef,
        uid: Option<u64>,
        text: &str,
        ephemeral: bool,
    ) {
        let Some(cid) = parse_id(&channel.id) else {
            return;
        };
        let is_dm_channel = self
            .dm_channels
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&cid);
        if !ephemeral || is_dm_channel {
            let m = CreateMessage::new()
                .content(limits::truncate(text, MESSAGE_CONTENT_MAX))
                .allowed_mentions(CreateAllowedMentions::new());
            if let Err(e) = ChannelId::new(cid).send_message(&self.http, m).await {
                warn!(channel = cid, error = %e, "could not reply");
            }
            return;
        }
        let Some(uid) = uid else { return };
        if self.dm_opted_in(uid) && self.send_dm(uid, text, Vec::new()).await {
            return;
        }
        let n = self.reply_notes.fetch_add(1, Ordering::Relaxed);
        let note_id = format!("r{n}");
        self.notes
            .insert(Note::new(uid, note_id.clone(), text.to_string(), None, cid));
        let m = CreateMessage::new()
            .content(format!("<@{uid}> Caldicott has answered you privately."))
            .components(why_button(&note_id))
            .allowed_mentions(CreateAllowedMentions::new().users([UserId::new(uid)]));
        self.outbox.post(ChannelId::new(cid), m);
    }

    /// Send a DM (only to users who opted in). `false` when it failed.
    async fn send_dm(&self, uid: u64, text: &str, rows: Vec<CreateActionRow>) -> bool {
        let channel = match UserId::new(uid).create_dm_channel(&self.http).await {
            Ok(c) => c,
            Err(e) => {
                warn!(user = uid, error = %e, "could not open DM");
                return false;
            }
        };
        let mut m = CreateMessage::new().content(limits::truncate(text, MESSAGE_CONTENT_MAX));
        if !rows.is_empty() {
            m = m.components(rows);
        }
        match channel.id.send_message(&self.http, m).await {
            Ok(_) => true,
            Err(e) => {
                warn!(user = uid, error = %e, "could not send DM");
                false
            }
        }
    }

    /// A daily post with a nonce from (channel, local day) and enforce_nonce;
    /// its last line carries the nonce so it can be found in history later.
    async fn daily_post(&self, channel: &ChannelRef, text: &str, key: &str) {
        let Some(cid) = parse_id(&channel.id) else {
            return;
        };
        let marker = ids::daily_marker(key);
        let body = limits::truncate(text, MESSAGE_CONTENT_MAX - marker.chars().count() - 1);
        let m = CreateMessage::new()
            .content(format!("{body}\n{marker}"))
            .nonce(serenity::all::Nonce::String(ids::nonce(key)))
            .enforce_nonce(true)
            .allowed_mentions(CreateAllowedMentions::new());
        match ChannelId::new(cid).send_message(&self.http, m).await {
            Ok(_) => {
                if let Err(e) = self.bot.delivered(channel, key, Utc::now()) {
                    warn!(channel = cid, error = %e, "could not record delivery");
                }
            }
            Err(e) => warn!(channel = cid, error = %e, "daily post failed; will retry"),
        }
    }

    /// Is the bot's post with this key among the channel's recent messages?
    /// `None` when history could not be read.
    pub async fn post_exists(&self, channel: &ChannelRef, key: &str) -> Option<bool> {
        let cid = parse_id(&channel.id)?;
        let marker = ids::daily_marker(key);
        let me = self.bot_id.get().copied();
        let messages = ChannelId::new(cid)
            .messages(&self.http, GetMessages::new().limit(MESSAGES_FETCH_MAX))
            .await
            .map_err(|e| warn!(channel = cid, error = %e, "could not read history"))
            .ok()?;
        Some(
            messages
                .iter()
                .any(|m| Some(m.author.id) == me && m.content.lines().any(|l| l.trim() == marker)),
        )
    }

    /// Carry out actions that answer no interaction (daily posts, reconciles).
    pub async fn carry_out(&self, actions: Vec<Action>) {
        self.execute(actions, None).await;
    }

    /// Ask the core for due daily posts and carry them out.
    pub async fn tick(&self) {
        let actions = self.bot.tick_for(Platform::Discord, Utc::now());
        if !actions.is_empty() {
            self.execute(actions, None).await;
        }
    }

    fn start_ticker(self: &Arc<Self>) {
        if self.ticker_started.swap(true, Ordering::SeqCst) {
            return;
        }
        let me = Arc::clone(self);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(TICK_EVERY);
            loop {
                every.tick().await;
                me.tick().await;
            }
        });
    }
}

/// serenity's event handler around an [`Adapter`].
#[derive(Debug, Clone)]
pub struct Handler(pub Arc<Adapter>);

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        let _ = self.0.bot_id.set(ready.user.id);
        info!(user = %ready.user.id, guilds = ready.guilds.len(), "connected to Discord");
        if self.0.config.register_commands
            && let Err(e) = self.0.register_commands().await
        {
            warn!(error = %e, "could not register commands");
        }
        self.0.start_ticker();
    }

    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let perms = GuildPermissions::from_guild(&guild);
        debug!(guild = %guild.id, roles = perms.roles.len(), "guild permissions recorded");
        self.0
            .guilds
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(guild.id, perms);
    }

    async fn message(&self, _ctx: Context, msg: Message) {
        self.0.on_message(&msg).await;
    }

    async fn message_update(
        &self,
        _ctx: Context,
        _old: Option<Message>,
        _new: Option<Message>,
        ev: MessageUpdateEvent,
    ) {
        self.0.on_message_update(&ev).await;
    }

    async fn interaction_create(&self, _ctx: Context, interaction: Interaction) {
        self.0.on_interaction(&interaction).await;
    }
}

/// The channel reference the core uses for a Discord channel id.
pub fn channel_ref(id: u64) -> ChannelRef {
    ChannelRef::new(Platform::Discord, id.to_string())
}
