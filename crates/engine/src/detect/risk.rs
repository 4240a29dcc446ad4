//! Detector `risk`: professionalism risks in the language of a message —
//! discriminatory language, disrespect of patients, intoxication at or around
//! work, advertising, contacting or dating patients, and conflict with a
//! colleague.
//!
//! ```ignore
//! pub fn load(files: &[DictFile<'_>]) -> Result<RiskDicts, crate::Error>;
//! pub fn detect(text: &str, ctx: &ChannelContext, dicts: &RiskDicts, out: &mut Vec<Hit>);
//! ```
//!
//! Dictionaries: `data/dict/risk.txt` and `data/dict/discriminatory.txt`
//! (sectioned; sources and licences in `data/dict/README.md`). Rule ids are in
//! `rules/risk-*.toml`; none of them masks text (`label = ""`).
//!
//! Principles, so the rules generalise beyond their examples:
//! * a *term* alone is enough only where the term has no innocent reading
//!   (slurs, "bed blocker"); otherwise a term needs a *target* nearby (a
//!   patient reference, a colleague reference, a group word, work context);
//! * the nearest target decides who is meant (an insult nearer to "the reg"
//!   than to "the pt" is colleague conflict, not disrespect of a patient);
//! * talk *about* a behaviour (teaching, reflection, "don't call patients
//!   ...", abuse received) is not the behaviour: meta markers suppress.
//!
//! Cost: one Aho-Corasick pass; a message with no trigger returns at once.

use super::names::lexicon::{self, M, Tagged, Tags};
use super::{DictFile, Hit};
use crate::ChannelContext;

const SLUR: Tags = 1;
const SLUR_OK: Tags = 1 << 1;
const GROUP: Tags = 1 << 2;
const PEJ: Tags = 1 << 3;
const EUPH: Tags = 1 << 4;
const DIS_TERM: Tags = 1 << 5;
const DIS_EX_BEFORE: Tags = 1 << 6;
const DIS_EX_AFTER: Tags = 1 << 7;
const DERIS_TERM: Tags = 1 << 8;
const DERISION: Tags = 1 << 9;
const INSULT: Tags = 1 << 10;
const PROFANE: Tags = 1 << 11;
const SHADOW: Tags = 1 << 12;
const PT_REF: Tags = 1 << 13;
const COLL_REF: Tags = 1 << 14;
const SELF_REF: Tags = 1 << 15;
const OBJECT: Tags = 1 << 16;
const INTOX: Tags = 1 << 17;
const DRINK: Tags = 1 << 18;
const WORK: Tags = 1 << 19;
const WORK_LINK: Tags = 1 << 20;
const FIRST_P: Tags = 1 << 21;
const PT_ALC: Tags = 1 << 22;
const CLAIM: Tags = 1 << 23;
const CLAIM_STRONG: Tags = 1 << 24;
const PRODUCT: Tags = 1 << 25;
const ACTION: Tags = 1 << 26;
const OFFER: Tags = 1 << 27;
const CODE: Tags = 1 << 28;
const SELLER: Tags = 1 << 29;
const ASKING: Tags = 1 << 30;
const CONTACT: Tags = 1 << 31;
const DATING: Tags = 1 << 32;
const PT_REL: Tags = 1 << 33;
const DECLINE: Tags = 1 << 34;
const QUESTION: Tags = 1 << 35;
const INTENT: Tags = 1 << 36;
const META: Tags = 1 << 37;
const GEN_STRONG: Tags = 1 << 38;
const GEN_WEAK: Tags = 1 << 39;
const HEDGE: Tags = 1 << 40;
const AFTER_WORK: Tags = 1 << 41;
const CHANNEL: Tags = 1 << 42;
const PT_GENERIC: Tags = 1 << 43;
const DATING_FLAV: Tags = 1 << 44;
const CRITICISM: Tags = 1 << 45;
const SARCASM: Tags = 1 << 46;
const REPORTED: Tags = 1 << 48;
const CARE: Tags = 1 << 49;
const META_TERM: Tags = 1 << 50;

const DISC_SECTIONS: [(&str, Tags); 9] = [
    ("slurs", SLUR),
    ("slur_clinical_after", SLUR_OK),
    ("groups", GROUP),
    ("generalisers", GEN_STRONG),
    ("generalisers_weak", GEN_WEAK),
    ("hedges", HEDGE),
    ("pejoratives", PEJ),
    ("euphemisms", EUPH),
    ("care_setting", CARE),
];

const RISK_SECTIONS: [(&str, Tags); 41] = [
    ("disrespect_terms", DIS_TERM),
    ("disrespect_except_before", DIS_EX_BEFORE),
    ("disrespect_except_after", DIS_EX_AFTER),
    ("derisive_terms", DERIS_TERM),
    ("derision", DERISION),
    ("insults", INSULT),
    ("insults_profane", INSULT | PROFANE),
    ("shadow", SHADOW),
    ("patient_refs", PT_REF),
    ("colleague_refs", COLL_REF),
    ("self_refs", SELF_REF),
    ("objects", OBJECT),
    ("intox_state", INTOX),
    ("drink_act", DRINK),
    ("work", WORK),
    ("work_link", WORK_LINK | WORK),
    ("patient_alcohol", PT_ALC),
    ("adv_claim", CLAIM),
    ("adv_claim_strong", CLAIM | CLAIM_STRONG),
    ("adv_product", PRODUCT),
    ("adv_action", ACTION),
    ("adv_offer", OFFER),
    ("adv_code", CODE),
    ("adv_self", SELLER),
    ("asking", ASKING),
    ("contact_act", CONTACT),
    ("dating", DATING),
    ("pt_rel", PT_REL),
    ("decline", DECLINE),
    ("question_guide", QUESTION),
    ("intent", INTENT),
    ("meta", META),
    ("after_work", AFTER_WORK),
    ("contact_channel", CHANNEL),
    ("pt_rel_generic", PT_GENERIC | PT_REL),
    ("dating_flavour", DATING_FLAV),
    ("colleague_criticism", CRITICISM),
    ("sarcasm", SARCASM),
    ("first_person", FIRST_P),
    ("reported", REPORTED),
    ("meta_term", META_TERM),
];

const TRIGGERS: Tags = SLUR
    | GROUP
    | EUPH
    | DIS_TERM
    | DERIS_TERM
    | INSULT
    | INTOX
    | DRINK
    | CLAIM
    | CODE
    | ACTION
    | SELLER
    | CONTACT
    | DATING
    | CHANNEL
    | CRITICISM
    | SARCASM
    | OFFER
    | PRODUCT
    | DERISION;

/// Rule ids this detector emits (must exist in `rules/risk-*.toml`).
pub const RULES: [&str; 17] = [
    "discriminatory-slur",
    "discriminatory-generalisation",
    "discriminatory-euphemism",
    "disrespect-slang",
    "disrespect-derisive",
    "disrespect-mockery",
    "intoxication-self",
    "intoxication-colleague",
    "drinking-around-duty",
    "advert-unverifiable-claim",
    "advert-promo-code",
    "advert-offer",
    "patient-contact-social",
    "patient-dating",
    "colleague-insult",
    "colleague-abuse",
    "disrespect-group",
];

/// Dictionaries for the `risk` detector, built once.
#[derive(Debug, Clone, Default)]
pub struct RiskDicts {
    ac: Tagged,
    given: std::collections::HashSet<String>,
}

/// Load this detector's dictionaries from `data/dict/` files.
pub fn load(files: &[DictFile<'_>]) -> Result<RiskDicts, crate::Error> {
    let disc_names: Vec<&str> = DISC_SECTIONS.iter().map(|(s, _)| *s).collect();
    let disc = lexicon::parse_sections(
        "discriminatory.txt",
        lexicon::file(files, "discriminatory.txt")?,
        &disc_names,
    )?;
    let risk_names: Vec<&str> = RISK_SECTIONS.iter().map(|(s, _)| *s).collect();
    let risk = lexicon::parse_sections("risk.txt", lexicon::file(files, "risk.txt")?, &risk_names)?;
    let mut entries = lexicon::entries(&disc, &DISC_SECTIONS);
    entries.extend(lexicon::entries(&risk, &RISK_SECTIONS));
    // first names: a named colleague can be the target of a put-down
    let given = lexicon::parse_list("given-names.txt", lexicon::file(files, "given-names.txt")?)?
        .into_iter()
        .collect();
    Ok(RiskDicts {
        ac: Tagged::build_gated(entries, TRIGGERS),
        given,
    })
}

fn hit(out: &mut Vec<Hit>, rule: &'static str, s: usize, e: usize, detail: Option<String>) {
    out.push(Hit {
        rule,
        start: s,
        end: e,
        detail,
    });
}

/// Distance in bytes between two matches (0 when they touch or overlap).
fn dist(a: &M, b: &M) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// The nearest match with `tag` within `before` bytes before / `after` bytes
/// after `m`, in the same sentence.
fn nearest(text: &str, ms: &[M], m: &M, tag: Tags, before: usize, after: usize) -> Option<M> {
    ms.iter()
        .filter(|x| x.has(tag) && x.start != m.start)
        .filter(|x| {
            if x.end <= m.start {
                m.start - x.end <= before && !lexicon::crosses_sentence(text, x.end, m.start)
            } else if x.start >= m.end {
                x.start - m.end <= after && !lexicon::crosses_sentence(text, m.end, x.start)
            } else {
                false
            }
        })
        .min_by_key(|x| dist(x, m))
        .copied()
}

/// Append hits (normalised-text byte offsets) to `out`.
pub fn detect(text: &str, ctx: &ChannelContext, dicts: &RiskDicts, out: &mut Vec<Hit>) {
    let _ = ctx;
    let mut ms: Vec<M> = Vec::new();
    dicts.ac.scan(text, &mut ms);
    if !ms.iter().any(|m| m.has(TRIGGERS)) {
        return;
    }
    let any = |tag: Tags| ms.iter().any(|m| m.has(tag));
    let meta = any(META);
    // talk about a word ("'X' is a lazy term") silences only the word rules
    let meta_term = meta || any(META_TERM);
    discriminatory(text, &ms, meta_term, out);
    disrespect_and_conflict(text, &ms, meta_term, &dicts.given, out);
    intoxication(text, &ms, meta, out);
    advertising(text, &ms, meta, out);
    contact(text, &ms, meta, out);
}

fn adjacent_after(text: &str, ms: &[M], i: usize) -> Option<M> {
    let m = ms[i];
    ms.get(i + 1)
        .copied()
        .filter(|n| lexicon::adjacent(text, m.end, n.start))
}

fn adjacent_before(text: &str, ms: &[M], i: usize) -> Option<M> {
    let m = ms[i];
    i.checked_sub(1)
        .map(|j| ms[j])
        .filter(|p| lexicon::adjacent(text, p.end, m.start))
}

fn discriminatory(text: &str, ms: &[M], meta: bool, out: &mut Vec<Hit>) {
    if meta {
        return;
    }
    let derision = ms.iter().any(|m| m.has(DERISION));
    let mut generalised = false;
    for (i, m) in ms.iter().enumerate() {
        if m.has(SLUR) {
            if adjacent_after(text, ms, i).is_some_and(|n| n.has(SLUR_OK))
                || ms.iter().any(|x| x.has(REPORTED))
            {
                continue;
            }
            hit(out, "discriminatory-slur", m.start, m.end, None);
        } else if m.has(EUPH) {
            hit(out, "discriminatory-euphemism", m.start, m.end, None);
        } else if m.has(GROUP) && !generalised {
            let pej = if m.has(PEJ) {
                Some(*m)
            } else {
                // a derogatory label for a group ("X patients are just attention seekers")
                nearest(text, ms, m, PEJ, 60, 70).or_else(|| nearest(text, ms, m, DIS_TERM, 0, 40))
            };
            let other = match pej {
                Some(p) => Some(p),
                None => {
                    if nearest(text, ms, m, HEDGE, 80, 80).is_some() {
                        continue;
                    }
                    nearest(text, ms, m, GEN_STRONG, 50, 60).or_else(|| {
                        if derision {
                            nearest(text, ms, m, GEN_WEAK, 30, 40)
                        } else {
                            None
                        }
                    })
                }
            };
            let Some(o) = other else { continue };
            let (s, e) = (m.start.min(o.start), m.end.max(o.end));
            hit(
                out,
                "discriminatory-generalisation",
                s,
                e,
                Some("group + generalisation".into()),
            );
            generalised = true;
            // about patients too: also disrespect of patients
            let group_text = text[m.start..m.end].to_ascii_lowercase();
            // a staff group ("female surgeons") is not about patients
            let staff_group = [
                "surgeon",
                "doctor",
                "nurse",
                "consultant",
                "staff",
                "medic",
                "img",
            ]
            .iter()
            .any(|w| group_text.contains(w));
            let next_word = lexicon::next_word(text, m.end)
                .filter(|(ws, _)| *ws <= m.end + 1)
                .map(|(ws, we)| text[ws..we].to_ascii_lowercase())
                .unwrap_or_default();
            let group_text = format!("{group_text} {next_word}");
            let about_patients = group_text.contains("patient")
                || group_text.contains("pts")
                || (!staff_group
                    && (["dads", "mums", "parents"]
                        .iter()
                        .any(|w| group_text.contains(w))
                        || ms.iter().any(|x| x.has(CARE))))
                || ms.iter().any(|x| {
                    x.has(PT_REF) && x.start != m.start && {
                        let t = text[x.start..x.end].to_ascii_lowercase();
                        !matches!(
                            t.as_str(),
                            "people" | "these people" | "family" | "relatives" | "rellies"
                        )
                    }
                });
            if about_patients {
                hit(out, "disrespect-group", s, e, None);
            }
        }
    }
}

fn disrespect_and_conflict(
    text: &str,
    ms: &[M],
    meta: bool,
    given: &std::collections::HashSet<String>,
    out: &mut Vec<Hit>,
) {
    if meta {
        return;
    }
    let mut disrespect = false;
    let mut conflict = false;
    let targets = if ms.iter().any(|m| m.has(INSULT | CRITICISM | SARCASM)) {
        colleague_targets(text, ms, given)
    } else {
        Vec::new()
    };
    if let Some((qs, qe)) = sneer_quote(text, ms) {
        hit(
            out,
            "disrespect-derisive",
            qs,
            qe,
            Some("sneer quotes".into()),
        );
        disrespect = true;
    }
    for (i, m) in ms.iter().enumerate() {
        if m.has(DIS_TERM) && !disrespect {
            if adjacent_before(text, ms, i).is_some_and(|p| p.has(DIS_EX_BEFORE))
                || adjacent_after(text, ms, i).is_some_and(|n| n.has(DIS_EX_AFTER))
            {
                continue;
            }
            hit(out, "disrespect-slang", m.start, m.end, None);
            disrespect = true;
        } else if m.has(DERIS_TERM) && !disrespect {
            if let Some(d) = nearest(text, ms, m, DERISION, 60, 60) {
                let (s, e) = (m.start.min(d.start), m.end.max(d.end));
                hit(out, "disrespect-derisive", s, e, None);
                disrespect = true;
            }
        } else if m.has(INSULT | CRITICISM) {
            // self-deprecation: "I'm such an idiot"
            if m.has(INSULT) && nearest(text, ms, m, SELF_REF, 18, 0).is_some() {
                continue;
            }
            let pt = nearest(text, ms, m, PT_REF, 40, 24);
            let by_ref = nearest(text, ms, m, COLL_REF, 40, 16).map(|c| (c.start, c.end));
            let by_target = nearest_target(&targets, m, 60, 40);
            let gap =
                |t: (usize, usize)| t.0.saturating_sub(m.end).max(m.start.saturating_sub(t.1));
            let coll = match (by_ref, by_target) {
                (Some(a), Some(b)) => Some(if gap(b) <= gap(a) { b } else { a }),
                (a, b) => a.or(b),
            };
            let patient = match (pt, coll) {
                (Some(p), Some(c)) => {
                    let dc = c.0.saturating_sub(m.end).max(m.start.saturating_sub(c.1));
                    if dc < dist(&p, m) {
                        Some(false)
                    } else {
                        Some(true)
                    }
                }
                (Some(_), None) => Some(true),
                (None, Some(_)) => Some(false),
                (None, None) => None,
            };
            let Some(patient) = patient else { continue };
            if patient && !m.has(INSULT) {
                // accusations ("bully", "slow") are about colleagues only
                continue;
            }
            let (ts, te) = if patient {
                let p = pt.expect("patient target");
                (p.start, p.end)
            } else {
                coll.expect("colleague target")
            };
            // a thing in between is the real target: "the reg said the printer is useless"
            let (lo, hi) = if te <= m.start {
                (te, m.start)
            } else {
                (m.end, ts)
            };
            if ms
                .iter()
                .any(|x| x.has(OBJECT) && x.start >= lo && x.end <= hi)
            {
                continue;
            }
            let (s, e) = (m.start.min(ts), m.end.max(te));
            if patient {
                if !disrespect {
                    hit(out, "disrespect-mockery", s, e, None);
                    disrespect = true;
                }
            } else if !conflict {
                let rule = if m.has(PROFANE) {
                    "colleague-abuse"
                } else {
                    "colleague-insult"
                };
                hit(out, rule, s, e, None);
                conflict = true;
            }
        } else if m.has(SARCASM) && !conflict {
            // sarcasm needs someone addressed: "@raj", "you", "your"
            let addressed = targets.iter().any(|t| t.2);
            if addressed && let Some(t) = nearest_target(&targets, m, 120, 120) {
                let (s, e) = (m.start.min(t.0), m.end.max(t.1));
                hit(out, "colleague-insult", s, e, Some("sarcasm".into()));
                conflict = true;
            }
        }
    }
}

/// Sneer quotes around a patient's words or complaint, next to derision:
/// "another 'I read it online' patient 🙄". Needs a derision marker within a
/// few bytes of the quoted span (before or after), a patient in the message
/// or no colleague at all, and the quoted span short (a few words).
fn sneer_quote(text: &str, ms: &[M]) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if !b.contains(&b'\'') || ms.iter().any(|m| m.has(COLL_REF | SELLER | CODE | ACTION)) {
        return None;
    }
    let mut i = 0;
    while i < b.len() {
        // an opening quote: start of text or after a non-word byte
        if b[i] == b'\'' && (i == 0 || !lexicon::is_word_byte(b[i - 1])) {
            let close = (i + 2..b.len().min(i + 48)).find(|&j| {
                b[j] == b'\'' && b.get(j + 1).is_none_or(|n| !lexicon::is_word_byte(*n))
            });
            if let Some(j) = close {
                let (qs, qe) = (i, j + 1);
                let derided = ms.iter().any(|d| {
                    d.has(DERISION)
                        && ((d.end <= qs && qs - d.end <= 4)
                            || (d.start >= qe && d.start - qe <= 12))
                });
                if derided {
                    return Some((qs, qe));
                }
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    None
}

/// Identifiable colleagues in the message: `@mentions`, "Dr Name", and first
/// names with no patient reference nearby. `(start, end, addressed)`.
fn colleague_targets(
    text: &str,
    ms: &[M],
    given: &std::collections::HashSet<String>,
) -> Vec<(usize, usize, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        if c == b'@'
            && (i == 0 || !lexicon::is_word_byte(b[i - 1]))
            && b.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
        {
            let mut e = i + 1;
            while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'_' || b[e] == b'.') {
                e += 1;
            }
            out.push((i, e, true));
        }
    }
    // capitalised first names with no patient reference nearby
    let mut pos = 0;
    while pos < b.len() {
        if b[pos].is_ascii_uppercase()
            && (pos == 0 || !lexicon::is_word_byte(b[pos - 1]))
            && let Some((ws, we)) = lexicon::word_at(text, pos)
        {
            let w = &text[ws..we];
            if lexicon::shape(w) == lexicon::Shape::Title
                && given.contains(&w.to_lowercase())
                && !part_of_place(text, ws, we)
                && !ms.iter().any(|x| {
                    x.has(PT_REF) && x.start.abs_diff(ws) <= 40 && {
                        let p = text[x.start..x.end].to_ascii_lowercase();
                        p != "people"
                    }
                })
            {
                out.push((ws, we, false));
            }
            pos = we;
            continue;
        }
        pos += 1;
    }
    for m in ms {
        let t = &text[m.start..m.end];
        if m.has(COLL_REF) && (t.eq_ignore_ascii_case("you're") || t.eq_ignore_ascii_case("you")) {
            out.push((m.start, m.end, true));
        }
        // "Dr Campbell", "dr williams", "Sister Chen", "matron Williams"
        let lower = t.to_ascii_lowercase();
        if matches!(lower.as_str(), "dr" | "sister" | "matron")
            && let Some((ws, we)) =
                lexicon::next_word(text, m.end + usize::from(b.get(m.end) == Some(&b'.')))
            && ws <= m.end + 2
        {
            out.push((m.start, we, false));
        }
    }
    out
}

/// A first name inside a place name is no person: "the Royal Victoria
/// Hospital", "St Mary's", "Elizabeth Ward".
fn part_of_place(text: &str, ws: usize, we: usize) -> bool {
    let prev = lexicon::prev_word(text, ws).map(|(s, e)| text[s..e].to_ascii_lowercase());
    let next = lexicon::next_word(text, we).map(|(s, e)| text[s..e].to_ascii_lowercase());
    matches!(
        prev.as_deref(),
        Some("royal" | "st" | "saint" | "queen" | "princess" | "king" | "prince")
    ) || matches!(
        next.as_deref(),
        Some(
            "hospital"
                | "infirmary"
                | "ward"
                | "wing"
                | "unit"
                | "centre"
                | "center"
                | "house"
                | "building"
                | "road"
                | "street"
                | "hospice"
                | "practice"
                | "surgery"
        )
    )
}

fn nearest_target(
    targets: &[(usize, usize, bool)],
    m: &M,
    before: usize,
    after: usize,
) -> Option<(usize, usize)> {
    targets
        .iter()
        .filter(|t| {
            (t.1 <= m.start && m.start - t.1 <= before) || (t.0 >= m.end && t.0 - m.end <= after)
        })
        .min_by_key(|t| t.0.saturating_sub(m.end).max(m.start.saturating_sub(t.1)))
        .map(|t| (t.0, t.1))
}

fn intoxication(text: &str, ms: &[M], meta: bool, out: &mut Vec<Hit>) {
    if meta {
        return;
    }
    if !ms.iter().any(|m| m.has(WORK | WORK_LINK)) {
        return;
    }
    let after_work_only =
        ms.iter().any(|m| m.has(AFTER_WORK)) && !ms.iter().any(|m| m.has(WORK_LINK));
    for m in ms.iter() {
        if !m.has(INTOX | DRINK) {
            continue;
        }
        let state = m.has(INTOX);
        if !state && after_work_only {
            continue;
        }
        let me = nearest(text, ms, m, FIRST_P, 40, 30);
        let coll = nearest(text, ms, m, COLL_REF & !PT_REF, 50, 40)
            .filter(|c| !text[c.start..c.end].eq_ignore_ascii_case("you"));
        let pt = nearest(text, ms, m, PT_ALC, 40, 30);
        let person = match (me, coll) {
            (Some(a), Some(b)) => Some(if dist(&a, m) <= dist(&b, m) {
                (a, false)
            } else {
                (b, true)
            }),
            (Some(a), None) => Some((a, false)),
            (None, Some(b)) => Some((b, true)),
            (None, None) => None,
        };
        match (person, pt) {
            (Some((p, _)), Some(q)) if dist(&q, m) < dist(&p, m) => continue,
            (None, Some(_)) => continue,
            _ => {}
        }
        if preceded_by_negation(text, m.start)
            || ms.iter().any(|x| x.has(DECLINE) && dist(x, m) <= 20)
        {
            continue;
        }
        let rule = match (state, person) {
            (true, Some((_, true))) => "intoxication-colleague",
            (true, _) => "intoxication-self",
            (false, _) => "drinking-around-duty",
        };
        let detail = if state {
            "intoxication + work"
        } else {
            "drinking + work"
        };
        hit(out, rule, m.start, m.end, Some(detail.into()));
        return;
    }
}

/// "no", "not", "never", "don't" within the two words before `pos`.
fn preceded_by_negation(text: &str, pos: usize) -> bool {
    let mut p = pos;
    for _ in 0..2 {
        let Some((s, e)) = lexicon::prev_word(text, p) else {
            return false;
        };
        let w = text[s..e].to_ascii_lowercase().replace('\u{2019}', "'");
        if matches!(
            w.as_str(),
            "no" | "not" | "never" | "don't" | "dont" | "isn't" | "isnt" | "nothing" | "without"
        ) {
            return true;
        }
        p = s;
    }
    false
}

fn advertising(text: &str, ms: &[M], meta: bool, out: &mut Vec<Hit>) {
    if meta || ms.iter().any(|m| m.has(ASKING)) {
        return;
    }
    let any = |tag: Tags| ms.iter().any(|m| m.has(tag));
    let interest = any(SELLER | CODE);
    let promo = any(ACTION | OFFER);
    let product = any(PRODUCT);
    for m in ms.iter() {
        if m.has(CLAIM)
            && !preceded_by_negation(text, m.start)
            && (m.has(CLAIM_STRONG) || interest || promo)
        {
            hit(out, "advert-unverifiable-claim", m.start, m.end, None);
            return;
        }
    }
    if let Some(m) = ms.iter().find(|m| m.has(CODE)) {
        hit(out, "advert-promo-code", m.start, m.end, None);
        return;
    }
    let offer = interest && (product || promo) || (any(ACTION) && any(OFFER) && product);
    if offer && let Some(m) = ms.iter().find(|m| m.has(SELLER | ACTION | OFFER)) {
        hit(out, "advert-offer", m.start, m.end, None);
    }
}

fn contact(text: &str, ms: &[M], meta: bool, out: &mut Vec<Hit>) {
    if meta {
        return;
    }
    let any = |tag: Tags| ms.iter().any(|m| m.has(tag));
    if any(DECLINE) {
        return;
    }
    // a question about patients in general asks for guidance
    let rels: Vec<&M> = ms.iter().filter(|m| m.has(PT_REL)).collect();
    if any(QUESTION) && !any(INTENT) && rels.iter().all(|r| r.has(PT_GENERIC)) {
        return;
    }
    let first_person = any(FIRST_P);
    for m in ms.iter() {
        if !m.has(CONTACT | DATING | CHANNEL) {
            continue;
        }
        if m.has(CHANNEL) && !m.has(CONTACT | DATING) && !first_person {
            continue;
        }
        if preceded_by_negation(text, m.start) {
            continue;
        }
        let r = if m.has(PT_REL) {
            *m
        } else {
            let Some(r) = nearest(text, ms, m, PT_REL, 100, 100) else {
                continue;
            };
            r
        };
        let rule = if m.has(DATING) || any(DATING_FLAV) {
            "patient-dating"
        } else {
            "patient-contact-social"
        };
        let (s, e) = (m.start.min(r.start), m.end.max(r.end));
        hit(out, rule, s, e, None);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dicts() -> &'static RiskDicts {
        static D: std::sync::OnceLock<RiskDicts> = std::sync::OnceLock::new();
        D.get_or_init(|| {
            load(&[
                DictFile {
                    name: "risk.txt",
                    contents: include_str!("../../../../data/dict/risk.txt"),
                },
                DictFile {
                    name: "discriminatory.txt",
                    contents: include_str!("../../../../data/dict/discriminatory.txt"),
                },
                DictFile {
                    name: "given-names.txt",
                    contents: include_str!("../../../../data/dict/given-names.txt"),
                },
            ])
            .expect("risk dictionaries load")
        })
    }

    fn rules(text: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        detect(text, &ChannelContext::default(), dicts(), &mut out);
        out.into_iter().map(|h| h.rule).collect()
    }

    #[test]
    fn rule_file_examples() {
        let mut fails = Vec::new();
        for (name, src) in [
            (
                "rules/risk-discriminatory.toml",
                include_str!("../../../../rules/risk-discriminatory.toml"),
            ),
            (
                "rules/risk-disrespect.toml",
                include_str!("../../../../rules/risk-disrespect.toml"),
            ),
            (
                "rules/risk-intoxication.toml",
                include_str!("../../../../rules/risk-intoxication.toml"),
            ),
            (
                "rules/risk-advertising.toml",
                include_str!("../../../../rules/risk-advertising.toml"),
            ),
            (
                "rules/risk-boundaries.toml",
                include_str!("../../../../rules/risk-boundaries.toml"),
            ),
            (
                "rules/risk-colleagues.toml",
                include_str!("../../../../rules/risk-colleagues.toml"),
            ),
        ] {
            fails.extend(lexicon::check_examples(name, src, &|t| rules(t)));
        }
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    #[test]
    fn clean_clinical_chat_is_clean() {
        for t in [
            "bay 3 bed 2 needs a repeat K, can someone grab it",
            "handover at 8, ward round at 9",
            "pt admitted with alcohol withdrawal, CIWA 14, started chlordiazepoxide",
            "AUDIT-C score 9, brief intervention given",
            "hanging fluids on bed 4 now",
            "pissed off with the rota again",
            "smashed the MRCP part 1!",
            "drinks after work on friday?",
            "mental capacity assessment done",
            "black patients may need a different first-line antihypertensive",
            "muslim patients fasting for ramadan: review insulin doses",
            "the printer on ward 7 is useless",
            "I'm such an idiot, left my badge at home",
            "social worker coming at 2 for the discharge",
        ] {
            assert!(rules(t).is_empty(), "{t:?} -> {:?}", rules(t));
        }
    }
}
