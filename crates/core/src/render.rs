//! The words the bot says. Every function takes labels, reasons and masked
//! text only: never the raw message.

use caldicott_engine::Category;
use caldicott_guidance::Guidance;

use crate::{Citation, Reason};

/// Cut `text` to at most `max` characters, ending with `…` when cut.
pub fn clamp(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Plain words for a category, e.g. "details that could identify a patient".
pub fn category_phrase(c: Category) -> &'static str {
    match c {
        Category::PatientDirect => "details that could identify a patient",
        Category::PatientIndirect => {
            "a combination of details that could let someone recognise a patient"
        }
        Category::Discriminatory => "language that could read as discriminatory",
        Category::DisrespectPatients => "wording that could read as disrespectful to patients",
        Category::Intoxication => "talk of drinking or intoxication around work",
        Category::Advertising => "promotion with claims or interests that may need stating",
        Category::PatientContactBoundary => "contact with a patient outside professional channels",
        Category::ColleagueConflict => "public criticism of an identifiable colleague",
    }
}

/// A safer way to say it, per category.
pub fn safe_way(c: Category) -> &'static str {
    match c {
        Category::PatientDirect => {
            "Leave out names, numbers, dates of birth and addresses: \"a man in his 70s in bay 3\" \
             is enough to ask for advice. Identifiable details belong in the clinical record or an \
             approved secure channel."
        }
        Category::PatientIndirect => {
            "Drop a detail or two (place, date, age, job, the unusual event) so nobody who knows \
             the patient could recognise them; keep only what your question needs."
        }
        Category::Discriminatory => {
            "Describe the clinical issue, not a group of people; if a point matters clinically, \
             put it neutrally."
        }
        Category::DisrespectPatients => {
            "Describe the situation neutrally, e.g. \"a patient who attends often\" or \"a \
             patient awaiting discharge\"; vent to a colleague in private, not in the channel."
        }
        Category::Intoxication => {
            "Keep drinking out of work posts; if you are worried about anyone's fitness to work, \
             talk to your supervisor."
        }
        Category::Advertising => {
            "State any interest you have and make only claims you can back with evidence."
        }
        Category::PatientContactBoundary => {
            "Keep contact with patients to professional channels and decline personal contact \
             politely."
        }
        Category::ColleagueConflict => {
            "Raise concerns about a colleague privately, or through your supervisor or the \
             proper process, not in a shared channel."
        }
    }
}

/// The citation for a guidance slug, when the corpus has the topic:
/// the title, then the paragraph numbers grouped by the document (and
/// edition) they belong to, then the official link.
pub fn citation(guidance: &Guidance, slug: &str) -> Option<Citation> {
    let t = guidance.topic(slug)?;
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for p in &t.paragraphs {
        match groups.iter_mut().find(|(d, _)| *d == p.document) {
            Some((_, nums)) => nums.push(&p.number),
            None => groups.push((&p.document, vec![&p.number])),
        }
    }
    let refs: Vec<String> = groups
        .iter()
        .map(|(doc, nums)| {
            let word = if nums.len() == 1 && !nums[0].contains(['-', '–']) {
                "para"
            } else {
                "paras"
            };
            format!("{doc} {word} {}", nums.join(", "))
        })
        .collect();
    let text = if refs.is_empty() {
        format!("{} ({}, {}): {}", t.title, t.document, t.edition, t.url)
    } else if refs[0].starts_with(&t.title) {
        // The first reference already names the document: don't repeat it.
        format!("{}. {}", refs.join("; "), t.url)
    } else {
        format!("{}: {}. {}", t.title, refs.join("; "), t.url)
    };
    Some(Citation {
        slug: slug.to_string(),
        text,
        url: Some(t.url.clone()),
    })
}

fn guidance_line(citation: &Option<Citation>, slug: &str) -> String {
    match citation {
        Some(c) => format!("Guidance: {}", c.text),
        None => format!("Guidance: see `gmc {slug}`."),
    }
}

/// Distinct labels, in order, as a readable list ("NHS number and patient name").
fn labels(reasons: &[Reason]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for r in reasons {
        if !seen.contains(&r.label.as_str()) {
            seen.push(&r.label);
        }
    }
    match seen.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn whys(reasons: &[Reason]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for r in reasons {
        if !seen.contains(&r.why.as_str()) {
            seen.push(&r.why);
        }
    }
    seen.join(" ")
}

/// The private note to the author of a flagged message.
pub struct Note<'a> {
    pub author_name: &'a str,
    pub channel_name: &'a str,
    pub masked: &'a str,
    pub reasons: &'a [Reason],
    /// The most serious category found.
    pub category: Category,
    pub slug: &'a str,
    pub citation: &'a Option<Citation>,
    pub note_id: &'a str,
    pub redacted: bool,
}

impl Note<'_> {
    pub fn render(&self) -> String {
        let what = labels(self.reasons);
        let head = if self.redacted {
            format!(
                "Hi {}, I removed your message in {} because it contains {}. Nothing you wrote \
                 is lost: here it is with those parts masked, so you can repost it safely.",
                self.author_name,
                self.channel_name,
                category_phrase(self.category)
            )
        } else {
            format!(
                "Hi {}, a quick private word about your message in {}: it contains {}.",
                self.author_name,
                self.channel_name,
                category_phrase(self.category)
            )
        };
        let tail = format!(
            "\n\nWhy it matters: {}\n{}\nA safer way to say it: {}\n\nThink I got this wrong? \
             Reply `!caldicott dispute {}`.",
            whys(self.reasons),
            guidance_line(self.citation, self.slug),
            safe_way(self.category),
            self.note_id
        );
        let found = if what.is_empty() {
            String::new()
        } else {
            format!("\nFound: {what}.")
        };
        // The masked copy gives way first when the note would be too long.
        let room = crate::TEXT_MAX_CHARS.saturating_sub(
            head.chars().count() + found.chars().count() + tail.chars().count() + 8,
        );
        format!(
            "{head}{found}\n\n> {}{tail}",
            clamp(self.masked, room.max(40)).replace('\n', "\n> ")
        )
    }
}

/// The public reply in thread mode: category and guidance only.
pub fn thread_reply(category: Category, slug: &str, citation: &Option<Citation>) -> String {
    format!(
        "A gentle reminder from Caldicott: this message seems to contain {}. {}\n{}",
        category_phrase(category),
        safe_way(category),
        guidance_line(citation, slug)
    )
}

/// The reason given for a redaction: the category only.
pub fn redact_reason(category: Category) -> String {
    format!(
        "Caldicott: removed, it contains {}",
        category_phrase(category)
    )
}

/// The answer to `caldicott check` or a DM to the bot.
pub fn check_answer(
    masked: &str,
    reasons: &[Reason],
    slug: Option<&str>,
    citation: &Option<Citation>,
    category: Option<Category>,
) -> String {
    let Some(category) = category else {
        return "Checked privately (nothing is stored): I found nothing identifiable or risky in \
                that draft. Still read it once more as the patient would."
            .to_string();
    };
    let slug = slug.unwrap_or("confidentiality");
    let head = format!(
        "Checked privately (nothing is stored). Before you post: it contains {}.\nFound: {}.",
        category_phrase(category),
        labels(reasons)
    );
    let tail = format!(
        "\n\nWhy it matters: {}\n{}\nA safer way to say it: {}",
        whys(reasons),
        guidance_line(citation, slug),
        safe_way(category)
    );
    let room =
        crate::TEXT_MAX_CHARS.saturating_sub(head.chars().count() + tail.chars().count() + 30);
    format!(
        "{head}\n\nMasked version:\n> {}{tail}",
        clamp(masked, room.max(40)).replace('\n', "\n> ")
    )
}
