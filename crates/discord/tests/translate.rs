//! Translation between serenity's types and the core's, on payloads from
//! Discord's own documentation (tests/fixtures, verbatim).

use caldicott_core::Platform;
use caldicott_discord::commands::{self, Routed};
use caldicott_discord::translate::{self, GuildPermissions};
use serde_json::{Value, json};
use serenity::all::{Interaction, Message, MessageUpdateEvent, Permissions, RoleId, UserId};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The documentation's interaction examples leave out fields Discord always
/// sends (and serenity requires); add them with neutral values. Returns the
/// names added, so the test shows exactly what differs from the docs.
fn complete_interaction(v: &mut Value) -> Vec<&'static str> {
    let mut added = Vec::new();
    for (k, d) in [
        ("application_id", json!("775799577604522054")),
        ("version", json!(1)),
        ("entitlements", json!([])),
        ("attachment_size_limit", json!(10_485_760)),
        ("token", json!("A_UNIQUE_TOKEN")),
        ("type", json!(2)),
    ] {
        if v.get(k).is_none() {
            v[k] = d;
            added.push(k);
        }
    }
    if v["member"].is_object() && v["member"].get("flags").is_none() {
        v["member"]["flags"] = json!(0);
        added.push("member.flags");
    }
    added
}

#[test]
fn the_docs_message_becomes_an_incoming() {
    let msg: Message = serde_json::from_value(fixture("message_example.json"))
        .expect("serenity reads the docs' message");
    let inc = translate::incoming_from_message(&msg, None);
    assert_eq!(inc.platform, Platform::Discord);
    assert_eq!(inc.channel, "290926798999357250");
    assert_eq!(inc.message_id, "334385199974967042");
    assert_eq!(inc.author, "53908099506183680");
    assert_eq!(inc.author_name, "Mason");
    assert_eq!(inc.text, "Supa Hot");
    assert!(!inc.author_is_bot && !inc.edited && !inc.is_command);
    assert!(inc.is_dm, "the example has no guild_id: a DM");
    assert!(inc.members.contains(&"Mason".to_string()));
    assert_eq!(
        inc.link.as_deref(),
        Some("https://discord.com/channels/@me/290926798999357250/334385199974967042")
    );
}

#[test]
fn a_guild_message_with_roles_and_an_edit() {
    let mut v = fixture("message_example.json");
    v["guild_id"] = json!("197038439483310086");
    v["member"] = json!({"roles": ["41771983423143936"], "joined_at": "2017-03-13T19:19:14.040000+00:00", "deaf": false, "mute": false, "flags": 0});
    v["edited_timestamp"] = json!("2017-07-11T17:28:07.299000+00:00");
    v["attachments"] = json!([{"id": "1", "filename": "wristband.jpg", "size": 1000, "url": "https://cdn.discordapp.com/x", "proxy_url": "https://media.discordapp.net/x", "content_type": "image/jpeg"}]);
    let msg: Message = serde_json::from_value(v.clone()).unwrap();
    let mut perms = GuildPermissions::default();
    perms
        .roles
        .insert(RoleId::new(41771983423143936), Permissions::MANAGE_CHANNELS);
    let inc = translate::incoming_from_message(&msg, Some(&perms));
    assert!(!inc.is_dm && inc.edited);
    assert!(inc.author_is_moderator, "Manage Channels through a role");
    assert_eq!(inc.author_roles, vec!["41771983423143936"]);
    assert_eq!(inc.attachments[0].filename, "wristband.jpg");
    assert_eq!(
        inc.attachments[0].content_type.as_deref(),
        Some("image/jpeg")
    );
    let plain = translate::incoming_from_message(&msg, Some(&GuildPermissions::default()));
    assert!(!plain.author_is_moderator);

    // The same payload as MESSAGE_UPDATE.
    let ev: MessageUpdateEvent = serde_json::from_value(v).unwrap();
    let upd = translate::incoming_from_update(&ev, Some(&perms)).unwrap();
    assert!(upd.edited && upd.author_is_moderator);
    assert_eq!(upd.text, "Supa Hot");
    // An update without content (an embed resolving) is not rescanned.
    let bare: MessageUpdateEvent =
        serde_json::from_value(json!({"id": "1", "channel_id": "2"})).unwrap();
    assert!(translate::incoming_from_update(&bare, None).is_none());
}

#[test]
fn owner_and_administrator_are_moderators() {
    let mut perms = GuildPermissions {
        owner: Some(UserId::new(7)),
        ..GuildPermissions::default()
    };
    perms
        .roles
        .insert(RoleId::new(9), Permissions::ADMINISTRATOR);
    assert!(translate::is_moderator(
        perms.member_permissions(UserId::new(7), &[])
    ));
    assert!(translate::is_moderator(
        perms.member_permissions(UserId::new(8), &[RoleId::new(9)])
    ));
    assert!(!translate::is_moderator(
        perms.member_permissions(UserId::new(8), &[])
    ));
    assert!(translate::is_moderator(Permissions::MANAGE_GUILD));
    assert!(!translate::is_moderator(
        Permissions::SEND_MESSAGES | Permissions::MANAGE_MESSAGES
    ));
}

#[test]
fn the_docs_slash_command_interaction() {
    let mut v = fixture("slash_command_interaction_example.json");
    let added = complete_interaction(&mut v);
    assert_eq!(
        added,
        vec![
            "application_id",
            "version",
            "entitlements",
            "attachment_size_limit",
            "member.flags"
        ]
    );
    let Interaction::Command(cmd) =
        serde_json::from_value::<Interaction>(v).expect("serenity reads it")
    else {
        panic!("a command interaction")
    };
    assert_eq!(cmd.data.name, "cardsearch");
    assert_eq!(commands::route(&cmd), Routed::Unknown, "not one of ours");
    let inc = translate::incoming_from_command(&cmd, "gmc chaperones".into());
    assert_eq!(inc.author, "53908232506183680");
    assert_eq!(inc.channel, "645027906669510667");
    assert_eq!(inc.message_id, "786008729715212338");
    assert!(inc.is_command && !inc.is_dm);
    assert!(
        inc.author_is_moderator,
        "permissions 2147483647 include Manage Server"
    );
}

#[test]
fn the_docs_interaction_shape_routes_our_commands() {
    let mut v = fixture("slash_command_interaction_example.json");
    complete_interaction(&mut v);
    v["member"]["permissions"] = json!("3072");
    v["data"]["name"] = json!("gmc");
    v["data"]["options"] = json!([{"type": 3, "name": "topic", "value": "chaprone"}]);
    let Interaction::Command(cmd) = serde_json::from_value::<Interaction>(v.clone()).unwrap()
    else {
        panic!()
    };
    assert_eq!(commands::route(&cmd), Routed::Core("gmc chaprone".into()));
    assert!(!translate::incoming_from_command(&cmd, String::new()).author_is_moderator);

    v["data"]["name"] = json!("caldicott");
    v["data"]["options"] = json!([{"type": 1, "name": "settings", "options": [{"type": 3, "name": "change", "value": "mode redact"}]}]);
    let Interaction::Command(cmd) = serde_json::from_value::<Interaction>(v.clone()).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        commands::route(&cmd),
        Routed::Core("caldicott settings mode redact".into())
    );

    v["data"]["name"] = json!("foamed");
    v["data"]["options"] = json!([{"type": 1, "name": "subscribe", "options": [{"type": 3, "name": "time", "value": "07:30"}, {"type": 3, "name": "tags", "value": "ecg"}]}]);
    let Interaction::Command(cmd) = serde_json::from_value::<Interaction>(v.clone()).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        commands::route(&cmd),
        Routed::Core("foamed subscribe 07:30 ecg".into())
    );

    v["data"]["name"] = json!("caldicott-me");
    v["data"]["options"] = json!([{"type": 1, "name": "dm", "options": [{"type": 3, "name": "state", "value": "on"}]}]);
    let Interaction::Command(cmd) = serde_json::from_value::<Interaction>(v.clone()).unwrap()
    else {
        panic!()
    };
    assert_eq!(commands::route(&cmd), Routed::Dm(true));

    // Autocomplete (type 4) with the docs' focused-option shape.
    v["type"] = json!(4);
    v["data"]["name"] = json!("gmc");
    v["data"]["options"] = json!([{"type": 3, "name": "topic", "value": "chap", "focused": true}]);
    let Interaction::Autocomplete(ac) = serde_json::from_value::<Interaction>(v).unwrap() else {
        panic!()
    };
    assert_eq!(ac.data.autocomplete().map(|o| o.value), Some("chap"));
}

#[test]
fn the_docs_message_command_interaction_checks_the_target() {
    let mut v = fixture("message_command_interaction_example.json");
    complete_interaction(&mut v);
    v["data"]["name"] = json!(commands::CHECK_MENU);
    let Interaction::Command(cmd) =
        serde_json::from_value::<Interaction>(v).expect("serenity reads it")
    else {
        panic!("a command interaction")
    };
    assert_eq!(
        commands::route(&cmd),
        Routed::Core("caldicott check some message".into())
    );
}
