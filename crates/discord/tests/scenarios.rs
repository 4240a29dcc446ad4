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
