//! Rendering answers for chat: short, phone-readable, under Discord's limit.

use std::collections::HashSet;

use crate::{ANSWER_MAX_CHARS, ANSWER_MAX_PARAGRAPHS, Lookup, Paragraph, Topic};

/// How many topics a "nothing fits" answer offers when no common topic exists.
const NO_MATCH_OFFER: usize = 6;
/// What a "nothing fits" answer offers when the query suggested nothing:
/// the topics chat users ask about most.
const COMMON_TOPICS: &[&str] = &[
    "confidentiality",
    "social-media",
    "consent",
    "professional-boundaries",
    "raising-concerns",
    "colleagues-respect",
];

/// The paragraphs that best fit the query (by shared stems), in corpus order on ties.
fn choose_paragraphs<'a>(
    topic: &'a Topic,
    stems: &[String],
    paragraph_stems: &[HashSet<String>],
) -> Vec<&'a Paragraph> {
    let mut scored: Vec<(usize, usize, &Paragraph)> = topic
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ps = paragraph_stems.get(i);
            (
                stems
                    .iter()
                    .filter(|s| ps.is_some_and(|ps| ps.contains(*s)))
                    .count(),
                i,
                p,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<(usize, &Paragraph)> = scored
        .into_iter()
        .take(ANSWER_MAX_PARAGRAPHS)
        .map(|(_, i, p)| (i, p))
        .collect();
    // Show them in document order.
    chosen.sort_by_key(|(i, _)| *i);
    chosen.into_iter().map(|(_, p)| p).collect()
}

fn line(p: &Paragraph) -> String {
    format!("{}: {}", p.cite, p.summary)
}

fn edition_text(t: &Topic) -> String {
    if t.edition.chars().all(|c| c.is_ascii_digit()) {
        format!("{} edition", t.edition)
    } else {
        t.edition.clone()
    }
}

pub(crate) fn answer(
    query: &str,
    t: &Topic,
    stems: &[String],
    paragraph_stems: &[HashSet<String>],
    see_also: Vec<String>,
) -> Lookup {
    let mut chosen = choose_paragraphs(t, stems, paragraph_stems);
    loop {
        let mut out = format!("**{}** ({}, {})\n", t.title, t.source, edition_text(t));
        if chosen.is_empty() {
            out.push_str("Paragraph numbers not confirmed yet: read the guidance at the link.\n");
        }
        for p in &chosen {
            out.push_str("• ");
            out.push_str(&line(p));
            out.push('\n');
        }
        out.push_str("Read it: ");
        out.push_str(&t.url);
        if !see_also.is_empty() {
            out.push_str("\nSee also: ");
            out.push_str(&see_also.join(", "));
        }
        if out.chars().count() < ANSWER_MAX_CHARS || chosen.len() <= 1 {
            let paragraphs = chosen.iter().map(|p| line(p)).collect();
            return Lookup {
                query: query.to_string(),
                topic: Some(t.slug.clone()),
                title: Some(t.title.clone()),
                source: Some(t.source.clone()),
                paragraphs,
                url: Some(t.url.clone()),
                answer: out,
                see_also,
            };
        }
        chosen.pop();
    }
}

/// The list of topics (an empty query). The query itself is never echoed.
pub(crate) fn topic_list(query: &str, topics: &[Topic]) -> Lookup {
    let mut out = String::from("GMC guidance topics: type `gmc <topic>` or ask a question.\n");
    for t in topics {
        let l = format!("• {}: {}\n", t.slug, t.title);
        if out.chars().count() + l.chars().count() >= ANSWER_MAX_CHARS {
            break;
        }
        out.push_str(&l);
    }
    Lookup {
        query: query.to_string(),
        topic: None,
        title: None,
        source: None,
        paragraphs: Vec::new(),
        url: None,
        answer: out.trim_end().to_string(),
        see_also: Vec::new(),
    }
}

/// Nothing fits: say so and offer topics. The query is not echoed back (it
/// may hold something that should not be reposted in a channel).
pub(crate) fn no_match(query: &str, topics: &[Topic], see_also: Vec<String>) -> Lookup {
    let mut out = String::from("I could not find GMC guidance that fits that question.\n");
    let offer: Vec<&Topic> = if see_also.is_empty() {
        let common: Vec<&Topic> = COMMON_TOPICS
            .iter()
            .filter_map(|s| topics.iter().find(|t| t.slug == *s))
            .collect();
        if common.is_empty() {
            topics.iter().take(NO_MATCH_OFFER).collect()
        } else {
            common
        }
    } else {
        see_also
            .iter()
            .filter_map(|s| topics.iter().find(|t| &t.slug == s))
            .collect()
    };
    out.push_str(if see_also.is_empty() {
        "Some topics I know:\n"
    } else {
        "Perhaps one of these:\n"
    });
    for t in offer {
        out.push_str(&format!("• {}: {}\n", t.slug, t.title));
    }
    out.push_str("Type `gmc` on its own for the full list.");
    Lookup {
        query: query.to_string(),
        topic: None,
        title: None,
        source: None,
        paragraphs: Vec::new(),
        url: None,
        answer: out,
        see_also,
    }
}

/// One line: the topic's paragraphs grouped by document, then the link.
pub(crate) fn cite(t: &Topic) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for p in &t.paragraphs {
        let label = p
            .cite
            .rsplit_once(" para")
            .map(|(l, _)| l.to_string())
            .unwrap_or_default();
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, nums)) => nums.push(&p.number),
            None => groups.push((label, vec![&p.number])),
        }
    }
    if groups.is_empty() {
        return format!("GMC {} ({}): {}", t.title, t.edition, t.url);
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(label, nums)| {
            let many = nums.len() > 1 || nums.iter().any(|n| n.contains(['-', ',']));
            format!(
                "{label} {} {}",
                if many { "paras" } else { "para" },
                nums.join(", ")
            )
        })
        .collect();
    format!("GMC {}: {}", parts.join("; "), t.url)
}
