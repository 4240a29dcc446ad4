//! The REST routes the bot uses, under `/api/v10`, answering as Discord's
//! documentation describes (status codes, bodies, error shape
//! `{"message": ..., "code": ...}`), with Discord's limits enforced.

use std::convert::Infallible;
use std::time::Instant;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::{
    APPLICATION_ID, AUTOMOD_CUSTOM_MESSAGE_MAX, AUTOMOD_REGEX_LEN_MAX, AUTOMOD_REGEX_MAX,
    BOT_USER_ID, CHANNEL_RATE_LIMIT, CHANNEL_RATE_WINDOW, DiscordDouble, EMBED_DESCRIPTION_MAX,
    MESSAGE_CONTENT_MAX, NONCE_MAX, Recorded, State, now_iso, payloads,
};

pub(crate) async fn serve(listener: TcpListener, double: DiscordDouble) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let d = double.clone();
        tokio::spawn(async move {
            let svc = service_fn(move |req| {
                let d = d.clone();
                async move { Ok::<_, Infallible>(route(d, req).await) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

struct Reply {
    status: u16,
    body: Option<Value>,
    headers: Vec<(&'static str, String)>,
}

fn ok(v: Value) -> Reply {
    Reply {
        status: 200,
        body: Some(v),
        headers: Vec::new(),
    }
}
fn no_content() -> Reply {
    Reply {
        status: 204,
        body: None,
        headers: Vec::new(),
    }
}
fn error(status: u16, code: u64, message: &str) -> Reply {
    Reply {
        status,
        body: Some(json!({"message": message, "code": code})),
        headers: Vec::new(),
    }
}
fn invalid_form(field: &str, what: &str) -> Reply {
    error(400, 50035, &format!("Invalid Form Body: {field}: {what}"))
}

async fn route(double: DiscordDouble, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let method = req.method().as_str().to_string();
    let uri = req.uri().clone();
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    let body_bytes = req
        .into_body()
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let body: Value = if body_bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body_bytes).unwrap_or(Value::Null)
    };
    let full_path = uri.path().to_string();
    let path = full_path
        .strip_prefix("/api/v10")
        .unwrap_or(&full_path)
        .to_string();
    let query = uri.query().unwrap_or("").to_string();

    let reply = {
        let mut s = double.lock();
        let expected = format!("Bot {}", s.token);
        // Interaction callbacks and webhook follow-ups are authorised by their token.
        let needs_auth = !(path.starts_with("/interactions/") || path.starts_with("/webhooks/"));
        let reply = if needs_auth && auth.as_deref() != Some(expected.as_str()) {
            error(401, 0, "401: Unauthorized")
        } else {
            handle(&mut s, &method, &path, &query, &body)
        };
        s.requests.push(Recorded {
            method,
            path,
            query,
            body,
            status: reply.status,
            at: Instant::now(),
        });
        reply
    };
    double.changed();

    let mut builder = Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    for (k, v) in &reply.headers {
        builder = builder.header(*k, v);
    }
    let bytes = match reply.body {
        Some(v) => {
            builder = builder.header("content-type", "application/json");
            Bytes::from(v.to_string())
        }
        None => Bytes::new(),
    };
    builder
        .body(Full::new(bytes))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

fn seg(path: &str) -> Vec<&str> {
    path.trim_matches('/').split('/').collect()
}

fn id(s: &str) -> Option<u64> {
    s.parse().ok()
}

fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
}

fn handle(s: &mut State, method: &str, path: &str, query: &str, body: &Value) -> Reply {
    let p = seg(path);
    match (method, p.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": s.ws_url})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": s.ws_url,
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1}
        })),
        ("GET", ["users", "@me"]) => ok(s.user_value(BOT_USER_ID)),
        ("GET", ["oauth2", "applications", "@me"]) => ok(json!({
            "id": APPLICATION_ID.to_string(), "name": "Caldicott", "icon": null, "description": "", "bot_public": false,
            "bot_require_code_grant": false, "verify_key": "00", "flags": 0, "team": null,
            "owner": s.user_value(crate::OWNER_ID)
        })),
        ("POST", ["channels", c, "messages"]) => match id(c) {
            Some(c) => create_message(s, c, body),
            None => error(404, 10003, "Unknown Channel"),
        },
        ("GET", ["channels", c, "messages"]) => {
            let limit: usize = query_param(query, "limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(50)
                .min(100);
            match id(c).and_then(|c| s.channels.get(&c)) {
                Some(ch) => ok(Value::Array(
                    ch.messages.iter().rev().take(limit).cloned().collect(),
                )),
                None => error(404, 10003, "Unknown Channel"),
            }
        }
        ("GET", ["channels", c, "messages", m]) => {
            let found = id(c)
                .and_then(|c| s.channels.get(&c))
                .and_then(|ch| ch.messages.iter().find(|x| x["id"] == json!(m)).cloned());
            match found {
                Some(m) => ok(m),
                None => error(404, 10008, "Unknown Message"),
            }
        }
        ("DELETE", ["channels", c, "messages", m]) => {
            let (Some(c), Some(mid)) = (id(c), id(m)) else {
                return error(404, 10008, "Unknown Message");
            };
            let guild = s.channels.get(&c).and_then(|ch| ch.guild_id);
            let Some(ch) = s.channels.get_mut(&c) else {
                return error(404, 10003, "Unknown Channel");
            };
            let before = ch.messages.len();
            ch.messages.retain(|x| x["id"] != json!(m));
            if ch.messages.len() == before {
                return error(404, 10008, "Unknown Message");
            }
            ch.deleted.push(mid);
            let mut d = json!({"id": m, "channel_id": c.to_string()});
            if let Some(g) = guild {
                d["guild_id"] = json!(g.to_string());
            }
            s.dispatch("MESSAGE_DELETE", d);
            no_content()
        }
        ("POST", ["interactions", i, _token, "callback"]) => {
            if id(i).is_none_or(|i| !s.interactions.contains_key(&i)) {
                return error(404, 10062, "Unknown interaction");
            }
            if let Some(r) = check_message_body(&body["data"]) {
                return r;
            }
            no_content()
        }
        ("POST", ["webhooks", app, token]) if *app == APPLICATION_ID.to_string() => {
            if !s.interactions.values().any(|t| t == token) {
                return error(404, 10015, "Unknown Webhook");
            }
            if let Some(r) = check_message_body(body) {
                return r;
            }
            let mid = s.snowflake();
            let author = s.user_value(BOT_USER_ID);
            let mut m = payloads::message(
                mid,
                crate::CHANNEL_ID,
                None,
                &author,
                body["content"].as_str().unwrap_or(""),
                &now_iso(),
                None,
            );
            m["flags"] = body.get("flags").cloned().unwrap_or(json!(0));
            m["components"] = body.get("components").cloned().unwrap_or(json!([]));
            m["embeds"] = body.get("embeds").cloned().unwrap_or(json!([]));
            m["webhook_id"] = json!(APPLICATION_ID.to_string());
            ok(m)
        }
        ("PATCH", ["webhooks", _app, _token, "messages", _m]) => {
            let mid = s.snowflake();
            let author = s.user_value(BOT_USER_ID);
            ok(payloads::message(
                mid,
                crate::CHANNEL_ID,
                None,
                &author,
                body["content"].as_str().unwrap_or(""),
                &now_iso(),
                None,
            ))
        }
        ("PUT", ["applications", app, "commands"]) if *app == APPLICATION_ID.to_string() => {
            let cmds = register_commands(s, body, None);
            s.commands_global = cmds.clone();
            ok(Value::Array(cmds))
        }
        ("PUT", ["applications", app, "guilds", g, "commands"])
            if *app == APPLICATION_ID.to_string() =>
        {
            let Some(g) = id(g) else {
                return error(404, 10004, "Unknown Guild");
            };
            let cmds = register_commands(s, body, Some(g));
            s.commands_guild.insert(g, cmds.clone());
            ok(Value::Array(cmds))
        }
        ("GET", ["applications", _app, "commands"]) => ok(Value::Array(s.commands_global.clone())),
        ("GET", ["guilds", _g, "auto-moderation", "rules"]) => ok(Value::Array(s.automod.clone())),
        ("POST", ["guilds", g, "auto-moderation", "rules"]) => {
            if let Some(r) = check_automod(body) {
                return r;
            }
            let rid = s.snowflake();
            let mut rule = body.clone();
            rule["id"] = json!(rid.to_string());
            rule["guild_id"] = json!(g);
            rule["creator_id"] = json!(BOT_USER_ID.to_string());
            for (k, d) in [
                ("exempt_roles", json!([])),
                ("exempt_channels", json!([])),
                ("enabled", json!(false)),
            ] {
                if rule.get(k).is_none() {
                    rule[k] = d;
                }
            }
            s.automod.push(rule.clone());
            ok(rule)
        }
        ("PATCH", ["guilds", _g, "auto-moderation", "rules", r]) => {
            if let Some(e) = check_automod(body) {
                return e;
            }
            let Some(rule) = s.automod.iter_mut().find(|x| x["id"] == json!(r)) else {
                return error(404, 10066, "Unknown auto moderation rule");
            };
            if let (Some(obj), Some(patch)) = (rule.as_object_mut(), body.as_object()) {
                for (k, v) in patch {
                    obj.insert(k.clone(), v.clone());
                }
            }
            ok(rule.clone())
        }
        ("DELETE", ["guilds", _g, "auto-moderation", "rules", r]) => {
            let before = s.automod.len();
            s.automod.retain(|x| x["id"] != json!(r));
            if s.automod.len() == before {
                error(404, 10066, "Unknown auto moderation rule")
            } else {
                no_content()
            }
        }
        ("POST", ["users", "@me", "channels"]) => {
            let Some(recipient) = body["recipient_id"].as_str().and_then(id) else {
                return invalid_form("recipient_id", "This field is required");
            };
            let cid = match s.dm_channels.get(&recipient) {
                Some(c) => *c,
                None => {
                    let c = s.snowflake();
                    s.dm_channels.insert(recipient, c);
                    s.channels.insert(
                        c,
                        crate::Channel {
                            guild_id: None,
                            ..Default::default()
                        },
                    );
                    c
                }
            };
            let user = s.user_value(recipient);
            ok(payloads::dm_channel(cid, &user))
        }
        _ => error(404, 0, "404: Not Found"),
    }
}

fn check_message_body(body: &Value) -> Option<Reply> {
    if let Some(c) = body["content"].as_str()
        && c.chars().count() > MESSAGE_CONTENT_MAX
    {
        return Some(invalid_form("content", "Must be 2000 or fewer in length."));
    }
    if let Some(embeds) = body["embeds"].as_array() {
        if embeds.len() > 10 {
            return Some(invalid_form("embeds", "Must be 10 or fewer in length."));
        }
        for e in embeds {
            if e["description"]
                .as_str()
                .is_some_and(|d| d.chars().count() > EMBED_DESCRIPTION_MAX)
            {
                return Some(invalid_form(
                    "embeds.0.description",
                    "Must be 4096 or fewer in length.",
                ));
            }
        }
    }
    None
}

fn create_message(s: &mut State, channel: u64, body: &Value) -> Reply {
    let Some(guild) = s.channels.get(&channel).map(|c| c.guild_id) else {
        return error(404, 10003, "Unknown Channel");
    };
    if let Some(r) = check_message_body(body) {
        return r;
    }
    let nonce = match &body["nonce"] {
        Value::String(n) => Some(n.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    if let Some(n) = &nonce
        && n.len() > NONCE_MAX
    {
        return invalid_form("nonce", "Must be 25 or fewer in length.");
    }
    let now = Instant::now();
    // Rate limit: per channel bucket.
    let posts = s.posts.entry(channel).or_default();
    posts.retain(|t| now.duration_since(*t) < CHANNEL_RATE_WINDOW);
    if posts.len() >= CHANNEL_RATE_LIMIT {
        s.rate_limited += 1;
        let retry = CHANNEL_RATE_WINDOW
            .saturating_sub(now.duration_since(posts[0]))
            .as_secs_f64();
        let mut r = error(429, 20028, "You are being rate limited.");
        r.body = Some(
            json!({"message": "You are being rate limited.", "retry_after": retry, "global": false}),
        );
        r.headers
            .push(("retry-after", format!("{}", retry.ceil() as u64)));
        r.headers.push(("x-ratelimit-scope", "user".into()));
        return r;
    }
    // enforce_nonce: the same nonce within the memory window returns the earlier message.
    if body["enforce_nonce"] == json!(true)
        && let Some(n) = &nonce
    {
        let memory = s.nonce_memory;
        if let Some((mid, at)) = s.nonces.get(&(channel, n.clone())).cloned()
            && now.duration_since(at) < memory
            && let Some(existing) = s.channels.get(&channel).and_then(|c| {
                c.messages
                    .iter()
                    .find(|m| m["id"] == json!(mid.to_string()))
                    .cloned()
            })
        {
            return ok(existing);
        }
    }
    let posts = s.posts.entry(channel).or_default();
    posts.push(now);
    let remaining = CHANNEL_RATE_LIMIT.saturating_sub(posts.len());
    let reset_after = CHANNEL_RATE_WINDOW
        .saturating_sub(now.duration_since(posts[0]))
        .as_secs_f64();
    let mid = s.snowflake();
    let author = s.user_value(BOT_USER_ID);
    let mut m = payloads::message(
        mid,
        channel,
        guild,
        &author,
        body["content"].as_str().unwrap_or(""),
        &now_iso(),
        None,
    );
    for k in ["embeds", "components"] {
        if let Some(v) = body.get(k) {
            m[k] = v.clone();
        }
    }
    if let Some(r) = body.get("message_reference") {
        m["message_reference"] = r.clone();
    }
    if let Some(n) = &nonce {
        m["nonce"] = json!(n);
        s.nonces.insert((channel, n.clone()), (mid, now));
    }
    s.channels
        .entry(channel)
        .or_default()
        .messages
        .push(m.clone());
    s.dispatch("MESSAGE_CREATE", m.clone());
    let mut r = ok(m);
    let reset_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64()
        + reset_after;
    r.headers = vec![
        ("x-ratelimit-limit", CHANNEL_RATE_LIMIT.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", format!("{reset_at:.3}")),
        ("x-ratelimit-reset-after", format!("{reset_after:.3}")),
        ("x-ratelimit-bucket", format!("channel-{channel}")),
    ];
    r
}

fn register_commands(s: &mut State, body: &Value, guild: Option<u64>) -> Vec<Value> {
    let mut out = Vec::new();
    for c in body.as_array().cloned().unwrap_or_default() {
        let mut c = c;
        let cid = s.snowflake();
        c["id"] = json!(cid.to_string());
        c["application_id"] = json!(APPLICATION_ID.to_string());
        c["version"] = json!(cid.to_string());
        if let Some(g) = guild {
            c["guild_id"] = json!(g.to_string());
        }
        if c.get("type").is_none() {
            c["type"] = json!(1);
        }
        if c.get("description").is_none() {
            c["description"] = json!("");
        }
        if c.get("default_member_permissions").is_none() {
            c["default_member_permissions"] = Value::Null;
        }
        c["nsfw"] = c.get("nsfw").cloned().unwrap_or(json!(false));
        out.push(c);
    }
    out
}

fn check_automod(body: &Value) -> Option<Reply> {
    let meta = &body["trigger_metadata"];
    if let Some(patterns) = meta["regex_patterns"].as_array() {
        if patterns.len() > AUTOMOD_REGEX_MAX {
            return Some(invalid_form(
                "trigger_metadata.regex_patterns",
                "Must be 10 or fewer in length.",
            ));
        }
        for p in patterns {
            let p = p.as_str().unwrap_or("");
            if p.chars().count() > AUTOMOD_REGEX_LEN_MAX {
                return Some(invalid_form(
                    "trigger_metadata.regex_patterns",
                    "Must be 260 or fewer in length.",
                ));
            }
            // Discord evaluates AutoMod regexes with Rust's regex crate.
            if regex::Regex::new(p).is_err() {
                return Some(invalid_form(
                    "trigger_metadata.regex_patterns",
                    "Invalid regex",
                ));
            }
        }
    }
    if let Some(actions) = body["actions"].as_array() {
        for a in actions {
            if a["metadata"]["custom_message"]
                .as_str()
                .is_some_and(|m| m.chars().count() > AUTOMOD_CUSTOM_MESSAGE_MAX)
            {
                return Some(invalid_form(
                    "actions.metadata.custom_message",
                    "Must be 150 or fewer in length.",
                ));
            }
        }
    }
    None
}
