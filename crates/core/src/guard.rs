//! The guard: one message in, the channel policy applied, actions out.

use std::collections::BTreeSet;

use caldicott_engine::{Category, ChannelContext, Finding, Report, Severity};
use caldicott_store::{Batch, ChannelSettings, Cooldown, LastNote, Mode, NoteRecord, StoreExt};
use chrono::{DateTime, Utc};

use crate::{Action, Bot, Incoming, Reason, render};

/// Length of a note id (hex characters of a keyed hash).
const NOTE_ID_LEN: usize = 10;

/// The text the engine scans: the message, then one line per attachment
/// naming its type and file, so "pic of the rash" plus an image is seen.
/// Findings inside the message keep their offsets; the masked copy is of
/// the message alone.
fn scan_text(msg: &Incoming) -> String {
    let mut s = msg.text.clone();
    for a in &msg.attachments {
        s.push_str("\n[attachment: ");
        if let Some(ct) = &a.content_type {
            s.push_str(ct);
            s.push(' ');
        }
        s.push_str(&a.filename);
        s.push(']');
    }
    s
}

fn reason(f: &Finding) -> Reason {
    Reason {
        rule: f.rule.clone(),
        category: f.category.as_str().to_string(),
        severity: f.severity.as_str().to_string(),
        label: if f.label.is_empty() {
            f.category.as_str().replace('_', " ")
        } else {
            f.label.clone()
        },
        why: f.reason.clone(),
    }
}

/// The findings that count under a channel's settings.
fn filter(report: Report, settings: &ChannelSettings) -> Report {
    let min = Severity::parse(&settings.min_severity).unwrap_or(Severity::Low);
    Report::from_findings(
        report
            .findings
            .into_iter()
            .filter(|f| {
                f.severity >= min && !settings.disabled_categories.contains(f.category.as_str())
            })
            .collect(),
    )
}

/// The most serious finding: highest severity, then the category order.
fn worst(findings: &[Finding]) -> Option<&Finding> {
    findings.iter().max_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(b.category.cmp(&a.category))
    })
}

fn context(
    bot: &Bot,
    msg: &Incoming,
    settings: &ChannelSettings,
) -> (ChannelContext, Option<Action>) {
    let key = msg.channel_ref().key();
    let (patterns, problem) = match bot.patterns(&key, settings) {
        Ok(p) => ((*p).clone(), None),
        Err(e) => (
            Vec::new(),
            Some(Action::diagnostic("hospital-number patterns", e)),
        ),
    };
    (
        ChannelContext {
            members: msg.members.clone(),
            staff_names: settings.staff_names.iter().cloned().collect(),
            hospital_number_patterns: patterns,
        },
        problem,
    )
}

fn exempt(bot: &Bot, msg: &Incoming, settings: &ChannelSettings) -> bool {
    let key = msg.channel_ref().key();
    let cfg = bot.config();
    settings.exempt
        || cfg
            .exempt_channels
            .iter()
            .any(|c| *c == key || *c == msg.channel)
        || msg
            .author_roles
            .iter()
            .any(|r| settings.exempt_roles.contains(r) || cfg.exempt_roles.iter().any(|e| e == r))
}

/// Scan a channel message and apply the channel's policy. `quiet`: the
/// author is being answered otherwise (a `check` command), so no note or
/// thread reply, and no cooldown. `redo`: the message was decided before
/// but its actions may not have been carried out (see
/// [`Bot::handle_redelivered`]): rules already recorded for it act again.
pub(crate) fn guard(
    bot: &Bot,
    msg: &Incoming,
    now: DateTime<Utc>,
    quiet: bool,
    redo: bool,
) -> Vec<Action> {
    let channel = msg.channel_ref();
    let key = channel.key();
    let mut actions = Vec::new();
    let settings = match bot.settings(&channel) {
        Ok(s) => s,
        Err(e) => {
            // Fail safe: scan with the defaults rather than not at all.
            actions.push(Action::diagnostic("reading channel settings", e));
            bot.config().defaults.clone()
        }
    };
    if settings.mode == Mode::Off || exempt(bot, msg, &settings) {
        return actions;
    }
    let (ctx, problem) = context(bot, msg, &settings);
    actions.extend(problem);
    let started = std::time::Instant::now();
    let report = filter(bot.engine().scan(&scan_text(msg), &ctx), &settings);
    if let Some(o) = bot.observer() {
        let counted: Vec<(&'static str, &'static str)> = report
            .findings
            .iter()
            .map(|f| (f.category.as_str(), f.severity.as_str()))
            .collect();
        o.scanned(msg.platform, started.elapsed(), &counted);
    }
    if report.is_clean() {
        return actions;
    }
    let store = bot.store();
    let hashes = bot.author_hash(msg.platform, &msg.author).and_then(|a| {
        let note = store.keyed_hash("note", &format!("{key}\u{1f}{}", msg.message_id))?;
        Ok((a, note[..NOTE_ID_LEN].to_string()))
    });
    let (author_hash, note_id) = match hashes {
        Ok(h) => h,
        Err(e) => {
            actions.push(Action::diagnostic("keyed hash", e));
            return actions;
        }
    };
    // An edit (or a redelivered event) is not warned twice for the same rules.
    let prior = store
        .get_record::<NoteRecord>(&note_id)
        .unwrap_or_else(|e| {
            actions.push(Action::diagnostic("reading note record", &e));
            None
        });
    let new: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| {
            redo || prior
                .as_ref()
                .is_none_or(|p| !p.rules.contains_key(&f.rule))
        })
        .collect();
    let recorded = |f: &Finding| {
        prior
            .as_ref()
            .is_some_and(|p| p.rules.contains_key(&f.rule))
    };
    if new.is_empty() {
        return actions;
    }
    let new_owned: Vec<Finding> = new.iter().map(|f| (*f).clone()).collect();
    let top = worst(&new_owned).expect("not empty").clone();

    // Cooldown: a person is not warned about the same kind of thing again
    // within the cooldown (warn and thread modes; a redaction always comes
    // with its note so nothing the author wrote is lost).
    let categories: BTreeSet<Category> = new.iter().map(|f| f.category).collect();
    let mut fresh = Vec::new();
    for c in &categories {
        if redo && new.iter().any(|f| f.category == *c && recorded(f)) {
            // Its own first decision set this cooldown.
            fresh.push(*c);
            continue;
        }
        match store.cooldown_until(&author_hash, c.as_str()) {
            Ok(Some(until)) if until > now => {}
            Ok(_) => fresh.push(*c),
            Err(e) => {
                actions.push(Action::diagnostic("reading cooldown", e));
                fresh.push(*c);
            }
        }
    }
    let notify = !quiet
        && match settings.mode {
            Mode::Warn | Mode::Thread => !fresh.is_empty(),
            Mode::Redact => true,
            Mode::LogOnly | Mode::Off => false,
        };

    // Everything the store learns about this message, in one batch: counts,
    // cooldowns, the note record. No text.
    let mut batch = Batch::new();
    let day = now.date_naive();
    let mut counted = BTreeSet::new();
    for f in new.iter().filter(|f| !recorded(f)) {
        if counted.insert((f.category, f.rule.as_str())) {
            batch.audit(&key, day, f.category.as_str(), &f.rule, &author_hash);
        }
    }
    if notify {
        let until = now + bot.config().cooldown;
        for c in &categories {
            batch.put(
                &caldicott_store::key(&[&author_hash, c.as_str()]),
                &Cooldown { until },
            );
        }
    }
    let mut record = prior.unwrap_or(NoteRecord {
        channel: key.clone(),
        author_hash: author_hash.clone(),
        rules: Default::default(),
        created: now,
        disputed: false,
    });
    for f in &new {
        record
            .rules
            .insert(f.rule.clone(), f.category.as_str().to_string());
    }
    batch.put(&note_id, &record);
    if notify {
        batch.put(
            &author_hash,
            &LastNote {
                note_id: note_id.clone(),
            },
        );
    }
    if let Err(e) = store.apply(batch) {
        actions.push(Action::diagnostic("recording finding", e));
    }

    let reasons: Vec<Reason> = new.iter().map(|f| reason(f)).collect();
    let citation = render::citation(bot.guidance(), &top.guidance);
    let masked = report.masked(&msg.text);
    let channel_name = format!("#{}", msg.channel);
    let note = |redacted: bool| Action::PrivateNote {
        channel: channel.clone(),
        message_id: msg.message_id.clone(),
        user: msg.author.clone(),
        note_id: note_id.clone(),
        text: render::Note {
            author_name: &msg.author_name,
            channel_name: &channel_name,
            masked: &masked,
            reasons: &reasons,
            category: top.category,
            slug: &top.guidance,
            citation: &citation,
            note_id: &note_id,
            redacted,
        }
        .render(),
        masked: masked.clone(),
        reasons: reasons.clone(),
        citation: citation.clone(),
    };
    match settings.mode {
        Mode::Warn if notify => actions.push(note(false)),
        Mode::Thread if notify => actions.push(Action::ThreadReply {
            channel: channel.clone(),
            message_id: msg.message_id.clone(),
            text: render::thread_reply(top.category, &top.guidance, &citation),
        }),
        Mode::Redact => {
            actions.push(Action::Redact {
                channel: channel.clone(),
                message_id: msg.message_id.clone(),
                reason: render::redact_reason(top.category),
            });
            if notify {
                actions.push(note(true));
            }
        }
        _ => {}
    }
    if let Some(log) = &settings.mod_log {
        let mut rules: Vec<String> = Vec::new();
        for f in &new {
            let r = format!("{} ({})", f.rule, f.category);
            if !rules.contains(&r) {
                rules.push(r);
            }
        }
        actions.push(Action::ModLog {
            log_channel: crate::ChannelRef::new(msg.platform, log.clone()),
            channel: channel.clone(),
            message_id: msg.message_id.clone(),
            category: top.category.as_str().to_string(),
            rule: top.rule.clone(),
            severity: top.severity.as_str().to_string(),
            author: msg.author.clone(),
            link: msg.link.clone(),
            text: format!(
                "Caldicott flagged a message by {} in #{} ({} severity, mode {}{}): {}. Link: {}",
                msg.author,
                msg.channel,
                top.severity,
                settings.mode.as_str(),
                if msg.edited { ", edited" } else { "" },
                rules.join(", "),
                msg.link.as_deref().unwrap_or("(none)")
            ),
        });
    }
    actions
}

/// Check a draft privately: the masked version and the reasons, to the
/// asker only. Nothing is stored or counted.
pub(crate) fn check(bot: &Bot, msg: &Incoming, draft: &str) -> Action {
    let settings = if msg.is_dm {
        bot.config().defaults.clone()
    } else {
        bot.settings(&msg.channel_ref())
            .unwrap_or_else(|_| bot.config().defaults.clone())
    };
    let (ctx, _) = context(bot, msg, &settings);
    let report = bot.engine().scan(draft, &ctx);
    let reasons: Vec<Reason> = report.findings.iter().map(reason).collect();
    let top = worst(&report.findings);
    let citation = top.and_then(|t| render::citation(bot.guidance(), &t.guidance));
    let text = render::check_answer(
        &report.masked(draft),
        &reasons,
        top.map(|t| t.guidance.as_str()),
        &citation,
        top.map(|t| t.category),
    );
    bot.reply(msg, text, true)
}
