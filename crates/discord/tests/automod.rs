//! The AutoMod rule against the API double, which checks Discord's limits
//! (10 regexes of 260 characters, Rust regex syntax, 150-character message).

use caldicott_discord::automod::{self, CUSTOM_MESSAGE, Installed, PATTERNS, RULE_NAME};
use caldicott_discord::{DiscordConfig, Token};
use caldicott_discord_double::{DiscordDouble, GUILD_ID};
use serde_json::json;
use serenity::all::GuildId;

const TOKEN: &str = "automod.test.token";

#[tokio::test]
async fn install_updates_in_place_and_remove_deletes() {
    let d = DiscordDouble::start(TOKEN).await.unwrap();
    let cfg = DiscordConfig {
        token: Some(Token::new(TOKEN)),
        application_id: Some(caldicott_discord_double::APPLICATION_ID),
        api_base: Some(d.api_base().to_string()),
        ..DiscordConfig::default()
    };
    let http = caldicott_discord::client::http(&cfg).unwrap();
    let guild = GuildId::new(GUILD_ID);

    let first = automod::install(&http, guild).await.unwrap();
    assert!(matches!(first, Installed::Created(_)));
    let rules = d.automod_rules();
    assert_eq!(rules.len(), 1);
    let rule = &rules[0];
    assert_eq!(rule["name"], json!(RULE_NAME));
    assert_eq!(rule["trigger_type"], json!(1), "KEYWORD");
    assert_eq!(rule["event_type"], json!(1), "MESSAGE_SEND");
    assert_eq!(
        rule["trigger_metadata"]["regex_patterns"]
            .as_array()
            .unwrap()
            .len(),
        PATTERNS.len()
    );
    assert_eq!(rule["actions"][0]["type"], json!(1), "BLOCK_MESSAGE");
    assert_eq!(
        rule["actions"][0]["metadata"]["custom_message"],
        json!(CUSTOM_MESSAGE)
    );
    assert!(CUSTOM_MESSAGE.contains("/gmc confidentiality"));

    // Installing again updates the same rule.
    let second = automod::install(&http, guild).await.unwrap();
    assert!(matches!(second, Installed::Updated(_)));
    assert_eq!(d.automod_rules().len(), 1);

    assert!(automod::remove(&http, guild).await.unwrap().is_some());
    assert!(d.automod_rules().is_empty());
    assert!(automod::remove(&http, guild).await.unwrap().is_none());
}

#[test]
fn patterns_fit_automod_and_block_what_they_should() {
    automod::validate().unwrap();
    let res: Vec<regex::Regex> = PATTERNS
        .iter()
        .map(|p| regex::Regex::new(p).unwrap())
        .collect();
    let hit = |s: &str| res.iter().any(|r| r.is_match(s));
    for s in [
        "NHS no 943 476 5919",
        "nhs number: 943-476-5919",
        "pts NHS 9434765919 please",
        "CHI 0101801234 bay 2",
        "MRN 00123456",
        "hosp no K123456",
        "DOB 12/03/1954",
        "d.o.b. 1-3-54",
    ] {
        assert!(hit(s), "should block: {s}");
    }
    for s in [
        "bleep 4455",
        "ring 01632 960 001 for switchboard",
        "ref 9434765919 in the url",
        "rota for 12/03/2026",
        "give 500 mg",
    ] {
        assert!(!hit(s), "should not block: {s}");
    }
}
