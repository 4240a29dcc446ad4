//! Reading one Matrix timeline event (as the spec's JSON) into the parts the
//! core needs. Pure functions, unit-tested on payloads shaped as in the
//! Matrix client-server spec; the adapter adds room facts (members, power
//! levels) and builds the core's `Incoming`.

use serde_json::Value;

/// A message event, flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The event id. For an edit, the id of the message being edited.
    pub message_id: String,
    /// The event id of this event itself (differs from `message_id` for edits).
    pub event_id: String,
    pub sender: String,
    pub origin_server_ts: u64,
    /// Plain text to scan: the body, plus the text of the formatted body
    /// when that says something the body does not.
    pub text: String,
    pub attachments: Vec<Attachment>,
    /// An `m.replace` edit.
    pub edited: bool,
    /// The thread this message is in (its root event id), if any.
    pub thread_root: Option<String>,
    /// `m.notice`: by convention sent by bots.
    pub is_notice: bool,
}

/// A file or image attached to a message: metadata only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: Option<String>,
}

/// Reads an `m.room.message` event; `None` for anything else (state events,
/// redacted events, reactions, encrypted events that were not decrypted).
pub fn parse_message(event: &Value) -> Option<Message> {
    if event.get("type")?.as_str()? != "m.room.message" || event.get("state_key").is_some() {
        return None;
    }
    let event_id = event.get("event_id")?.as_str()?.to_owned();
    let sender = event.get("sender")?.as_str()?.to_owned();
    let origin_server_ts = event
        .get("origin_server_ts")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let content = event.get("content")?;
    let relates = content.get("m.relates_to");
    let rel_type = relates
        .and_then(|r| r.get("rel_type"))
        .and_then(Value::as_str);

    let (message_id, edited, body_content) = match rel_type {
        Some("m.replace") => {
            let original = relates?.get("event_id")?.as_str()?.to_owned();
            // The new text lives in m.new_content; the outer body is a "* ..." fallback.
            let new_content = content.get("m.new_content")?;
            (original, true, new_content)
        }
        _ => (event_id.clone(), false, content),
    };
    let thread_root = match rel_type {
        Some("m.thread") => relates
            .and_then(|r| r.get("event_id"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    };
    let msgtype = body_content.get("msgtype")?.as_str()?;
    let body = body_content
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or("");
    let is_reply = relates.and_then(|r| r.get("m.in_reply_to")).is_some();
    let mut attachments = Vec::new();
    let text = match msgtype {
        "m.text" | "m.notice" | "m.emote" => {
            let body = if is_reply {
                strip_reply_fallback(body)
            } else {
                body.to_owned()
            };
            let formatted = body_content
                .get("format")
                .and_then(Value::as_str)
                .filter(|f| *f == "org.matrix.custom.html")
                .and_then(|_| body_content.get("formatted_body"))
                .and_then(Value::as_str)
                .map(html_to_text);
            combine(&body, formatted.as_deref())
        }
        "m.image" | "m.file" | "m.video" | "m.audio" => {
            let filename = body_content.get("filename").and_then(Value::as_str);
            let mimetype = body_content
                .get("info")
                .and_then(|i| i.get("mimetype"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            attachments.push(Attachment {
                filename: filename.unwrap_or(body).to_owned(),
                content_type: mimetype,
            });
            // With `filename` set, `body` is a caption (Matrix 1.10).
            if filename.is_some_and(|f| f != body) {
                body.to_owned()
            } else {
                String::new()
            }
        }
        _ => return None,
    };
    Some(Message {
        message_id,
        event_id,
        sender,
        origin_server_ts,
        text,
        attachments,
        edited,
        thread_root,
        is_notice: msgtype == "m.notice",
    })
}

/// Is this our own `m.room.member` join?
pub fn is_own_join(event: &Value, own_user: &str) -> bool {
    event.get("type").and_then(Value::as_str) == Some("m.room.member")
        && event.get("state_key").and_then(Value::as_str) == Some(own_user)
        && event
            .get("content")
            .and_then(|c| c.get("membership"))
            .and_then(Value::as_str)
            == Some("join")
}

/// Removes the `> <@user> quoted…` fallback that older clients put in front
/// of a reply's body: the quoted text is someone else's (already scanned)
/// message.
pub fn strip_reply_fallback(body: &str) -> String {
    let mut lines = body.lines().peekable();
    if !lines.peek().is_some_and(|l| l.starts_with("> ")) {
        return body.to_owned();
    }
    while lines.peek().is_some_and(|l| l.starts_with('>')) {
        lines.next();
    }
    if lines.peek().is_some_and(|l| l.is_empty()) {
        lines.next();
    }
    lines.collect::<Vec<_>>().join("\n")
}

/// The text of an HTML formatted body: tags dropped (with `<br>`, `<p>` and
/// list items as line breaks), `<mx-reply>` fallbacks dropped, the common
/// entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut in_reply = 0usize;
    while let Some(lt) = rest.find('<') {
        if in_reply == 0 {
            out.push_str(&rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else {
            if in_reply == 0 {
                out.push_str(&rest[lt..]);
            }
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        if name == "mx-reply" {
            if tag.starts_with('/') {
                in_reply = in_reply.saturating_sub(1);
            } else {
                in_reply += 1;
            }
        } else if in_reply == 0
            && matches!(name, "br" | "p" | "li" | "div" | "tr" | "h1" | "h2" | "h3")
        {
            out.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    if in_reply == 0 {
        out.push_str(rest);
    }
    decode_entities(&out).trim().to_owned()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The body, plus the formatted text when it carries words the body lacks
/// (a formatted body can hide text from a plain-text reader).
fn combine(body: &str, formatted: Option<&str>) -> String {
    match formatted {
        Some(f) if squash(f) != squash(body) && !squash(body).contains(&squash(f)) => {
            if body.trim().is_empty() {
                f.to_owned()
            } else {
                format!("{body}\n{f}")
            }
        }
        _ => body.to_owned(),
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(content: Value) -> Value {
        json!({
            "type": "m.room.message",
            "event_id": "$ev1",
            "sender": "@alice:example.org",
            "origin_server_ts": 1432735824653u64,
            "content": content,
        })
    }

    #[test]
    fn plain_text() {
        let m = parse_message(&ev(json!({"msgtype": "m.text", "body": "hello"}))).unwrap();
        assert_eq!(m.text, "hello");
        assert_eq!(m.message_id, "$ev1");
        assert!(!m.edited && !m.is_notice && m.thread_root.is_none());
    }

    #[test]
    fn formatted_body_with_hidden_words_is_scanned_too() {
        let m = parse_message(&ev(json!({
            "msgtype": "m.text",
            "body": "see below",
            "format": "org.matrix.custom.html",
            "formatted_body": "see <span data-mx-spoiler>bed 4 Mrs Smith</span> below"
        })))
        .unwrap();
        assert!(m.text.contains("bed 4 Mrs Smith"), "{}", m.text);
    }

    #[test]
    fn formatted_body_same_as_body_is_not_doubled() {
        let m = parse_message(&ev(json!({
            "msgtype": "m.text",
            "body": "**bold** words",
            "format": "org.matrix.custom.html",
            "formatted_body": "<strong>bold</strong> words"
        })))
        .unwrap();
        assert_eq!(m.text, "**bold** words\nbold words");
        let m = parse_message(&ev(json!({
            "msgtype": "m.text",
            "body": "same words",
            "format": "org.matrix.custom.html",
            "formatted_body": "<p>same words</p>"
        })))
        .unwrap();
        assert_eq!(m.text, "same words");
    }

    #[test]
    fn edit_uses_new_content_and_original_id() {
        let m = parse_message(&ev(json!({
            "msgtype": "m.text",
            "body": "* NHS 943 476 5919",
            "m.new_content": {"msgtype": "m.text", "body": "NHS 943 476 5919"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": "$orig"}
        })))
        .unwrap();
        assert_eq!(m.message_id, "$orig");
        assert_eq!(m.event_id, "$ev1");
        assert_eq!(m.text, "NHS 943 476 5919");
        assert!(m.edited);
    }

    #[test]
    fn thread_reply_knows_its_root() {
        let m = parse_message(&ev(json!({
            "msgtype": "m.text",
            "body": "in a thread",
            "m.relates_to": {"rel_type": "m.thread", "event_id": "$root",
                "is_falling_back": true, "m.in_reply_to": {"event_id": "$root"}}
        })))
        .unwrap();
        assert_eq!(m.thread_root.as_deref(), Some("$root"));
        assert_eq!(m.text, "in a thread");
    }

    #[test]
    fn reply_fallback_is_stripped() {
        let m = parse_message(&ev(json!({
            "msgtype": "m.text",
            "body": "> <@bob:example.org> quoted words\n> more\n\nmy answer",
            "format": "org.matrix.custom.html",
            "formatted_body": "<mx-reply><blockquote>quoted words</blockquote></mx-reply>my answer",
            "m.relates_to": {"m.in_reply_to": {"event_id": "$q"}}
        })))
        .unwrap();
        assert_eq!(m.text, "my answer");
    }

    #[test]
    fn image_is_an_attachment_with_caption() {
        let m = parse_message(&ev(json!({
            "msgtype": "m.image",
            "body": "look at this",
            "filename": "xray.jpg",
            "url": "mxc://example.org/abc",
            "info": {"mimetype": "image/jpeg", "size": 31037}
        })))
        .unwrap();
        assert_eq!(
            m.attachments,
            vec![Attachment {
                filename: "xray.jpg".into(),
                content_type: Some("image/jpeg".into())
            }]
        );
        assert_eq!(m.text, "look at this");
        let m = parse_message(&ev(json!({"msgtype": "m.image", "body": "photo.png",
            "url": "mxc://example.org/abc"})))
        .unwrap();
        assert_eq!(m.text, "");
        assert_eq!(m.attachments[0].filename, "photo.png");
    }

    #[test]
    fn notices_are_marked_and_others_skipped() {
        assert!(
            parse_message(&ev(json!({"msgtype": "m.notice", "body": "x"})))
                .unwrap()
                .is_notice
        );
        let mut state = ev(json!({"msgtype": "m.text", "body": "x"}));
        state["state_key"] = json!("");
        assert!(parse_message(&state).is_none());
        let redacted = ev(json!({}));
        assert!(parse_message(&redacted).is_none());
        let mut enc = ev(json!({"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "..."}));
        enc["type"] = json!("m.room.encrypted");
        assert!(parse_message(&enc).is_none());
    }

    #[test]
    fn own_join() {
        let j = json!({"type": "m.room.member", "state_key": "@bot:x", "sender": "@bot:x",
            "content": {"membership": "join"}, "event_id": "$j"});
        assert!(is_own_join(&j, "@bot:x"));
        assert!(!is_own_join(&j, "@other:x"));
    }

    #[test]
    fn entities_and_breaks() {
        assert_eq!(
            html_to_text("a&amp;b<br>c &#39;d&#x27; &bogus e"),
            "a&b\nc 'd' &bogus e"
        );
    }
}
