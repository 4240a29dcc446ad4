//! `gmc` and `caldicott ...` commands: guidance, status, settings,
//! check, dispute, exemptions.

use caldicott_engine::{Category, ChannelContext, HospitalNumberPattern, Severity};
use caldicott_store::{ChannelSettings, LastNote, Mode, NoteRecord, StoreExt};
use chrono::{DateTime, Duration, Utc};

use crate::{Action, Bot, Incoming, Sub, guard};

pub const HELP: &str = "Caldicott commands (type them as `!gmc chaperones`, or use the slash commands on Discord):\n\
`gmc <topic>`: the GMC guidance on a topic (e.g. `gmc chaperones`)\n\
`foamed ...`: the daily #FOAMed item (`foamed help`)\n\
`caldicott status`: this channel's policy, counts and disputes\n\
`caldicott check <draft>`: check a draft privately before posting (or DM me)\n\
`caldicott dispute [note-id]`: tell me a warning was a false positive\n\
`caldicott settings`: show settings; moderators change them with\n\
  `caldicott settings mode warn|thread|redact|log-only|off`\n\
  `caldicott settings modlog <channel>|off`\n\
  `caldicott settings category <category> on|off`\n\
  `caldicott settings min-severity low|medium|high|critical`\n\
  `caldicott settings staff add|remove <name>`\n\
  `caldicott settings hospital-number add|remove <regex>`\n\
`caldicott exempt on|off`, `caldicott exempt role add|remove <role>` (moderators)";

const SETTINGS_USAGE: &str = "Usage: `caldicott settings` to show, or `caldicott settings mode warn|thread|redact|log-only|off`, \
`modlog <channel>|off`, `category <category> on|off`, `min-severity low|medium|high|critical`, \
`staff add|remove <name>`, `hospital-number add|remove <regex>`.";

const EXEMPT_USAGE: &str =
    "Usage: `caldicott exempt on|off` or `caldicott exempt role add|remove <role>`.";

const NOT_MODERATOR: &str = "Only this channel's moderators can change Caldicott's settings.";

const IN_A_CHANNEL: &str =
    "Settings belong to a channel: use this command in the channel you want to change.";

/// `gmc <query>`. A query that itself holds identifiers is looked up masked,
/// so the answer can never echo them.
pub(crate) fn gmc(bot: &Bot, msg: &Incoming, query: &str) -> Action {
    let report = bot.engine().scan(query, &ChannelContext::default());
    let query = if report.is_clean() {
        query.to_string()
    } else {
        report.masked(query)
    };
    let lookup = bot.guidance().lookup(&query);
    let text = if lookup.answer.trim().is_empty() {
        "I have no guidance on that yet. Try `gmc` for the list of topics.".to_string()
    } else {
        lookup.answer
    };
    bot.reply(msg, text, false)
}

pub(crate) fn caldicott(
    bot: &Bot,
    msg: &Incoming,
    sub: Sub<'_>,
    now: DateTime<Utc>,
) -> Vec<Action> {
    match sub {
        Sub::Help => vec![bot.reply(msg, HELP, true)],
        Sub::Status => vec![status(bot, msg, now)],
        Sub::Settings(words) => settings(bot, msg, &words),
        Sub::Check("") => {
            vec![bot.reply(
                msg,
                "Usage: `caldicott check <draft message>` (or just DM me the draft).",
                true,
            )]
        }
        Sub::Check(draft) => vec![guard::check(bot, msg, draft)],
        Sub::Dispute(id) => vec![dispute(bot, msg, id)],
        Sub::Exempt(words) => exempt(bot, msg, &words),
        Sub::Unknown => vec![bot.reply(msg, format!("I didn't understand that.\n{HELP}"), true)],
    }
}

fn describe(s: &ChannelSettings) -> String {
    let list = |v: Vec<&str>| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    format!(
        "mode {}; mod-log {}; min severity {}; categories off: {}; exempt: {}; exempt roles: {}; \
         extra staff names: {}; extra hospital-number patterns: {}",
        s.mode.as_str(),
        s.mod_log.as_deref().unwrap_or("none"),
        s.min_severity,
        list(s.disabled_categories.iter().map(String::as_str).collect()),
        if s.exempt { "yes" } else { "no" },
        list(s.exempt_roles.iter().map(String::as_str).collect()),
        list(s.staff_names.iter().map(String::as_str).collect()),
        list(
            s.hospital_number_patterns
                .iter()
                .map(String::as_str)
                .collect()
        ),
    )
}

fn status(bot: &Bot, msg: &Incoming, now: DateTime<Utc>) -> Action {
    let channel = msg.channel_ref();
    let key = channel.key();
    let mut text = String::from("Caldicott here");
    match bot.settings(&channel) {
        Ok(s) if !msg.is_dm => text.push_str(&format!(": {}.", describe(&s))),
        Ok(_) => text.push_str(": this is a direct message; DM me a draft to check it privately."),
        Err(e) => return store_failed(bot, msg, &e),
    }
    let since = (now - Duration::days(30))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    match bot.store().audit(&key) {
        Ok(counts) => {
            let mut by_cat: std::collections::BTreeMap<String, u64> = Default::default();
            for c in counts.iter().filter(|c| c.day >= since) {
                *by_cat.entry(c.category.clone()).or_default() += c.count;
            }
            let parts: Vec<String> = by_cat.iter().map(|(c, n)| format!("{c} {n}")).collect();
            text.push_str(&format!(
                "\nFindings in the last 30 days: {}.",
                if parts.is_empty() {
                    "none".into()
                } else {
                    parts.join(", ")
                }
            ));
        }
        Err(e) => return store_failed(bot, msg, &e),
    }
    match bot.store().disputes(&key) {
        Ok(d) => {
            let parts: Vec<String> = d.iter().map(|(c, r, n)| format!("{r} ({c}) {n}")).collect();
            text.push_str(&format!(
                "\nDisputes per rule: {}.",
                if parts.is_empty() {
                    "none".into()
                } else {
                    parts.join(", ")
                }
            ));
        }
        Err(e) => return store_failed(bot, msg, &e),
    }
    bot.reply(msg, text, false)
}

fn store_failed(bot: &Bot, msg: &Incoming, err: &dyn std::fmt::Display) -> Action {
    let _ = err;
    bot.reply(
        msg,
        "Sorry, I couldn't read or save my records just now; nothing was changed. Please try again.",
        true,
    )
}

/// Apply a settings change, save and flush it, then acknowledge.
fn change(
    bot: &Bot,
    msg: &Incoming,
    edit: impl FnOnce(&mut ChannelSettings) -> Result<String, String>,
) -> Vec<Action> {
    if msg.is_dm {
        return vec![bot.reply(msg, IN_A_CHANNEL, true)];
    }
    if !msg.author_is_moderator {
        return vec![bot.reply(msg, NOT_MODERATOR, true)];
    }
    let channel = msg.channel_ref();
    let mut s = match bot.settings(&channel) {
        Ok(s) => s,
        Err(e) => return vec![store_failed(bot, msg, &e), diag(&e)],
    };
    let ack = match edit(&mut s) {
        Ok(ack) => ack,
        Err(usage) => return vec![bot.reply(msg, usage, true)],
    };
    // Durable before acknowledged.
    match bot.store().save_settings(&channel.key(), &s) {
        Ok(()) => vec![bot.reply(msg, format!("{ack}\nNow: {}.", describe(&s)), false)],
        Err(e) => vec![store_failed(bot, msg, &e), diag(&e)],
    }
}

fn diag(e: &dyn std::fmt::Display) -> Action {
    Action::diagnostic("saving settings", e)
}

fn on_off(w: &str) -> Option<bool> {
    match w.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Some(true),
        "off" | "no" | "false" => Some(false),
        _ => None,
    }
}

fn settings(bot: &Bot, msg: &Incoming, words: &[&str]) -> Vec<Action> {
    if words.is_empty() {
        return match bot.settings(&msg.channel_ref()) {
            Ok(s) => vec![bot.reply(msg, format!("Settings here: {}.", describe(&s)), false)],
            Err(e) => vec![store_failed(bot, msg, &e)],
        };
    }
    let usage = || SETTINGS_USAGE.to_string();
    let what = words[0].to_ascii_lowercase();
    let rest = &words[1..];
    match what.as_str() {
        "mode" => {
            let mode = match rest {
                [m] => Mode::parse(&m.to_ascii_lowercase()),
                _ => None,
            };
            let Some(mode) = mode else {
                return vec![bot.reply(msg, usage(), true)];
            };
            change(bot, msg, |s| {
                s.mode = mode;
                Ok(format!("Mode set to {}.", mode.as_str()))
            })
        }
        "modlog" | "mod-log" => {
            let target = match rest {
                [c] if c.eq_ignore_ascii_case("off") => None,
                [c] => Some(c.trim_start_matches('#').to_string()),
                _ => return vec![bot.reply(msg, usage(), true)],
            };
            change(bot, msg, |s| {
                let ack = match &target {
                    Some(c) => format!("Mod-log entries now go to {c}."),
                    None => "Mod-log switched off.".to_string(),
                };
                s.mod_log = target;
                Ok(ack)
            })
        }
        "category" => {
            let (cat, on) = match rest {
                [c, o] => (Category::parse(&c.to_ascii_lowercase()), on_off(o)),
                _ => (None, None),
            };
            let (Some(cat), Some(on)) = (cat, on) else {
                let names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                return vec![bot.reply(
                    msg,
                    format!(
                        "Usage: `caldicott settings category <category> on|off`; categories: {}.",
                        names.join(", ")
                    ),
                    true,
                )];
            };
            change(bot, msg, |s| {
                if on {
                    s.disabled_categories.remove(cat.as_str());
                } else {
                    s.disabled_categories.insert(cat.as_str().to_string());
                }
                Ok(format!(
                    "Category {} {}.",
                    cat.as_str(),
                    if on { "on" } else { "off" }
                ))
            })
        }
        "min-severity" | "severity" => {
            let sev = match rest {
                [v] => Severity::parse(&v.to_ascii_lowercase()).filter(|s| *s > Severity::None),
                _ => None,
            };
            let Some(sev) = sev else {
                return vec![bot.reply(
                    msg,
                    "Usage: `caldicott settings min-severity low|medium|high|critical`.",
                    true,
                )];
            };
            change(bot, msg, |s| {
                s.min_severity = sev.as_str().to_string();
                Ok(format!("Minimum severity set to {}.", sev.as_str()))
            })
        }
        "staff" => {
            let (op, name) = match rest {
                [op, name @ ..] if !name.is_empty() => (op.to_ascii_lowercase(), name.join(" ")),
                _ => {
                    return vec![bot.reply(
                        msg,
                        "Usage: `caldicott settings staff add|remove <name>`.",
                        true,
                    )];
                }
            };
            change(bot, msg, |s| match op.as_str() {
                "add" => {
                    s.staff_names.insert(name.clone());
                    Ok("Staff name added.".into())
                }
                "remove" => {
                    if s.staff_names.remove(&name) {
                        Ok("Staff name removed.".into())
                    } else {
                        Err("That name isn't in this channel's staff list.".into())
                    }
                }
                _ => Err("Usage: `caldicott settings staff add|remove <name>`.".into()),
            })
        }
        "hospital-number" | "mrn" => {
            let usage = "Usage: `caldicott settings hospital-number add|remove <regex>`.";
            let (op, pattern) = match rest {
                [op, p] => (op.to_ascii_lowercase(), p.to_string()),
                _ => return vec![bot.reply(msg, usage, true)],
            };
            if op == "add"
                && let Err(e) = HospitalNumberPattern::new(&pattern)
            {
                return vec![bot.reply(msg, format!("That pattern doesn't compile: {e}"), true)];
            }
            change(bot, msg, |s| match op.as_str() {
                "add" => {
                    if !s.hospital_number_patterns.contains(&pattern) {
                        s.hospital_number_patterns.push(pattern.clone());
                    }
                    Ok("Hospital-number pattern added.".into())
                }
                "remove" => {
                    let before = s.hospital_number_patterns.len();
                    s.hospital_number_patterns.retain(|p| *p != pattern);
                    if s.hospital_number_patterns.len() < before {
                        Ok("Hospital-number pattern removed.".into())
                    } else {
                        Err("That pattern isn't in this channel's list.".into())
                    }
                }
                _ => Err(usage.into()),
            })
        }
        _ => vec![bot.reply(msg, usage(), true)],
    }
}

fn exempt(bot: &Bot, msg: &Incoming, words: &[&str]) -> Vec<Action> {
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    match lower.as_slice() {
        [o] if on_off(o).is_some() => {
            let on = on_off(o).expect("checked");
            change(bot, msg, |s| {
                s.exempt = on;
                Ok(if on {
                    "This channel is now exempt: I won't scan it.".into()
                } else {
                    "This channel is scanned again.".into()
                })
            })
        }
        ["role", op @ ("add" | "remove"), ..] if words.len() > 2 => {
            let role = words[2..].join(" ");
            let add = *op == "add";
            change(bot, msg, |s| {
                if add {
                    s.exempt_roles.insert(role.clone());
                    Ok(format!("Members with role {role} are not scanned here."))
                } else if s.exempt_roles.remove(&role) {
                    Ok(format!("Members with role {role} are scanned again."))
                } else {
                    Err("That role isn't exempt here.".into())
                }
            })
        }
        _ => vec![bot.reply(msg, EXEMPT_USAGE, true)],
    }
}

/// `caldicott dispute [note-id]`: record a false positive (rule, category,
/// channel only) and thank the author.
fn dispute(bot: &Bot, msg: &Incoming, id: Option<&str>) -> Action {
    let store = bot.store();
    let author_hash = match bot.author_hash(msg.platform, &msg.author) {
        Ok(h) => h,
        Err(e) => return store_failed(bot, msg, &e),
    };
    let note_id = match id {
        Some(id) => id.to_ascii_lowercase(),
        None => match store.get_record::<LastNote>(&author_hash) {
            Ok(Some(l)) => l.note_id,
            Ok(None) => {
                return bot.reply(msg, "I haven't warned you about anything I can find, so there's nothing to dispute.", true);
            }
            Err(e) => return store_failed(bot, msg, &e),
        },
    };
    let valid = note_id.len() == 10 && note_id.bytes().all(|b| b.is_ascii_hexdigit());
    let record = if valid {
        store.get_record::<NoteRecord>(&note_id)
    } else {
        Ok(None)
    };
    let mut record = match record {
        Ok(Some(r)) if r.author_hash == author_hash => r,
        Ok(_) => {
            return bot.reply(msg, "I can't find a warning of yours with that id. Use the id from my note: `caldicott dispute <note-id>`.", true);
        }
        Err(e) => return store_failed(bot, msg, &e),
    };
    if record.disputed {
        return bot.reply(msg, "Already recorded, thank you.", true);
    }
    record.disputed = true;
    let mut batch = caldicott_store::Batch::new();
    for (rule, category) in &record.rules {
        batch.dispute(&record.channel, category, rule);
    }
    batch.put(&note_id, &record);
    if let Err(e) = store.apply(batch) {
        return store_failed(bot, msg, &e);
    }
    if let Some(o) = bot.observer() {
        record.rules.keys().for_each(|rule| o.disputed(rule));
    }
    let rules: Vec<&str> = record.rules.keys().map(String::as_str).collect();
    bot.reply(
        msg,
        format!(
            "Thank you: I've recorded that as a false positive for {} (only the rule, category and channel are kept). The channel's operators use these counts to tune the rules.",
            rules.join(", ")
        ),
        true,
    )
}
