//! Core behaviour: every command and policy mode, permissions, cooldowns,
//! edits, bot loops, exemptions, check-before-you-post, disputes, and the
//! rule that no action ever carries flagged text.

use std::sync::{Arc, OnceLock};

use caldicott_core::{Action, Bot, BotConfig, Incoming, Platform};
use caldicott_engine::Engine;
use caldicott_guidance::Guidance;
use caldicott_store::{MemoryStore, Store};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// A valid NHS number (modulus 11) with a cue, and the same digits unspaced.
const NHS: &str = "943 476 5919";
const NHS_DIGITS: &str = "9434765919";
const PLANTED: &str = "Mrs Patel in bed 4, NHS number 943 476 5919, BP dropping";

fn engine() -> Arc<Engine> {
    static E: OnceLock<Arc<Engine>> = OnceLock::new();
    E.get_or_init(|| Arc::new(Engine::builtin().expect("rules load")))
        .clone()
}

fn guidance() -> Arc<Guidance> {
    static G: OnceLock<Arc<Guidance>> = OnceLock::new();
    G.get_or_init(|| Arc::new(Guidance::builtin().expect("guidance loads")))
        .clone()
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
}

fn bot_with(store: Arc<dyn Store>) -> Bot {
    let config = BotConfig {
        self_ids: vec!["@caldicott:local".into()],
        exempt_channels: vec!["matrix:!teaching:local".into()],
        exempt_roles: vec!["Teaching fellow".into()],
        ..BotConfig::default()
    };
    Bot::new(engine(), guidance(), store, config)
}

fn bot() -> Bot {
    bot_with(Arc::new(MemoryStore::new().unwrap()))
}

fn msg(author: &str, id: &str, text: &str) -> Incoming {
    let mut m = Incoming::message(Platform::Matrix, "!ward7:local", id, author, text);
    m.members = vec!["dr_lee".into(), "nurse_kim".into()];
    m.link = Some(format!("https://matrix.to/#/!ward7:local/{id}"));
    m
}

fn moderator(id: &str, text: &str) -> Incoming {
    let mut m = msg("@mod:local", id, text);
    m.author_is_moderator = true;
    m
}

fn kinds(actions: &[Action]) -> Vec<&'static str> {
    actions.iter().map(Action::kind).collect()
}

fn reply_text(actions: &[Action]) -> (String, bool) {
    match actions {
        [
            Action::Reply {
                text, ephemeral, ..
            },
        ] => (text.clone(), *ephemeral),
        other => panic!("expected one reply, got {other:?}"),
    }
}

/// No action may carry the planted identifiers, in any encoding.
fn assert_no_content(actions: &[Action]) {
    let json = serde_json::to_string(actions).unwrap();
    for needle in [NHS, NHS_DIGITS, "943-476-5919", "Patel"] {
        assert!(!json.contains(needle), "{needle:?} leaked into {json}");
    }
}

fn set(bot: &Bot, words: &str, id: &str) {
    let a = bot.handle(
        &moderator(id, &format!("!caldicott settings {words}")),
        t0(),
    );
    let (text, ephemeral) = reply_text(&a);
    assert!(!ephemeral, "settings change not acknowledged: {text}");
}

#[test]
fn gmc_answers_with_guidance_for_everyone() {
    let bot = bot();
    for text in ["!gmc chaperones", "/gmc chaperones", "!GMC chaperones"] {
        let a = bot.handle(&msg("dr_lee", "m1", text), t0());
        let (answer, ephemeral) = reply_text(&a);
        assert!(!ephemeral);
        assert!(answer.contains("gmc-uk.org"), "{answer}");
        assert_eq!(answer, guidance().lookup("chaperones").answer);
    }
}

#[test]
fn gmc_query_with_an_identifier_is_not_echoed() {
    let bot = bot();
    let a = bot.handle(
        &msg(
            "dr_lee",
            "m1",
            "!gmc confidentiality NHS number 943 476 5919",
        ),
        t0(),
    );
    // The message itself is flagged (a private note) and the answer is given,
    // but no action repeats the number.
    assert!(kinds(&a).contains(&"reply"), "{a:?}");
    assert_no_content(&a);
}

#[test]
fn help_status_and_settings_are_open_to_everyone() {
    let bot = bot();
    let (help, eph) = reply_text(&bot.handle(&msg("dr_lee", "m1", "!caldicott help"), t0()));
    assert!(eph && help.contains("caldicott settings mode"), "{help}");
    let (help2, _) = reply_text(&bot.handle(&msg("dr_lee", "m2", "!caldicott"), t0()));
    assert_eq!(help, help2);
    let (status, eph) = reply_text(&bot.handle(&msg("dr_lee", "m3", "!caldicott status"), t0()));
    assert!(!eph);
    assert!(status.contains("mode warn"), "{status}");
    assert!(status.contains("Disputes per rule: none"), "{status}");
    let (settings, _) = reply_text(&bot.handle(&msg("dr_lee", "m4", "!caldicott settings"), t0()));
    assert!(settings.contains("mode warn"), "{settings}");
}

#[test]
fn bad_commands_get_a_usage_message() {
    let bot = bot();
    for (text, expect) in [
        ("!caldicott frobnicate", "didn't understand"),
        ("!caldicott settings mode loud", "Usage"),
        ("!caldicott settings colour blue", "Usage"),
        ("!caldicott settings category nonsense off", "categories:"),
        ("!caldicott settings min-severity extreme", "Usage"),
        ("!caldicott settings staff add", "Usage"),
        ("!caldicott exempt maybe", "Usage"),
        ("!caldicott check", "Usage"),
        ("!caldicott dispute a b", "didn't understand"),
    ] {
        let a = bot.handle(&moderator("m1", text), t0());
        let (reply, eph) = reply_text(&a);
        assert!(eph, "{text}");
        assert!(reply.contains(expect), "{text}: {reply}");
    }
}

#[test]
fn only_moderators_change_settings() {
    let bot = bot();
    for words in [
        "mode redact",
        "modlog #mods",
        "category intoxication off",
        "min-severity high",
        "staff add Sister Agnes",
        "hospital-number add ZZ\\d{6}",
    ] {
        let a = bot.handle(
            &msg("dr_lee", "m1", &format!("!caldicott settings {words}")),
            t0(),
        );
        let (reply, eph) = reply_text(&a);
        assert!(
            eph && reply.contains("Only this channel's moderators"),
            "{words}: {reply}"
        );
    }
    for words in ["exempt on", "exempt role add Students"] {
        let a = bot.handle(&msg("dr_lee", "m1", &format!("!caldicott {words}")), t0());
        assert!(reply_text(&a).0.contains("Only this channel's moderators"));
    }
    // Nothing changed.
    let s = bot
        .settings(&caldicott_core::ChannelRef::new(
            Platform::Matrix,
            "!ward7:local",
        ))
        .unwrap();
    assert_eq!(s, caldicott_store::ChannelSettings::default());
}

#[test]
fn settings_in_a_dm_are_refused() {
    let bot = bot();
    let mut m = moderator("m1", "!caldicott settings mode redact");
    m.is_dm = true;
    let (reply, _) = reply_text(&bot.handle(&m, t0()));
    assert!(reply.contains("belong to a channel"), "{reply}");
}

#[test]
fn every_setting_is_saved() {
    let bot = bot();
    set(&bot, "mode thread", "s1");
    set(&bot, "modlog #mods", "s2");
    set(&bot, "category intoxication off", "s3");
    set(&bot, "min-severity medium", "s4");
    set(&bot, "staff add Sister Agnes", "s5");
    set(&bot, "hospital-number add ZZ\\d{6}", "s6");
    let a = bot.handle(
        &moderator("s7", "!caldicott exempt role add Students"),
        t0(),
    );
    assert!(!reply_text(&a).1);
    let s = bot
        .settings(&caldicott_core::ChannelRef::new(
            Platform::Matrix,
            "!ward7:local",
        ))
        .unwrap();
    assert_eq!(s.mode, caldicott_core::Mode::Thread);
    assert_eq!(s.mod_log.as_deref(), Some("mods"));
    assert!(s.disabled_categories.contains("intoxication"));
    assert_eq!(s.min_severity, "medium");
    assert!(s.staff_names.contains("Sister Agnes"));
    assert_eq!(s.hospital_number_patterns, ["ZZ\\d{6}"]);
    assert!(s.exempt_roles.contains("Students"));
    // And undone.
    set(&bot, "modlog off", "u1");
    set(&bot, "category intoxication on", "u2");
    set(&bot, "staff remove Sister Agnes", "u3");
    set(&bot, "hospital-number remove ZZ\\d{6}", "u4");
    let s = bot
        .settings(&caldicott_core::ChannelRef::new(
            Platform::Matrix,
            "!ward7:local",
        ))
        .unwrap();
    assert_eq!(s.mod_log, None);
    assert!(s.disabled_categories.is_empty());
    assert!(s.staff_names.is_empty());
    assert!(s.hospital_number_patterns.is_empty());
}

#[test]
fn a_bad_hospital_number_pattern_is_refused() {
    let bot = bot();
    let a = bot.handle(
        &moderator("m1", "!caldicott settings hospital-number add ZZ(\\d"),
        t0(),
    );
    let (reply, eph) = reply_text(&a);
    assert!(eph && reply.contains("doesn't compile"), "{reply}");
}

#[test]
fn operator_hospital_number_patterns_are_used() {
    let bot = bot();
    let text = "ZZ123456 is back from the lab";
    assert!(bot.handle(&msg("dr_lee", "m1", text), t0()).is_empty());
    set(&bot, "hospital-number add ZZ\\d{6}", "s1");
    let a = bot.handle(&msg("dr_lee", "m2", text), t0());
    assert_eq!(kinds(&a), ["private_note"], "{a:?}");
    let Action::PrivateNote { reasons, .. } = &a[0] else {
        unreachable!()
    };
    assert!(
        reasons[0].rule.starts_with("hospital-number"),
        "{reasons:?}"
    );
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("ZZ123456"), "{json}");
}

#[test]
fn warn_mode_sends_one_private_note() {
    let bot = bot();
    let a = bot.handle(&msg("dr_lee", "m1", PLANTED), t0());
    assert_eq!(kinds(&a), ["private_note"], "{a:?}");
    let Action::PrivateNote {
        user,
        text,
        masked,
        reasons,
        citation,
        note_id,
        ..
    } = &a[0]
    else {
        unreachable!()
    };
    assert_eq!(user, "dr_lee");
    assert!(masked.contains("[NHS number]"), "{masked}");
    assert!(text.contains("[NHS number]"), "{text}");
    assert!(reasons.iter().any(|r| r.rule == "nhs-number"));
    assert!(text.contains("A safer way to say it"));
    assert!(text.contains(&format!("caldicott dispute {note_id}")));
    let c = citation.as_ref().expect("the guidance has the topic");
    assert!(c.text.contains("para"), "{c:?}");
    assert!(text.contains(&c.text));
    assert!(text.chars().count() <= caldicott_core::TEXT_MAX_CHARS);
    assert_no_content(&a);
}

#[test]
fn thread_mode_replies_publicly_without_content() {
    let bot = bot();
    set(&bot, "mode thread", "s1");
    let a = bot.handle(&msg("dr_lee", "m1", PLANTED), t0());
    assert_eq!(kinds(&a), ["thread_reply"], "{a:?}");
    let Action::ThreadReply {
        text, message_id, ..
    } = &a[0]
    else {
        unreachable!()
    };
    assert_eq!(message_id, "m1");
    assert!(
        !text.contains("[NHS number]"),
        "no masked copy in public: {text}"
    );
    assert!(text.contains("identify a patient"));
    assert_no_content(&a);
}

#[test]
fn redact_mode_removes_and_returns_a_masked_copy() {
    let bot = bot();
    set(&bot, "mode redact", "s1");
    let a = bot.handle(&msg("dr_lee", "m1", PLANTED), t0());
    assert_eq!(kinds(&a), ["redact", "private_note"], "{a:?}");
    let Action::Redact {
        reason, message_id, ..
    } = &a[0]
    else {
        unreachable!()
    };
    assert_eq!(message_id, "m1");
    assert!(reason.contains("identify a patient"), "{reason}");
    let Action::PrivateNote { text, masked, .. } = &a[1] else {
        unreachable!()
    };
    assert!(text.contains("I removed your message"));
    assert!(
        masked.contains("BP dropping"),
        "the rest of the message is kept: {masked}"
    );
    assert_no_content(&a);
}

#[test]
fn log_only_and_mod_log() {
    let bot = bot();
    set(&bot, "mode log-only", "s1");
    assert!(bot.handle(&msg("dr_lee", "m1", PLANTED), t0()).is_empty());
    set(&bot, "modlog #mods", "s2");
    let a = bot.handle(&msg("dr_lee", "m2", PLANTED), t0());
    assert_eq!(kinds(&a), ["mod_log"], "{a:?}");
    let Action::ModLog {
        log_channel,
        category,
        rule,
        author,
        link,
        text,
        ..
    } = &a[0]
    else {
        unreachable!()
    };
    assert_eq!(log_channel.id, "mods");
    assert_eq!(category, "patient_direct");
    assert!(!rule.is_empty());
    assert_eq!(author, "dr_lee");
    assert!(link.as_deref().unwrap().ends_with("/m2"));
    assert!(text.contains("nhs-number"), "{text}");
    assert_no_content(&a);
    // In warn mode the mod-log comes with the note.
    set(&bot, "mode warn", "s3");
    let a = bot.handle(&msg("nurse_kim", "m3", PLANTED), t0());
    assert_eq!(kinds(&a), ["private_note", "mod_log"]);
}

#[test]
fn off_mode_category_and_severity_filters() {
    let bot = bot();
    set(&bot, "mode off", "s1");
    assert!(bot.handle(&msg("dr_lee", "m1", PLANTED), t0()).is_empty());
    set(&bot, "mode warn", "s2");
    set(&bot, "category patient_direct off", "s3");
    let only_nhs = "NHS number 943 476 5919 for the bloods";
    assert!(bot.handle(&msg("dr_lee", "m2", only_nhs), t0()).is_empty());
    set(&bot, "category patient_direct on", "s4");
    set(&bot, "min-severity critical", "s5");
    assert!(bot.handle(&msg("dr_lee", "m3", only_nhs), t0()).is_empty());
    set(&bot, "min-severity high", "s6");
    assert_eq!(
        kinds(&bot.handle(&msg("dr_lee", "m4", only_nhs), t0())),
        ["private_note"]
    );
}

#[test]
fn exempt_channels_and_roles_are_not_scanned() {
    let bot = bot();
    let a = bot.handle(&moderator("s1", "!caldicott exempt on"), t0());
    assert!(reply_text(&a).0.contains("exempt"));
    assert!(bot.handle(&msg("dr_lee", "m1", PLANTED), t0()).is_empty());
    bot.handle(&moderator("s2", "!caldicott exempt off"), t0());
    assert_eq!(
        kinds(&bot.handle(&msg("dr_lee", "m2", PLANTED), t0())),
        ["private_note"]
    );

    bot.handle(
        &moderator("s3", "!caldicott exempt role add Students"),
        t0(),
    );
    let mut student = msg("student_1", "m3", PLANTED);
    student.author_roles = vec!["Students".into()];
    assert!(bot.handle(&student, t0()).is_empty());

    // Deployment-wide exemptions from the config.
    let mut teaching = msg("dr_lee", "m4", PLANTED);
    teaching.channel = "!teaching:local".into();
    assert!(bot.handle(&teaching, t0()).is_empty());
    let mut fellow = msg("dr_ng", "m5", PLANTED);
    fellow.author_roles = vec!["Teaching fellow".into()];
    assert!(bot.handle(&fellow, t0()).is_empty());
}

#[test]
fn check_before_you_post_is_private_and_stores_nothing() {
    let store = Arc::new(MemoryStore::new().unwrap());
    let bot = bot_with(store.clone());
    let before = store.dump().unwrap();
    let a = bot.handle(
        &msg("dr_lee", "m1", &format!("!caldicott check {PLANTED}")),
        t0(),
    );
    // In a channel the check answer is the only note to the author (no
    // second warning), and it is ephemeral.
    assert_eq!(kinds(&a), ["reply"], "{a:?}");
    let Action::Reply {
        text, ephemeral, ..
    } = &a[0]
    else {
        unreachable!()
    };
    assert!(*ephemeral);
    assert!(
        text.contains("[NHS number]") && text.contains("Masked version"),
        "{text}"
    );
    assert_no_content(&a);

    // A DM to the bot is a check: nothing stored, nothing counted.
    let bot2_store = Arc::new(MemoryStore::new().unwrap());
    let bot2 = bot_with(bot2_store.clone());
    let before2 = bot2_store.dump().unwrap();
    let mut dm = msg("dr_lee", "d1", PLANTED);
    dm.is_dm = true;
    let a = bot2.handle(&dm, t0());
    let (text, eph) = reply_text(&a);
    assert!(eph && text.contains("Checked privately"), "{text}");
    assert_no_content(&a);
    assert_eq!(bot2_store.dump().unwrap(), before2);
    let mut clean = msg(
        "dr_lee",
        "d2",
        "is it ok to say a man in his 70s with chest pain?",
    );
    clean.is_dm = true;
    let (text, _) = reply_text(&bot2.handle(&clean, t0()));
    assert!(text.contains("found nothing"), "{text}");
    assert_eq!(bot2_store.dump().unwrap(), before2);
    let _ = before;
}

#[test]
fn disputes_are_recorded_by_rule_and_shown_in_status() {
    let bot = bot();
    let a = bot.handle(
        &msg("dr_lee", "m1", "NHS number 943 476 5919 for the bloods"),
        t0(),
    );
    let Action::PrivateNote { note_id, .. } = &a[0] else {
        panic!("{a:?}")
    };
    // Someone else cannot dispute it.
    let (r, _) = reply_text(&bot.handle(
        &msg("nurse_kim", "x1", &format!("!caldicott dispute {note_id}")),
        t0(),
    ));
    assert!(r.contains("can't find"), "{r}");
    let (r, _) =
        reply_text(&bot.handle(&msg("dr_lee", "x2", "!caldicott dispute 0000000000"), t0()));
    assert!(r.contains("can't find"), "{r}");
    // The author can, from a DM too.
    let mut d = msg("dr_lee", "x3", &format!("!caldicott dispute {note_id}"));
    d.is_dm = true;
    d.channel = "!dm-lee:local".into();
    let (r, eph) = reply_text(&bot.handle(&d, t0()));
    assert!(
        eph && r.contains("Thank you") && r.contains("nhs-number"),
        "{r}"
    );
    let (r, _) = reply_text(&bot.handle(&d, t0()));
    assert!(r.contains("Already recorded"), "{r}");
    let (status, _) = reply_text(&bot.handle(&msg("nurse_kim", "x4", "!caldicott status"), t0()));
    assert!(status.contains("nhs-number (patient_direct) 1"), "{status}");
    assert!(status.contains("patient_direct 1"), "{status}");
}

#[test]
fn dispute_without_an_id_uses_the_latest_note() {
    let bot = bot();
    let (r, _) = reply_text(&bot.handle(&msg("dr_lee", "x0", "!caldicott dispute"), t0()));
    assert!(r.contains("nothing to dispute"), "{r}");
    bot.handle(
        &msg("dr_lee", "m1", "NHS number 943 476 5919 for the bloods"),
        t0(),
    );
    let (r, _) = reply_text(&bot.handle(&msg("dr_lee", "x1", "!caldicott dispute"), t0()));
    assert!(r.contains("Thank you"), "{r}");
}

#[test]
fn cooldown_per_author_and_category() {
    let bot = bot();
    let text = "NHS number 943 476 5919 for the bloods";
    assert_eq!(
        kinds(&bot.handle(&msg("dr_lee", "m1", text), t0())),
        ["private_note"]
    );
    // Same person, same kind of thing, within the cooldown: no second note.
    let later = t0() + Duration::minutes(10);
    assert!(bot.handle(&msg("dr_lee", "m2", text), later).is_empty());
    // Another person is warned.
    assert_eq!(
        kinds(&bot.handle(&msg("nurse_kim", "m3", text), later)),
        ["private_note"]
    );
    // After the cooldown the first person is warned again.
    let after = t0() + Duration::minutes(31);
    assert_eq!(
        kinds(&bot.handle(&msg("dr_lee", "m4", text), after)),
        ["private_note"]
    );
    // Redact mode ignores the cooldown: the author must get the masked copy.
    set(&bot, "mode redact", "s1");
    assert_eq!(
        kinds(&bot.handle(&msg("dr_lee", "m5", text), after + Duration::minutes(1))),
        ["redact", "private_note"]
    );
}

#[test]
fn edits_are_rescanned_but_not_warned_twice() {
    let bot = bot();
    assert!(
        bot.handle(&msg("dr_lee", "m1", "bloods for bay 4 please"), t0())
            .is_empty()
    );
    // Edited to add an identifier: warned.
    let mut e = msg("dr_lee", "m1", "bloods for NHS number 943 476 5919 please");
    e.edited = true;
    assert_eq!(kinds(&bot.handle(&e, t0())), ["private_note"]);
    // Edited again, same finding: not warned again (even after the cooldown).
    e.text = "bloods for NHS number 943 476 5919 please, urgent".into();
    assert!(bot.handle(&e, t0() + Duration::hours(2)).is_empty());
    // A redelivered event is not warned twice either.
    let m = msg("nurse_kim", "m2", "NHS number 943 476 5919 for the bloods");
    assert_eq!(kinds(&bot.handle(&m, t0())), ["private_note"]);
    assert!(bot.handle(&m, t0() + Duration::hours(2)).is_empty());
}

#[test]
fn a_redelivered_message_whose_actions_may_be_lost_is_decided_again() {
    // An adapter died after the core decided (and recorded) a message but
    // before it carried out the actions: on restart it hands the message in
    // again with `handle_redelivered` and gets the same actions, in warn
    // mode despite the cooldown the first decision set, counted once.
    let bot = bot();
    let findings = |bot: &Bot| {
        let (status, _) = reply_text(&bot.handle(&msg("dr_lee", "x1", "!caldicott status"), t0()));
        status
            .lines()
            .find(|l| l.starts_with("Findings"))
            .unwrap_or_default()
            .to_string()
    };
    let m = msg("nurse_kim", "m2", PLANTED);
    let first = bot.handle(&m, t0());
    assert_eq!(kinds(&first), ["private_note"]);
    let counted = findings(&bot);
    assert!(counted.contains("patient_direct"), "{counted}");
    assert!(
        bot.handle(&m, t0()).is_empty(),
        "a plain redelivery is quiet"
    );
    let again = bot.handle_redelivered(&m, t0() + Duration::seconds(5));
    assert_eq!(kinds(&again), ["private_note"]);
    let note_id = |a: &[Action]| match a {
        [Action::PrivateNote { note_id, text, .. }] => (note_id.clone(), text.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        note_id(&first),
        note_id(&again),
        "the same note, so the same send"
    );
    assert_no_content(&again);
    assert_eq!(findings(&bot), counted, "not counted twice");
    // Another message of the same person is still held back by the cooldown
    // (and counted).
    let other = msg("nurse_kim", "m3", PLANTED);
    assert!(
        bot.handle_redelivered(&other, t0() + Duration::seconds(6))
            .is_empty()
    );
    assert_ne!(findings(&bot), counted, "m3 is counted");

    // Redact mode: the redaction and the note again.
    set(&bot, "mode redact", "s1");
    let r = msg("dr_lee", "m4", PLANTED);
    assert_eq!(kinds(&bot.handle(&r, t0())), ["redact", "private_note"]);
    assert!(bot.handle(&r, t0()).is_empty());
    assert_eq!(
        kinds(&bot.handle_redelivered(&r, t0())),
        ["redact", "private_note"]
    );
    // A message that was never decided is simply decided.
    let fresh = msg("dr_lee", "m5", "coffee in the mess at ten");
    assert!(bot.handle_redelivered(&fresh, t0()).is_empty());
}

#[test]
fn bots_and_itself_are_never_answered() {
    let bot = bot();
    let mut other = msg("@otherbot:local", "m1", PLANTED);
    other.author_is_bot = true;
    assert!(bot.handle(&other, t0()).is_empty());
    other.text = "!gmc chaperones".into();
    assert!(bot.handle(&other, t0()).is_empty());
    let mut me = msg("@caldicott:local", "m2", "!caldicott status");
    assert!(bot.handle(&me, t0()).is_empty());
    me.text = PLANTED.into();
    assert!(bot.handle(&me, t0()).is_empty());
}

#[test]
fn slash_commands_need_no_prefix_and_are_not_scanned() {
    let bot = bot();
    let mut m = msg("dr_lee", "i1", "gmc chaperones");
    m.platform = Platform::Discord;
    m.is_command = true;
    let (answer, _) = reply_text(&bot.handle(&m, t0()));
    assert!(answer.contains("gmc-uk.org"));
    m.text = format!("caldicott check {PLANTED}");
    let a = bot.handle(&m, t0());
    let (text, eph) = reply_text(&a);
    assert!(eph && text.contains("Masked version"));
    assert_no_content(&a);
}

#[test]
fn same_event_same_actions_on_every_platform() {
    let run = |platform: Platform| {
        let bot = bot();
        let mut out = Vec::new();
        for (i, text) in [
            "!caldicott settings mode redact",
            "!caldicott settings modlog mods",
            PLANTED,
            "!gmc chaperones",
            "!caldicott status",
            "!caldicott bogus",
        ]
        .iter()
        .enumerate()
        {
            let mut m = moderator(&format!("m{i}"), text);
            m.platform = platform;
            m.link = None;
            for a in bot.handle(&m, t0()) {
                let mut v = serde_json::to_value(&a).unwrap();
                // Channel refs name their platform and note ids are keyed
                // per deployment: compare the rest.
                let s = v.to_string().replace(platform.as_str(), "P");
                v = serde_json::from_str(&s).unwrap();
                if let Some(obj) = v.get_mut("PrivateNote") {
                    let id = obj["note_id"].as_str().unwrap().to_string();
                    let s = obj.to_string().replace(&id, "NOTE");
                    *obj = serde_json::from_str(&s).unwrap();
                }
                out.push(v);
            }
        }
        out
    };
    let matrix = run(Platform::Matrix);
    assert_eq!(matrix.len(), 8, "{matrix:#?}");
    assert_eq!(matrix, run(Platform::Discord));
    assert_eq!(matrix, run(Platform::Console));
}

#[test]
fn foamed_is_handed_to_the_digest() {
    let bot = bot();
    let a = bot.handle(&msg("dr_lee", "m1", "!foamed"), t0());
    assert!(!a.is_empty(), "the digest answers foamed commands");
    assert!(a.iter().all(|x| x.kind() == "reply"), "{a:?}");
}

#[test]
fn a_check_in_a_redact_channel_still_removes_the_posted_draft() {
    let bot = bot();
    set(&bot, "mode redact", "s1");
    set(&bot, "modlog mods", "s2");
    let a = bot.handle(
        &msg("dr_lee", "m1", &format!("!caldicott check {PLANTED}")),
        t0(),
    );
    assert_eq!(kinds(&a), ["redact", "mod_log", "reply"], "{a:?}");
    assert_no_content(&a);
}

#[test]
fn old_notes_and_expired_cooldowns_are_pruned() {
    let store = Arc::new(MemoryStore::new().unwrap());
    let bot = bot_with(store.clone());
    let a = bot.handle(
        &msg("dr_lee", "m1", "NHS number 943 476 5919 for the bloods"),
        t0(),
    );
    let Action::PrivateNote { note_id, .. } = &a[0] else {
        panic!("{a:?}")
    };
    let count = |ns: &str| store.scan(ns, "").unwrap().len();
    assert_eq!((count("note"), count("cooldown")), (1, 1));
    // A day later the cooldown has run out and goes; the note stays.
    bot.handle(
        &msg("nurse_kim", "m2", "morning all"),
        t0() + Duration::days(1),
    );
    assert_eq!((count("note"), count("cooldown")), (1, 0));
    // After the retention period the note goes too: a dispute no longer finds it.
    let later = t0() + Duration::days(caldicott_core::maintenance::NOTE_RETENTION_DAYS + 1);
    let (r, _) = reply_text(&bot.handle(
        &msg("dr_lee", "x1", &format!("!caldicott dispute {note_id}")),
        later,
    ));
    assert!(r.contains("can't find"), "{r}");
    assert_eq!(count("note"), 0);
    // The audit counters are kept.
    assert_eq!(count("audit"), 1);
}

#[test]
fn attachments_are_scanned_by_name_and_type() {
    let bot = bot();
    assert!(
        bot.handle(&msg("dr_lee", "m1", "look at this"), t0())
            .is_empty()
    );
    let mut m = msg("dr_lee", "m2", "look at this");
    m.attachments = vec![caldicott_core::Attachment {
        filename: "wristband.jpg".into(),
        content_type: Some("image/jpeg".into()),
    }];
    let a = bot.handle(&m, t0());
    assert_eq!(kinds(&a), ["private_note"], "{a:?}");
    let Action::PrivateNote { masked, .. } = &a[0] else {
        unreachable!()
    };
    // The masked copy is of the message the author wrote, nothing added.
    assert_eq!(masked, "look at this");
}
