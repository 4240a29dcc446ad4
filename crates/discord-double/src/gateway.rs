//! The gateway websocket (events/gateway.mdx): HELLO, IDENTIFY -> READY +
//! GUILD_CREATE, heartbeat/ACK, RESUME -> replay + RESUMED, INVALID_SESSION.

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use crate::{
    CHANNEL_ID, DiscordDouble, GUILD_ID, HEARTBEAT_INTERVAL_MS, Live, OTHER_CHANNEL_ID, OWNER_ID,
    payloads,
};

pub(crate) async fn serve(listener: TcpListener, double: DiscordDouble) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let d = double.clone();
        let conn = {
            let mut s = d.lock();
            s.conn_counter += 1;
            s.conn_counter
        };
        let handle = tokio::spawn(connection(stream, d.clone(), conn));
        d.lock().pending_abort.insert(conn, handle.abort_handle());
    }
}

async fn connection(stream: TcpStream, double: DiscordDouble, conn: u64) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut source) = ws.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    let hello =
        json!({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": null, "t": null});
    if sink.send(Message::Text(hello.to_string())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            out = rx.recv() => {
                let Some(text) = out else { break };
                if sink.send(Message::Text(text)).await.is_err() { break; }
            }
            incoming = source.next() => {
                let Some(Ok(msg)) = incoming else { break };
                let text = match msg {
                    Message::Text(t) => t,
                    Message::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
                    Message::Close(_) => break,
                    _ => continue,
                };
                let Ok(v) = serde_json::from_str::<Value>(&text) else {
                    let _ = sink.send(Message::Close(Some(close(4002, "Decode error")))).await;
                    break;
                };
                if let Some(close_frame) = handle(&double, conn, &tx, &v) {
                    let _ = sink.send(Message::Close(Some(close_frame))).await;
                    break;
                }
            }
        }
    }
    let mut s = double.lock();
    if s.live.as_ref().is_some_and(|l| l.conn == conn) {
        s.live = None;
    }
    s.pending_abort.remove(&conn);
    drop(s);
    double.changed();
}

fn close(code: u16, reason: &str) -> tokio_tungstenite::tungstenite::protocol::CloseFrame<'static> {
    tokio_tungstenite::tungstenite::protocol::CloseFrame {
        code: code.into(),
        reason: reason.to_string().into(),
    }
}

type CloseFrame = tokio_tungstenite::tungstenite::protocol::CloseFrame<'static>;

/// Handle one payload from the bot; `Some(frame)` closes the connection.
fn handle(
    double: &DiscordDouble,
    conn: u64,
    tx: &mpsc::UnboundedSender<String>,
    v: &Value,
) -> Option<CloseFrame> {
    let op = v["op"].as_u64().unwrap_or(u64::MAX);
    let mut s = double.lock();
    let result = match op {
        // Heartbeat
        1 => {
            s.heartbeats += 1;
            let _ = tx.send(json!({"op": 11, "d": null, "s": null, "t": null}).to_string());
            None
        }
        // Identify
        2 => {
            let d = &v["d"];
            if bare_token(d) != Some(s.token.as_str()) {
                return Some(close(4004, "Authentication failed."));
            }
            s.identifies += 1;
            s.intents = d["intents"].as_u64();
            let session = format!("session-{conn}-{}", s.identifies);
            s.session_id = Some(session.clone());
            s.seq = 0;
            s.log.clear();
            let abort = s.pending_abort.get(&conn).cloned();
            s.live = Some(Live {
                conn,
                tx: tx.clone(),
                abort,
            });
            let bot = s.user_value(crate::BOT_USER_ID);
            let resume_url = s.ws_url.clone();
            s.dispatch(
                "READY",
                payloads::ready(
                    &bot,
                    crate::APPLICATION_ID,
                    &session,
                    &resume_url,
                    &[GUILD_ID],
                ),
            );
            let channels = [
                payloads::text_channel(CHANNEL_ID, GUILD_ID, "ward-7", 0),
                payloads::text_channel(OTHER_CHANNEL_ID, GUILD_ID, "teaching", 1),
            ];
            s.dispatch(
                "GUILD_CREATE",
                payloads::guild_create(GUILD_ID, "Caldicott Test Hospital", OWNER_ID, &channels),
            );
            None
        }
        // Resume
        6 => {
            let d = &v["d"];
            let ok = bare_token(d) == Some(s.token.as_str())
                && d["session_id"].as_str() == s.session_id.as_deref();
            if !ok {
                let _ = tx.send(json!({"op": 9, "d": false, "s": null, "t": null}).to_string());
                None
            } else {
                s.resumes += 1;
                let from = d["seq"].as_u64().unwrap_or(0);
                for (seq, payload) in &s.log {
                    if *seq > from {
                        let _ = tx.send(payload.to_string());
                    }
                }
                let abort = s.pending_abort.get(&conn).cloned();
                s.live = Some(Live {
                    conn,
                    tx: tx.clone(),
                    abort,
                });
                s.dispatch("RESUMED", json!({"_trace": []}));
                None
            }
        }
        // Presence update, request guild members, voice state: accepted, ignored.
        3 | 4 | 8 => None,
        _ => Some(close(4001, "Unknown opcode.")),
    };
    drop(s);
    double.changed();
    result
}

/// The token of an IDENTIFY/RESUME, without the `Bot ` prefix serenity sends.
fn bare_token(d: &Value) -> Option<&str> {
    d["token"]
        .as_str()
        .map(|t| t.strip_prefix("Bot ").unwrap_or(t))
}
