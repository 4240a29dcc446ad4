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

use super::names::lexicon::{self, M, Tagged};
use super::{DictFile, Hit};
use crate::ChannelContext;

const SLUR: u64 = 1;
const SLUR_OK: u64 = 1 << 1;
const GROUP: u64 = 1 << 2;
const PEJ: u64 = 1 << 3;
const EUPH: u64 = 1 << 4;
const DIS_TERM: u64 = 1 << 5;
const DIS_EX_BEFORE: u64 = 1 << 6;
const DIS_EX_AFTER: u64 = 1 << 7;
const DERIS_TERM: u64 = 1 << 8;
const DERISION: u64 = 1 << 9;
const INSULT: u64 = 1 << 10;
const PROFANE: u64 = 1 << 11;
const SHADOW: u64 = 1 << 12;
const PT_REF: u64 = 1 << 13;
const COLL_REF: u64 = 1 << 14;
const SELF_REF: u64 = 1 << 15;
const OBJECT: u64 = 1 << 16;
const INTOX: u64 = 1 << 17;
const DRINK: u64 = 1 << 18;
const WORK: u64 = 1 << 19;
const WORK_LINK: u64 = 1 << 20;
const FIRST_P: u64 = 1 << 21;
const PT_ALC: u64 = 1 << 22;
const CLAIM: u64 = 1 << 23;
const CLAIM_STRONG: u64 = 1 << 24;
const PRODUCT: u64 = 1 << 25;
const ACTION: u64 = 1 << 26;
const OFFER: u64 = 1 << 27;
const CODE: u64 = 1 << 28;
const SELLER: u64 = 1 << 29;
const ASKING: u64 = 1 << 30;
const CONTACT: u64 = 1 << 31;
const DATING: u64 = 1 << 32;
const PT_REL: u64 = 1 << 33;
const DECLINE: u64 = 1 << 34;
const QUESTION: u64 = 1 << 35;
const INTENT: u64 = 1 << 36;
const META: u64 = 1 << 37;

const DISC_SECTIONS: [(&str, u64); 5] = [
    ("slurs", SLUR),
    ("slur_clinical_after", SLUR_OK),
    ("groups", GROUP),
    ("pejoratives", PEJ),
    ("euphemisms", EUPH),
];

const RISK_SECTIONS: [(&str, u64); 33] = [
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
    ("first_person", FIRST_P),
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
];

const TRIGGERS: u64 = SLUR
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
    | DATING;

/// Rule ids this detector emits (must exist in `rules/risk-*.toml`).
pub const RULES: [&str; 16] = [
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
];

/// Dictionaries for the `risk` detector, built once.
#[derive(Debug, Clone, Default)]
pub struct RiskDicts {
    ac: Tagged,
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
    Ok(RiskDicts {
        ac: Tagged::build(entries),
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
fn nearest(text: &str, ms: &[M], m: &M, tag: u64, before: usize, after: usize) -> Option<M> {
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
    let any = |tag: u64| ms.iter().any(|m| m.has(tag));
    let meta = any(META);
    discriminatory(text, &ms, meta, out);
    disrespect_and_conflict(text, &ms, meta, out);
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
    for (i, m) in ms.iter().enumerate() {
        if m.has(SLUR) {
            if adjacent_after(text, ms, i).is_some_and(|n| n.has(SLUR_OK)) {
                continue;
            }
            hit(out, "discriminatory-slur", m.start, m.end, None);
        } else if m.has(EUPH) {
            hit(out, "discriminatory-euphemism", m.start, m.end, None);
        } else if m.has(GROUP)
            && let Some(p) = nearest(text, ms, m, PEJ, 40, 60)
        {
            let (s, e) = (m.start.min(p.start), m.end.max(p.end));
            hit(
                out,
                "discriminatory-generalisation",
                s,
                e,
                Some("group + generalisation".into()),
            );
        }
    }
}

fn disrespect_and_conflict(text: &str, ms: &[M], meta: bool, out: &mut Vec<Hit>) {
    if meta {
        return;
    }
    for (i, m) in ms.iter().enumerate() {
        if m.has(DIS_TERM) {
            if adjacent_before(text, ms, i).is_some_and(|p| p.has(DIS_EX_BEFORE))
                || adjacent_after(text, ms, i).is_some_and(|n| n.has(DIS_EX_AFTER))
            {
                continue;
            }
            hit(out, "disrespect-slang", m.start, m.end, None);
        } else if m.has(DERIS_TERM) {
            if let Some(d) = nearest(text, ms, m, DERISION, 30, 30) {
                let (s, e) = (m.start.min(d.start), m.end.max(d.end));
                hit(out, "disrespect-derisive", s, e, None);
            }
        } else if m.has(INSULT) {
            // self-deprecation: "I'm such an idiot"
            if nearest(text, ms, m, SELF_REF, 18, 0).is_some() {
                continue;
            }
            let pt = nearest(text, ms, m, PT_REF, 40, 24);
            let coll = nearest(text, ms, m, COLL_REF, 40, 16);
            let target = match (pt, coll) {
                (Some(p), Some(c)) => {
                    if dist(&c, m) < dist(&p, m) {
                        Some((c, false))
                    } else {
                        Some((p, true))
                    }
                }
                (Some(p), None) => Some((p, true)),
                (None, Some(c)) => Some((c, false)),
                (None, None) => None,
            };
            let Some((t, patient)) = target else { continue };
            // a thing in between is the real target: "the reg said the printer is useless"
            let (lo, hi) = if t.end <= m.start {
                (t.end, m.start)
            } else {
                (m.end, t.start)
            };
            if ms
                .iter()
                .any(|x| x.has(OBJECT) && x.start >= lo && x.end <= hi)
            {
                continue;
            }
            let (s, e) = (m.start.min(t.start), m.end.max(t.end));
            let rule = if patient {
                "disrespect-mockery"
            } else if m.has(PROFANE) {
                "colleague-abuse"
            } else {
                "colleague-insult"
            };
            hit(out, rule, s, e, None);
        }
    }
}

fn intoxication(text: &str, ms: &[M], meta: bool, out: &mut Vec<Hit>) {
    if meta {
        return;
    }
    let has_work = ms.iter().any(|m| m.has(WORK));
    if !has_work {
        return;
    }
    let mut done = false;
    for m in ms.iter() {
        if done {
            break;
        }
        if m.has(INTOX) {
            let me = nearest(text, ms, m, FIRST_P, 30, 20);
            let coll = nearest(text, ms, m, COLL_REF & !PT_REF, 40, 30)
                .filter(|c| !text[c.start..c.end].eq_ignore_ascii_case("you"));
            let pt = nearest(text, ms, m, PT_ALC, 50, 40);
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
            if ms.iter().any(|x| x.has(PT_ALC)) && person.is_none() {
                continue;
            }
            let rule = match person {
                Some((_, true)) => "intoxication-colleague",
                _ => "intoxication-self",
            };
            hit(
                out,
                rule,
                m.start,
                m.end,
                Some("intoxication + work".into()),
            );
            done = true;
        } else if m.has(DRINK) {
            let Some(w) = nearest(text, ms, m, WORK_LINK, 40, 50) else {
                continue;
            };
            if let Some(pt) = nearest(text, ms, m, PT_ALC, 50, 40) {
                let me = nearest(text, ms, m, FIRST_P, 30, 20);
                if me.is_none_or(|p| dist(&pt, m) < dist(&p, m)) {
                    continue;
                }
            }
            // "never drink on call", "no drinking before nights"
            let neg = ms.iter().any(|x| x.has(META | DECLINE) && dist(x, m) <= 20)
                || preceded_by_negation(text, m.start);
            if neg {
                continue;
            }
            let (s, e) = (m.start.min(w.start), m.end.max(w.end));
            hit(
                out,
                "drinking-around-duty",
                s,
                e,
                Some("drinking + work".into()),
            );
            done = true;
        }
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
    let any = |tag: u64| ms.iter().any(|m| m.has(tag));
    let commercial = any(PRODUCT | ACTION | OFFER | SELLER | CODE);
    for m in ms.iter() {
        if m.has(CLAIM) {
            if preceded_by_negation(text, m.start) {
                continue;
            }
            if m.has(CLAIM_STRONG) || commercial {
                hit(out, "advert-unverifiable-claim", m.start, m.end, None);
                return;
            }
        }
    }
    for m in ms.iter() {
        if m.has(CODE) {
            hit(out, "advert-promo-code", m.start, m.end, None);
            return;
        }
    }
    let tag = if any(ACTION | SELLER) && any(OFFER) && any(PRODUCT) {
        ACTION | SELLER
    } else if any(SELLER) && any(ACTION) {
        SELLER
    } else {
        return;
    };
    if let Some(m) = ms.iter().find(|m| m.has(tag)) {
        hit(out, "advert-offer", m.start, m.end, None);
    }
}

fn contact(text: &str, ms: &[M], meta: bool, out: &mut Vec<Hit>) {
    if meta {
        return;
    }
    let any = |tag: u64| ms.iter().any(|m| m.has(tag));
    if any(DECLINE) {
        return;
    }
    if any(QUESTION) && !any(INTENT) {
        return;
    }
    for m in ms.iter() {
        if !m.has(CONTACT | DATING) {
            continue;
        }
        if preceded_by_negation(text, m.start) {
            continue;
        }
        let r = if m.has(PT_REL) {
            *m
        } else {
            let Some(r) = nearest(text, ms, m, PT_REL, 80, 80) else {
                continue;
            };
            r
        };
        let rule = if m.has(DATING) {
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
