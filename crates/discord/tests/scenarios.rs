//! End-to-end scenarios against the Discord API double (no Discord servers):
//! serenity connects to the double's gateway and REST routes on 127.0.0.1.

mod common;

use caldicott_discord_double::{CHANNEL_ID, GUILD_ID};
use common::*;
use serde_json::{Value, json};

fn is_nudge_for(body: &Value, user: u64) -> bool {
    body["content"]
        .as_str()
        .is_some_and(|c| c.contains(&format!("<@{user}>")))
        && button_ids(body)
            .iter()
            .any(|id| id.starts_with("cald:why:"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planted_nhs_number_gets_a_nudge_and_a_private_why() {
    let h = start().await;
    let from = h.double.request_count();
    let mid = h.double.user_message(CHANNEL_ID, &h.alice, PLANTED);

    let nudge = h
        .wait_post(from, CHANNEL_ID, |b| is_nudge_for(b, h.alice.id))
        .await;
    let content = nudge["content"].as_str().unwrap();
    for word in ["NHS", "Patel", "patient", "identifier", NHS] {
        assert!(
            !content.contains(word),
            "the nudge names no content or category: {content}"
        );
    }
    assert_eq!(
        nudge["message_reference"]["message_id"],
        json!(mid.to_string())
    );
    assert_eq!(
        nudge["allowed_mentions"]["users"],
        json!([h.alice.id.to_string()])
    );
    assert_eq!(button_labels(&nudge), vec!["Why?"]);

    // Someone else clicking Why? learns nothing.
    let stored_nudge = stored(&h.double, CHANNEL_ID, &nudge);
    let why = button_ids(&nudge)[0].clone();
    let i = h
        .double
        .click(&h.bob, CHANNEL_ID, stored_nudge.clone(), &why);
    let answer = h.wait_answer(i).await;
    assert_eq!(answer["type"], json!(4));
    assert_eq!(
        answer["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
        EPHEMERAL
    );
    let text = answer["data"]["content"].as_str().unwrap();
    assert!(text.contains("author"), "{text}");
    assert!(!text.contains("[NHS number]") && !text.contains(NHS));

    // The author gets the masked copy, the reason and the guidance, privately.
    let i = h.double.click(&h.alice, CHANNEL_ID, stored_nudge, &why);
    let answer = h.wait_answer(i).await;
    assert_eq!(answer["type"], json!(4));
    assert_eq!(
        answer["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
        EPHEMERAL,
        "only the author sees it"
    );
    let note = answer["data"]["content"].as_str().unwrap().to_string();
    assert!(note.contains("[NHS number]"), "masked copy: {note}");
    assert!(
        !note.contains(NHS) && !note.contains(NHS_DIGITS),
        "no identifier in the note: {note}"
    );
    assert!(
        note.contains("para") || note.contains("gmc-uk.org"),
        "guidance paragraph: {note}"
    );
    assert_eq!(
        button_labels(&answer["data"]),
        vec!["Show guidance", "Not a patient identifier"]
    );

    // Show guidance.
    let ids = button_ids(&answer["data"]);
    let i = h.double.click(
        &h.alice,
        CHANNEL_ID,
        stored(&h.double, CHANNEL_ID, &nudge),
        &ids[0],
    );
    let g = h.wait_answer(i).await;
    assert_eq!(g["data"]["flags"].as_u64().unwrap() & EPHEMERAL, EPHEMERAL);
    assert!(
        g["data"]["content"]
            .as_str()
            .unwrap()
            .contains("gmc-uk.org"),
        "{g}"
    );

    // Not a patient identifier -> the core's dispute flow.
    let i = h.double.click(
        &h.alice,
        CHANNEL_ID,
        stored(&h.double, CHANNEL_ID, &nudge),
        &ids[1],
    );
    let d = h.wait_answer(i).await;
    assert_eq!(d["data"]["flags"].as_u64().unwrap() & EPHEMERAL, EPHEMERAL);
    assert!(
        d["data"]["content"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("thank"),
        "{d}"
    );

    h.assert_nothing_planted_leaked();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_and_intents_are_registered() {
    let h = start().await;
    let expected = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15);
    assert_eq!(
        h.double.intents(),
        Some(expected),
        "GUILDS, GUILD_MESSAGES, DIRECT_MESSAGES, MESSAGE_CONTENT"
    );
    for cmds in [
        h.double.commands_global(),
        h.double.commands_guild(GUILD_ID),
    ] {
        let names: Vec<&str> = cmds.iter().filter_map(|c| c["name"].as_str()).collect();
        assert_eq!(
            names,
            vec![
                "gmc",
                "foamed",
                "caldicott",
                "caldicott-me",
                "Check with Caldicott"
            ]
        );
        let caldicott = cmds
            .iter()
            .find(|c| c["name"] == json!("caldicott"))
            .unwrap();
        assert_eq!(
            caldicott["default_member_permissions"],
            json!("32"),
            "Manage Server"
        );
        let gmc = cmds.iter().find(|c| c["name"] == json!("gmc")).unwrap();
        assert_eq!(gmc["options"][0]["autocomplete"], json!(true));
        let menu = cmds
            .iter()
            .find(|c| c["name"] == json!("Check with Caldicott"))
            .unwrap();
        assert_eq!(menu["type"], json!(3));
    }
}

/// A moderator sets a channel setting through `/caldicott settings`.
async fn set(h: &Harness, change: &str) -> Value {
    let i = h.double.slash_command(
        &h.moderator,
        CHANNEL_ID,
        "caldicott",
        json!([{"type": 1, "name": "settings", "options": [{"type": 3, "name": "change", "value": change}]}]),
    );
    h.wait_answer(i).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redact_mode_deletes_and_keeps_the_masked_copy_for_why() {
    let h = start().await;
    let answer = set(&h, "mode redact").await;
    assert_eq!(answer["type"], json!(4));
    let from = h.double.request_count();
    let mid = h.double.user_message(CHANNEL_ID, &h.alice, PLANTED);
    let path = format!("/channels/{CHANNEL_ID}/messages/{mid}");
    let del = h
        .double
        .wait_request(from, WAIT, |r| r.method == "DELETE" && r.path == path)
        .await;
    assert!(
        del.is_some(),
        "the message was deleted: {:#?}",
        summary(&h.double)
    );
    assert!(h.double.deleted(CHANNEL_ID).contains(&mid));
    assert!(h.double.message(CHANNEL_ID, mid).is_none());

    let nudge = h
        .wait_post(from, CHANNEL_ID, |b| is_nudge_for(b, h.alice.id))
        .await;
    assert!(
        nudge["message_reference"].is_null(),
        "no reply to a deleted message"
    );
    let why = button_ids(&nudge)[0].clone();
    let i = h.double.click(
        &h.alice,
        CHANNEL_ID,
        stored(&h.double, CHANNEL_ID, &nudge),
        &why,
    );
    let note = h.wait_answer(i).await;
    let text = note["data"]["content"].as_str().unwrap();
    assert!(
        text.contains("[NHS number]"),
        "the author keeps a masked copy: {text}"
    );
    assert!(!text.contains(NHS));
    h.assert_nothing_planted_leaked();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_moderator_cannot_change_settings() {
    let h = start().await;
    let i = h.double.slash_command(
        &h.alice,
        CHANNEL_ID,
        "caldicott",
        json!([{"type": 1, "name": "settings", "options": [{"type": 3, "name": "change", "value": "mode redact"}]}]),
    );
    let answer = h.wait_answer(i).await;
    assert_eq!(
        answer["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
        EPHEMERAL
    );
    let text = answer["data"]["content"].as_str().unwrap().to_lowercase();
    assert!(
        text.contains("moderator") || text.contains("permission"),
        "{text}"
    );
    // Still in the default mode: a planted message is not deleted.
    let from = h.double.request_count();
    let mid = h.double.user_message(CHANNEL_ID, &h.alice, PLANTED);
    h.wait_post(from, CHANNEL_ID, |b| is_nudge_for(b, h.alice.id))
        .await;
    assert!(h.double.message(CHANNEL_ID, mid).is_some(), "not deleted");
    assert!(!h.double.requests().iter().any(|r| r.method == "DELETE"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gmc_autocomplete_and_answer() {
    let h = start().await;
    let i = h
        .double
        .autocomplete(&h.alice, CHANNEL_ID, "gmc", "topic", "chap");
    let ac = h.wait_answer(i).await;
    assert_eq!(
        ac["type"],
        json!(8),
        "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT"
    );
    let choices = ac["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25, "{ac}");
    let expected: Vec<Value> = guidance_index()
        .suggest("chap")
        .into_iter()
        .map(|(slug, _)| json!(slug))
        .collect();
    let got: Vec<Value> = choices.iter().map(|c| c["value"].clone()).collect();
    assert_eq!(got, expected, "the guidance index's suggestions, in order");
    assert!(got.contains(&json!("chaperones")), "{got:?}");

    let i = h.double.slash_command(
        &h.alice,
        CHANNEL_ID,
        "gmc",
        json!([{"type": 3, "name": "topic", "value": "chaperones"}]),
    );
    let answer = h.wait_answer(i).await;
    let text = answer["data"]["content"].as_str().unwrap();
    let lookup = guidance_index().lookup("chaperones");
    assert_eq!(lookup.topic.as_deref(), Some("chaperones"));
    assert!(
        text.contains(lookup.url.as_deref().unwrap()),
        "the same guidance as the CLI: {text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dm_opt_in_sends_the_note_by_direct_message() {
    let h = start().await;
    let i = h.double.slash_command(
        &h.bob,
        CHANNEL_ID,
        "caldicott-me",
        json!([{"type": 1, "name": "dm", "options": [{"type": 3, "name": "state", "value": "on"}]}]),
    );
    let ack = h.wait_answer(i).await;
    assert_eq!(
        ack["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
        EPHEMERAL
    );
    let from = h.double.request_count();
    h.double.user_message(CHANNEL_ID, &h.bob, PLANTED);
    let opened = h
        .double
        .wait_request(from, WAIT, |r| {
            r.method == "POST" && r.path == "/users/@me/channels"
        })
        .await
        .expect("a DM channel was opened");
    assert_eq!(opened.body["recipient_id"], json!(h.bob.id.to_string()));
    let dm = h.double.dm_channel(h.bob.id).unwrap();
    let note = h.wait_post(from, dm, |_| true).await;
    let text = note["content"].as_str().unwrap();
    assert!(
        text.contains("[NHS number]") && !text.contains(NHS),
        "{text}"
    );
    assert_eq!(
        button_labels(&note),
        vec!["Show guidance", "Not a patient identifier"]
    );
    // No nudge in the channel for an opted-in user.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let nudges = h
        .double
        .requests()
        .into_iter()
        .skip(from)
        .filter(|r| {
            r.path == format!("/channels/{CHANNEL_ID}/messages") && is_nudge_for(&r.body, h.bob.id)
        })
        .count();
    assert_eq!(nudges, 0);
    // The choice is in the store under a keyed hash, not the user id.
    let key = h
        .bot
        .author_hash(caldicott_core::Platform::Discord, &h.bob.id.to_string())
        .unwrap();
    assert!(
        h.bot
            .store()
            .get(caldicott_discord::handler::DM_NAMESPACE, &key)
            .unwrap()
            .is_some()
    );
    let dump = format!("{:?}", h.bot.store().dump().unwrap());
    assert!(
        !dump.contains(&h.bob.id.to_string()),
        "no raw user id in the store"
    );
    h.assert_nothing_planted_leaked();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_with_caldicott_context_menu_answers_privately() {
    let h = start().await;
    let mid = h.double.user_message(
        caldicott_discord_double::OTHER_CHANNEL_ID,
        &h.alice,
        "the bed board photo is fine",
    );
    // Let the bot see it first.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let _ = mid;
    let planted = h.double.user_message(CHANNEL_ID, &h.alice, PLANTED);
    let i = h
        .double
        .message_command(&h.bob, CHANNEL_ID, "Check with Caldicott", planted);
    let answer = h.wait_answer(i).await;
    assert_eq!(
        answer["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
        EPHEMERAL
    );
    let text = answer["data"]["content"].as_str().unwrap();
    assert!(
        text.contains("[NHS number]") && !text.contains(NHS),
        "{text}"
    );
    h.assert_nothing_planted_leaked();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_gateway_resumes_without_losing_or_doubling_messages() {
    let h = start().await;
    let from = h.double.request_count();
    let before = h.double.user_message(CHANNEL_ID, &h.alice, PLANTED);
    h.wait_post(from, CHANNEL_ID, |b| {
        b["message_reference"]["message_id"] == json!(before.to_string())
    })
    .await;

    h.double.drop_gateway();
    // Sent while the bot is disconnected: held in the session and replayed on RESUME.
    let during_a = h.double.user_message(CHANNEL_ID, &h.bob, PLANTED);
    let during_b = h.double.user_message(CHANNEL_ID, &h.moderator, PLANTED);
    assert!(h.double.wait_ready(WAIT).await, "reconnected");
    assert_eq!(h.double.resumes(), 1, "resumed, not re-identified");
    assert_eq!(h.double.identifies(), 1);
    let after = h
        .double
        .user_message(CHANNEL_ID, &h.bob, "and a clean message after");
    let _ = after;

    for mid in [during_a, during_b] {
        h.wait_post(from, CHANNEL_ID, |b| {
            b["message_reference"]["message_id"] == json!(mid.to_string())
        })
        .await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    for mid in [before, during_a, during_b] {
        let n = h
            .double
            .requests()
            .iter()
            .filter(|r| {
                r.method == "POST"
                    && r.body["message_reference"]["message_id"] == json!(mid.to_string())
            })
            .count();
        assert_eq!(n, 1, "exactly one nudge for message {mid}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_flagged_messages_never_trips_the_rate_limit() {
    let h = start().await;
    let users: Vec<_> = (0..7u64)
        .map(|n| {
            h.double.add_user(
                1_100_000_000_000_002_000 + n,
                &format!("fy1_{n}"),
                caldicott_discord_double::perms::MEMBER,
            )
        })
        .collect();
    let from = h.double.request_count();
    for u in &users {
        h.double.user_message(CHANNEL_ID, u, PLANTED);
    }
    for u in &users {
        h.wait_post(from, CHANNEL_ID, |b| is_nudge_for(b, u.id))
            .await;
    }
    assert_eq!(h.double.rate_limited(), 0, "no 429 from the double");
    let times: Vec<_> = h
        .double
        .requests()
        .into_iter()
        .skip(from)
        .filter(|r| r.method == "POST" && r.path == format!("/channels/{CHANNEL_ID}/messages"))
        .map(|r| r.at)
        .collect();
    assert_eq!(times.len(), users.len());
    for w in times.windows(2) {
        assert!(
            w[1].duration_since(w[0]) >= std::time::Duration::from_millis(1000),
            "nudges are spaced"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daily_posts_use_a_nonce_and_are_found_in_history_before_any_retry() {
    use caldicott_core::Action;
    use caldicott_discord::{handler::channel_ref, ids};
    let h = start().await;
    let key = format!("discord:{CHANNEL_ID}|2026-11-24");
    let post = Action::DailyPost {
        channel: channel_ref(CHANNEL_ID),
        text: "#FOAMed today: ECG basics".into(),
        idempotency_key: key.clone(),
    };
    let from = h.double.request_count();
    // Sent twice within Discord's nonce memory (a retry after a timeout): one message.
    h.adapter.carry_out(vec![post.clone()]).await;
    h.adapter.carry_out(vec![post.clone()]).await;
    let posts: Vec<_> = h
        .double
        .requests()
        .into_iter()
        .skip(from)
        .filter(|r| r.method == "POST" && r.path == format!("/channels/{CHANNEL_ID}/messages"))
        .collect();
    assert_eq!(posts.len(), 2);
    for p in &posts {
        assert_eq!(p.body["nonce"], json!(ids::nonce(&key)));
        assert_eq!(p.body["enforce_nonce"], json!(true));
    }
    let marker = ids::daily_marker(&key);
    let in_channel = h
        .double
        .channel_messages(CHANNEL_ID)
        .iter()
        .filter(|m| m["content"].as_str().unwrap().contains(&marker))
        .count();
    assert_eq!(in_channel, 1, "enforce_nonce de-duplicated the retry");

    // Later Discord has forgotten the nonce: the bot finds its post in history.
    h.double.forget_nonces();
    assert_eq!(
        h.adapter.post_exists(&channel_ref(CHANNEL_ID), &key).await,
        Some(true)
    );
    assert_eq!(
        h.adapter
            .post_exists(&channel_ref(CHANNEL_ID), "discord:1|2026-11-25")
            .await,
        Some(false)
    );
    // A user quoting the marker is not the bot's post.
    h.double.user_message(
        CHANNEL_ID,
        &h.alice,
        &ids::daily_marker("discord:1|2026-11-26"),
    );
    assert_eq!(
        h.adapter
            .post_exists(&channel_ref(CHANNEL_ID), "discord:1|2026-11-26")
            .await,
        Some(false)
    );

    // Reconciling an older intent whose post exists sends nothing.
    let before = h.double.request_count();
    h.adapter
        .carry_out(vec![Action::Reconcile {
            channel: channel_ref(CHANNEL_ID),
            idempotency_key: key.clone(),
        }])
        .await;
    let history_read = h
        .double
        .requests()
        .into_iter()
        .skip(before)
        .any(|r| r.method == "GET" && r.path == format!("/channels/{CHANNEL_ID}/messages"));
    assert!(history_read, "history was read before any retry");
    let reposted = h
        .double
        .requests()
        .into_iter()
        .skip(before)
        .any(|r| r.method == "POST");
    assert!(!reposted, "no second post");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_that_adds_an_identifier_is_rescanned() {
    let h = start().await;
    let from = h.double.request_count();
    let mid = h
        .double
        .user_message(CHANNEL_ID, &h.alice, "bed 4 BP dropping, will update");
    h.double.user_edit(CHANNEL_ID, mid, PLANTED);
    let nudge = h
        .wait_post(from, CHANNEL_ID, |b| is_nudge_for(b, h.alice.id))
        .await;
    assert_eq!(
        nudge["message_reference"]["message_id"],
        json!(mid.to_string())
    );
    h.assert_nothing_planted_leaked();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_owner_typing_a_command_is_a_moderator_from_guild_create() {
    let h = start().await;
    // No permissions in the message itself: the owner is known from GUILD_CREATE.
    let owner = h.double.add_user(
        caldicott_discord_double::OWNER_ID,
        "consultant_owner",
        caldicott_discord_double::perms::MEMBER,
    );
    let from = h.double.request_count();
    h.double
        .user_message(CHANNEL_ID, &owner, "!caldicott settings mode redact");
    // The answer: in the channel, or (when the core makes it private) behind a button for the owner.
    let reply = h.wait_post(from, CHANNEL_ID, |_| true).await;
    let text = if is_nudge_for(&reply, owner.id) {
        let i = h.double.click(
            &owner,
            CHANNEL_ID,
            stored(&h.double, CHANNEL_ID, &reply),
            &button_ids(&reply)[0],
        );
        let answer = h.wait_answer(i).await;
        assert_eq!(
            answer["data"]["flags"].as_u64().unwrap() & EPHEMERAL,
            EPHEMERAL
        );
        answer["data"]["content"].as_str().unwrap().to_string()
    } else {
        reply["content"].as_str().unwrap().to_string()
    };
    assert!(
        !text.contains("Only this channel's moderators"),
        "the owner is a moderator: {text}"
    );
    assert!(text.contains("redact"), "{text}");
    let from = h.double.request_count();
    let mid = h.double.user_message(CHANNEL_ID, &h.alice, PLANTED);
    let path = format!("/channels/{CHANNEL_ID}/messages/{mid}");
    assert!(
        h.double
            .wait_request(from, WAIT, |r| r.method == "DELETE" && r.path == path)
            .await
            .is_some()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reconnect_request_is_answered_with_resume() {
    let h = start().await;
    h.double.send_reconnect();
    let deadline = std::time::Instant::now() + WAIT;
    while h.double.resumes() == 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(h.double.resumes(), 1, "op 7 -> RESUME");
    assert_eq!(h.double.identifies(), 1);
    assert!(h.double.wait_ready(WAIT).await);
    let from = h.double.request_count();
    let mid = h.double.user_message(CHANNEL_ID, &h.alice, PLANTED);
    h.wait_post(from, CHANNEL_ID, |b| {
        b["message_reference"]["message_id"] == json!(mid.to_string())
    })
    .await;
    h.assert_nothing_planted_leaked();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_sent_by_direct_message_is_checked_privately() {
    let h = start().await;
    let from = h.double.request_count();
    let (dm, _) = h.double.user_dm(&h.alice, PLANTED);
    let reply = h.wait_post(from, dm, |_| true).await;
    let text = reply["content"].as_str().unwrap();
    assert!(
        text.contains("[NHS number]") && !text.contains(NHS) && !text.contains(PATIENT),
        "{text}"
    );
    // Nothing in the shared channel.
    let in_channel = h
        .double
        .requests()
        .into_iter()
        .skip(from)
        .filter(|r| r.path == format!("/channels/{CHANNEL_ID}/messages"))
        .count();
    assert_eq!(in_channel, 0);
    h.assert_nothing_planted_leaked();
}
