//! Caldicott on a real Synapse, driven by matrix-sdk clients as people would.
//!
//! Needs a homeserver: `scripts/test.sh` starts one with
//! `scripts/synapse-dev.sh` and sets `CALDICOTT_TEST_HOMESERVER`,
//! `CALDICOTT_TEST_SYNAPSE_SECRET_FILE` and `CALDICOTT_TEST_SYNAPSE_CTL`.
//! Without them the tests say SKIPPED and pass.
//!
//! One test runs the scenarios in order (they share a homeserver that one
//! of them restarts); the latency measurement is `#[ignore]`d:
//! `cargo test -p caldicott-matrix --release --test synapse -- --ignored --nocapture latency`.

mod harness;

use std::{
    path::PathBuf,
    sync::OnceLock,
    time::{Duration, Instant},
};

use caldicott_core::{ChannelRef, Platform};
use caldicott_matrix::Options;
use chrono::Timelike;
use harness::*;
use matrix_sdk::ruma::{
    OwnedRoomId, UserId,
    api::client::room::create_room::v3::Request as CreateRoom,
    events::{InitialStateEvent, room::encryption::RoomEncryptionEventContent},
};

/// Where this test binary's logs go (every level of our crates, debug for
/// the SDK; `CALDICOTT_TEST_LOG` overrides the filter, e.g. `info` for the
/// latency run), so the test can search them for planted text.
fn log_file() -> &'static PathBuf {
    static LOG: OnceLock<PathBuf> = OnceLock::new();
    LOG.get_or_init(|| {
        let dir = tempfile::Builder::new().prefix("caldicott-matrix-logs").tempdir().unwrap();
        let path = dir.keep().join("test.log");
        let file = std::fs::File::create(&path).unwrap();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                std::env::var("CALDICOTT_TEST_LOG").unwrap_or_else(|_| {
                    "debug,caldicott_matrix=trace,caldicott_core=trace,hyper=info,reqwest=info,rustls=info,h2=info"
                        .to_owned()
                }),
            ))
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .init();
        path
    })
}

async fn encrypted_room(owner: &Human, name: &str, invite: &[&UserId]) -> OwnedRoomId {
    let mut req = CreateRoom::new();
    req.name = Some(name.to_owned());
    req.invite = invite.iter().map(|u| (*u).to_owned()).collect();
    req.initial_state = vec![
        InitialStateEvent::with_empty_state_key(
            RoomEncryptionEventContent::with_recommended_defaults(),
        )
        .to_raw_any(),
    ];
    owner
        .client
        .create_room(req)
        .await
        .expect("create room")
        .room_id()
        .to_owned()
}

async fn wait_joined(human: &Human, room: &OwnedRoomId, user: &UserId) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(r) = human.client.get_room(room)
            && let Ok(Some(m)) = r.get_member(user).await
            && *m.membership() == matrix_sdk::ruma::events::room::member::MembershipState::Join
        {
            return;
        }
        assert!(Instant::now() < deadline, "{user} never joined {room}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn is_note_to(bot: &UserId, dm_rooms: &[OwnedRoomId]) -> impl Fn(&Seen) -> bool {
    let bot = bot.to_string();
    let dm_rooms = dm_rooms.to_vec();
    move |s: &Seen| {
        s.kind() == "m.room.message"
            && s.sender() == bot
            && s.msgtype() == "m.notice"
            && (dm_rooms.is_empty() || dm_rooms.contains(&s.room))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matrix_end_to_end_on_real_synapse() {
    let Some(hs) = Synapse::from_env() else {
        return;
    };
    let log = log_file();
    let id = run_id();
    let data = tempfile::Builder::new()
        .prefix("caldicott-matrix-e2e")
        .tempdir()
        .unwrap();
    let setup = BotSetup::new(&hs, data.path(), &format!("caldicott{id}")).await;
    let bot_user = setup.user();
    let pw = "correct horse battery";
    let alice_id = hs.register(&format!("alice{id}"), pw).await;
    let bob_id = hs.register(&format!("bob{id}"), pw).await;
    let alice = Human::login(&hs, &alice_id, pw).await;
    let bob = Human::login(&hs, &bob_id, pw).await;

    // Set the core up: the planted message must be something it warns about.
    let probe = caldicott_core::Incoming::message(
        Platform::Matrix,
        "!probe",
        "$p",
        "@x:localhost",
        planted(0),
    );
    let kinds: Vec<_> = setup
        .core
        .handle(&probe, chrono::Utc::now())
        .iter()
        .map(|a| a.kind())
        .collect();
    assert!(
        kinds.contains(&"private_note"),
        "the core does not warn about the planted text: {kinds:?}"
    );

    let mut run = setup.start(fast_options()).await;
    let device = run.matrix.client().device_id().expect("device").to_owned();

    // A ward room, end-to-end encrypted. History from before the bot joins is not scanned.
    let ward = encrypted_room(&alice, "Ward 7", &[&bob_id]).await;
    wait_joined(&alice, &ward, &bob_id).await;
    assert!(
        alice
            .room(&ward)
            .latest_encryption_state()
            .await
            .unwrap()
            .is_encrypted()
    );
    let t_history = Instant::now();
    bob.say(&ward, &planted(1)).await;
    alice
        .room(&ward)
        .invite_user_by_id(&bot_user)
        .await
        .expect("invite bot");
    wait_joined(&alice, &ward, &bot_user).await;
    // The bot may redact in redact mode: moderator level.
    alice
        .room(&ward)
        .update_power_levels(vec![(&bot_user, 50.into())])
        .await
        .expect("power levels");

    // 1. Planted NHS number + name in an encrypted room -> private note (DM) to the author.
    let t0 = Instant::now();
    let flagged = bob.say(&ward, &planted(2)).await;
    let note = bob
        .wait_for(
            t0,
            Duration::from_secs(20),
            "private note",
            is_note_to(&bot_user, &[]),
        )
        .await;
    let note_latency = note.at - t0;
    assert_ne!(note.room, ward, "the note must not be in the ward room");
    assert!(
        bob.client
            .get_room(&note.room)
            .unwrap()
            .latest_encryption_state()
            .await
            .is_ok_and(|s| s.is_encrypted()),
        "the private note room is encrypted"
    );
    let body = note.body().to_owned();
    assert!(
        !body.contains(NHS) && !body.contains(NHS_DIGITS),
        "note repeats the NHS number: {body}"
    );
    assert!(
        body.to_lowercase().contains("nhs number"),
        "note names what was found: {body}"
    );
    assert!(
        body.contains("GMC") || body.contains("para"),
        "note cites guidance: {body}"
    );
    eprintln!("private note arrived {note_latency:?} after the send");
    // Nothing was said in the ward room, and the history message got no note.
    assert!(
        bob.all(t_history, |s| s.room == ward
            && s.sender() == bot_user.as_str()
            && s.kind() == "m.room.message")
            .is_empty(),
        "the bot wrote in the ward room in warn mode"
    );
    assert_eq!(
        bob.all(t_history, is_note_to(&bot_user, &[])).len(),
        1,
        "one note: not for history"
    );
    let dm = note.room.clone();

    // 2. The same DM room is reused for the next note.
    let t = Instant::now();
    bob.say(&ward, &planted(3)).await;
    let again = bob
        .wait_for(
            t,
            Duration::from_secs(20),
            "second note",
            is_note_to(&bot_user, &[]),
        )
        .await;
    assert_eq!(again.room, dm, "the DM room is created once and reused");

    // 3. `!gmc chaperones` is answered with the guidance the CLI gives.
    let t = Instant::now();
    let ask = bob.say(&ward, "!gmc chaperones").await;
    let answer = bob
        .wait_for(t, Duration::from_secs(20), "gmc answer", |s| {
            s.sender() == bot_user.as_str() && s.msgtype() == "m.notice" && s.room == ward
        })
        .await;
    let expected = guidance().lookup("chaperones").answer;
    assert!(!expected.trim().is_empty());
    assert_eq!(
        answer.body(),
        caldicott_core::render::clamp(&expected, caldicott_core::TEXT_MAX_CHARS)
    );
    assert_eq!(
        answer.event["content"]["m.relates_to"]["m.in_reply_to"]["event_id"].as_str(),
        Some(ask.as_str()),
        "the answer replies to the question"
    );
    // `/gmc` typed as text works the same.
    let t = Instant::now();
    bob.say(&ward, "/gmc chaperones").await;
    let slash = bob
        .wait_for(t, Duration::from_secs(20), "/gmc answer", |s| {
            s.sender() == bot_user.as_str() && s.msgtype() == "m.notice" && s.room == ward
        })
        .await;
    assert_eq!(slash.body(), answer.body());

    // 4. A non-moderator cannot change the room's settings; a moderator can.
    let channel = ChannelRef::new(Platform::Matrix, ward.as_str());
    let t = Instant::now();
    bob.say(&ward, "!caldicott settings mode redact").await;
    let refused = bob
        .wait_for(t, Duration::from_secs(20), "refusal", |s| {
            s.sender() == bot_user.as_str() && s.msgtype() == "m.notice"
        })
        .await;
    assert!(
        refused.body().contains("moderators"),
        "refusal says why: {}",
        refused.body()
    );
    assert_eq!(
        setup.core.settings(&channel).unwrap().mode,
        caldicott_core::Mode::Warn
    );
    let t = Instant::now();
    alice.say(&ward, "!caldicott settings mode redact").await;
    alice
        .wait_for(t, Duration::from_secs(20), "mode set", |s| {
            s.sender() == bot_user.as_str() && s.body().contains("redact")
        })
        .await;
    assert_eq!(
        setup.core.settings(&channel).unwrap().mode,
        caldicott_core::Mode::Redact
    );

    // 4b. A mod-log room: entries name category and rule, never the text.
    let modlog = encrypted_room(&alice, "ward 7 mod-log", &[&bot_user]).await;
    wait_joined(&alice, &modlog, &bot_user).await;
    let t = Instant::now();
    alice
        .say(&ward, &format!("!caldicott settings modlog {modlog}"))
        .await;
    alice
        .wait_for(t, Duration::from_secs(20), "modlog set", |s| {
            s.sender() == bot_user.as_str() && s.room == ward && s.msgtype() == "m.notice"
        })
        .await;

    // 5. Redact mode: the message is redacted (reason names the category
    //    only) and the author gets the masked copy privately.
    let t = Instant::now();
    let doomed = bob.say(&ward, &planted(4)).await;
    let redaction = alice
        .wait_for(t, Duration::from_secs(20), "redaction", |s| {
            s.kind() == "m.room.redaction"
                && (s.event["redacts"].as_str() == Some(doomed.as_str())
                    || s.event["content"]["redacts"].as_str() == Some(doomed.as_str()))
        })
        .await;
    assert_eq!(redaction.sender(), bot_user.as_str());
    let reason = redaction.event["content"]["reason"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(!reason.is_empty(), "the redaction gives a reason");
    assert!(
        !reason.contains(NHS) && !reason.contains(PATIENT),
        "reason leaks content: {reason}"
    );
    bob.wait_for(
        t,
        Duration::from_secs(20),
        "note after redaction",
        is_note_to(&bot_user, std::slice::from_ref(&dm)),
    )
    .await;
    let entry = alice
        .wait_for(t, Duration::from_secs(20), "mod-log entry", |s| {
            s.room == modlog && s.sender() == bot_user.as_str() && s.kind() == "m.room.message"
        })
        .await;
    assert!(
        !entry.body().contains(NHS) && !entry.body().contains(PATIENT),
        "mod-log leaks content: {}",
        entry.body()
    );
    let _ = flagged;

    // 6. An edit that adds an identifier is scanned (m.replace).
    let t = Instant::now();
    alice.say(&ward, "!caldicott settings mode warn").await;
    alice
        .wait_for(t, Duration::from_secs(20), "mode warn", |s| {
            s.sender() == bot_user.as_str() && s.body().contains("warn")
        })
        .await;
    let original = bob.say(&ward, "bed 6 is stable").await;
    let t = Instant::now();
    let edit = serde_json::json!({
        "msgtype": "m.text",
        "body": format!("* {}", planted(6)),
        "m.new_content": {"msgtype": "m.text", "body": planted(6)},
        "m.relates_to": {"rel_type": "m.replace", "event_id": original},
    });
    bob.room(&ward)
        .send_raw("m.room.message", edit)
        .await
        .expect("edit");
    bob.wait_for(
        t,
        Duration::from_secs(20),
        "note for the edit",
        is_note_to(&bot_user, std::slice::from_ref(&dm)),
    )
    .await;

    // 7. Synapse stops and starts again: the bot reconnects by itself.
    if hs.ctl.is_some() {
        hs.stop();
        tokio::time::sleep(Duration::from_secs(2)).await;
        hs.start();
        let t = Instant::now();
        // Humans' clients reconnect too; retry the send until the server takes it.
        let mut sent = false;
        for _ in 0..50 {
            let content = serde_json::json!({"msgtype": "m.text", "body": planted(7)});
            if bob
                .room(&ward)
                .send_raw("m.room.message", content)
                .await
                .is_ok()
            {
                sent = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(sent, "could not send after Synapse restart");
        let after = bob
            .wait_for(
                t,
                Duration::from_secs(90),
                "note after Synapse restart",
                is_note_to(&bot_user, std::slice::from_ref(&dm)),
            )
            .await;
        eprintln!(
            "bot recovered from a Synapse restart: note {:?} after the first send attempt",
            after.at - t
        );
        // (The SDK's own request retries may ride out a short outage without
        // the sync failing, so the reconnect counter is not asserted; recovery is.)
    } else {
        eprintln!("*** SKIPPED Synapse restart scenario: {ENV_CTL} not set ***");
    }

    // 8. The bot is down while a message is sent; after a restart it is
    //    handled exactly once, on the same device.
    run.stop().await;
    let t_down = Instant::now();
    bob.say(&ward, &planted(8)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    // (No daily-post ticks in this run: step 9 wants to subscribe without an
    // immediate post.)
    let no_ticks = Options {
        tick_interval: Duration::from_secs(3600),
        ..fast_options()
    };
    run = setup.start(no_ticks).await;
    assert_eq!(
        run.matrix.client().device_id(),
        Some(&*device),
        "the restarted bot reuses its device"
    );
    bob.wait_for(
        t_down,
        Duration::from_secs(30),
        "note for the message sent while down",
        is_note_to(&bot_user, std::slice::from_ref(&dm)),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let notes = bob.all(t_down, is_note_to(&bot_user, std::slice::from_ref(&dm)));
    assert_eq!(
        notes.len(),
        1,
        "exactly one note after the restart, not {}",
        notes.len()
    );

    // 8b. Rate-limited (429 with retry_after_ms): with the bot held to one
    //     message per second (burst 1), four quick flagged messages still get exactly four
    //     notes, spaced out by the server's limit.
    let admin = hs.register_admin(&format!("admin{id}"), pw).await;
    hs.override_ratelimit(&admin, bot_user.as_str(), Some((1, 1)))
        .await;
    let t = Instant::now();
    for i in 0..4 {
        bob.say(&ward, &planted(20 + i)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while bob
        .all(t, is_note_to(&bot_user, std::slice::from_ref(&dm)))
        .len()
        < 4
    {
        assert!(Instant::now() < deadline, "notes lost under rate limiting");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let spread = t.elapsed();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        bob.all(t, is_note_to(&bot_user, std::slice::from_ref(&dm)))
            .len(),
        4,
        "no note doubled"
    );
    assert!(
        spread >= Duration::from_secs(3),
        "the rate limit was in force ({spread:?})"
    );
    hs.override_ratelimit(&admin, bot_user.as_str(), None).await;
    eprintln!("four notes under a 1/s limit arrived within {spread:?}");

    // 8c. A gap longer than one sync's timeline (a `limited` timeline):
    //     while the bot is down, 130 messages arrive in the ward, five of
    //     them flagged. After the restart the gap is back-filled: each
    //     flagged message gets exactly one note, none is lost.
    run.stop().await;
    let t_gap = Instant::now();
    let flagged_at = [0usize, 17, 64, 101, 129];
    for i in 0..130 {
        if flagged_at.contains(&i) {
            bob.say(&ward, &planted(40 + i)).await;
        } else {
            bob.say(&ward, &format!("obs round {i} done, all settled"))
                .await;
        }
    }
    run = setup
        .start(Options {
            tick_interval: Duration::from_secs(3600),
            ..fast_options()
        })
        .await;
    let deadline = Instant::now() + Duration::from_secs(90);
    while bob
        .all(t_gap, is_note_to(&bot_user, std::slice::from_ref(&dm)))
        .len()
        < flagged_at.len()
    {
        assert!(
            Instant::now() < deadline,
            "messages in the gap were lost: {} notes of {}",
            bob.all(t_gap, is_note_to(&bot_user, std::slice::from_ref(&dm)))
                .len(),
            flagged_at.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        bob.all(t_gap, is_note_to(&bot_user, std::slice::from_ref(&dm)))
            .len(),
        flagged_at.len(),
        "exactly one note per flagged message in the gap"
    );
    let logged = std::fs::read_to_string(log).unwrap_or_default();
    assert!(
        logged.contains("back-filled a gap in the timeline"),
        "the gap was back-filled (not caught by the sync timeline alone)"
    );
    eprintln!(
        "a 130-message gap was back-filled: {} notes in {:?}",
        flagged_at.len(),
        t_gap.elapsed()
    );

    // 9. A daily post survives a crash between recording the intent and
    //    sending it, and one between sending it and recording delivery; each
    //    day is posted exactly once. (The subscription is for a minute in the
    //    future; the bot's clock is moved there with `clock_offset`.)
    let now = chrono::Utc::now();
    let post_at = (now + chrono::Duration::minutes(2))
        .with_second(0)
        .unwrap()
        .with_nanosecond(0)
        .unwrap();
    let t = Instant::now();
    alice
        .say(
            &ward,
            &format!("!foamed subscribe {} UTC", post_at.format("%H:%M")),
        )
        .await;
    alice
        .wait_for(t, Duration::from_secs(20), "subscribed", |s| {
            s.sender() == bot_user.as_str() && s.body().to_lowercase().contains("subscri")
        })
        .await;
    run.crash().await;
    let is_post = {
        let bot = bot_user.to_string();
        let ward = ward.clone();
        move |s: &Seen| {
            s.room == ward
                && s.sender() == bot
                && s.event["content"][caldicott_matrix::IDEMPOTENCY_FIELD]
                    .as_str()
                    .is_some()
        }
    };
    let due_key = |actions: &[caldicott_core::Action]| -> Vec<(String, String)> {
        actions
            .iter()
            .filter_map(|a| match a {
                caldicott_core::Action::DailyPost {
                    channel: c,
                    idempotency_key,
                    text,
                } if *c == channel => Some((idempotency_key.clone(), text.clone())),
                _ => None,
            })
            .collect()
    };
    let at_offset = |when: chrono::DateTime<chrono::Utc>| Options {
        clock_offset: when - chrono::Utc::now(),
        ..fast_options()
    };
    // 9a. Day 1: the "process" records the intent at the post time, then dies before sending.
    let t_digest = Instant::now();
    let day1 = due_key(&setup.core.tick(post_at + chrono::Duration::seconds(1)));
    assert_eq!(day1.len(), 1, "a daily post is due for the ward");
    run = setup
        .start(at_offset(post_at + chrono::Duration::seconds(4)))
        .await;
    let post = alice
        .wait_for(t_digest, Duration::from_secs(30), "daily post", &is_post)
        .await;
    assert_eq!(
        post.event["content"][caldicott_matrix::IDEMPOTENCY_FIELD].as_str(),
        Some(day1[0].0.as_str())
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    run.crash().await;
    run = setup
        .start(at_offset(post_at + chrono::Duration::seconds(10)))
        .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        alice.all(t_digest, &is_post).len(),
        1,
        "day 1 was posted exactly once"
    );
    assert!(
        run.matrix.post_exists(&channel, &day1[0].0).await.unwrap(),
        "the post is found in history"
    );
    run.crash().await;
    // 9b. Day 2: the intent is recorded and the post sent, then the process
    //     dies before recording delivery, and comes back after Synapse has
    //     forgotten the transaction id: the core asks to reconcile, the
    //     adapter finds the post in the room's history, nothing is re-sent.
    let day2_at = post_at + chrono::Duration::days(1);
    let day2 = due_key(&setup.core.tick(day2_at + chrono::Duration::seconds(1)));
    assert_eq!(day2.len(), 1, "day 2 is due");
    // (No ticker in this run: only the explicit send happens.)
    run = setup
        .start(Options {
            tick_interval: Duration::from_secs(3600),
            ..at_offset(day2_at + chrono::Duration::seconds(1))
        })
        .await;
    run.matrix
        .send_daily_post(&channel, &day2[0].1, &day2[0].0)
        .await
        .expect("send day 2");
    run.crash().await;
    run = setup
        .start(at_offset(day2_at + chrono::Duration::minutes(40)))
        .await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let posts = alice.all(t_digest, &is_post);
    let day2_posts = posts
        .iter()
        .filter(|s| {
            s.event["content"][caldicott_matrix::IDEMPOTENCY_FIELD].as_str()
                == Some(day2[0].0.as_str())
        })
        .count();
    assert_eq!(
        day2_posts, 1,
        "day 2 was posted exactly once after reconciling"
    );
    assert_eq!(posts.len(), 2, "two days, two posts");
    assert!(
        setup
            .core
            .tick(day2_at + chrono::Duration::minutes(41))
            .iter()
            .all(|a| !matches!(a, caldicott_core::Action::DailyPost { .. })),
        "day 2 is recorded as delivered"
    );

    // 10. Kicked: the bot leaves cleanly and stays out.
    let kick_room = encrypted_room(&alice, "kick me", &[&bot_user]).await;
    wait_joined(&alice, &kick_room, &bot_user).await;
    alice
        .room(&kick_room)
        .kick_user(&bot_user, Some("test"))
        .await
        .expect("kick");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let state = run.matrix.client().get_room(&kick_room).map(|r| r.state());
        if state != Some(matrix_sdk::RoomState::Joined) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "bot still thinks it is in the room it was kicked from"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    run.stop().await;

    // 11. Nothing planted reached the bot's disk or its logs.
    for needle in [NHS, NHS_DIGITS, PATIENT, "943-476-5919"] {
        let found = files_containing(data.path(), needle);
        assert!(
            found.is_empty(),
            "{needle:?} found in the data directory: {found:?}"
        );
        let logs = std::fs::read(log).unwrap();
        assert!(
            !contains(&logs, needle.as_bytes()),
            "{needle:?} found in the captured logs ({})",
            log.display()
        );
    }
    let files = files_under(data.path());
    assert!(
        files
            .iter()
            .any(|p| p.ends_with("matrix-sdk-state.sqlite3")),
        "state store present: {files:?}"
    );
    assert!(
        files
            .iter()
            .any(|p| p.ends_with("matrix-sdk-crypto.sqlite3")),
        "crypto store present"
    );
    assert!(
        !files
            .iter()
            .any(|p| p.to_string_lossy().contains("event-cache")),
        "no event cache on disk: {files:?}"
    );
    let logs = std::fs::metadata(log).unwrap().len();
    assert!(logs > 10_000, "the logs were captured ({logs} bytes)");
    eprintln!(
        "scanned {} files in the data dir and {logs} bytes of logs: nothing planted found",
        files.len()
    );
}

/// Message-to-warning latency: `n` planted messages, one at a time, each
/// timed from the send until the private note arrives. Prints p50/p95.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --ignored --nocapture (needs the test Synapse)"]
async fn latency_message_to_warning() {
    let Some(hs) = Synapse::from_env() else {
        return;
    };
    let _ = log_file();
    let n: usize = std::env::var("CALDICOTT_LATENCY_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let id = run_id();
    let data = tempfile::Builder::new()
        .prefix("caldicott-matrix-latency")
        .tempdir()
        .unwrap();
    let setup = BotSetup::new(&hs, data.path(), &format!("latbot{id}")).await;
    let bot_user = setup.user();
    let pw = "correct horse battery";
    let alice_id = hs.register(&format!("latalice{id}"), pw).await;
    let bob_id = hs.register(&format!("latbob{id}"), pw).await;
    let alice = Human::login(&hs, &alice_id, pw).await;
    let bob = Human::login(&hs, &bob_id, pw).await;
    let run = setup.start(fast_options()).await;
    let ward = encrypted_room(&alice, "latency", &[&bob_id, &bot_user]).await;
    wait_joined(&alice, &ward, &bob_id).await;
    wait_joined(&alice, &ward, &bot_user).await;
    // Warm-up: creates the DM room.
    let t = Instant::now();
    bob.say(&ward, &planted(0)).await;
    bob.wait_for(
        t,
        Duration::from_secs(30),
        "warm-up note",
        is_note_to(&bot_user, &[]),
    )
    .await;
    let mut times = Vec::with_capacity(n);
    for i in 1..=n {
        let t = Instant::now();
        bob.say(&ward, &planted(i)).await;
        let note = bob
            .wait_for(
                t,
                Duration::from_secs(30),
                "note",
                is_note_to(&bot_user, &[]),
            )
            .await;
        times.push(note.at - t);
    }
    run.stop().await;
    times.sort();
    let pct = |p: f64| {
        times[((times.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(times.len() - 1)]
    };
    eprintln!(
        "message -> private note over {n} messages (encrypted room, local Synapse): p50 {:?}, p95 {:?}, max {:?}",
        pct(0.50),
        pct(0.95),
        times[times.len() - 1]
    );
    assert_eq!(times.len(), n);
}

/// A burst across rooms, as the ops soak test drives it: four people send
/// `CALDICOTT_BURST_MESSAGES` (default 120) messages between them, one in
/// four flagged, into three encrypted rooms, paced to 20 msg/s in total.
/// Prints the achieved rate, each flagged message's send-to-note latency
/// (p50/p95/max) and checks that every flagged message got exactly one note.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --ignored --nocapture (needs the test Synapse)"]
async fn latency_burst_across_rooms() {
    let Some(hs) = Synapse::from_env() else {
        return;
    };
    let _ = log_file();
    let n: usize = std::env::var("CALDICOTT_BURST_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(120);
    let id = run_id();
    let data = tempfile::Builder::new()
        .prefix("caldicott-matrix-burst")
        .tempdir()
        .unwrap();
    let setup = BotSetup::new(&hs, data.path(), &format!("burstbot{id}")).await;
    let bot_user = setup.user();
    let pw = "correct horse battery";
    let alice_id = hs.register(&format!("burstalice{id}"), pw).await;
    let alice = Human::login(&hs, &alice_id, pw).await;
    let mut senders = Vec::new();
    for s in 0..4 {
        let user = hs.register(&format!("burst{s}x{id}"), pw).await;
        senders.push(Human::login(&hs, &user, pw).await);
    }
    let run = setup.start(fast_options()).await;
    let mut invite: Vec<&UserId> = senders.iter().map(|h| h.user.as_ref()).collect();
    invite.push(&bot_user);
    let mut rooms = Vec::new();
    for r in 0..3 {
        let room = encrypted_room(&alice, &format!("burst {r}"), &invite).await;
        for u in &invite {
            wait_joined(&alice, &room, u).await;
        }
        rooms.push(room);
    }
    // Warm-up: creates each sender's DM room.
    for h in &senders {
        let t = Instant::now();
        h.say(&rooms[0], &planted(0)).await;
        h.wait_for(
            t,
            Duration::from_secs(30),
            "warm-up note",
            is_note_to(&bot_user, &[]),
        )
        .await;
    }
    let t0 = Instant::now();
    let per = n / senders.len();
    // Each sender: (send instant of each flagged message).
    let send = |k: usize| {
        let h = &senders[k];
        let rooms = &rooms;
        async move {
            let mut flagged = Vec::new();
            for j in 0..per {
                let i = j * 4 + k;
                // 20 msg/s in total: message i is due at i * 50 ms.
                let due = t0 + Duration::from_millis(50 * i as u64);
                tokio::time::sleep_until(due.into()).await;
                let room = &rooms[i % rooms.len()];
                if j % 4 == 0 {
                    let at = Instant::now();
                    h.say(room, &planted(i + 1)).await;
                    flagged.push(at);
                } else {
                    h.say(room, &format!("obs round {i} done, all settled"))
                        .await;
                }
            }
            flagged
        }
    };
    let (a, b, c, d) = tokio::join!(send(0), send(1), send(2), send(3));
    let sent = t0.elapsed();
    let flagged = [a, b, c, d];
    let total: usize = flagged.iter().map(Vec::len).sum();
    let deadline = Instant::now() + Duration::from_secs(120);
    for (h, sends) in senders.iter().zip(&flagged) {
        while h.all(t0, is_note_to(&bot_user, &[])).len() < sends.len() {
            assert!(Instant::now() < deadline, "notes lost in the burst");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut times = Vec::new();
    for (h, sends) in senders.iter().zip(&flagged) {
        let notes = h.all(t0, is_note_to(&bot_user, &[]));
        assert_eq!(notes.len(), sends.len(), "one note per flagged message");
        // Matched in order: notes for one sender from different rooms may
        // swap places, so each figure is approximate (within the swap).
        for (note, at) in notes.iter().zip(sends) {
            times.push(note.at.saturating_duration_since(*at));
        }
    }
    run.stop().await;
    times.sort();
    let pct = |p: f64| {
        times[((times.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(times.len() - 1)]
    };
    eprintln!(
        "burst: {} messages ({total} flagged) from 4 senders into 3 encrypted rooms in {sent:?} \
         ({:.1} msg/s); send -> note p50 {:?}, p95 {:?}, max {:?}",
        per * senders.len(),
        (per * senders.len()) as f64 / sent.as_secs_f64(),
        pct(0.50),
        pct(0.95),
        times[times.len() - 1]
    );
}
