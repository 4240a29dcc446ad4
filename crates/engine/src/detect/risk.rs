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
// bits 51..=89: discriminatory, disrespect and colleague-conflict cues
/// generalisers that count only right after a plural group ("X always ...")
const GEN_ADJ: Tags = 1 << 51;
/// ward acronyms that are also ordinary words: only in capitals ("TEETH")
const CAPS: Tags = 1 << 52;
/// surgical work beside a titled name: "Mr X" is the surgeon, not a patient
const SURGEON_CUE: Tags = 1 << 53;
/// "he's", "she's", "the man is": the subject named earlier in the message
const PRONOUN: Tags = 1 << 54;
/// "from ortho", "in pharmacy", "on nights": a capitalised word before it is a colleague
const DEPT: Tags = 1 << 55;
/// words before a quoted term that make it a mention, not a use
const MENTION: Tags = 1 << 56;
/// Asking how to handle someone else's conduct ("how do I respond when ...",
/// "any advice"): talk about behaviour, silences disrespect and conflict only
const ADVICE: Tags = 1 << 57;

const DISC_SECTIONS: [(&str, Tags); 10] = [
    ("generalisers_adjacent", GEN_ADJ),
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

/// Sections of `risk.txt` for discriminatory / disrespect / colleague cues
/// added after `RISK_SECTIONS` (kept apart so both lists can grow).
const CONDUCT_SECTIONS: [(&str, Tags); 6] = [
    ("disrespect_acronyms", DIS_TERM | CAPS),
    ("advice", ADVICE),
    ("surgeon_work", SURGEON_CUE),
    ("pronouns", PRONOUN),
    ("colleague_places", DEPT),
    ("mention", MENTION),
];

// bits 90..=127: intoxication, advertising and patient-contact cues
/// "smells of", "reeks of": with a drink word after it, someone is intoxicated
const SMELL: Tags = 1 << 90;
/// medicines that intoxicate only when self-taken ("took some of my mate's diazepam")
const DRUG: Tags = 1 << 91;
/// "took a couple of", "popped some": someone dosing themselves
const SELF_DOSE: Tags = 1 << 92;
/// drinking talked about in general or as a question ("if you're", "policy on")
const HYPO: Tags = 1 << 93;
/// "my", "my sister's": the next business noun is the writer's own
const OWNER: Tags = 1 << 94;
/// business nouns an owner can sell (company, agency, course, app, retreat)
const BIZ: Tags = 1 << 95;
/// someone else's promotion reported ("she's advertising it", "his clinic")
const ADV_REPORT: Tags = 1 << 96;
/// "the guy", "the mum": a person named by where the writer met them
const PERSON: Tags = 1 << 97;
/// clinical places and events ("bay", "resus", "the delivery", "my list")
const PLACE: Tags = 1 << 98;
/// weaker health or money claims: need an interest, or a push with a product or price
const CLAIM_SOFT: Tags = 1 << 99;
/// a colleague selling their own used things ("barely used", "second hand")
const PRIVATE_SALE: Tags = 1 << 100;
/// medicines also taken for good reasons (codeine, diazepam): need a misuse marker
const DRUG_RX: Tags = 1 << 101;
/// "my mate's", "helped myself to", "from the ward stock": taken, not prescribed
const MISUSE: Tags = 1 << 102;
/// longer phrases that hide a cue used in another sense ("hammered with
/// admissions", "merry christmas", "patient advocacy"); no rule reads it
const BOUNDARY_SHADOW: Tags = 1 << 103;
/// what a smell of drink is of ("alcohol", "booze", "last night")
const SMELL_OBJ: Tags = 1 << 104;
/// a first-person cure story ("cured my", "got rid of my"): with a product, a claim
const TESTIMONIAL: Tags = 1 << 105;
/// nothing is sold: "free", "no fee", "non-profit"
const FREE: Tags = 1 << 106;
/// the writer's own family or friends ("my mum is a patient on ward 7")
const OWN_FAMILY: Tags = 1 << 107;
/// a personal gain or a hushed interest ("I consult for", "referral fee", "shh")
const GAIN: Tags = 1 << 108;
/// the claim cites evidence ("NICE", "trial", "Cochrane"): discussion, not promotion
const EVIDENCE: Tags = 1 << 109;
/// a public service's own offer ("the practice", "our trust", "the deanery")
const PUBLIC: Tags = 1 << 110;
/// the writer leaves the choice to the reader ("make up your own mind",
/// "judge for yourself"): with no code or push, not an advert
const DISCLOSE: Tags = 1 << 111;

/// Sections of `risk.txt` for intoxication, advertising and patient-contact
/// cues added after `RISK_SECTIONS` (kept apart so both lists can grow).
const BOUNDARY_SECTIONS: [(&str, Tags); 22] = [
    ("boundary_shadow", BOUNDARY_SHADOW),
    ("intox_smell_obj", SMELL_OBJ),
    ("adv_testimonial", TESTIMONIAL),
    ("adv_free", FREE),
    ("contact_own_family", OWN_FAMILY),
    ("adv_gain", GAIN | SELLER),
    ("adv_evidence", EVIDENCE),
    ("adv_public", PUBLIC),
    ("intox_smell", SMELL),
    ("intox_drug", DRUG),
    ("intox_drug_rx", DRUG_RX),
    ("intox_self_dose", SELF_DOSE),
    ("intox_misuse", MISUSE),
    ("intox_hypo", HYPO),
    ("adv_owner", OWNER),
    ("adv_biz", BIZ),
    ("adv_report", ADV_REPORT),
    ("adv_claim_soft", CLAIM_SOFT),
    ("adv_private_sale", PRIVATE_SALE),
    ("contact_person", PERSON),
    ("contact_place", PLACE),
    ("adv_disclose", DISCLOSE),
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
    | DERISION
    | DRUG
    | GEN_STRONG
    | DRUG_RX
    | SMELL;

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
    /// one-character emoji entries and their tags: the automaton's word
    /// boundaries treat emoji bytes as word bytes, so "🙄🙄" or "lol😂" hide
    /// them; [`emoji_matches`] finds them instead
    emoji: Vec<(char, Tags)>,
}

/// Every section of `risk.txt`, in file-table order.
fn risk_file_sections() -> impl Iterator<Item = &'static (&'static str, Tags)> {
    RISK_SECTIONS
        .iter()
        .chain(CONDUCT_SECTIONS.iter())
        .chain(BOUNDARY_SECTIONS.iter())
}

/// Load this detector's dictionaries from `data/dict/` files.
pub fn load(files: &[DictFile<'_>]) -> Result<RiskDicts, crate::Error> {
    let disc_names: Vec<&str> = DISC_SECTIONS.iter().map(|(s, _)| *s).collect();
    let disc = lexicon::parse_sections(
        "discriminatory.txt",
        lexicon::file(files, "discriminatory.txt")?,
        &disc_names,
    )?;
    let risk_sections: Vec<(&str, Tags)> = risk_file_sections().copied().collect();
    let risk_names: Vec<&str> = risk_sections.iter().map(|(s, _)| *s).collect();
    let risk = lexicon::parse_sections("risk.txt", lexicon::file(files, "risk.txt")?, &risk_names)?;
    let mut entries = lexicon::entries(&disc, &DISC_SECTIONS);
    entries.extend(lexicon::entries(&risk, &risk_sections));
    // first names: a named colleague can be the target of a put-down
    let given = lexicon::parse_list("given-names.txt", lexicon::file(files, "given-names.txt")?)?
        .into_iter()
        .collect();
    inherit_references(&mut entries);
    let mut emoji: Vec<(char, Tags)> = Vec::new();
    for (p, t) in &entries {
        let mut cs = p.trim().chars().filter(|c| *c != '\u{fe0f}');
        if let (Some(c), None) = (cs.next(), cs.next())
            && !c.is_ascii()
            && !c.is_alphanumeric()
        {
            match emoji.iter_mut().find(|(e, _)| *e == c) {
                Some((_, tags)) => *tags |= *t,
                None => emoji.push((c, *t)),
            }
        }
    }
    Ok(RiskDicts {
        ac: Tagged::build_gated(entries, TRIGGERS),
        given,
        emoji,
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
    dicts.ac.scan_bounded(text, &mut ms);
    if !text.is_ascii() {
        emoji_matches(text, &dicts.emoji, &mut ms);
    }
    if !ms.iter().any(|m| m.has(TRIGGERS)) {
        return;
    }
    let any = |tag: Tags| ms.iter().any(|m| m.has(tag));
    let meta = any(META);
    // talk about a word ("'X' is a lazy term") silences only the word rules
    let (meta_term, meta_conflict) = talk_about(text, &ms);
    discriminatory(text, &ms, meta_term, out);
    disrespect_and_conflict(text, &ms, meta_term, meta_conflict, &dicts.given, out);
    intoxication(text, &ms, meta, out);
    advertising(text, &ms, meta, out);
    contact(text, &ms, meta, out);
}

/// A longer phrase from another section hides the person words inside it
/// (the automaton reports the longest match): "that guy" hides "guy", "in
/// resus" hides "resus", "gypsy family" hides "family". Such a phrase also
/// refers to that person, so it inherits the reference tags of any
/// reference phrase it contains (not "you", which addresses the reader).
fn inherit_references(entries: &mut Vec<(String, Tags)>) {
    use std::collections::HashMap;
    // people and places the other categories look for ("a fat man" is
    // still a man, "i hope she" still has "i"); given only to this
    // file's own phrases, never to the other categories' phrases
    const PEOPLE: Tags = PT_ALC | PT_REL | PT_GENERIC | FIRST_P | PERSON | PLACE;
    // put-downs inside a sweeping phrase ("lazy as ...") still count
    const PUTDOWN: Tags = INSULT | CRITICISM | PROFANE;
    const REFS: Tags = PT_REF | COLL_REF | PEOPLE | PUTDOWN;
    let mut refs: HashMap<&str, Tags> = HashMap::new();
    for (p, t) in entries.iter() {
        if t & REFS != 0
            && !matches!(
                p.as_str(),
                "you" | "you're" | "youre" | "you are" | "ur" | "u r" | "@" | "pain" | "people"
            )
        {
            *refs.entry(p.as_str()).or_insert(0) |= t & REFS;
        }
    }
    let mut extra: Vec<(String, Tags)> = Vec::new();
    for (p, t) in entries.iter() {
        // word start/end offsets; every run of whole words is a slice of p
        let spans: Vec<(usize, usize)> = p
            .split(' ')
            .scan(0usize, |pos, w| {
                let s = *pos;
                *pos += w.len() + 1;
                Some((s, s + w.len()))
            })
            .filter(|(s, e)| e > s)
            .collect();
        if spans.len() < 2 {
            continue;
        }
        let mut add: Tags = 0;
        for n in 1..spans.len() {
            for w in spans.windows(n) {
                if let Some(bits) = refs.get(&p[w[0].0..w[n - 1].1]) {
                    add |= bits;
                }
            }
        }
        // the other risk categories read COLL_REF too: leave their phrases be
        const OTHERS: Tags = INTOX
            | DRINK
            | WORK
            | WORK_LINK
            | FIRST_P
            | PT_ALC
            | CLAIM
            | PRODUCT
            | ACTION
            | OFFER
            | CODE
            | SELLER
            | ASKING
            | CONTACT
            | DATING
            | PT_REL
            | DECLINE
            | QUESTION
            | INTENT
            | AFTER_WORK
            | CHANNEL
            | DATING_FLAV
            | !((1 << 90) - 1);
        if t & OTHERS != 0 {
            add &= !(COLL_REF | PEOPLE);
        }
        if t & SHADOW != 0 {
            add = 0;
        }
        if t & (PEJ | GEN_STRONG | GEN_WEAK | GEN_ADJ | DERISION) == 0 || t & PUTDOWN != 0 {
            add &= !PUTDOWN;
        }
        if t & COLL_REF != 0 {
            add &= !PT_REF;
        }
        add &= !t;
        if add != 0 {
            extra.push((p.clone(), add));
        }
    }
    entries.extend(extra);
}

/// Emoji from the dictionaries that the word-bounded scan missed (next to
/// another emoji or a word: "🙄🙄", "lol😂"), merged into `ms` in order.
fn emoji_matches(text: &str, emoji: &[(char, Tags)], ms: &mut Vec<M>) {
    let mut added = false;
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let Some(&(_, mask)) = emoji.iter().find(|(e, _)| *e == c) else {
            continue;
        };
        let end = i + c.len_utf8();
        if ms.iter().any(|m| m.start < end && i < m.end) {
            continue;
        }
        ms.push(M {
            start: i,
            end,
            mask,
        });
        added = true;
    }
    if added {
        ms.sort_by_key(|m| m.start);
    }
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

/// Plural head nouns that make a group word a set of people ("polish
/// patients", "autistic kids", "older nurses").
const PLURAL_PEOPLE: [&str; 38] = [
    "patients",
    "pts",
    "people",
    "ppl",
    "families",
    "men",
    "women",
    "kids",
    "children",
    "mums",
    "dads",
    "parents",
    "folk",
    "folks",
    "lads",
    "girls",
    "boys",
    "guys",
    "blokes",
    "doctors",
    "drs",
    "nurses",
    "surgeons",
    "registrars",
    "regs",
    "consultants",
    "students",
    "workers",
    "relatives",
    "types",
    "grads",
    "graduates",
    "staff",
    "ones",
    "lot",
    "mothers",
    "fathers",
    "teenagers",
];

/// A word shaped like a plural noun ("builders", "nurses"), not a verb or
/// function word ending in s ("says", "is", "always").
fn plural_noun_shape(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() > 3
        && b[b.len() - 1] == b's'
        && !matches!(b[b.len() - 2], b's' | b'u' | b'\'')
        && b.iter().all(|c| c.is_ascii_lowercase())
        && !word_in(
            w,
            &[
                "says",
                "does",
                "goes",
                "gets",
                "makes",
                "keeps",
                "looks",
                "wants",
                "needs",
                "thinks",
                "always",
                "sometimes",
                "perhaps",
                "this",
                "was",
                "has",
                "seems",
                "comes",
                "takes",
                "tries",
                "knows",
                "likes",
                "lives",
                "works",
                "speaks",
                "uses",
                "asks",
                "calls",
                "tells",
                "means",
                "becomes",
                "refuses",
                "complains",
                "expects",
                "brings",
                "turns",
                "stays",
                "walks",
                "runs",
                "feels",
                "shows",
                "sounds",
                "plays",
                "less",
                "unless",
                "towards",
                "besides",
                "whereas",
                "afterwards",
                "nowadays",
            ],
        )
}

fn word_in(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// The end of a group phrase that names a plural set of people: the group
/// word itself when it is plural ("muslims", "women"), or a plural head noun
/// right after it ("chinese families"). `None` for one person or an
/// adjective alone ("the deaf guy", "polish interpreter").
fn plural_group_end(text: &str, m: &M) -> Option<usize> {
    let g = &text[m.start..m.end];
    let last = g.rsplit(' ').next().unwrap_or(g);
    let lb = last.as_bytes();
    let plural_self = word_in(last, &PLURAL_PEOPLE)
        || word_in(
            last,
            &["elderly", "disabled", "obese", "poor", "blind", "deaf"],
        ) && g.len() > last.len()
        || (lb.len() > 3
            && lb[lb.len() - 1].eq_ignore_ascii_case(&b's')
            && !matches!(lb[lb.len() - 2].to_ascii_lowercase(), b's' | b'u')
            && !last.eq_ignore_ascii_case("trans"));
    // "the polish", "the irish", "the chinese": the people as a whole
    let the_nation = ["ish", "ese", "ch", "sh"]
        .iter()
        .any(|suf| last.to_ascii_lowercase().ends_with(suf))
        && (g.len() > 4 && g[..4].eq_ignore_ascii_case("the ")
            || lexicon::prev_word(text, m.start)
                .is_some_and(|(s, e)| m.start - e <= 1 && text[s..e].eq_ignore_ascii_case("the")));
    // a plural head noun right after: "polish builders", "chinese families"
    if let Some((ws, we)) = lexicon::next_word(text, m.end)
        && ws <= m.end + 1
        && (word_in(&text[ws..we], &PLURAL_PEOPLE) || plural_noun_shape(&text[ws..we]))
    {
        return Some(we);
    }
    // "the welsh guy": one person
    let one_person = lexicon::next_word(text, m.end).is_some_and(|(ws, we)| {
        ws <= m.end + 1
            && word_in(
                &text[ws..we],
                &[
                    "guy",
                    "man",
                    "lady",
                    "woman",
                    "bloke",
                    "lad",
                    "girl",
                    "boy",
                    "patient",
                    "pt",
                    "family",
                    "fella",
                    "chap",
                    "mum",
                    "dad",
                    "nurse",
                    "doctor",
                    "reg",
                    "lass",
                    "kid",
                    "one",
                    "gent",
                    "gentleman",
                    "fellow",
                ],
            )
    });
    (plural_self || the_nation && !one_person).then_some(m.end)
}

/// A sweeping statement right after a plural group: "X always ...", "X are
/// just ...", "X and their ...". Not "are just as likely", "are just people".
fn adjacent_generalisation(text: &str, ms: &[M], m: &M) -> Option<M> {
    let end = plural_group_end(text, m)?;
    // right after the group, or after a short place phrase ("the albanians
    // on nights are always ...", "the romanians in bay 4 think ...")
    let g = ms.iter().find(|x| {
        x.start >= end
            && x.has(GEN_ADJ)
            && (lexicon::adjacent(text, end, x.start) || {
                let gap = &text[end..x.start];
                let first = gap.split_whitespace().next().unwrap_or("");
                gap.len() <= 24
                    && !gap.contains([',', '.', '!', '?', ';', '\n'])
                    && word_in(
                        first,
                        &["in", "on", "at", "from", "round", "around", "here"],
                    )
            })
    })?;
    let next = lexicon::next_word(text, g.end).map(|(s, e)| &text[s..e]);
    // "X and their families were told": not a stereotype
    if text[g.start..g.end].eq_ignore_ascii_case("and their")
        && next.is_some_and(|w| {
            word_in(
                w,
                &[
                    "families",
                    "family",
                    "carers",
                    "relatives",
                    "partners",
                    "children",
                    "kids",
                    "parents",
                    "friends",
                    "loved",
                    "babies",
                    "needs",
                    "rights",
                    "wishes",
                    "own",
                    "care",
                    "support",
                ],
            )
        })
    {
        return None;
    }
    if next.is_some_and(|w| {
        word_in(
            w,
            &[
                "as",
                "like",
                "people",
                "humans",
                "human",
                "normal",
                "patients",
                "ordinary",
                "get",
                "gets",
                "receive",
                "need",
                "needs",
                "require",
                "deserve",
                "present",
                "regular",
                "scared",
                "frightened",
                "anxious",
                "worried",
                "vulnerable",
                "welcome",
                "trying",
            ],
        )
    }) {
        return None;
    }
    Some(*g)
}

/// "another eastern european wanting a sick note, shocker": one person
/// taken as an instance of their group ("another", "yet another",
/// "classic" right before the group word), with a sneer or a derogatory
/// word elsewhere in the message.
fn another_of_group(text: &str, ms: &[M], m: &M) -> Option<M> {
    let (ps, pe) = lexicon::prev_word(text, m.start)?;
    if m.start - pe > 1 || !word_in(&text[ps..pe], &["another", "classic", "typical"]) {
        return None;
    }
    ms.iter()
        .find(|x| {
            (x.end <= ps || x.start >= m.end)
                && x.has(DERISION | DERIS_TERM | PEJ | DIS_TERM)
                && !word_in(&text[x.start..x.end], &["another", "yet another"])
        })
        .copied()
}

/// A group word in mocking quotes: "he's 'non-binary' apparently".
fn scare_quoted(text: &str, m: &M) -> bool {
    let b = text.as_bytes();
    let q = |c: u8| c == b'\'' || c == b'"';
    m.start > 0 && q(b[m.start - 1]) && b.get(m.end).is_some_and(|c| q(*c))
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
                || mentioned(text, ms, m)
            {
                continue;
            }
            hit(out, "discriminatory-slur", m.start, m.end, None);
            // a slur for a patient ("classic chav ... wants a sick note") is
            // also disrespect of patients
            if !generalised && ms.iter().any(|x| x.has(CARE)) {
                hit(out, "disrespect-group", m.start, m.end, None);
                generalised = true;
            }
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
                    // a clinical hedge cancels, unless it is the group's own
                    // verb after a sweeping word ("the polish always ask for")
                    let adj = adjacent_generalisation(text, ms, m);
                    if let Some(h) = nearest(text, ms, m, HEDGE, 80, 80)
                        && !(adj.is_some_and(|g| lexicon::adjacent(text, g.end, h.start))
                            && word_in(&text[h.start..h.end], &["ask", "asking"]))
                    {
                        continue;
                    }
                    nearest(text, ms, m, GEN_STRONG, 50, 60)
                        .or_else(|| {
                            if derision {
                                nearest(text, ms, m, GEN_WEAK, 30, 40)
                            } else {
                                None
                            }
                        })
                        .or(adj)
                        .or_else(|| another_of_group(text, ms, m))
                        .or_else(|| scare_quoted(text, m).then_some(*m))
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
            // aimed at one addressed colleague ("@sam typical woman"): also conflict
            if plural_group_end(text, m).is_none()
                && text[..m.start].rfind('@').is_some_and(|a| {
                    m.start - a <= 40 && !lexicon::crosses_sentence(text, a, m.start)
                })
            {
                hit(out, "colleague-insult", s, e, Some("discriminatory".into()));
            }
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
                "registrar",
            ]
            .iter()
            .any(|w| group_text.contains(w));
            let next_word = lexicon::next_word(text, m.end)
                .filter(|(ws, _)| *ws <= m.end + 1)
                .map(|(ws, we)| text[ws..we].to_ascii_lowercase())
                .unwrap_or_default();
            let group_text = format!("{group_text} {next_word}");
            let staff_group = staff_group
                || [
                    "doctors",
                    "nurses",
                    "surgeons",
                    "registrars",
                    "consultants",
                    "regs",
                ]
                .iter()
                .any(|w| next_word == *w);
            let about_patients = group_text.contains("patient")
                || group_text.contains("pts")
                || (!staff_group
                    && (["dads", "mums", "parents"]
                        .iter()
                        .any(|w| group_text.contains(w))
                        || ms.iter().any(|x| x.has(CARE))))
                || (!staff_group
                    && ms.iter().any(|x| {
                        x.has(PT_REF) && x.start != m.start && {
                            let t = text[x.start..x.end].to_ascii_lowercase();
                            !matches!(
                                t.as_str(),
                                "people" | "these people" | "family" | "relatives" | "rellies"
                            )
                        }
                    }));
            if about_patients {
                hit(out, "disrespect-group", s, e, None);
            }
        }
    }
    if !generalised && let Some((s, e)) = go_back_to(text, ms) {
        hit(
            out,
            "discriminatory-generalisation",
            s,
            e,
            Some("told to go back to a place".into()),
        );
        generalised = true;
    }
    if !generalised && let Some((s, e)) = origin_generalisation(text, ms) {
        hit(
            out,
            "discriminatory-generalisation",
            s,
            e,
            Some("origin + generalisation".into()),
        );
    }
}

/// "@X go back to <Place> if you can't ...": telling someone, in a put-down,
/// to leave for a (foreign) place. The place is a capitalised word that is
/// not a ward, unit or department ("go back to Resus", "Ward 5"), the writer
/// is not the one going ("I'll go back to Leeds"), someone is addressed (an
/// @-mention or "you") and the message carries a put-down.
fn go_back_to(text: &str, ms: &[M]) -> Option<(usize, usize)> {
    const CUE: &[u8] = b"go back to ";
    // the cheap check first: most messages carry no put-down
    if !ms
        .iter()
        .any(|x| x.has(INSULT | CRITICISM | DERISION | PEJ | SLUR))
    {
        return None;
    }
    let b = text.as_bytes();
    let at = b
        .windows(CUE.len())
        .position(|w| w.eq_ignore_ascii_case(CUE))?;
    let (ws, we) = lexicon::next_word(text, at + CUE.len())?;
    let word = &text[ws..we];
    let work = word_in(
        word,
        &[
            "theatre",
            "theatres",
            "resus",
            "majors",
            "minors",
            "recovery",
            "icu",
            "itu",
            "hdu",
            "ed",
            "ward",
            "bay",
            "bed",
            "clinic",
            "outpatients",
            "paeds",
            "radiology",
            "pharmacy",
            "nights",
            "days",
            "work",
            "basics",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
    );
    let numbered = lexicon::next_word(text, we)
        .is_some_and(|(s, e)| text[s..e].bytes().any(|c| c.is_ascii_digit()));
    let writer_goes = lexicon::prev_word(text, at).is_some_and(|(s, e)| {
        word_in(
            &text[s..e],
            &[
                "i", "i'll", "ill", "we", "we'll", "i'd", "we'd", "to", "can", "could", "should",
            ],
        )
    });
    let addressed = text[..at].contains('@')
        || text
            .split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
            .any(|w| word_in(w, &["you", "your", "you're", "youre"]));
    (ws == at + CUE.len()
        && lexicon::shape(word) == lexicon::Shape::Title
        && !work
        && !numbered
        && !writer_goes
        && addressed
        && !part_of_place(text, ws, we))
    .then_some((at, we))
}

/// Where someone comes from, then "they're all like that": "bet he's from
/// Luton, they're all the same". The place is any capitalised word after
/// "from" in the same message, at most 60 bytes before.
fn origin_generalisation(text: &str, ms: &[M]) -> Option<(usize, usize)> {
    let g = ms.iter().find(|x| {
        x.has(GEN_STRONG)
            && text[x.start..x.end]
                .to_ascii_lowercase()
                .contains("all like that")
            || x.has(GEN_STRONG)
                && word_in(
                    &text[x.start..x.end],
                    &[
                        "they're all the same",
                        "they are all the same",
                        "all the same",
                    ],
                )
    })?;
    let from = text[..g.start].rfind("from ")?;
    let (ws, we) = lexicon::next_word(text, from + 5)?;
    (g.start - from <= 60
        && lexicon::shape(&text[ws..we]) == lexicon::Shape::Title
        && !part_of_place(text, ws, we))
    .then_some((from, g.end))
}

/// Who a put-down is aimed at.
#[derive(Clone, Copy, Debug)]
enum Target {
    Patient(M),
    Colleague(usize, usize),
}

/// The nearest patient reference to `m` that is not part of a colleague
/// target ("Mr Osei" beside theatre work is the surgeon).
fn nearest_patient(
    text: &str,
    ms: &[M],
    m: &M,
    targets: &[(usize, usize, bool)],
    before: usize,
    after: usize,
) -> Option<M> {
    ms.iter()
        .filter(|x| {
            x.has(PT_REF)
                && x.start != m.start
                && !targets.iter().any(|t| x.start >= t.0 && x.end <= t.1)
        })
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

/// A role that names one identifiable colleague ("the reg", "our
/// consultant"), not a whole staff group ("the FY1s", "the nurses").
fn one_colleague(text: &str, c: &M) -> bool {
    let t = text[c.start..c.end].rsplit(' ').next().unwrap_or("");
    !(t.len() > 3 && t.ends_with('s') && !word_in(t, &["boss", "this", "cons"]))
}

/// "is", "was", "are", "'s" between a subject and its complement.
fn copula_between(text: &str, a: usize, b: usize) -> bool {
    if a >= b {
        return false;
    }
    let gap = &text.as_bytes()[a..b];
    [&b" is "[..], b" was ", b" are ", b" were ", b"'s "]
        .iter()
        .any(|p| gap.windows(p.len()).any(|w| w.eq_ignore_ascii_case(p)))
}

/// The first person the message talks about, before `pos`: a colleague
/// target or role, or a patient reference. A later pronoun or a closing
/// fragment ("... she's vile", "... useless.") points back to it.
fn first_referent(
    text: &str,
    ms: &[M],
    targets: &[(usize, usize, bool)],
    pos: usize,
) -> Option<Target> {
    let coll = targets
        .iter()
        .filter(|t| t.1 <= pos)
        .map(|t| (t.0, t.1))
        .chain(
            ms.iter()
                .filter(|x| {
                    x.has(COLL_REF)
                        && !x.has(PT_REF)
                        && one_colleague(text, x)
                        && x.end <= pos
                        && !text[x.start..x.end].eq_ignore_ascii_case("you")
                })
                .map(|x| (x.start, x.end)),
        )
        .min_by_key(|t| t.0);
    let pt = ms
        .iter()
        .filter(|x| {
            x.has(PT_REF)
                && x.end <= pos
                && !targets.iter().any(|t| x.start >= t.0 && x.end <= t.1)
                && !word_in(&text[x.start..x.end], &["people", "these people", "pain"])
        })
        .min_by_key(|x| x.start)
        .copied();
    match (pt, coll) {
        (Some(p), Some(c)) if p.start < c.0 => Some(Target::Patient(p)),
        (_, Some(c)) => Some(Target::Colleague(c.0, c.1)),
        (Some(p), None) => Some(Target::Patient(p)),
        (None, None) => None,
    }
}

/// A pronoun right before the put-down ("she's vile", "the man is a
/// bully"), or the put-down as a short closing fragment ("... absolute
/// clown", "... useless."): the referent is the message's first person.
fn referent_by_pronoun(
    text: &str,
    ms: &[M],
    m: &M,
    targets: &[(usize, usize, bool)],
) -> Option<Target> {
    if let Some(p) = ms
        .iter()
        .rev()
        .find(|x| x.has(PRONOUN) && x.end <= m.start && m.start - x.end <= 24)
    {
        if lexicon::crosses_sentence(text, p.end, m.start) {
            return None;
        }
        return first_referent(text, ms, targets, p.start);
    }
    // a closing fragment: the last sentence starts with the put-down
    let b = text.as_bytes();
    let ss = b[..m.start]
        .iter()
        .rposition(|&c| matches!(c, b'.' | b'!' | b'?' | b'\n' | b';'))?
        + 1;
    let lead = text[ss..m.start].trim();
    let tail_len = b[m.end..]
        .iter()
        .filter(|c| c.is_ascii_alphanumeric())
        .count();
    if lead.len() <= 12 && tail_len <= 8 {
        first_referent(text, ms, targets, ss)
    } else {
        None
    }
}

/// Whether the message talks ABOUT words or behaviour rather than using
/// them: `(silences discrimination and disrespect, silences conflict)`.
/// "the word", "the term", "the phrase" and "instead of" count only before a
/// quote or a listed term ("the term 'bed blocker'", "the word gomer"), not
/// in "they know the word urgent" or "instead of shouting at me".
fn talk_about(text: &str, ms: &[M]) -> (bool, bool) {
    let b = text.as_bytes();
    let mut words = false;
    let mut behaviour = false;
    for (i, m) in ms.iter().enumerate() {
        if m.has(META_TERM) {
            words = true;
        }
        if m.has(ADVICE) {
            words = true;
            behaviour = true;
        }
        if !m.has(META) {
            continue;
        }
        let t = &text[m.start..m.end];
        let weak = word_in(t, &["the word", "the term", "the phrase", "instead of"]);
        if !weak {
            words = true;
            behaviour = true;
            continue;
        }
        let mut p = m.end;
        while p < b.len() && b[p] == b' ' {
            p += 1;
        }
        let quoted = b.get(p).is_some_and(|c| matches!(c, b'\'' | b'"'));
        let term = ms.get(i + 1).is_some_and(|n| {
            n.start <= p + 1 && n.has(DIS_TERM | DERIS_TERM | SLUR | GROUP | INSULT | EUPH)
        });
        if quoted || term {
            words = true;
            behaviour = true;
        }
    }
    (words, behaviour)
}

fn disrespect_and_conflict(
    text: &str,
    ms: &[M],
    meta: bool,
    meta_conflict: bool,
    given: &std::collections::HashSet<String>,
    out: &mut Vec<Hit>,
) {
    if meta && meta_conflict {
        return;
    }
    // talk about a word silences disrespect, not a put-down of a colleague
    let mut disrespect = meta;
    let mut conflict = false;
    let targets = if ms.iter().any(|m| m.has(INSULT | CRITICISM | SARCASM)) || text.contains('\'') {
        colleague_targets(text, ms, given)
    } else {
        Vec::new()
    };
    let drink = ms.iter().any(|m| m.has(INTOX | DRINK));
    if !disrespect && let Some((qs, qe)) = sneer_quote(text, ms) {
        hit(
            out,
            "disrespect-derisive",
            qs,
            qe,
            Some("sneer quotes".into()),
        );
        disrespect = true;
    } else if let Some((qs, qe)) = colleague_quote(text, ms, &targets) {
        hit(
            out,
            "colleague-insult",
            qs,
            qe,
            Some("sarcasm quotes".into()),
        );
        conflict = true;
    }
    for (i, m) in ms.iter().enumerate() {
        if m.has(DIS_TERM) && !disrespect {
            if adjacent_before(text, ms, i).is_some_and(|p| p.has(DIS_EX_BEFORE))
                || adjacent_after(text, ms, i).is_some_and(|n| n.has(DIS_EX_AFTER))
                || (m.has(CAPS) && text[m.start..m.end].bytes().any(|c| c.is_ascii_lowercase()))
                || mentioned(text, ms, m)
            {
                continue;
            }
            hit(out, "disrespect-slang", m.start, m.end, None);
            disrespect = true;
        } else if m.has(DERIS_TERM)
            && !disrespect
            && !mentioned(text, ms, m)
            && let Some(d) = nearest(text, ms, m, DERISION, 60, 60)
        {
            let (s, e) = (m.start.min(d.start), m.end.max(d.end));
            hit(out, "disrespect-derisive", s, e, None);
            disrespect = true;
        } else if m.has(INSULT | CRITICISM) {
            // self-deprecation: "I'm such an idiot"
            if m.has(INSULT) && nearest(text, ms, m, SELF_REF, 18, 0).is_some() {
                continue;
            }
            // "smells like a brewery" is evidence of drink, not an insult
            if drink && {
                let t = &text.as_bytes()[m.start..m.end];
                t.len() >= 5
                    && (t[..5].eq_ignore_ascii_case(b"smell")
                        || t[..5].eq_ignore_ascii_case(b"stink"))
            } {
                continue;
            }
            // "X called me an idiot": the insult is X's, aimed at the writer
            if let Some(r) = ms.iter().rev().find(|x| {
                x.end <= m.start
                    && (x.has(REPORTED) && m.start - x.end <= 6
                            // "called the nurse a cow": someone else's words
                            || x.has(REPORTED | MENTION)
                                && text[x.start..x.end].to_ascii_lowercase().starts_with("call")
                                && m.start - x.end <= 25
                                && !lexicon::crosses_sentence(text, x.end, m.start))
            }) {
                if let Some(t @ Target::Colleague(..)) = first_referent(text, ms, &targets, r.start)
                {
                    emit_putdown(
                        out,
                        ms,
                        m,
                        t,
                        m.start,
                        m.end,
                        &mut disrespect,
                        &mut conflict,
                    );
                }
                continue;
            }
            // "..., he's a disgrace": a pronoun right before the put-down
            // points back to the message's first person
            if ms
                .iter()
                .any(|x| x.has(PRONOUN) && x.end <= m.start && m.start - x.end <= 8)
                && let Some(t) = referent_by_pronoun(text, ms, m, &targets)
            {
                emit_putdown(
                    out,
                    ms,
                    m,
                    t,
                    m.start,
                    m.end,
                    &mut disrespect,
                    &mut conflict,
                );
                continue;
            }
            let pt = nearest_patient(text, ms, m, &targets, 60, 24);
            // "the pt said the doctor was useless": the patient's words
            if let Some(p) = pt
                && p.end <= m.start
                && ms.iter().any(|x| {
                    x.has(MENTION)
                        && x.start >= p.end
                        && x.start <= p.end + 2
                        && x.end <= m.start
                        && word_in(&text[x.start..x.end], &["said", "says", "say"])
                })
            {
                continue;
            }
            let by_ref = nearest(text, ms, m, COLL_REF, 40, 16)
                .filter(|c| one_colleague(text, c))
                .filter(|c| {
                    // "@here" reaches everyone
                    !(text[c.start..c.end].eq_ignore_ascii_case("@")
                        && lexicon::word_at(text, c.end).is_some_and(|(s, e)| {
                            word_in(&text[s..e], &["here", "everyone", "channel", "all"])
                        }))
                })
                .map(|c| (c.start, c.end));
            // "@sam ..." opening the message addresses the whole of it
            let by_target = nearest_target(&targets, m, 60, 40).or_else(|| {
                targets
                    .iter()
                    .find(|t| t.2 && t.0 == 0 && text.starts_with('@'))
                    .map(|t| (t.0, t.1))
            });
            let gap =
                |t: (usize, usize)| t.0.saturating_sub(m.end).max(m.start.saturating_sub(t.1));
            let coll = match (by_ref, by_target) {
                (Some(a), Some(b)) => Some(if gap(b) <= gap(a) { b } else { a }),
                (a, b) => a.or(b),
            };
            let target = match (pt, coll) {
                (Some(p), Some(c)) => {
                    let c_before = c.1 <= m.start;
                    let p_before = p.end <= m.start;
                    // "Dr W ... is the rudest man alive": the subject before
                    // the verb, not the complement after it
                    if c_before && !p_before && copula_between(text, c.1, m.start) {
                        Target::Colleague(c.0, c.1)
                    } else if p_before && !c_before && copula_between(text, p.end, m.start) {
                        Target::Patient(p)
                    } else if gap(c) < dist(&p, m) {
                        Target::Colleague(c.0, c.1)
                    } else {
                        Target::Patient(p)
                    }
                }
                (Some(p), None) => Target::Patient(p),
                (None, Some(c)) => Target::Colleague(c.0, c.1),
                (None, None) => {
                    let Some(t) = referent_by_pronoun(text, ms, m, &targets) else {
                        continue;
                    };
                    // the put-down sits next to its pronoun: nothing between to check
                    emit_putdown(
                        out,
                        ms,
                        m,
                        t,
                        m.start,
                        m.end,
                        &mut disrespect,
                        &mut conflict,
                    );
                    continue;
                }
            };
            let (ts, te) = match target {
                Target::Patient(p) => (p.start, p.end),
                Target::Colleague(s, e) => (s, e),
            };
            // a thing in between is the real target: "the reg said the printer
            // is useless"; not a thing the person owns ("Dr X's letters")
            let (lo, hi) = if te <= m.start {
                (te, m.start)
            } else {
                (m.end, ts)
            };
            let possessive = te <= m.start && text[te..].starts_with("'s");
            // "your shift", "his rota": the person's own thing does not cancel
            let owned = |x: &M| {
                lexicon::prev_word(text, x.start).is_some_and(|(s, e)| {
                    x.start - e <= 1 && word_in(&text[s..e], &["your", "ur", "his", "her", "their"])
                })
            };
            // "this"/"that" is a thing only as a subject ("this is useless"),
            // not in "the patients on this ward are so thick"
            let pointer_only = |x: &M| {
                word_in(&text[x.start..x.end], &["this", "that"])
                    && !lexicon::next_word(text, x.end).is_some_and(|(ws, we)| {
                        word_in(&text[ws..we], &["is", "was", "one", "thing", "lot"])
                    })
                    && !text[x.end..].starts_with("'s")
            };
            // "whoever wrote this rota is an idiot": the thing is inside the
            // description of the person
            let whoever = text[ts..te].to_ascii_lowercase().starts_with("whoever");
            if !possessive
                && !whoever
                && ms.iter().any(|x| {
                    x.has(OBJECT) && x.start >= lo && x.end <= hi && !owned(x) && !pointer_only(x)
                })
            {
                continue;
            }
            emit_putdown(out, ms, m, target, ts, te, &mut disrespect, &mut conflict);
        } else if m.has(SARCASM) && !conflict {
            // sarcasm needs someone addressed ("@raj", "you"), or a named or
            // role colleague with a complaint beside it ("the radiology reg
            // ... for the third time, legend 🙃")
            let addressed = targets.iter().any(|t| t.2);
            let complaint = ms
                .iter()
                .any(|x| x.start != m.start && x.has(DERISION | CRITICISM | INSULT));
            let target = if addressed {
                nearest_target(&targets, m, 120, 120)
            } else if complaint && {
                // "love that for me" is self-pity, not sarcasm at someone
                let t = text[m.start..m.end].to_ascii_lowercase();
                !t.ends_with("for me") && !t.ends_with("for us")
            } {
                nearest_target(&targets, m, 120, 120).or_else(|| {
                    // one identifiable colleague, not a team ("the medics")
                    nearest(text, ms, m, COLL_REF, 120, 60)
                        .filter(|c| !c.has(PT_REF) && one_colleague(text, c))
                        .map(|c| (c.start, c.end))
                })
            } else {
                None
            };
            if let Some(t) = target {
                let (s, e) = (m.start.min(t.0), m.end.max(t.1));
                hit(out, "colleague-insult", s, e, Some("sarcasm".into()));
                conflict = true;
            }
        }
    }
}

/// Report a put-down `m` aimed at `target` (span `ts..te`).
#[allow(clippy::too_many_arguments)]
fn emit_putdown(
    out: &mut Vec<Hit>,
    _ms: &[M],
    m: &M,
    target: Target,
    ts: usize,
    te: usize,
    disrespect: &mut bool,
    conflict: &mut bool,
) {
    let (s, e) = (m.start.min(ts), m.end.max(te));
    match target {
        // accusations ("bully", "slow") are about colleagues only
        Target::Patient(_) if !m.has(INSULT) => {}
        Target::Patient(_) => {
            if !*disrespect {
                hit(out, "disrespect-mockery", s, e, None);
                *disrespect = true;
            }
        }
        Target::Colleague(..) => {
            // a later profane put-down upgrades an insult to abuse
            if !*conflict || (m.has(PROFANE) && !out.iter().any(|h| h.rule == "colleague-abuse")) {
                let rule = if m.has(PROFANE) {
                    "colleague-abuse"
                } else {
                    "colleague-insult"
                };
                hit(out, rule, s, e, None);
                *conflict = true;
            }
        }
    }
}

/// A quoted slang term that is talked about, not used: "not to use 'X'",
/// "he called her a 'X'", "the label 'X'".
/// The quote may hold a few more words ("'X patient'"), and the word that
/// talks about it may come after it ("'X' is an old term", "'X' labels").
fn mentioned(text: &str, ms: &[M], m: &M) -> bool {
    let b = text.as_bytes();
    let q = |c: u8| c == b'\'' || c == b'"';
    // the opening quote: within 20 bytes before, no quote or stop between
    let open = (m.start.saturating_sub(20)..m.start)
        .rev()
        .take_while(|&p| !matches!(b[p], b'.' | b'!' | b'?' | b'\n'))
        .find(|&p| q(b[p]) && (p == 0 || !b[p - 1].is_ascii_alphanumeric()));
    let close = (m.end..b.len().min(m.end + 20))
        .take_while(|&p| !matches!(b[p], b'.' | b'!' | b'?' | b'\n'))
        .find(|&p| q(b[p]) && b.get(p + 1).is_none_or(|c| !c.is_ascii_alphanumeric()));
    let (Some(open), Some(close)) = (open, close) else {
        return false;
    };
    ms.iter().any(|x| {
        x.has(MENTION)
            && (x.end <= open
                && open - x.end <= 30
                && !lexicon::crosses_sentence(text, x.end, open)
                || x.start > close
                    && x.start - close <= 30
                    && !lexicon::crosses_sentence(text, close, x.start))
    })
}

/// Sarcastic quotes about a named or addressed colleague's work: "Dr X's
/// 'teaching'", "@tom if you keep 'forgetting' ...". One or two words in
/// quotes, not quoted speech ("said 'no more fluids'"), with a put-down in
/// the message or an "-ing" word aimed at someone addressed.
fn colleague_quote(
    text: &str,
    ms: &[M],
    targets: &[(usize, usize, bool)],
) -> Option<(usize, usize)> {
    if targets.is_empty() {
        return None;
    }
    let b = text.as_bytes();
    let marked = ms
        .iter()
        .any(|x| x.has(INSULT | CRITICISM | SARCASM | DERISION));
    let addressed = targets.iter().any(|t| t.2);
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\'' && (i == 0 || !lexicon::is_word_byte(b[i - 1])) {
            let close = (i + 2..b.len().min(i + 26)).find(|&j| {
                b[j] == b'\'' && b.get(j + 1).is_none_or(|n| !lexicon::is_word_byte(*n))
            });
            let Some(j) = close else {
                i += 1;
                continue;
            };
            let inner = &text[i + 1..j];
            let words = inner.split_whitespace().count();
            let speech = lexicon::prev_word(text, i).is_some_and(|(s, e)| {
                word_in(
                    &text[s..e],
                    &[
                        "said", "says", "say", "asked", "wrote", "writes", "reads", "typed", "put",
                    ],
                )
            }) || text[..i].trim_end().ends_with(':');
            let ing = inner.len() > 5 && inner.to_ascii_lowercase().ends_with("ing");
            if (1..=2).contains(&words) && !speech && (marked || (addressed && ing)) {
                let m = M {
                    start: i,
                    end: j + 1,
                    mask: 0,
                };
                if nearest_target(targets, &m, 60, 60).is_some() {
                    return Some((i, j + 1));
                }
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
    None
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
                            || (d.start >= qe
                                && d.start - qe <= 40
                                && !lexicon::crosses_sentence(text, qe, d.start)))
                });
                // "'X' is an old term", "the label 'X'": the word is talked about
                let talked_about = ms.iter().any(|x| {
                    x.has(MENTION)
                        && (x.end <= qs && qs - x.end <= 30 || x.start >= qe && x.start - qe <= 30)
                        && !lexicon::crosses_sentence(text, x.start.min(qs), x.end.max(qe))
                });
                if derided && !talked_about {
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

/// The previous non-space byte before `pos` ends a sentence (or there is none).
fn at_sentence_start(text: &str, pos: usize) -> bool {
    text.as_bytes()[..pos]
        .iter()
        .rev()
        .find(|c| !c.is_ascii_whitespace())
        .is_none_or(|c| matches!(c, b'.' | b'!' | b'?'))
}

/// Identifiable colleagues in the message: `@mentions`, "Dr Name", "Nurse
/// Name", a name beside a role ("the micro reg (Raj)", "the ortho reg,
/// Jake,"), a name with a department ("Jenny on the desk", "Dave from
/// ortho"), "Mr Name" beside surgical work, and first names with no patient
/// reference nearby. `(start, end, addressed)`.
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
            // "@here", "@everyone", "@channel" reach everyone, not a colleague
            if !word_in(
                &text[i + 1..e],
                &["here", "everyone", "channel", "all", "room"],
            ) {
                out.push((i, e, true));
            }
        }
    }
    let surgeon = ms.iter().any(|x| x.has(SURGEON_CUE));
    let role_before = |ws: usize| {
        ms.iter().any(|x| {
            x.has(COLL_REF) && !x.has(PT_REF) && x.end <= ws && ws - x.end <= 12 && {
                let gap = &b[x.end..ws];
                gap.iter().all(|c| matches!(c, b' ' | b',' | b'(' | b'-'))
                    || gap.ends_with(b"(hi ")
                    || gap.ends_with(b"(aka ")
            }
        }) || (ws >= 4 && b[..ws].ends_with(b"(hi "))
            || (ws >= 1 && b[ws - 1] == b'(' && ms.iter().any(|x| x.has(COLL_REF) && x.end <= ws))
    };
    // capitalised names
    let mut pos = 0;
    while pos < b.len() {
        if b[pos].is_ascii_uppercase()
            && (pos == 0 || !lexicon::is_word_byte(b[pos - 1]))
            && let Some((ws, we)) = lexicon::word_at(text, pos)
        {
            let w = &text[ws..we];
            let shape = lexicon::shape(w);
            let prev = lexicon::prev_word(text, ws)
                .filter(|(_, pe)| ws - pe <= 2)
                .map(|(s, e)| (s, &text[s..e]));
            let sentence_start = at_sentence_start(text, ws)
                && word_in(
                    w,
                    &[
                        "someone",
                        "somebody",
                        "anyone",
                        "anybody",
                        "nobody",
                        "everyone",
                        "everybody",
                        "whoever",
                        "people",
                        "staff",
                        "cover",
                        "help",
                        "thanks",
                        "hi",
                        "hello",
                        "hey",
                        "who",
                        "what",
                        "why",
                        "where",
                        "when",
                        "how",
                        "is",
                        "are",
                        "can",
                        "could",
                        "the",
                        "a",
                        "an",
                        "any",
                        "no",
                        "one",
                        "referral",
                        "referrals",
                        "bloods",
                        "patient",
                        "patients",
                        "pt",
                        "reg",
                    ],
                )
                || at_sentence_start(text, ws) && !ms.iter().any(|x| x.has(DEPT) && x.start > we);
            let known = given.contains(&w.to_lowercase());
            let placed = ms
                .iter()
                .any(|x| x.has(DEPT) && x.start > we && lexicon::tight(text, we, x.start));
            let pt_near = ms.iter().any(|x| {
                x.has(PT_REF)
                    && x.start.abs_diff(ws) <= 40
                    && !word_in(
                        &text[x.start..x.end],
                        &["people", "patients", "pts", "punters", "pain"],
                    )
            });
            if let Some((ps, p)) = prev
                && (word_in(p, &["nurse", "prof", "professor"])
                    || (surgeon && word_in(p, &["mr", "mrs", "ms", "miss"])))
                && matches!(shape, lexicon::Shape::Title | lexicon::Shape::Upper)
            {
                out.push((ps, we, false));
            } else if shape == lexicon::Shape::Title
                && !part_of_place(text, ws, we)
                && ((known && !pt_near)
                    || (placed && (known || !sentence_start))
                    || (!sentence_start && role_before(ws)))
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
    // a colleague who smells of drink was smelt at work, so no work word is
    // needed for that ("our consultant smells of alcohol on Mondays")
    let work = ms.iter().any(|m| m.has(WORK | WORK_LINK));
    if !work && !ms.iter().any(|m| m.has(SMELL)) {
        return;
    }
    let after_work_only =
        ms.iter().any(|m| m.has(AFTER_WORK)) && !ms.iter().any(|m| m.has(WORK_LINK));
    for m in ms.iter() {
        if !m.has(INTOX | DRINK | SMELL | DRUG | DRUG_RX) {
            continue;
        }
        // a smell of drink on someone, or a drug someone took themselves
        // ("popped some oramorph"; codeine or diazepam only when misused:
        // "a couple of my mate's diazepam") is a state
        let state = m.has(INTOX)
            || (m.has(SMELL) && nearest(text, ms, m, DRINK | SMELL_OBJ, 0, 16).is_some())
            || (m.has(DRUG) && nearest(text, ms, m, SELF_DOSE | MISUSE, 14, 0).is_some())
            || (m.has(DRUG_RX) && nearest(text, ms, m, MISUSE, 30, 20).is_some());
        if !state && (!m.has(DRINK) || after_work_only) {
            continue;
        }
        // drinking in general or a question about the rules: "policy on
        // drinking if you're on call"; after the drink only when nobody is
        // named before it ("I've had two glasses but if you're desperate")
        if nearest(text, ms, m, HYPO, 60, 0).is_some()
            || (nearest(text, ms, m, HYPO, 0, 40).is_some()
                && nearest(text, ms, m, FIRST_P | COLL_REF, 30, 0).is_none())
        {
            continue;
        }
        let me = nearest(text, ms, m, FIRST_P, 40, 30);
        let coll = nearest(text, ms, m, COLL_REF & !PT_REF, 50, 40)
            .filter(|c| !text[c.start..c.end].eq_ignore_ascii_case("you"));
        // "someone" is the drinker only before the state ("someone came in
        // drunk"), not after it ("half cut, someone check my TTOs")
        if !(work || (m.has(SMELL) && state && coll.is_some())) {
            continue;
        }
        let pt = nearest(text, ms, m, PT_ALC, 40, 30).filter(|q| {
            q.end <= m.start
                || !text[q.start..q.end]
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("some"))
        });
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
        // the writer's flatmate or partner is neither clinician nor patient:
        // "my flatmate was drunk when I got in from nights"
        // ("me and my mate had four pints" still includes the writer)
        if let Some(f) = nearest(text, ms, m, OWN_FAMILY, 40, 20)
            && person.is_none_or(|(p, _)| dist(&f, m) <= dist(&p, m))
            && nearest(text, ms, &f, FIRST_P, 10, 8).is_none()
        {
            continue;
        }
        match (person, pt) {
            // the subject comes first: "I ... wasted at 2am, need someone to check"
            (Some((p, _)), Some(q)) if p.end <= m.start && q.start >= m.end + 10 => {}
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
    // someone else's promotion reported ("she's advertising it"), nothing pushed
    // or the writer's own interest declared with nothing pushed
    if any(ADV_REPORT | DISCLOSE) && !any(CODE | ACTION) {
        return;
    }
    // "not sponsored", "no commission": a denied interest is none
    let interest = ms
        .iter()
        .any(|m| m.has(CODE) || (m.has(SELLER) && !preceded_by_negation(text, m.start)))
        || ad_hashtag(text);
    // "my little aesthetics company": the writer's own business
    let owns = owner_business(text, ms);
    let promo = any(ACTION | OFFER);
    let product = any(PRODUCT);
    let price = has_price(text);
    // weaker claims ("lasts forever", "lowers BP") need someone who gains
    let soft_ok = interest || owns || (product && (promo || price)) || (any(ACTION) && price);
    for m in ms.iter() {
        let claim = (m.has(CLAIM) && (m.has(CLAIM_STRONG) || interest || owns || promo))
            || (m.has(CLAIM_SOFT) && soft_ok)
            || (m.has(TESTIMONIAL) && (product || soft_ok));
        // "NICE say it works better than placebo": evidence talk, unless
        // the writer gains or the claim is one no evidence could back
        let cited = !interest && !m.has(CLAIM_STRONG) && any(EVIDENCE);
        if claim && !cited && !preceded_by_negation(text, m.start) {
            hit(out, "advert-unverifiable-claim", m.start, m.end, None);
            return;
        }
    }
    if let Some(m) = ms.iter().find(|m| m.has(CODE)) {
        hit(out, "advert-promo-code", m.start, m.end, None);
        return;
    }
    // a bare code after "use" / "enter" / "apply": "use DRJ10 for 10% off"
    if (promo || price || product)
        && let Some((s, e)) = bare_code(text)
    {
        hit(out, "advert-promo-code", s, e, Some("bare code".into()));
        return;
    }
    // a colleague selling their own used kit is a sale, not an advert; free
    // teaching or resources (even when sponsored and disclosed) sell nothing
    if any(PRIVATE_SALE) || (any(FREE) && !price && !any(GAIN)) {
        return;
    }
    let offer = interest && (product || promo)
        || owns && (promo || price)
        // a push, an offer and a product, unless a public service offers it
        || (any(ACTION) && any(OFFER) && product && !any(PUBLIC));
    if offer
        && let Some(m) = ms
            .iter()
            .find(|m| m.has(SELLER | ACTION | OFFER) || (owns && m.has(BIZ)))
    {
        hit(out, "advert-offer", m.start, m.end, None);
    }
}

/// "my" (or "my sister's") then, within a few adjectives, a business noun:
/// "my little aesthetics company", "my crypto course". A preposition or
/// article in between breaks it ("my patients at the clinic").
fn owner_business(text: &str, ms: &[M]) -> bool {
    ms.iter().enumerate().any(|(i, o)| {
        o.has(OWNER)
            && ms[i + 1..]
                .iter()
                .take_while(|b| b.start <= o.end + 24)
                .any(|b| b.has(BIZ) && plain_adjectives(&text[o.end..b.start]))
    })
}

/// A gap of at most three plain words, none a preposition, article or verb
/// that would end the noun phrase.
fn plain_adjectives(gap: &str) -> bool {
    if !gap
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b' ' | b'-' | b'\''))
    {
        return false;
    }
    let mut n = 0;
    for w in gap.split_ascii_whitespace() {
        n += 1;
        let w = w.to_ascii_lowercase();
        if n > 3
            || matches!(
                w.as_str(),
                "at" | "in"
                    | "on"
                    | "of"
                    | "for"
                    | "to"
                    | "with"
                    | "from"
                    | "the"
                    | "a"
                    | "an"
                    | "and"
                    | "or"
                    | "is"
                    | "was"
                    | "has"
                    | "had"
                    | "have"
                    | "but"
                    | "so"
            )
        {
            return false;
        }
    }
    true
}

/// An advertising hashtag: "#ad", "#sponsored", "#gifted", "#affiliate"
/// (dictionary lines starting with `#` are comments, so they are found here).
fn ad_hashtag(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'#'
            && ["ad", "sponsored", "gifted", "affiliate", "paidpartnership"]
                .iter()
                .any(|t| {
                    let e = i + 1 + t.len();
                    b.get(i + 1..e)
                        .is_some_and(|w| w.eq_ignore_ascii_case(t.as_bytes()))
                        && b.get(e).is_none_or(|n| !lexicon::is_word_byte(*n))
                })
    })
}

/// A discount code without the word "code": "use DRJ10", "enter FY1BOSS".
/// The token after the verb is 4-16 capitals and digits, with at least two
/// capitals and one digit (so "use 10ml" or "use NICE" are not codes).
fn bare_code(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let verb = [&b"use "[..], b"enter ", b"apply "]
            .into_iter()
            .find(|v| rest.len() >= v.len() && rest[..v.len()].eq_ignore_ascii_case(v));
        if let Some(v) = verb
            && (i == 0 || !lexicon::is_word_byte(b[i - 1]))
        {
            let s = i + v.len();
            let e = s + b[s..]
                .iter()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                .count();
            let tok = &b[s..e];
            let caps = tok.iter().filter(|c| c.is_ascii_uppercase()).count();
            if (4..=16).contains(&tok.len())
                && caps >= 2
                && caps < tok.len()
                && b.get(e).is_none_or(|c| !lexicon::is_word_byte(*c))
            {
                return Some((s, e));
            }
        }
        i += 1;
    }
    None
}

/// A price: a currency sign right before a digit ("£650", "$20", "€15"), or
/// a monthly fee ("9.99/mo"). The word-bounded dictionary cannot see these,
/// because "£" counts as a word character next to the digits.
fn has_price(text: &str) -> bool {
    let b = text.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    (0..b.len()).any(|i| match b[i] {
        b'$' => digit_at(i + 1),
        0xC2 => b.get(i + 1) == Some(&0xA3) && digit_at(i + 2),
        0xE2 => b.get(i + 1) == Some(&0x82) && b.get(i + 2) == Some(&0xAC) && digit_at(i + 3),
        b'/' => i > 0 && b[i - 1].is_ascii_digit() && b[i + 1..].starts_with(b"mo"),
        _ => false,
    })
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
            let Some(r) =
                nearest(text, ms, m, PT_REL, 100, 100).or_else(|| met_in_care(text, ms, m))
            else {
                continue;
            };
            r
        };
        // the writer's own relative who is a patient: "my mum is a patient on ward 7"
        if nearest(text, ms, &r, OWN_FAMILY, 25, 0).is_some() {
            continue;
        }
        // romance anywhere in the message makes the contact a dating one
        let rule = if any(DATING | DATING_FLAV) {
            "patient-dating"
        } else {
            "patient-contact-social"
        };
        let (s, e) = (m.start.min(r.start), m.end.max(r.end));
        hit(out, rule, s, e, None);
        return;
    }
}

/// A person named by where the writer met them, near the contact: "the dude
/// from bay 2", "the mum from the delivery", "a guy in resus". Returns the
/// span from the person to the place.
fn met_in_care(text: &str, ms: &[M], m: &M) -> Option<M> {
    ms.iter().enumerate().find_map(|(i, p)| {
        if !p.has(PERSON) || dist(p, m) > 100 {
            return None;
        }
        let (a, b) = if p.end <= m.start {
            (p.end, m.start)
        } else {
            (m.end, p.start)
        };
        if lexicon::crosses_sentence(text, a, b) {
            return None;
        }
        ms[i + 1..]
            .iter()
            .take_while(|q| q.start <= p.end + 40)
            .find(|q| q.has(PLACE) && !lexicon::crosses_sentence(text, p.end, q.start))
            .map(|q| M {
                start: p.start,
                end: q.end,
                mask: PT_REL,
            })
    })
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
    fn repeated_and_attached_emoji_still_count() {
        // the automaton's boundaries treat emoji bytes as word bytes
        assert!(rules("the 'migraine' is back 🙄🙄").contains(&"disrespect-derisive"));
        assert!(rules("the 'migraine' is back lol🙄").contains(&"disrespect-derisive"));
        assert!(rules("the 'migraine' is back").is_empty());
    }

    #[test]
    fn plural_groups_and_sweeping_grammar() {
        let g = |t: &str| {
            let mut ms = Vec::new();
            dicts().ac.scan_bounded(t, &mut ms);
            let m = *ms.iter().find(|m| m.has(GROUP)).expect("a group word");
            (
                plural_group_end(t, &m).is_some(),
                adjacent_generalisation(t, &ms, &m).is_some(),
            )
        };
        assert_eq!(g("somali families always complain"), (true, true));
        assert_eq!(g("welsh patients never say thanks"), (true, true));
        assert_eq!(g("the welsh guy in bed 3 always rings"), (false, false));
        assert_eq!(g("trans patients are just as likely"), (true, false));
        assert_eq!(g("muslim patients and their families"), (true, false));
    }

    #[test]
    fn plural_noun_shapes() {
        for w in ["builders", "nurses", "families", "regs"] {
            assert!(plural_noun_shape(w), "{w}");
        }
        for w in [
            "says", "always", "this", "class", "virus", "Builders", "boss",
        ] {
            assert!(!plural_noun_shape(w), "{w}");
        }
    }

    #[test]
    fn a_staff_group_is_not_one_colleague() {
        // a sweeping remark about a staff group is discriminatory at most,
        // never conflict with an identifiable colleague
        let r = rules("the locums on nights are useless");
        assert!(!r.contains(&"colleague-insult"), "{r:?}");
        let r = rules("the locum on nights is useless");
        assert!(r.contains(&"colleague-insult"), "{r:?}");
        // "@here" addresses nobody in particular
        assert!(rules("@here can we stop leaving cups in the sink, so lazy").is_empty());
    }

    #[test]
    fn pronoun_points_back_to_the_first_person() {
        // a patient first: disrespect; a colleague first: conflict
        let pt = rules("the lady in bed 4 threw her tea at the HCA, she's vile");
        assert!(pt.contains(&"disrespect-mockery"), "{pt:?}");
        assert!(!pt.contains(&"colleague-insult"), "{pt:?}");
        let coll = rules("Dr Amos ignored my bleep three times tonight, he's pathetic");
        assert!(coll.contains(&"colleague-insult"), "{coll:?}");
        assert!(!coll.contains(&"disrespect-mockery"), "{coll:?}");
        // abuse received from a patient is not the writer's disrespect
        assert!(rules("the man in bay 2 called me an idiot").is_empty());
    }

    #[test]
    fn surgeon_with_title_is_a_colleague() {
        let r = rules("Mr Harlow is useless in theatre, slowest hands on the rota");
        assert!(r.contains(&"colleague-insult"), "{r:?}");
        assert!(!r.contains(&"disrespect-mockery"), "{r:?}");
        let r = rules("Mr Harlow in bed 6 is useless at using his inhaler, bless him lol");
        assert!(!r.contains(&"colleague-insult"), "{r:?}");
    }

    /// `RISK_DEBUG='some text' cargo test -p caldicott-engine risk_debug -- --ignored --nocapture`
    /// prints every dictionary match with its sections and the rules fired.
    #[test]
    #[ignore]
    fn risk_debug() {
        let text = std::env::var("RISK_DEBUG").unwrap_or_default();
        for line in text.lines() {
            let mut ms = Vec::new();
            dicts().ac.scan_bounded(line, &mut ms);
            println!("== {line}");
            for m in &ms {
                let secs: Vec<&str> = DISC_SECTIONS
                    .iter()
                    .chain(risk_file_sections())
                    .filter(|(_, t)| m.has(*t))
                    .map(|(s, _)| *s)
                    .collect();
                println!("  {:?} {secs:?}", &line[m.start..m.end]);
            }
            println!("  -> {:?}", rules(line));
        }
    }

    #[test]
    fn prices_are_seen_next_to_digits() {
        assert!(has_price("only \u{a3}650 for the weekend"));
        assert!(has_price("$20 a month"));
        assert!(has_price("premium tier 9.99/mo"));
        assert!(has_price("\u{20ac}15 off"));
        assert!(!has_price("\u{a3} signs everywhere"));
        assert!(!has_price("bed 4/5 and 20 mg"));
    }

    #[test]
    fn ad_hashtags_are_an_interest() {
        assert!(ad_hashtag("new serum #ad"));
        assert!(ad_hashtag("#Sponsored: my favourite scrubs"));
        assert!(!ad_hashtag("#adhd awareness week"));
        assert!(!ad_hashtag("no tags here"));
        assert_eq!(
            rules("obsessed with this collagen, #ad, link in bio"),
            ["advert-offer"]
        );
    }

    #[test]
    fn bare_codes_need_capitals_and_digits() {
        assert_eq!(bare_code("use DRJ10 for 10% off"), Some((4, 9)));
        assert!(bare_code("enter FY1BOSS at the till").is_some());
        assert!(bare_code("use NICE NG51").is_none());
        assert!(bare_code("use 10ml of lidocaine").is_none());
        assert!(bare_code("reuse AB12 please").is_none());
        assert_eq!(
            rules("use DRJ10 for 15% off my anatomy flashcards"),
            ["advert-promo-code"]
        );
        assert!(rules("use CT2 criteria for the referral").is_empty());
    }

    #[test]
    fn owner_business_is_a_plain_noun_phrase() {
        assert!(plain_adjectives(" little aesthetics "));
        assert!(plain_adjectives(" "));
        assert!(!plain_adjectives(" patients at the "));
        assert!(!plain_adjectives(" one, two "));
        assert!(!plain_adjectives(" very very very big "));
        // "my" + business noun is an interest only with a push or a price
        assert_eq!(
            rules("my crypto company pays out monthly, ask me how"),
            ["advert-offer"]
        );
        assert!(rules("my crypto company is doing badly").is_empty());
        assert!(rules("my patients at the clinic, book in for a review").is_empty());
    }

    #[test]
    fn who_drinks_and_who_is_contacted() {
        // the subject before the state is the drinker, not a later helper
        assert_eq!(
            rules("I wrote the TTOs half cut, someone check them"),
            ["intoxication-self"]
        );
        // a patient next to the state is the drinker
        assert!(rules("the reg clerked a drunk pt on the ward").is_empty());
        // a medicine taken for a good reason is not intoxication
        assert!(rules("took some codeine for my back before clinic").is_empty());
        assert_eq!(
            rules("took a couple of my mate's codeine before clinic, feeling floaty"),
            ["intoxication-self"]
        );
        // a person met in a clinical place is a patient; elsewhere not
        assert_eq!(
            rules("the bloke from cubicle 5 added me on snapchat"),
            ["patient-contact-social"]
        );
        assert!(rules("the bloke from the gym added me on snapchat").is_empty());
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
