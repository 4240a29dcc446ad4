//! Prevention: a Discord AutoMod keyword rule that blocks, before it is
//! posted, a message carrying one of the highest-confidence identifier
//! shapes. AutoMod evaluates Rust-flavoured regexes (the `regex` crate), at
//! most 10 patterns of 260 characters each; the custom message is at most
//! 150 characters. These patterns are shapes only (no checksum is possible
//! in AutoMod), so each one needs a cue word next to the number.

use serenity::all::{
    Action as AutomodAction, AutomodEventType as EventType, EditAutoModRule, GuildId, Http, Rule,
    RuleId, Trigger,
};

use crate::limits::{AUTOMOD_CUSTOM_MESSAGE_MAX, AUTOMOD_REGEX_LEN_MAX, AUTOMOD_REGEX_MAX};

/// The rule's name: how `install` finds the rule to update and `remove` the rule to delete.
pub const RULE_NAME: &str = "Caldicott: patient identifiers";

/// Shown to a member whose message was blocked.
pub const CUSTOM_MESSAGE: &str = "This looks like a patient identifier (e.g. an NHS number). Please remove it. See /gmc confidentiality";

/// The patterns, most specific first. Each is a cue then a number shape:
/// NHS number (3-3-4 digits, any spacing), CHI (DDMMYY + 4), MRN/hospital
/// number, date of birth with a DOB cue.
pub const PATTERNS: &[&str] = &[
    // NHS number with a cue: "NHS no 943 476 5919", "nhs#: 9434765919".
    r"(?i)\bnhs\s*(?:no|num(?:ber)?|#)?\.?\s*[:#-]?\s*\d{3}[\s-]?\d{3}[\s-]?\d{4}\b",
    // A 10-digit number grouped 3-3-4 right after "pt"/"patient" and a cue word.
    r"(?i)\b(?:pt|patient)'?s?\s+(?:nhs|chi|h&c|hospital|hosp|unit)\s*(?:no|num(?:ber)?|#)?\.?\s*[:#-]?\s*\d{3}[\s-]?\d{3}[\s-]?\d{4}\b",
    // Scottish CHI number with a cue: DDMMYY then 4 digits.
    r"(?i)\bchi\s*(?:no|num(?:ber)?|#)?\.?\s*[:#-]?\s*(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[\s-]?\d{4}\b",
    // Northern Ireland H&C number with a cue.
    r"(?i)\bh\s*&\s*c\s*(?:no|num(?:ber)?|#)?\.?\s*[:#-]?\s*\d{3}[\s-]?\d{3}[\s-]?\d{4}\b",
    // Hospital number / MRN with a cue: "MRN 00123456", "hosp no K123456".
    r"(?i)\b(?:mrn|hosp(?:ital)?\s*(?:no|num(?:ber)?|#)|unit\s*(?:no|num(?:ber)?|#))\.?\s*[:#-]?\s*[a-z]?\d{6,10}\b",
    // Date of birth with a cue: "DOB 12/03/1954", "d.o.b. 12-3-54".
    r"(?i)\b(?:dob|d\.o\.b\.?|date\s+of\s+birth)\s*[:#-]?\s*(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d{2}\b",
];

/// Check the patterns against AutoMod's limits (a test runs this too).
pub fn validate() -> Result<(), crate::Error> {
    if PATTERNS.len() > AUTOMOD_REGEX_MAX {
        return Err(crate::Error::Automod(format!(
            "{} patterns, AutoMod allows {AUTOMOD_REGEX_MAX}",
            PATTERNS.len()
        )));
    }
    for (i, p) in PATTERNS.iter().enumerate() {
        if p.chars().count() > AUTOMOD_REGEX_LEN_MAX {
            return Err(crate::Error::Automod(format!(
                "pattern {i} is over {AUTOMOD_REGEX_LEN_MAX} characters"
            )));
        }
    }
    if CUSTOM_MESSAGE.chars().count() > AUTOMOD_CUSTOM_MESSAGE_MAX {
        return Err(crate::Error::Automod(format!(
            "custom message is over {AUTOMOD_CUSTOM_MESSAGE_MAX} characters"
        )));
    }
    Ok(())
}

fn builder() -> EditAutoModRule<'static> {
    EditAutoModRule::new()
        .name(RULE_NAME)
        .event_type(EventType::MessageSend)
        .trigger(Trigger::Keyword {
            strings: Vec::new(),
            regex_patterns: PATTERNS.iter().map(|p| p.to_string()).collect(),
            allow_list: Vec::new(),
        })
        .actions(vec![AutomodAction::BlockMessage {
            custom_message: Some(CUSTOM_MESSAGE.to_string()),
        }])
        .enabled(true)
}

/// What `install` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    Created(RuleId),
    Updated(RuleId),
}

/// Create the rule, or update it when a rule with [`RULE_NAME`] exists.
pub async fn install(http: &Http, guild: GuildId) -> Result<Installed, crate::Error> {
    validate()?;
    let existing = find(http, guild).await?;
    match existing {
        Some(rule) => {
            let r = guild.edit_automod_rule(http, rule.id, builder()).await?;
            Ok(Installed::Updated(r.id))
        }
        None => {
            let r = guild.create_automod_rule(http, builder()).await?;
            Ok(Installed::Created(r.id))
        }
    }
}

/// Delete the rule. `Ok(None)` when there was none.
pub async fn remove(http: &Http, guild: GuildId) -> Result<Option<RuleId>, crate::Error> {
    match find(http, guild).await? {
        Some(rule) => {
            guild.delete_automod_rule(http, rule.id).await?;
            Ok(Some(rule.id))
        }
        None => Ok(None),
    }
}

async fn find(http: &Http, guild: GuildId) -> Result<Option<Rule>, crate::Error> {
    Ok(guild
        .automod_rules(http)
        .await?
        .into_iter()
        .find(|r| r.name == RULE_NAME))
}
