//! Detector `indirect`: indirect identification of a patient — no name or
//! number, but a combination of details that would let someone who knows the
//! patient (or reads the local news) recognise them.
//!
//! ```ignore
//! pub fn load(files: &[DictFile<'_>]) -> Result<IndirectDicts, crate::Error>;
//! pub fn detect(text: &str, ctx: &ChannelContext, dicts: &IndirectDicts, out: &mut Vec<Hit>);
//! ```
//!
//! Dictionary: `data/dict/indirect.txt` (sectioned, one section per cue
//! class). Rule id: `indirect-identification` in `rules/indirect.toml`.
//!
//! # The model
//!
//! A message is reported when it has
//! 1. a **distinctive detail**: a public profile (celebrity, sport at a high
//!    level, an advert, known from a platform: "the TikTok guy", "the lady
//!    off YouTube"), being in the news (or a lottery or contest winner: "the
//!    bloke who won ..."), one of the team's own or their family ("the
//!    reg's dad"), a rare condition or record, an extreme age, a public or
//!    community role (MP, vicar, headteacher, "the lady who runs the
//!    chippy", "the local plumber"), an ordinary job (but a job word right
//!    after a title is a surname: "Mr Bishop", "mrs baker"), a striking
//!    event (crash, fire, stabbing; weightier as a known event: "the crash
//!    on the M6"), an exact age, build, or nationality / language;
//! 2. an **anchor**: a clinical place (bay, ward, resus), a named place (town,
//!    island, hospital, street, named school or club), a local venue ("the
//!    cathedral", "the high street"), a time, or an admission ("came in",
//!    "on my list");
//! 3. a **reference to a real current patient**: patient or illness words,
//!    an admission, a team caring for someone ("plastics are seeing him"),
//!    someone located in a clinical place ("in bay 4", "she's on the
//!    stroke ward", or a job or role right before the place with a stay
//!    cue: "the councillor on our ward since Monday"; not a visit: "the
//!    photographer on our ward today", "is the mayor on the ward?"), an age;
//!    not a teaching case or hypothetical (unless anchored in a real place or
//!    time), not the writer ("I'm 45");
//!
//! and the evidence adds up: each kind of detail and anchor has a weight
//! (public profile and one of our own 6; news, rare condition and an age of
//! 100+ 5; public role 4; job, known event and an age of 95+ or under a
//! year 3; age, build, event and "the only patient with" 2; nationality or
//! language 1; a relative's job one less than the patient's own; named
//! place 3, clinical place or local venue 2, time 2), and a uniqueness
//! marker ("the only", "everyone knows him", "keep it quiet", "guess who")
//! adds 4. A total of 6 or more is reported. So "45yo teacher in bay 4
//! since last night" (age 2 + job 3 + place 2 + time 2) is, and "the bus
//! driver in bay 2" (5) or "RTC in resus" (4) are not. Several ages in one
//! message are a handover list, not one patient, so each weighs 1.
//!
//! The hit covers the weightiest detail (masked as `[identifying detail]`),
//! and `detail` names the parts that combined, e.g.
//! `place+time+occupation+age`, never the text.

use super::names::lexicon::{self, M, Tagged, Tags};
use super::{DictFile, Hit};
use crate::ChannelContext;
use std::collections::HashSet;

const PLACE: Tags = 1;
const HOSPITAL: Tags = 1 << 1;
const TOWN: Tags = 1 << 2;
const TOWN_CASED: Tags = 1 << 3;
const LANDMARK: Tags = 1 << 4;
const STREET: Tags = 1 << 5;
const INSTITUTION: Tags = 1 << 6;
const TIME: Tags = 1 << 7;
const OCC: Tags = 1 << 8;
const ROLE: Tags = 1 << 9;
const LOCAL: Tags = 1 << 10;
const CELEB: Tags = 1 << 11;
const NEWS: Tags = 1 << 12;
const RARE: Tags = 1 << 13;
const EVENT: Tags = 1 << 14;
const SHADOW: Tags = 1 << 15;
const TEACH: Tags = 1 << 16;
const SELF: Tags = 1 << 17;
const PATIENT: Tags = 1 << 18;
const ADMIT: Tags = 1 << 19;
const STAFF_LINK: Tags = 1 << 20;
const STAFF_WORD: Tags = 1 << 21;
const RELATION: Tags = 1 << 22;
const NOT_PLACE: Tags = 1 << 23;
const UNIQUE: Tags = 1 << 24;
const NATIONALITY: Tags = 1 << 25;
const ONE_OF: Tags = 1 << 26;
const BUSINESS: Tags = 1 << 27;
const STAFF_JOB: Tags = 1 << 28;
const AREA: Tags = 1 << 29;
const WINNER: Tags = 1 << 30;
const PLATFORM: Tags = 1 << 31;
const CARE: Tags = 1 << 32;
const TEAM: Tags = 1 << 33;

const SECTIONS: [(&str, Tags); 34] = [
    ("place", PLACE),
    ("hospital", HOSPITAL),
    ("town", TOWN),
    ("town_cased", TOWN_CASED),
    ("landmark", LANDMARK),
    ("street", STREET),
    ("institution", INSTITUTION),
    ("time", TIME),
    ("occupation", OCC),
    ("role", ROLE),
    ("local", LOCAL),
    ("celebrity", CELEB),
    ("news", NEWS),
    ("rare", RARE),
    ("event", EVENT),
    ("shadow", SHADOW),
    ("teaching", TEACH),
    ("self", SELF),
    ("patient", PATIENT),
    ("admit", ADMIT),
    ("staff_link", STAFF_LINK),
    ("staff_word", STAFF_WORD),
    ("relation", RELATION),
    ("not_place", NOT_PLACE),
    ("unique", UNIQUE),
    ("nationality", NATIONALITY),
    ("one_of", ONE_OF),
    ("business", BUSINESS),
    ("staff_job", STAFF_JOB),
    ("area", AREA),
    ("winner", WINNER),
    ("platform", PLATFORM),
    ("care", CARE),
    ("team", TEAM),
];

/// Words that may carry a distinctive detail: a message with none of them
/// (and no digit, for ages) skips the full scan.
const DETAIL_TRIGGERS: Tags = UNIQUE
    | OCC
    | ROLE
    | CELEB
    | NEWS
    | RARE
    | EVENT
    | STAFF_LINK
    | RELATION
    | NATIONALITY
    | ONE_OF
    | BUSINESS
    | STAFF_JOB
    | WINNER
    | PLATFORM;

/// Evidence needed for a report (sum of the weights in the module doc).
const THRESHOLD: u8 = 6;
/// Weight of a uniqueness marker ("the only", "everyone knows him").
const UNIQUE_WEIGHT: u8 = 4;

/// Rule ids this detector emits (must exist in `rules/indirect.toml`).
pub const RULES: [&str; 1] = ["indirect-identification"];

/// Dictionaries for the `indirect` detector, built once.
#[derive(Debug, Clone, Default)]
pub struct IndirectDicts {
    ac: Tagged,
    detail_gate: Tagged,
    given: HashSet<String>,
    /// Single-word jobs and roles, for plurals after "one of the".
    jobs: HashSet<String>,
}

/// Load this detector's dictionaries from `data/dict/` files.
pub fn load(files: &[DictFile<'_>]) -> Result<IndirectDicts, crate::Error> {
    let names: Vec<&str> = SECTIONS.iter().map(|(s, _)| *s).collect();
    let map = lexicon::parse_sections(
        "indirect.txt",
        lexicon::file(files, "indirect.txt")?,
        &names,
    )?;
    let given = lexicon::parse_list("given-names.txt", lexicon::file(files, "given-names.txt")?)?
        .into_iter()
        .collect();
    let jobs = ["occupation", "role", "staff_job"]
        .iter()
        .flat_map(|s| map.get(*s).into_iter().flatten())
        .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .cloned()
        .collect();
    let entries = lexicon::entries(&map, &SECTIONS);
    // the gate only needs the words that can carry a detail
    let triggers: Vec<(String, Tags)> = entries
        .iter()
        .filter(|(_, t)| t & DETAIL_TRIGGERS != 0)
        .cloned()
        .collect();
    Ok(IndirectDicts {
        ac: Tagged::build(entries),
        detail_gate: Tagged::build_gated(triggers, DETAIL_TRIGGERS),
        given,
        jobs,
    })
}

/// Kinds of distinctive detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Identity,
    Age,
    Build,
    Event,
    Occupation,
    Role,
    Rare,
    ExtremeAge,
    News,
    Celebrity,
    StaffLink,
    Singled,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Identity => "nationality or language",
            Kind::Age => "age",
            Kind::Build => "build",
            Kind::Event => "event",
            Kind::Occupation => "occupation",
            Kind::Role => "public role",
            Kind::Rare => "rare condition",
            Kind::ExtremeAge => "extreme age",
            Kind::News => "in the news",
            Kind::Celebrity => "public profile",
            Kind::StaffLink => "one of the team's own",
            Kind::Singled => "the only one",
        }
    }

    fn weight(self) -> u8 {
        match self {
            Kind::Identity => 1,
            Kind::Age | Kind::Build | Kind::Event | Kind::Singled => 2,
            Kind::Occupation => 3,
            Kind::Role => 4,
            Kind::Rare | Kind::ExtremeAge | Kind::News => 5,
            Kind::Celebrity | Kind::StaffLink => 6,
        }
    }
}

/// One distinctive detail: kind, weight and normalised-text span.
#[derive(Debug, Clone, Copy)]
struct Detail {
    kind: Kind,
    weight: u8,
    start: usize,
    end: usize,
}

#[derive(Debug, Default)]
struct Parts {
    clinical_place: bool,
    named_place: bool,
    venue: bool,
    time: bool,
    /// patient or illness words
    patient: bool,
    /// someone came to us / is under our care
    admit: bool,
    /// "in bay 4", "on ward 10", "to ITU": someone is in a clinical place
    located: bool,
    teaching: bool,
    unique: bool,
    details: Vec<Detail>,
}

impl Parts {
    fn add(&mut self, kind: Kind, start: usize, end: usize) {
        self.add_weighted(kind, kind.weight(), start, end);
    }

    fn add_weighted(&mut self, kind: Kind, weight: u8, start: usize, end: usize) {
        self.details.push(Detail {
            kind,
            weight,
            start,
            end,
        });
    }
}

#[inline]
fn is_upper_at(text: &str, pos: usize) -> bool {
    text.as_bytes()
        .get(pos)
        .is_some_and(|b| b.is_ascii_uppercase())
}

/// The word right before `pos` (only spaces between), case-insensitively
/// one of `words`.
fn prev_word_is(text: &str, pos: usize, words: &[&str]) -> Option<usize> {
    let (s, e) = lexicon::prev_word(text, pos)?;
    let w = &text[s..e];
    words.iter().any(|x| w.eq_ignore_ascii_case(x)).then_some(s)
}

/// "in bay 4", "to the ITU", "in our CCU": a place preposition up to three
/// words before the place. With `copula`, the preposition must follow "is",
/// "was", "now"... ("is on Ash ward", "was in urology clinic"): staff and
/// visitors are on a ward too.
fn located_before(text: &str, mut pos: usize, copula: bool) -> bool {
    const PREP: [&str; 7] = ["in", "on", "into", "onto", "to", "at", "from"];
    const COPULA: [&str; 16] = [
        "is",
        "are",
        "was",
        "were",
        "now",
        "been",
        "still",
        "back",
        "who's",
        "he's",
        "she's",
        "they're",
        "who\u{2019}s",
        "he\u{2019}s",
        "she\u{2019}s",
        "they\u{2019}re",
    ];
    for _ in 0..3 {
        let Some((s, e)) = lexicon::prev_word(text, pos) else {
            return false;
        };
        if PREP.iter().any(|x| text[s..e].eq_ignore_ascii_case(x)) {
            return !copula || prev_word_is(text, s, &COPULA).is_some();
        }
        pos = s;
    }
    false
}

/// "the councillor on our ward", "a chef in the unit": a job, role or public
/// figure right before a place preposition is a person lying there (staff
/// jobs are a separate class and do not count).
fn detail_located(text: &str, pos: usize, ms: &[M]) -> bool {
    const PREP: [&str; 3] = ["in", "on", "at"];
    let mut pos = pos;
    for _ in 0..3 {
        let Some((s, e)) = lexicon::prev_word(text, pos) else {
            return false;
        };
        if PREP.iter().any(|x| text[s..e].eq_ignore_ascii_case(x)) {
            return ms.iter().any(|x| {
                x.has(OCC | ROLE | CELEB | NEWS | RARE | PLATFORM)
                    && !x.has(STAFF_JOB | STAFF_WORD)
                    && lexicon::tight(text, x.end, s)
                    && !asks_presence(text, x.start)
            });
        }
        pos = s;
    }
    false
}

/// "on our ward since Monday", "in the unit with a broken hip": a few words
/// after a place that say someone is staying there as a patient (a visitor
/// or a tradesman is there "today", "for the newsletter", "fixing ...").
fn stay_after(text: &str, end: usize) -> bool {
    const STAY: [&str; 8] = [
        "since",
        "with",
        "again",
        "overnight",
        "after",
        "following",
        "admitted",
        "post-op",
    ];
    let mut stop = (end + 48).min(text.len());
    while !text.is_char_boundary(stop) {
        stop -= 1;
    }
    let tail = &text[end..stop];
    let clause = tail
        .find(['.', ',', ';', '!', '?', '\n'])
        .map_or(tail, |i| &tail[..i]);
    clause
        .split_ascii_whitespace()
        .take(4)
        .any(|w| STAY.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// "is the councillor on the ward today?": a question whether someone is
/// present (a visitor, a speaker) puts the verb before the person.
fn asks_presence(text: &str, pos: usize) -> bool {
    let mut pos = pos;
    if let Some(s) = prev_word_is(text, pos, &["the", "a", "an", "our", "that", "your"]) {
        pos = s;
    }
    prev_word_is(text, pos, &["is", "are", "was", "were"]).is_some()
}

/// "Mr Bishop", "mrs baker", "Dr. Cook": a job word right after a title is
/// a surname, not a detail.
fn after_title(text: &str, pos: usize) -> bool {
    [
        "mr ", "mrs ", "ms ", "miss ", "mx ", "dr ", "mr. ", "mrs. ", "ms. ", "dr. ",
    ]
    .iter()
    .any(|t| {
        ends_with_ci(text, pos, t)
            && (pos == t.len() || !lexicon::is_word_byte(text.as_bytes()[pos - t.len() - 1]))
    })
}

/// Words for a person right after a platform ("the TikTok guy", "a YouTube
/// mum", "Insta-famous").
const PLATFORM_PERSON: [&str; 22] = [
    "guy",
    "guys",
    "lady",
    "man",
    "woman",
    "girl",
    "boy",
    "bloke",
    "lad",
    "fella",
    "star",
    "famous",
    "personality",
    "sensation",
    "celeb",
    "celebrity",
    "mum",
    "dad",
    "gran",
    "granny",
    "couple",
    "family",
];

/// "the TikTok guy", "that YouTube mum", "Insta-famous", "the TikTok
/// dancer", "the Instagram fitness girl", "the lady off Instagram":
/// someone known from a public platform.
fn platform_person(text: &str, m: &M, ms: &[M], jobs: &HashSet<String>) -> bool {
    let b = text.as_bytes();
    // "the TikTok dancer", "the Instagram fitness girl": a person or a job
    // in the next two words
    let mut pos = m.end;
    for _ in 0..2 {
        if !matches!(b.get(pos), Some(b' ' | b'-')) {
            break;
        }
        let Some((s, e)) = lexicon::word_at(text, pos + 1) else {
            break;
        };
        let w = &text[s..e];
        if PLATFORM_PERSON.iter().any(|x| w.eq_ignore_ascii_case(x))
            || (w.len() <= 24 && job_word(w, jobs))
        {
            return true;
        }
        pos = e;
    }
    let Some(s) = prev_word_is(text, m.start, &["from", "off"]) else {
        return false;
    };
    ms.iter()
        .any(|x| x.has(PATIENT) && x.end <= s && lexicon::tight(text, x.end, s))
}

/// A single-word job, looked up without allocating for lower-case words.
fn job_word(w: &str, jobs: &HashSet<String>) -> bool {
    if w.bytes().any(|b| b.is_ascii_uppercase()) {
        jobs.contains(w.to_ascii_lowercase().as_str())
    } else {
        jobs.contains(w)
    }
}

/// "the lady who won ...", "a bloke that won ...": a person who won
/// something (a lottery, a contest) is someone people have heard of.
fn person_won(text: &str, m: &M, ms: &[M]) -> bool {
    ms.iter()
        .any(|x| x.has(PATIENT) && x.end <= m.start && lexicon::tight(text, x.end, m.start))
}

/// "bay 4", "bed 12", "side room 3", "bay B": a numbered clinical place is
/// where one patient lies.
fn numbered_after(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    let mut i = end;
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    match b.get(i) {
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if c.is_ascii_uppercase() => {
            b.get(i + 1).is_none_or(|n| !lexicon::is_word_byte(*n))
        }
        _ => false,
    }
}

/// "the"/"that"/"this" within three words before `pos` in the same clause:
/// a known, particular event ("the M62 crash", "that stabbing").
fn determiner_before(text: &str, mut pos: usize) -> bool {
    for _ in 0..3 {
        let Some((s, e)) = lexicon::prev_word(text, pos) else {
            return false;
        };
        let w = &text[s..e];
        if ["the", "that", "this"]
            .iter()
            .any(|d| w.eq_ignore_ascii_case(d))
        {
            return true;
        }
        pos = s;
    }
    false
}

/// The word before `pos` is a Title-case word (not a determiner or a generic
/// qualifier): "Market Street", "Oakfield Primary", "Dundee United".
fn titled_name_before(text: &str, pos: usize) -> bool {
    let Some((s, e)) = lexicon::prev_word(text, pos) else {
        return false;
    };
    let w = &text[s..e];
    w.chars().count() >= 3
        && lexicon::shape(w) == lexicon::Shape::Title
        && !matches!(
            w,
            "The"
                | "Our"
                | "This"
                | "That"
                | "Royal"
                | "Medical"
                | "Nursing"
                | "Primary"
                | "High"
                | "Secondary"
                | "Sixth"
                | "Teaching"
                | "Private"
                | "Local"
                | "Village"
                | "Sunday"
                | "Main"
        )
}

/// A staff possessive right before `pos`: "the reg's", "sister's",
/// "Dr Hughes's", "consultants'".
fn staff_possessive_before(text: &str, pos: usize, ms: &[M]) -> bool {
    let Some((s, e)) = lexicon::prev_word(text, pos) else {
        return false;
    };
    let w = &text[s..e];
    let possessive = w.ends_with("'s") || w.ends_with("\u{2019}s") || w.ends_with("s'");
    if !possessive {
        return false;
    }
    if ms
        .iter()
        .any(|m| m.has(STAFF_WORD) && m.start < e && s < m.end)
    {
        return true;
    }
    let base = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
    lexicon::shape(base) == lexicon::Shape::Title
        && prev_word_is(
            text,
            s,
            &[
                "dr",
                "dr.",
                "doctor",
                "sister",
                "nurse",
                "prof",
                "professor",
                "matron",
            ],
        )
        .is_some()
}

/// Append hits (normalised-text byte offsets) to `out`.
pub fn detect(text: &str, ctx: &ChannelContext, dicts: &IndirectDicts, out: &mut Vec<Hit>) {
    let _ = ctx;
    // a distinctive detail is a dictionary word or a number (age, height):
    // without either there is nothing to combine
    if !text.bytes().any(|b| b.is_ascii_digit()) && !dicts.detail_gate.gate_open(text) {
        return;
    }
    let mut ms: Vec<M> = Vec::new();
    dicts.ac.scan_bounded(text, &mut ms);
    let mut p = Parts::default();
    let self_near = |pos: usize| {
        ms.iter()
            .any(|s| s.has(SELF) && s.end <= pos && pos - s.end <= 12)
    };
    for m in &ms {
        if m.has(SHADOW) {
            continue;
        }
        classify_anchor(text, m, &ms, &mut p);
        if let Some((kind, weight)) = detail_kind(text, m, &ms, dicts) {
            if matches!(kind, Kind::Occupation | Kind::Role | Kind::StaffLink) && self_near(m.start)
            {
                continue;
            }
            let (mut s, e) = if m.has(ONE_OF) {
                lexicon::next_word(text, m.end).unwrap_or((m.start, m.end))
            } else {
                (m.start, m.end)
            };
            // report the detail, not its article ("the [identifying detail]")
            if e - s > 4 && text.as_bytes()[s..s + 4].eq_ignore_ascii_case(b"the ") {
                s += 4;
            }
            // "her son is a footballer": a relative's job says less than the
            // patient's own
            let weight = if matches!(kind, Kind::Occupation | Kind::Role)
                && ms
                    .iter()
                    .any(|r| r.has(RELATION) && r.end <= m.start && m.start - r.end <= 10)
            {
                weight - 1
            } else {
                weight
            };
            p.add_weighted(kind, weight, s, e);
        }
    }
    scan_numbers(text, &mut p, &self_near);
    if p.details.is_empty() {
        return;
    }
    scan_named_places(text, &mut p);
    if !p.named_place {
        p.named_place = place_after_preposition(text, &ms, dicts);
    }
    decide(text, &mut p, out);
}

/// Anchors and patient references of one dictionary match.
fn classify_anchor(text: &str, m: &M, ms: &[M], p: &mut Parts) {
    if m.has(PLACE | AREA) {
        p.clinical_place = true;
        p.located |= numbered_after(text, m.end)
            || located_before(text, m.start, !m.has(PLACE))
            || (detail_located(text, m.start, ms) && stay_after(text, m.end));
    }
    // "plastics are seeing him tomorrow", "the reg operated on her": a team
    // caring for someone makes them a current patient
    if m.has(CARE) {
        p.admit |= ms.iter().any(|x| {
            x.has(TEAM | STAFF_WORD | STAFF_JOB)
                && x.end <= m.start
                && m.start - x.end <= 32
                && !lexicon::crosses_sentence(text, x.end, m.start)
        });
    }
    if m.has(HOSPITAL | TOWN) {
        p.named_place = true;
        p.located |= m.has(HOSPITAL) && located_before(text, m.start, true);
    }
    if m.has(TOWN_CASED) && is_upper_at(text, m.start) && !lexicon::sentence_start(text, m.start) {
        p.named_place = true;
    }
    if m.has(LANDMARK | BUSINESS) {
        p.venue = true;
    }
    if m.has(STREET | INSTITUTION) && (is_upper_at(text, m.start)) {
        let lower = text[m.start..m.end].to_ascii_lowercase();
        if lower == "hmp" || lower == "hmyoi" {
            p.named_place |= lexicon::next_word(text, m.end)
                .is_some_and(|(s, e)| lexicon::shape(&text[s..e]) == lexicon::Shape::Title);
        } else if titled_name_before(text, m.start) {
            p.named_place = true;
        }
    }
    p.time |= m.has(TIME);
    p.patient |= m.has(PATIENT);
    p.admit |= m.has(ADMIT);
    p.teaching |= m.has(TEACH);
    p.unique |= m.has(UNIQUE);
}

/// The kind and weight of distinctive detail a dictionary match carries.
fn detail_kind(text: &str, m: &M, ms: &[M], dicts: &IndirectDicts) -> Option<(Kind, u8)> {
    if after_title(text, m.start) {
        return None;
    }
    let kind = if m.has(STAFF_LINK) {
        Kind::StaffLink
    } else if m.has(CELEB) {
        // "famous" describes a person only when one follows ("that famous
        // author"); "the ward's famous chocolate cake" is not a celebrity
        let phrase = &text[m.start..m.end];
        let bare_famous = ["famous", "the famous", "a famous"]
            .iter()
            .any(|f| phrase.eq_ignore_ascii_case(f));
        if bare_famous
            && !ms.iter().any(|x| {
                x.has(PATIENT | OCC | ROLE | STAFF_JOB) && x.start >= m.end && x.start - m.end <= 20
            })
        {
            return None;
        }
        Kind::Celebrity
    } else if m.has(NEWS) {
        Kind::News
    } else if m.has(RARE) {
        Kind::Rare
    } else if m.has(ROLE) {
        if business_object_is_work(text, m, ms) {
            return None;
        }
        Kind::Role
    } else if m.has(OCC) {
        // "the local plumber", "the village postie": a community figure
        if local_near(m, ms) {
            Kind::Role
        } else {
            Kind::Occupation
        }
    } else if m.has(EVENT) {
        let phrase = &text[m.start..m.end];
        let known = determiner_before(text, m.start)
            || phrase
                .as_bytes()
                .windows(5)
                .any(|w| w.eq_ignore_ascii_case(b" the "))
            || phrase.len() >= 4 && phrase[..4].eq_ignore_ascii_case("the ");
        return Some((Kind::Event, if known { 3 } else { 2 }));
    } else if m.has(RELATION) {
        if !staff_possessive_before(text, m.start, ms) && !staff_after_of(text, m, ms) {
            return None;
        }
        Kind::StaffLink
    } else if m.has(UNIQUE) {
        if !unique_person(text, m, ms) {
            return None;
        }
        Kind::Singled
    } else if m.has(ONE_OF) {
        // "one of the paramedics": a plural job
        let (s, e) = lexicon::next_word(text, m.end)?;
        let w = text[s..e].to_ascii_lowercase();
        let single = w.strip_suffix('s')?;
        if !dicts.jobs.contains(single) {
            return None;
        }
        Kind::Occupation
    } else if m.has(BUSINESS) {
        // "the bloke from the chippy": someone who works at a local business
        let (s, _) = lexicon::prev_word(text, m.start)?;
        if !text[s..m.start].trim_end().eq_ignore_ascii_case("from") {
            return None;
        }
        let person = ms
            .iter()
            .any(|x| x.has(PATIENT) && x.end <= s && s - x.end <= 2);
        if !person {
            return None;
        }
        Kind::Role
    } else if m.has(STAFF_JOB) {
        // "the local GP", "a retired nurse": usually staff otherwise
        if local_near(m, ms) {
            Kind::Role
        } else if prev_word_is(text, m.start, &["retired", "ex", "former"]).is_some() {
            Kind::Occupation
        } else if colleague_had_event(text, m, ms) {
            Kind::StaffLink
        } else if serves_a_town(&text[m.start..m.end]) && from_named_place(text, m.end, ms) {
            // "the GP from Tregaron": the town's own doctor or nurse (a
            // hospital consultant "from Swansea" is only where they trained)
            Kind::Role
        } else {
            return None;
        }
    } else if m.has(NATIONALITY) {
        Kind::Identity
    } else if m.has(PLATFORM) {
        if !platform_person(text, m, ms, &dicts.jobs) {
            return None;
        }
        Kind::Celebrity
    } else if m.has(WINNER) {
        if !person_won(text, m, ms) {
            return None;
        }
        Kind::News
    } else {
        return None;
    };
    Some((kind, kind.weight()))
}

/// "the sister of our charge nurse", "son of one of the porters": a
/// relative of a member of staff.
fn staff_after_of(text: &str, m: &M, ms: &[M]) -> bool {
    if !text[m.end..].starts_with(" of ") {
        return false;
    }
    let from = m.end + 4;
    ms.iter().any(|x| {
        x.has(STAFF_WORD | STAFF_JOB)
            && x.start >= from
            && x.start - from <= 24
            && !lexicon::crosses_sentence(text, from, x.start)
            && !text.as_bytes()[from..x.start].contains(&b',')
    })
}

/// "the only person on Orkney with ...", "our only patient with ...": the
/// writer singles out one patient by what sets them apart.
fn unique_person(text: &str, m: &M, ms: &[M]) -> bool {
    let phrase = &text[m.start..m.end];
    if !(phrase.eq_ignore_ascii_case("the only") || phrase.eq_ignore_ascii_case("our only")) {
        return false;
    }
    let Some(person) = ms
        .iter()
        .find(|x| x.has(PATIENT) && x.start > m.end && x.start - m.end <= 24)
    else {
        return false;
    };
    let tail_end = (person.end + 48).min(text.len());
    let mut tail_end_ok = tail_end;
    while !text.is_char_boundary(tail_end_ok) {
        tail_end_ok -= 1;
    }
    let tail = &text.as_bytes()[person.end..tail_end_ok];
    tail.windows(6).any(|w| w.eq_ignore_ascii_case(b" with "))
}

/// "the nurse from ward 7 who was hit by a car", "the porter who got
/// stabbed": a colleague who is the subject of an event has become a
/// patient.
fn colleague_had_event(text: &str, m: &M, ms: &[M]) -> bool {
    let b = text.as_bytes();
    let window_end = (m.end + 40).min(b.len());
    let Some(off) = b[m.end..window_end]
        .windows(5)
        .position(|w| w.eq_ignore_ascii_case(b" who "))
    else {
        return false;
    };
    let mut pos = m.end + off + 5;
    if lexicon::crosses_sentence(text, m.end, pos) {
        return false;
    }
    for aux in ["has been ", "was ", "got ", "had ", "been "] {
        if b.len() >= pos + aux.len()
            && b[pos..pos + aux.len()].eq_ignore_ascii_case(aux.as_bytes())
        {
            pos += aux.len();
            break;
        }
    }
    for art in ["a ", "an "] {
        if b.len() >= pos + art.len()
            && b[pos..pos + art.len()].eq_ignore_ascii_case(art.as_bytes())
        {
            pos += art.len();
            break;
        }
    }
    ms.iter()
        .any(|e| e.has(EVENT) && e.start >= pos && e.start - pos <= 12)
}

/// Community clinicians a whole town knows.
fn serves_a_town(job: &str) -> bool {
    let job = job.strip_prefix("the ").unwrap_or(job);
    [
        "gp",
        "pharmacist",
        "district nurse",
        "practice nurse",
        "community nurse",
        "health visitor",
        "community midwife",
    ]
    .iter()
    .any(|x| job.eq_ignore_ascii_case(x))
}

/// "from Tregaron", "from the Tenby practice": a named place right after a
/// job.
fn from_named_place(text: &str, end: usize, ms: &[M]) -> bool {
    if !text[end..].starts_with(" from ") {
        return false;
    }
    let mut pos = end + 6;
    if text[pos..].len() >= 4 && text[pos..pos + 4].eq_ignore_ascii_case("the ") {
        pos += 4;
    }
    if ms.iter().any(|x| x.start == pos && x.has(TOWN | HOSPITAL)) {
        return true;
    }
    lexicon::word_at(text, pos).is_some_and(|(s, e)| {
        lexicon::shape(&text[s..e]) == lexicon::Shape::Title
            && e - s >= 3
            && !ms.iter().any(|x| x.start <= s && s < x.end)
    })
}

/// "the local plumber", "the butcher from the village": a community marker
/// just before or just after a job.
fn local_near(m: &M, ms: &[M]) -> bool {
    ms.iter().any(|l| {
        l.has(LOCAL)
            && ((l.end <= m.start && m.start - l.end <= 12)
                || (l.start >= m.end && l.start - m.end <= 2))
    })
}

/// "who runs the rota", "owns the list": running a piece of hospital work is
/// staff talk, not a community role.
fn business_object_is_work(text: &str, m: &M, ms: &[M]) -> bool {
    let phrase = &text[m.start..m.end];
    let ends_the = phrase.len() >= 4 && phrase[phrase.len() - 4..].eq_ignore_ascii_case(" the");
    if !ends_the {
        return false;
    }
    if ms
        .iter()
        .any(|x| x.has(PLACE | AREA) && x.start == m.end + 1)
    {
        return true;
    }
    lexicon::next_word(text, m.end).is_some_and(|(s, e)| {
        let w = &text[s..e];
        [
            "rota",
            "rotas",
            "list",
            "team",
            "service",
            "services",
            "department",
            "clinic",
            "course",
            "teaching",
            "session",
            "sessions",
            "meeting",
            "meetings",
            "audit",
            "group",
            "chat",
            "show",
            "ward",
            "unit",
            "bleep",
            "mess",
            "committee",
            "programme",
        ]
        .iter()
        .any(|x| w.eq_ignore_ascii_case(x))
    })
}

/// Weigh the evidence and report the message when it identifies a patient.
fn decide(text: &str, p: &mut Parts, out: &mut Vec<Hit>) {
    // several ages are a handover or a list of patients, not one person
    let ages = p.details.iter().filter(|d| d.kind == Kind::Age).count();
    if ages >= 2 {
        for d in p.details.iter_mut().filter(|d| d.kind == Kind::Age) {
            d.weight = 1;
        }
    }
    // a titled name with only an age is direct identification (reported by
    // the names detector), not indirect
    if p.details.iter().all(|d| d.kind == Kind::Age) && has_title_name(text) {
        return;
    }
    // a teaching case, hypothetical or article counts only when the message
    // also says a real patient came to us ("came in", "we've got")
    if p.teaching && !p.admit {
        return;
    }
    // an event next to a named place is a particular event ("a crash in Derby")
    if p.named_place {
        for d in p.details.iter_mut().filter(|d| d.kind == Kind::Event) {
            d.weight = d.weight.max(3);
        }
    }
    let strict_ref = p.admit || p.located;
    // one of the team's own is talked about as a patient only when they are
    // somewhere as one ("is in bay 4", "came in"); "our ward manager is off"
    // is rota talk
    if p.details.iter().all(|d| d.kind == Kind::StaffLink) && !strict_ref {
        return;
    }
    let reference = strict_ref
        || p.patient
        || p.details.iter().any(|d| {
            matches!(
                d.kind,
                Kind::Age | Kind::Rare | Kind::ExtremeAge | Kind::Build
            )
        });
    let anchor = p.clinical_place || p.named_place || p.venue || p.time || p.admit;
    if !reference || !anchor {
        return;
    }
    // kinds present, each with its best weight
    let mut best: [u8; 12] = [0; 12];
    for d in &p.details {
        let i = d.kind as usize;
        best[i] = best[i].max(d.weight);
    }
    let details: u8 = best.iter().sum();
    let place = if p.named_place {
        3
    } else if p.clinical_place || p.venue {
        2
    } else {
        0
    };
    let score =
        details + place + if p.time { 2 } else { 0 } + if p.unique { UNIQUE_WEIGHT } else { 0 };
    if score < THRESHOLD {
        return;
    }
    let top = p
        .details
        .iter()
        .copied()
        .max_by(|a, b| a.weight.cmp(&b.weight).then(b.start.cmp(&a.start)))
        .expect("details not empty");
    let mut parts: Vec<&str> = Vec::new();
    if p.named_place {
        parts.push("named place");
    } else if p.clinical_place {
        parts.push("place");
    } else if p.venue {
        parts.push("local venue");
    }
    if p.time {
        parts.push("time");
    }
    if p.unique {
        parts.push("uniqueness marker");
    }
    let mut kinds: Vec<(u8, Kind)> = (0..best.len())
        .filter(|&i| best[i] > 0)
        .map(|i| {
            let k = p
                .details
                .iter()
                .find(|d| d.kind as usize == i)
                .expect("kind present")
                .kind;
            (best[i], k)
        })
        .collect();
    kinds.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for (_, k) in kinds {
        parts.push(k.name());
    }
    out.push(Hit {
        rule: "indirect-identification",
        start: top.start,
        end: top.end,
        detail: Some(parts.join("+")),
    });
}

/// Whether `text[..pos]` ends with `suffix`, ASCII case-insensitively.
#[inline]
fn ends_with_ci(text: &str, pos: usize, suffix: &str) -> bool {
    let b = &text.as_bytes()[..pos];
    b.len() >= suffix.len() && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

const AGE_UNITS: [&str; 22] = [
    "yo",
    "y/o",
    "y.o",
    "yr old",
    "yrs old",
    "year old",
    "years old",
    "year-old",
    "years-old",
    "yr-old",
    "yrs",
    "yr ",
    "day old",
    "days old",
    "week old",
    "weeks old",
    "month old",
    "months old",
    "day-old",
    "week-old",
    "month-old",
    "yoa",
];

/// Ages ("45yo", "45 y/o", "45-year-old", "45M", "aged 45", "only 19 and",
/// ", 82," after a description, "3 week old"), build ("6ft7", "6'8\"",
/// "28 stone"), dates ("12/03/2024", "12/3"), clock times ("3am", "14:30")
/// and roads ("the M6", "the A34").
fn scan_numbers(text: &str, p: &mut Parts, self_near: &dyn Fn(usize) -> bool) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric())) {
            // roads: M6 / A34 after "the"
            if (b[i] == b'M' || b[i] == b'A')
                && (i == 0 || !lexicon::is_word_byte(b[i - 1]))
                && b.get(i + 1).is_some_and(|c| c.is_ascii_digit())
            {
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_digit() && j - i <= 3 {
                    j += 1;
                }
                let bounded = j == b.len() || !lexicon::is_word_byte(b[j]);
                if bounded
                    && ends_with_ci(text, i, "the ")
                    && j - i <= 4
                    && !text[j..].starts_with(" paper")
                {
                    p.named_place = true;
                }
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &text[start..i];
        let n: u32 = if digits.len() <= 3 {
            digits.parse().unwrap_or(999)
        } else {
            999
        };
        let rest = &text[i..];
        let mut buf = [0u8; 16];
        let n_buf = rest.len().min(16);
        buf[..n_buf].copy_from_slice(&rest.as_bytes()[..n_buf]);
        buf[..n_buf].make_ascii_lowercase();
        let lower: &[u8] = &buf[..n_buf];
        let starts = |s: &str| lower.starts_with(s.as_bytes());
        // clock times
        if n <= 12 && (starts("am") || starts("pm")) {
            let after = i + 2;
            if after >= b.len() || !lexicon::is_word_byte(b[after]) {
                p.time = true;
                continue;
            }
        }
        if n <= 23 && rest.len() >= 3 && rest.as_bytes()[0] == b':' {
            let mm = &rest.as_bytes()[1..3];
            if mm.iter().all(|c| c.is_ascii_digit())
                && rest.as_bytes().get(3).is_none_or(|c| !c.is_ascii_digit())
            {
                p.time = true;
                i += 3;
                continue;
            }
        }
        // dates dd/mm or dd/mm/yy(yy)
        if (1..=31).contains(&n)
            && let Some(r) = rest.strip_prefix('/').or_else(|| rest.strip_prefix('.'))
        {
            let md_len = r.bytes().take_while(|c| c.is_ascii_digit()).count();
            if let Ok(mo) = r[..md_len].parse::<u32>()
                && (1..=12).contains(&mo)
                && md_len <= 2
            {
                let after = &r[md_len..];
                let has_year = after
                    .strip_prefix('/')
                    .or_else(|| after.strip_prefix('.'))
                    .is_some_and(|y| {
                        let yd = y.bytes().take_while(|c| c.is_ascii_digit()).count();
                        yd == 2 || yd == 4
                    });
                // 3/12 and 5/7 are durations in clinical shorthand
                if has_year || !(mo == 12 || mo == 7) {
                    p.time = true;
                }
            }
            continue;
        }
        // build: "6ft7", "6 ft", "6'8\"", "7 foot", "28 stone"
        if (4..=7).contains(&n)
            && (starts("ft")
                || starts(" ft")
                || starts(" foot")
                || starts("foot")
                || (starts("'") && lower.get(1).is_some_and(|c| c.is_ascii_digit())))
        {
            p.add(Kind::Build, start, i);
            continue;
        }
        // a very large family: "the mum with 9 kids"
        if (7..=30).contains(&n) && (starts(" kids") || starts(" children")) {
            p.add(Kind::Rare, start, i);
            continue;
        }
        if (18..=60).contains(&n) && (starts(" stone") || starts("stone")) {
            p.add(Kind::Build, start, i);
            continue;
        }
        if !(1..=120).contains(&n) {
            continue;
        }
        // ages
        let trimmed_len = lower
            .iter()
            .take_while(|c| **c == b' ' || **c == b'-')
            .count();
        let gap = trimmed_len;
        let trimmed = &lower[trimmed_len..];
        let mut young = false;
        let mut is_age = AGE_UNITS.iter().any(|u| {
            let ok = trimmed.starts_with(u.as_bytes())
                && trimmed[u.len()..]
                    .first()
                    .is_none_or(|c| !c.is_ascii_alphanumeric() || u.ends_with(' '));
            if ok && (u.starts_with("day") || u.starts_with("week") || u.starts_with("month")) {
                young = true;
            }
            ok
        });
        // "45M", "45F", "45f": sex attached to the age
        if !is_age && gap == 0 && (starts("m") || starts("f")) {
            let c = rest.as_bytes()[0];
            let boundary = rest
                .as_bytes()
                .get(1)
                .is_none_or(|x| !x.is_ascii_alphanumeric());
            is_age = boundary && (c == b'M' || c == b'F' || c == b'f') && n >= 16;
        }
        // "aged 45", "age 45"
        if !is_age {
            is_age = ["aged ", "age ", "turning ", "turned ", "turns "]
                .iter()
                .any(|x| ends_with_ci(text, start, x));
        }
        // "only 19 and ...", "only 15,"
        let clause_end = lower.is_empty()
            || matches!(lower[0], b',' | b')' | b'.' | b';')
            || starts(" and ")
            || starts(" -")
            || starts(" \u{2013}".to_ascii_lowercase().as_str());
        if !is_age && (ends_with_ci(text, start, "only ") || ends_with_ci(text, start, "just ")) {
            is_age = (10..=25).contains(&n) && clause_end;
        }
        // ", 82," / ", 19 and" / "(82)" after a word: a bare age in a
        // description ("on ward 4 now, 19, intubated")
        if !is_age && (16..=110).contains(&n) && digits.len() >= 2 && clause_end {
            let bare = (ends_with_ci(text, start, ", ")
                && start >= 3
                && b[start - 3].is_ascii_alphabetic())
                || (ends_with_ci(text, start, "(") && starts(")"));
            is_age = bare;
        }
        if is_age && !self_near(start) {
            if n >= 100 {
                p.add(Kind::ExtremeAge, start, i);
            } else if n >= 95 || (young && n <= 12) {
                p.add_weighted(Kind::Age, 3, start, i);
            } else {
                p.add(Kind::Age, start, i);
            }
        }
    }
}

/// "Mrs Patel", "Mr O'Neill": a titled name means the message identifies
/// the patient directly (reported by the names detector), not indirectly.
fn has_title_name(text: &str) -> bool {
    let b = text.as_bytes();
    for t in ["Mr ", "Mrs ", "Ms ", "Miss ", "Mr. ", "Mrs. "] {
        let mut from = 0;
        while let Some(off) = text[from..].find(t) {
            let at = from + off;
            let boundary = at == 0 || !lexicon::is_word_byte(b[at - 1]);
            let next = b.get(at + t.len());
            if boundary && next.is_some_and(|c| c.is_ascii_uppercase()) {
                // "Mr A" (one letter) is an anonymised teaching name
                let after = b.get(at + t.len() + 1);
                if after.is_some_and(|c| c.is_ascii_alphabetic() || *c == b'\'') {
                    return true;
                }
            }
            from = at + t.len();
        }
    }
    false
}

/// "from Frome", "in Penarth", "at the Princess of Wales": a capitalised
/// word after a place preposition (and an optional "the"), that is not a
/// known non-place word or a first name.
fn place_after_preposition(text: &str, ms: &[M], dicts: &IndirectDicts) -> bool {
    const PREP: [&str; 6] = ["from", "in", "at", "near", "outside", "opposite"];
    let b = text.as_bytes();
    let mut pos = 0;
    while pos < b.len() {
        if !b[pos].is_ascii_alphabetic() || (pos > 0 && lexicon::is_word_byte(b[pos - 1])) {
            pos += 1;
            continue;
        }
        let Some((ws, we)) = lexicon::word_at(text, pos) else {
            pos += 1;
            continue;
        };
        pos = we.max(pos + 1);
        if !PREP.iter().any(|x| text[ws..we].eq_ignore_ascii_case(x)) {
            continue;
        }
        let Some((mut ps, mut pe)) = lexicon::next_word(text, we) else {
            continue;
        };
        if ps != we + 1 {
            continue;
        }
        if text[ps..pe].eq_ignore_ascii_case("the") {
            match lexicon::next_word(text, pe) {
                Some((s, e)) if s == pe + 1 => (ps, pe) = (s, e),
                _ => continue,
            }
        }
        let pw = &text[ps..pe];
        if lexicon::shape(pw) != lexicon::Shape::Title || pw.chars().count() < 3 {
            continue;
        }
        if dicts.given.contains(&pw.to_lowercase()) {
            continue;
        }
        // a known word of any kind (ward, month, clinical place) is not a town
        if ms.iter().any(|m| m.start <= ps && ps < m.end) {
            continue;
        }
        return true;
    }
    false
}

/// "St Mary's", "Leeds General Infirmary", "Royal Stoke Hospital".
fn scan_named_places(text: &str, p: &mut Parts) {
    let lower_has = |needle: &str| {
        text.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if lower_has("hospital") || lower_has("infirmary") {
        for kw in ["Hospital", "Infirmary", "hospital", "infirmary"] {
            let mut from = 0;
            while let Some(off) = text[from..].find(kw) {
                let at = from + off;
                if let Some((s, e)) = lexicon::prev_word(text, at)
                    && e + 1 == at
                    && lexicon::shape(&text[s..e]) == lexicon::Shape::Title
                    && !matches!(
                        &text[s..e],
                        "The" | "A" | "This" | "Our" | "Your" | "District" | "Local" | "Community"
                    )
                {
                    p.named_place = true;
                    p.clinical_place = true;
                    return;
                }
                from = at + kw.len();
            }
        }
    }
    let mut from = 0;
    while let Some(off) = text[from..].find("St") {
        let at = from + off;
        let boundary = at == 0 || !lexicon::is_word_byte(text.as_bytes()[at - 1]);
        let mut pos = at + 2;
        if text[pos..].starts_with('.') {
            pos += 1;
        }
        if boundary
            && text[pos..].starts_with(' ')
            && let Some((s, e)) = lexicon::next_word(text, pos)
            && s == pos + 1
            && lexicon::shape(&text[s..e]) == lexicon::Shape::Title
            && (text[e..].starts_with("'s")
                || text[e..].starts_with('\'')
                || text[e..].starts_with('\u{2019}'))
        {
            p.named_place = true;
            p.clinical_place = true;
            return;
        }
        from = at + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dicts() -> &'static IndirectDicts {
        static D: std::sync::OnceLock<IndirectDicts> = std::sync::OnceLock::new();
        D.get_or_init(|| {
            load(&[
                DictFile {
                    name: "indirect.txt",
                    contents: include_str!("../../../../data/dict/indirect.txt"),
                },
                DictFile {
                    name: "given-names.txt",
                    contents: include_str!("../../../../data/dict/given-names.txt"),
                },
            ])
            .expect("indirect dictionary loads")
        })
    }

    fn run(text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        detect(text, &ChannelContext::default(), dicts(), &mut out);
        out
    }

    fn rules(text: &str) -> Vec<&'static str> {
        run(text).into_iter().map(|h| h.rule).collect()
    }

    /// `INDIRECT_DEBUG=file cargo test -p caldicott-engine indirect::tests::explain -- --ignored --nocapture`
    /// prints, for each line of the file, the dictionary matches and the hit.
    #[test]
    #[ignore]
    fn explain() {
        let Ok(path) = std::env::var("INDIRECT_DEBUG") else {
            return;
        };
        let src = std::fs::read_to_string(path).expect("debug file");
        for line in src.lines() {
            let mut ms = Vec::new();
            dicts().ac.scan_bounded(line, &mut ms);
            let tags: Vec<String> = ms
                .iter()
                .map(|m| {
                    let names: Vec<&str> = SECTIONS
                        .iter()
                        .filter(|(_, t)| m.has(*t))
                        .map(|(n, _)| *n)
                        .collect();
                    format!("{}={}", &line[m.start..m.end], names.join("|"))
                })
                .collect();
            let h = run(line);
            println!(
                "{line}\n   {tags:?}\n   -> {:?}",
                h.iter().map(|h| h.detail.clone()).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn rule_file_examples() {
        let fails = lexicon::check_examples(
            "rules/indirect.toml",
            include_str!("../../../../rules/indirect.toml"),
            &|t| rules(t),
        );
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    #[test]
    fn detail_names_parts_and_span_is_the_detail() {
        let t = "the premier league footballer in resus right now";
        let h = run(t);
        assert_eq!(h.len(), 1);
        assert_eq!(&t[h[0].start..h[0].end], "premier league");
        assert_eq!(
            h[0].detail.as_deref(),
            Some("place+time+public profile+public role")
        );
        let t = "45yo teacher in bay 4 since last night";
        let h = run(t);
        assert_eq!(&t[h[0].start..h[0].end], "teacher");
        assert_eq!(h[0].detail.as_deref(), Some("place+time+occupation+age"));
        // the detail never carries message text
        let t = "the vicar from Whitby came in with chest pain";
        let d = run(t)[0].detail.clone().expect("detail");
        assert_eq!(d, "named place+public role");
        assert!(!d.to_lowercase().contains("whitby") && !d.contains("vicar"));
    }

    #[test]
    fn weights_add_up_to_the_threshold() {
        // job (3) + clinical place (2) = 5: not enough
        assert!(rules("the bus driver in bay 2 is asking for you").is_empty());
        // public role (4) + clinical place (2) = 6
        assert_eq!(
            rules("the headteacher in bay 2 is asking for you"),
            ["indirect-identification"]
        );
        // known event (3) + place (2) + time (2) = 7, generic event (2) + place = 4
        assert!(!rules("the M5 crash victim in resus this morning").is_empty());
        assert!(rules("RTC in resus, anyone free to help?").is_empty());
        // a uniqueness marker (4) lifts one ordinary detail over the line
        assert!(rules("the plumber on ward 4 needs a review").is_empty());
        assert!(!rules("the plumber on ward 4, don't gossip, everyone knows him").is_empty());
    }

    #[test]
    fn anchor_and_patient_reference_are_both_needed() {
        // a celebrity with no place, time or admission
        assert!(rules("the famous chef has a new book out").is_empty());
        // a staff link that is not a patient ("off sick" is rota talk)
        assert!(rules("the consultant's wife brought cakes for the ward today").is_empty());
        assert!(!rules("the consultant's wife is in bay 3 since today").is_empty());
        // a ward is where staff and visitors are too; a numbered bay holds a patient
        assert!(rules("the vicar came round the ward this morning for a blessing").is_empty());
        assert!(!rules("the vicar is in bay 3 this morning").is_empty());
    }

    #[test]
    fn several_ages_are_a_list_not_a_person() {
        assert!(rules("bay 2: 81M for TTO today").len() == 1);
        assert!(rules("bay 2: 81M for TTO today, bay 3: 76F for bloods").is_empty());
    }

    #[test]
    fn local_business_and_streets_and_clubs() {
        assert!(!rules("the lad from the takeaway on Dale St is in minors").is_empty());
        // coming in from the pub is not working there
        assert!(rules("came in from the pub last night, bay 3").is_empty());
        assert!(!rules("the Stoke City striker is on my list tomorrow").is_empty());
        // a Title word before a generic word is not a named place
        assert!(rules("the Royal College exam is on friday, any vicars revising?").is_empty());
    }

    #[test]
    fn cased_towns_only_when_capitalised() {
        assert!(!rules("the postman from Bath came in with a stroke").is_empty());
        assert!(rules("the postman had a bath and came in with a stroke").is_empty());
    }

    #[test]
    fn numbers() {
        let mut p = Parts::default();
        scan_numbers("92F in bay 2 since 03/11/2024 at 3am", &mut p, &|_| false);
        assert!(p.time);
        assert_eq!(p.details.len(), 1);
        let mut p = Parts::default();
        scan_numbers(
            "BP 120/80, GCS 14/15, 3/12 hx, 1:1 nursing",
            &mut p,
            &|_| false,
        );
        assert!(!p.time && p.details.is_empty(), "{p:?}");
        let mut p = Parts::default();
        scan_numbers("RTC on the M6, 45m ago", &mut p, &|_| false);
        assert!(p.named_place && p.details.is_empty(), "{p:?}");
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "1", "12/", "99yo", "St", "St ", "the M", "3a", "é45M", "45M", "Hospital",
        ] {
            let _ = run(t);
        }
    }
}
