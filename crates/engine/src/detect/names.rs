//! Detector `patient-name`: names of patients and their relatives, and talk of
//! patient photos, in informal ward chat.
//!
//! ```ignore
//! pub fn load(files: &[DictFile<'_>]) -> Result<NameDicts, crate::Error>;
//! pub fn detect(text: &str, ctx: &ChannelContext, dicts: &NameDicts, out: &mut Vec<Hit>);
//! ```
//!
//! Dictionaries (all under `data/dict/`, see its README for sources and
//! licences): `given-names.txt`, `given-names-ambiguous.txt`, `surnames.txt`,
//! `names-context.txt` (sectioned cue lists).
//!
//! Rules emitted (ids in `rules/names.toml`):
//! * `patient-name-title`: a patient title and a surname ("Mrs Patel in bed 4").
//! * `patient-name-clinical`: a first name (or a dictionary surname) next to a
//!   patient cue and clinical words ("Doris keeps pulling her cannula").
//! * `patient-name-called`: "pt called Doris", "her name is Edna".
//! * `relative-name`: "her son Kevin rang again", "daughter Sarah wants an update".
//! * `patient-photo` / `patient-photo-mocking`: photos, screenshots and posts
//!   of a patient's body, imaging, wristband or bed board (the latter with a
//!   mocking comment, the most serious case).
//!
//! Staff are not patients: names after staff titles or roles, names followed
//! by a role, greetings and vocatives, and names in `ctx.members` /
//! `ctx.staff_names` are never reported. Teaching cases ("OSCE scenario",
//! "Mr A") are not reported.
//!
//! Cost: one Aho-Corasick pass collecting cue matches; messages with no name,
//! title, naming cue or photo word return right after it.

#[path = "lexicon.rs"]
pub(crate) mod lexicon;

use std::collections::HashSet;

use super::{DictFile, Hit};
use crate::ChannelContext;
use lexicon::{M, Shape, Tagged, Tags};

const GIVEN: Tags = 1;
const SURNAME: Tags = 1 << 1;
const TITLE: Tags = 1 << 3;
const STAFF_BEFORE: Tags = 1 << 4;
const STAFF_AFTER: Tags = 1 << 5;
const STAFF_POSS: Tags = 1 << 6;
const PB: Tags = 1 << 7;
const PB_STRONG: Tags = 1 << 8;
const PA: Tags = 1 << 9;
const PA_STRONG: Tags = 1 << 10;
const PPOSS: Tags = 1 << 11;
const CLIN: Tags = 1 << 12;
const PLACE_BEFORE: Tags = 1 << 13;
const PLACE_AFTER: Tags = 1 << 14;
const EPONYM: Tags = 1 << 15;
const REL: Tags = 1 << 16;
const REL_STRONG: Tags = 1 << 17;
const POSS_PT: Tags = 1 << 18;
const CALLED: Tags = 1 << 19;
const PT_NOUN: Tags = 1 << 20;
const PHOTO: Tags = 1 << 21;
const ID_OBJ: Tags = 1 << 22;
const BODY_OBJ: Tags = 1 << 23;
const SHARE_PUB: Tags = 1 << 24;
const SHARE_ANY: Tags = 1 << 25;
const POSS_ANY: Tags = 1 << 26;
const DEID: Tags = 1 << 27;
const NEG: Tags = 1 << 28;
const MOCK: Tags = 1 << 29;
const TEACH: Tags = 1 << 30;
const T_STAFF_BEFORE: Tags = 1 << 31;
const T_STAFF_AFTER: Tags = 1 << 32;
const STAFF_WORK: Tags = 1 << 33;
const MEDIA: Tags = 1 << 34;
const PA_PLACE: Tags = 1 << 35;
const EPONYM_NAME: Tags = 1 << 36;

const SECTIONS: [(&str, Tags); 35] = [
    ("title_patient", TITLE),
    ("title_staff_before", T_STAFF_BEFORE),
    ("title_staff_after", T_STAFF_AFTER),
    ("staff_before", STAFF_BEFORE),
    ("staff_after", STAFF_AFTER),
    ("staff_possessive", STAFF_POSS),
    ("patient_before", PB),
    ("patient_before_strong", PB_STRONG),
    ("patient_after", PA),
    ("patient_after_strong", PA_STRONG | CLIN),
    ("patient_possessive", PPOSS),
    ("clinical_context", CLIN),
    ("place_before", PLACE_BEFORE),
    ("place_after", PLACE_AFTER),
    ("eponym_after", EPONYM),
    ("relations", REL),
    ("relations_strong", REL | REL_STRONG),
    ("poss_patient", POSS_PT),
    ("called", CALLED),
    ("patient_noun", PT_NOUN),
    ("photo", PHOTO),
    ("photo_id_obj", ID_OBJ),
    ("photo_body_obj", BODY_OBJ),
    ("share_public", SHARE_PUB | SHARE_ANY),
    ("share_any", SHARE_ANY),
    ("poss_any", POSS_ANY),
    ("deid", DEID),
    ("neg", NEG),
    ("mock", MOCK),
    ("teaching", TEACH),
    ("staff_work", STAFF_WORK),
    ("media", MEDIA),
    ("patient_after_place", PA | PA_PLACE),
    ("eponym_name", EPONYM_NAME),
    ("common", 0),
];

/// Rule ids this detector emits (must exist in `rules/names.toml`).
pub const RULES: [&str; 6] = [
    "patient-name-title",
    "patient-name-clinical",
    "patient-name-called",
    "relative-name",
    "patient-photo",
    "patient-photo-mocking",
];

/// Dictionaries for the `patient-name` detector, built once.
#[derive(Debug, Clone, Default)]
pub struct NameDicts {
    ac: Tagged,
    given: HashSet<String>,
    /// `given-names-world.txt` `[given]`: looked up per word, not in the
    /// automaton; a lowercase match needs stronger context
    world: WordSet,
    /// `given-names-world.txt` `[surname]`, looked up per word
    world_surnames: WordSet,
    /// Hashes of `given` and `surnames`: the word pass also finds a name the
    /// automaton skipped because a longer phrase overlapped it and then
    /// failed its word-boundary check ("got a" in "got ahmed")
    main_given_h: WordSet,
    main_surnames_h: WordSet,
    /// Trigger phrases: a message with none of them (and no name from the
    /// wider lists) is skipped before the full automaton runs.
    gate: Option<aho_corasick::AhoCorasick>,
    surnames: HashSet<String>,
    ambiguous: HashSet<String>,
    common: HashSet<String>,
    staff_words: HashSet<String>,
}

/// Load this detector's dictionaries from `data/dict/` files.
pub fn load(files: &[DictFile<'_>]) -> Result<NameDicts, crate::Error> {
    let given_l = lexicon::parse_list("given-names.txt", lexicon::file(files, "given-names.txt")?)?;
    let amb_l = lexicon::parse_list(
        "given-names-ambiguous.txt",
        lexicon::file(files, "given-names-ambiguous.txt")?,
    )?;
    let sur_l = lexicon::parse_list("surnames.txt", lexicon::file(files, "surnames.txt")?)?;
    // optional: an operator's dictionary directory may leave it out
    let (world_l, world_s) = match files.iter().find(|f| f.name == "given-names-world.txt") {
        Some(f) => {
            let mut m = lexicon::parse_sections(
                "given-names-world.txt",
                f.contents,
                &["given", "surname"],
            )?;
            (
                m.remove("given").unwrap_or_default(),
                m.remove("surname").unwrap_or_default(),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    let names: Vec<&str> = SECTIONS.iter().map(|(s, _)| *s).collect();
    let map = lexicon::parse_sections(
        "names-context.txt",
        lexicon::file(files, "names-context.txt")?,
        &names,
    )?;
    let ambiguous: HashSet<String> = amb_l.into_iter().collect();
    let given: HashSet<String> = given_l
        .into_iter()
        .filter(|g| !ambiguous.contains(g))
        .collect();
    let surnames: HashSet<String> = sur_l.into_iter().collect();
    let world: WordSet = world_l
        .iter()
        .filter(|g| !ambiguous.contains(*g) && !given.contains(*g))
        .map(|g| word_hash(g.as_bytes()))
        .collect();
    let world_surnames: WordSet = world_s
        .iter()
        .filter(|g| !surnames.contains(*g) && !given.contains(*g))
        .map(|g| word_hash(g.as_bytes()))
        .filter(|h| !world.contains(h))
        .collect();
    let mut entries = lexicon::entries(&map, &SECTIONS);
    entries.extend(given.iter().map(|g| (g.clone(), GIVEN)));
    entries.extend(surnames.iter().map(|s| (s.clone(), SURNAME)));
    let common: HashSet<String> = map["common"].iter().cloned().collect();
    let staff_words: HashSet<String> = map["staff_before"]
        .iter()
        .filter(|w| !w.contains(' '))
        .filter(|w| {
            // only role words, not greetings or function words
            !map["common"].contains(w)
                && ![
                    "ask",
                    "asked",
                    "tell",
                    "told",
                    "bleep",
                    "bleeped",
                    "ping",
                    "pinged",
                    "cc",
                    "with",
                    "by",
                    "via",
                    "per",
                    "thanks",
                    "thank",
                    "thx",
                    "ty",
                    "cheers",
                    "ta",
                    "hi",
                    "hiya",
                    "hey",
                    "hello",
                    "morning",
                    "evening",
                    "afternoon",
                    "night",
                    "congrats",
                    "congratulations",
                    "welcome",
                    "bye",
                    "dear",
                    "sorry",
                    "i'm",
                    "im",
                    "it's",
                ]
                .contains(&w.as_str())
        })
        .cloned()
        .collect();
    // the gate is built here rather than by `Tagged::build_gated`, because a
    // name from the wider lists (not in the automaton) must open it too
    let triggers = GIVEN
        | SURNAME
        | TITLE
        | CALLED
        | REL
        | PHOTO
        | SHARE_PUB
        | PB_STRONG
        | PA_STRONG
        | PA_PLACE
        | PPOSS;
    let gate_pats: HashSet<String> = entries
        .iter()
        .filter(|(p, t)| t & triggers != 0 && !p.trim().is_empty())
        .map(|(p, _)| p.trim().to_ascii_lowercase())
        .collect();
    let gate = aho_corasick::AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(gate_pats.iter())
        .map_err(|e| crate::Error::Data {
            file: "data/dict/names-context.txt".to_string(),
            message: format!("name gate automaton: {e}"),
        })?;
    let main_given_h: WordSet = given.iter().map(|g| word_hash(g.as_bytes())).collect();
    let main_surnames_h: WordSet = surnames.iter().map(|g| word_hash(g.as_bytes())).collect();
    Ok(NameDicts {
        ac: Tagged::build(entries),
        gate: Some(gate),
        given,
        world,
        world_surnames,
        main_given_h,
        main_surnames_h,
        surnames,
        ambiguous,
        common,
        staff_words,
    })
}

impl NameDicts {
    fn is_common(&self, w: &str) -> bool {
        self.common.contains(&w.to_lowercase())
    }
    fn is_dict_name(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        self.given.contains(&l)
            || self.world.contains(&word_hash(l.as_bytes()))
            || self.world_surnames.contains(&word_hash(l.as_bytes()))
            || self.surnames.contains(&l)
            || self.ambiguous.contains(&l)
    }
    fn is_staff_word(&self, w: &str) -> bool {
        self.staff_words.contains(&w.to_lowercase())
    }
}

/// Append hits (normalised-text byte offsets) to `out`.
pub fn detect(text: &str, ctx: &ChannelContext, dicts: &NameDicts, out: &mut Vec<Hit>) {
    let mut extra: Vec<M> = Vec::new();
    world_names(text, dicts, &mut extra);
    if extra.is_empty() && !dicts.gate.as_ref().is_none_or(|g| g.is_match(text)) {
        return;
    }
    let mut ms: Vec<M> = Vec::new();
    dicts.ac.scan(text, &mut ms);
    if !extra.is_empty() {
        extra.retain(|w| !ms.iter().any(|m| m.start < w.end && w.start < m.end));
        ms.extend(extra);
        ms.sort_unstable_by_key(|m| m.start);
    }
    // an unknown name is found only through a strong slot (pt X, X in bed 4, X's obs)
    let wanted = GIVEN
        | SURNAME
        | TITLE
        | CALLED
        | REL
        | PHOTO
        | SHARE_PUB
        | PB_STRONG
        | PA_STRONG
        | PA_PLACE
        | PPOSS;
    if !ms.iter().any(|m| m.has(wanted)) {
        return;
    }
    let any = |tag: Tags| ms.iter().any(|m| m.has(tag));
    let teaching = any(TEACH);
    // a show, film or public figure with nothing clinical in the message
    // ("Mr Bean is on telly tonight"): not a patient
    let media = any(MEDIA) && patient_evidence(text, &ms, 0, text.len(), (0, 0)) < 2;
    let mut covered: Vec<(usize, usize)> = Vec::new();
    if !teaching && !media {
        titles(text, ctx, dicts, &ms, &mut covered, out);
        relatives(text, ctx, dicts, &ms, &mut covered, out);
        called(text, ctx, dicts, &ms, &mut covered, out);
        first_names(text, ctx, dicts, &ms, &mut covered, out);
    }
    photos(text, &ms, out);
}

/// A set of 64-bit hashes ([`lexicon::word_hash`], the lexicon's own) of
/// lowercase ASCII words: no string compares and no allocation per lookup
/// (a collision among a few thousand names in 2^64 is negligible, and would
/// only add one candidate word).
type WordSet = HashSet<u64, std::hash::BuildHasherDefault<IdHasher>>;

use lexicon::word_hash;

/// The keys of a [`WordSet`] are hashes already.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Names from `given-names-world.txt` (and dictionary names the automaton
/// skipped): one pass over the words, a hash
/// lookup each (ASCII words of 3-30 letters, lowercased on the stack).
fn world_names(text: &str, dicts: &NameDicts, out: &mut Vec<M>) {
    let b = text.as_bytes();
    let word_byte = |c: u8| c.is_ascii_alphabetic() || c == b'\'' || c == b'-';
    let mut i = 0;
    let mut buf = [0u8; 30];
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() || (i > 0 && (word_byte(b[i - 1]) || b[i - 1] >= 0x80)) {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && word_byte(b[i]) {
            i += 1;
        }
        let mut e = i;
        while e > s && !b[e - 1].is_ascii_alphabetic() {
            e -= 1;
        }
        // a possessive is not part of the name ("Kelechi's")
        if e - s > 2 && (b[e - 2] == b'\'') && (b[e - 1] | 0x20) == b's' {
            e -= 2;
        }
        if (i < b.len() && b[i] >= 0x80) || !(3..=30).contains(&(e - s)) {
            continue;
        }
        for (k, c) in b[s..e].iter().enumerate() {
            buf[k] = c.to_ascii_lowercase();
        }
        let h = word_hash(&buf[..e - s]);
        let mask = if dicts.world.contains(&h) || dicts.main_given_h.contains(&h) {
            GIVEN
        } else if dicts.world_surnames.contains(&h) || dicts.main_surnames_h.contains(&h) {
            SURNAME
        } else {
            continue;
        };
        out.push(M {
            start: s,
            end: e,
            mask,
        });
    }
}

/// Clinical words that also describe a colleague's work ("in theatre", "on
/// the ward round"): evidence for neither a patient nor a colleague.
const NEUTRAL_CLIN: [&str; 12] = [
    "theatre",
    "theatres",
    "surgery",
    "op",
    "consent",
    "ward round",
    "ward",
    "stable",
    "escalation",
    "package",
    "ceiling",
    "rad",
];

/// Weight of the patient cues (clinical words 1, strong patient slots 2) in
/// `[lo, hi)` outside `skip`.
fn patient_evidence(text: &str, ms: &[M], lo: usize, hi: usize, skip: (usize, usize)) -> usize {
    ms.iter()
        .filter(|x| x.start >= lo && x.end <= hi && (x.end <= skip.0 || x.start >= skip.1))
        .filter(|x| {
            x.has(CLIN | PB_STRONG | PA_STRONG | PPOSS)
                && !x.has(STAFF_WORK | STAFF_AFTER | T_STAFF_AFTER)
        })
        .filter(|x| {
            !NEUTRAL_CLIN
                .iter()
                .any(|n| text[x.start..x.end].eq_ignore_ascii_case(n))
        })
        .map(|x| {
            // a slot only a patient fits ("in bed", "pt", "X's obs") counts double
            let head = text[..x.start].trim_end();
            let poss = head.ends_with("'s") || head.ends_with("\u{2019}s") || head.ends_with('\'');
            if x.has(PB_STRONG | PA_STRONG) || (x.has(PPOSS) && poss) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// How far [`sentence_bounds`] looks each way, in bytes.
const SENTENCE_MAX: usize = 240;

/// The matches starting in `[lo, hi)` (`ms` is sorted by start).
fn window(ms: &[M], lo: usize, hi: usize) -> &[M] {
    let a = ms.partition_point(|x| x.start < lo);
    let b = ms.partition_point(|x| x.start < hi);
    &ms[a..b.max(a)]
}

/// The sentence around `[s, e)`: from after the previous `.`/`!`/`?`/newline
/// to the next one.
fn sentence_bounds(text: &str, s: usize, e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let stop = |i: usize| {
        matches!(b[i], b'\n' | b'!' | b'?')
            || (b[i] == b'.' && b.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\n'))
    };
    // at most SENTENCE_MAX bytes each way, so a long unpunctuated message
    // stays linear
    let mut lo = s;
    while lo > 0 && s - lo < SENTENCE_MAX && !stop(lo - 1) {
        lo -= 1;
    }
    let mut hi = e;
    while hi < b.len() && hi - e < SENTENCE_MAX && !stop(hi) {
        hi += 1;
    }
    (lo, hi)
}

/// A titled name in a sentence about a colleague's work and nothing about a
/// patient: "Mr X is operating", "reg on call is Mr X, ext 1234", "Mr X
/// humiliated me in front of the scrub team".
fn staff_sentence(text: &str, ms: &[M], s: usize, e: usize) -> bool {
    let (lo, hi) = sentence_bounds(text, s, e);
    let ms = window(ms, lo, hi);
    let staff = ms
        .iter()
        .filter(|x| x.start >= lo && x.end <= hi && (x.end <= s || x.start >= e))
        .filter(|x| x.has(STAFF_WORK | T_STAFF_AFTER))
        .count();
    if staff == 0 {
        return false;
    }
    // another colleague named by a staff title in the sentence ("Dr Jones
    // said Mrs X was ... in front of everyone"): the work words are theirs
    let other_staff = ms.iter().any(|x| {
        x.start >= lo
            && x.end <= hi
            && x.has(STAFF_BEFORE)
            && matches!(
                text[x.start..x.end].to_ascii_lowercase().as_str(),
                "dr" | "doctor" | "prof" | "professor" | "sister" | "sr" | "nurse" | "matron"
            )
    });
    if other_staff {
        return false;
    }
    let patient = patient_evidence(text, ms, lo, hi, (s, e));
    patient == 0 || staff >= patient + 2
}

fn overlaps(covered: &[(usize, usize)], s: usize, e: usize) -> bool {
    covered.iter().any(|&(a, b)| s < b && a < e)
}

/// Index of the first match starting at or after `pos`.
fn next_idx(ms: &[M], pos: usize) -> usize {
    ms.partition_point(|m| m.start < pos)
}

/// The match right after `pos` when only light punctuation lies between.
fn after(text: &str, ms: &[M], pos: usize) -> Option<M> {
    let i = next_idx(ms, pos);
    ms.get(i)
        .copied()
        .filter(|m| lexicon::adjacent(text, pos, m.start))
}

/// The match right before `pos` when only light punctuation lies between.
fn before(text: &str, ms: &[M], pos: usize) -> Option<M> {
    let i = ms.partition_point(|m| m.end <= pos);
    if i == 0 {
        return None;
    }
    let m = ms[i - 1];
    lexicon::adjacent(text, m.end, pos).then_some(m)
}

/// Extend a name span over a following capitalised surname ("Doris Patel").
fn extend_surname(text: &str, dicts: &NameDicts, end: usize) -> usize {
    if !text[end..].starts_with(' ') {
        return end;
    }
    if let Some((ws, we)) = lexicon::next_word(text, end) {
        let w = &text[ws..we];
        if ws - end <= 2
            && lexicon::shape(w) == Shape::Title
            && w.chars().count() >= 2
            && !dicts.is_common(w)
            && !dicts.is_staff_word(w)
            && !dicts.given.contains(&w.to_lowercase())
        {
            return we;
        }
    }
    end
}

/// A word that can be a name after an explicit naming cue.
fn name_after_cue(text: &str, dicts: &NameDicts, pos: usize) -> Option<(usize, usize)> {
    let (ws, we) = lexicon::next_word(text, pos)?;
    if ws - pos > 3 {
        return None;
    }
    let w = &text[ws..we];
    if w.chars().count() < 2 || dicts.is_common(w) || dicts.is_staff_word(w) {
        return None;
    }
    match lexicon::shape(w) {
        Shape::Title | Shape::Upper => Some((ws, we)),
        Shape::Lower if dicts.is_dict_name(w) => Some((ws, we)),
        _ => None,
    }
}

fn titles(
    text: &str,
    ctx: &ChannelContext,
    dicts: &NameDicts,
    ms: &[M],
    covered: &mut Vec<(usize, usize)>,
    out: &mut Vec<Hit>,
) {
    let bytes = text.as_bytes();
    for m in ms.iter().filter(|m| m.has(TITLE)) {
        let t = &text[m.start..m.end];
        let tl = t.to_ascii_lowercase();
        let sh = lexicon::shape(t);
        if sh == Shape::Mixed {
            continue;
        }
        // MR / MS in capitals are mitral regurgitation or multiple sclerosis:
        // in capitals a title only counts before a dictionary name ("MRS HUGHES")
        let shouted = sh == Shape::Upper;
        let strict = sh == Shape::Lower && !matches!(tl.as_str(), "mr" | "mrs" | "mx");
        let strict = strict || matches!(tl.as_str(), "miss" | "master" | "mister");
        let mut pos = m.end;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
        }
        if pos < bytes.len() && bytes[pos] != b' ' && bytes[m.end] != b'.' {
            continue;
        }
        let Some((mut ws, mut we)) = lexicon::next_word(text, pos) else {
            continue;
        };
        if ws - pos > 2 {
            continue;
        }
        let mut w = &text[ws..we];
        if w.chars().count() == 1 {
            // an initial: "Mr J Smith" / "Mr J. Smith"; a lone letter is anonymised ("Mr A")
            let mut p = we;
            if bytes.get(p) == Some(&b'.') {
                p += 1;
            }
            match lexicon::next_word(text, p) {
                Some((s2, e2))
                    if s2 > p
                        && s2 - p <= 2
                        && lexicon::shape(&text[s2..e2]) == Shape::Title
                        && !dicts.is_common(&text[s2..e2]) =>
                {
                    ws = s2;
                    we = e2;
                    w = &text[ws..we];
                }
                _ => continue,
            }
        }
        if dicts.is_common(w) || dicts.is_staff_word(w) {
            continue;
        }
        // "we call him 'Mr Grumpy'": a title and word inside quotes is a
        // nickname someone is given, not a patient's name
        if quoted(text, m.start, we) {
            continue;
        }
        // "mr sweaty", "mrs nosy": a mocking nickname typed in lowercase is
        // an adjective in -y, not a surname (known surnames such as "kelly"
        // are in the dictionary)
        if lexicon::shape(w) == Shape::Lower
            && w.ends_with('y')
            && !w.ends_with("ey")
            && !dicts.is_dict_name(w)
        {
            continue;
        }
        if shouted && !dicts.is_dict_name(w) {
            continue;
        }
        let ok_shape = match lexicon::shape(w) {
            Shape::Title | Shape::Upper => !strict || dicts.is_dict_name(w) || sh == Shape::Title,
            Shape::Lower => !strict || dicts.is_dict_name(w),
            Shape::Mixed => false,
        };
        if !ok_shape {
            continue;
        }
        // "Mrs Doris Patel"
        if dicts.given.contains(&w.to_lowercase()) {
            we = extend_surname(text, dicts, we);
        }
        let _ = ws;
        if lexicon::is_member(w, ctx) {
            continue;
        }
        if let Some(b) = before(text, ms, m.start)
            && b.has(T_STAFF_BEFORE)
        {
            continue;
        }
        if let Some(a) = after(text, ms, we)
            && a.has(T_STAFF_AFTER)
        {
            continue;
        }
        let p = lexicon::skip_possessive(text, we);
        if p != we
            && let Some(a) = after(text, ms, p)
            && a.has(STAFF_POSS | EPONYM)
        {
            continue;
        }
        // "Mr Bennett's hernia list": a colleague's work a word further on
        if p != we
            && let Some(a) = ms.get(next_idx(ms, p))
            && a.start - p <= 16
            && a.has(STAFF_POSS)
            && !a.has(PPOSS)
            && !lexicon::crosses_sentence(text, p, a.start)
        {
            continue;
        }
        // "Mrs Okafor (cardiology SpR)": a role in brackets
        if bracket_role(text, dicts, we) {
            continue;
        }
        // "Mrs Brown's Boys", "Mr Kipling's Bakery": a named show, shop or pub
        if p != we
            && let Some((s2, e2)) = lexicon::next_word(text, p)
            && s2 == p + 1
            && lexicon::shape(&text[s2..e2]) == Shape::Title
            && !dicts.is_dict_name(&text[s2..e2])
            && !ms
                .iter()
                .any(|x| x.start == s2 && x.has(PPOSS | CLIN | REL | PT_NOUN))
        {
            continue;
        }
        let strong_patient = before(text, ms, m.start).is_some_and(|b| b.has(PB_STRONG | PB))
            || after(text, ms, we).is_some_and(|a| a.has(PA_STRONG) || (a.has(PA) && a.has(CLIN)))
            || (p != we && after(text, ms, p).is_some_and(|a| a.has(PPOSS)));
        if !strong_patient && staff_sentence(text, ms, m.start, we) {
            continue;
        }
        covered.push((m.start, we));
        out.push(Hit {
            rule: "patient-name-title",
            start: m.start,
            end: we,
            detail: None,
        });
    }
}

fn relatives(
    text: &str,
    ctx: &ChannelContext,
    dicts: &NameDicts,
    ms: &[M],
    covered: &mut Vec<(usize, usize)>,
    out: &mut Vec<Hit>,
) {
    for (i, m) in ms.iter().enumerate().filter(|(_, m)| m.has(REL)) {
        let prev = before(text, ms, m.start);
        let poss = prev.is_some_and(|p| p.has(POSS_PT));
        // "my son Kevin": the writer's own family, not a patient's
        let own = prev.is_some_and(|p| {
            matches!(
                text[p.start..p.end].to_ascii_lowercase().as_str(),
                "my" | "our" | "your" | "me and"
            )
        });
        if own {
            continue;
        }
        // "Kevin, her son, rang": the name before the possessive
        if poss && let Some(p) = prev {
            let j = ms.partition_point(|x| x.end <= p.start);
            if j > 0 {
                let n = ms[j - 1];
                let w = &text[n.start..n.end];
                if n.has(GIVEN)
                    && lexicon::adjacent(text, n.end, p.start)
                    && text[n.end..p.start].contains(',')
                    && lexicon::shape(w) == Shape::Title
                    && !lexicon::is_member(w, ctx)
                    && !overlaps(covered, n.start, n.end)
                {
                    covered.push((n.start, n.end));
                    out.push(Hit {
                        rule: "relative-name",
                        start: n.start,
                        end: n.end,
                        detail: None,
                    });
                    continue;
                }
            }
        }
        let mut pos = m.end;
        let mut bracketed = false;
        let rest = &text[pos..];
        if rest.starts_with(',') {
            pos += 1;
        } else if rest.starts_with(" (") || rest.starts_with('(') {
            pos += rest.find('(').map_or(0, |i| i + 1);
            bracketed = true;
        }
        if !poss && !m.has(REL_STRONG) && !bracketed {
            continue;
        }
        let found = name_after_cue(text, dicts, pos).or_else(|| {
            // "her son Reg": a Title-case staff word is still a name here
            let (ws, we) = lexicon::next_word(text, pos)?;
            let w = &text[ws..we];
            (ws - pos <= 2
                && lexicon::shape(w) == Shape::Title
                && dicts.is_dict_name(w)
                && !dicts.is_common(w))
            .then_some((ws, we))
        });
        let Some((ws, we)) = found else {
            continue;
        };
        let w = &text[ws..we];
        if !poss && lexicon::shape(w) != Shape::Title {
            continue;
        }
        if lexicon::is_member(w, ctx) || overlaps(covered, ws, we) {
            continue;
        }
        // the word must not itself be a cue ("her son rang", "daughter Sarah" ok)
        if let Some(n) = ms.get(i + 1)
            && n.start == ws
            && !n.has(GIVEN | SURNAME)
            && !(lexicon::shape(w) == Shape::Title && dicts.is_dict_name(w))
        {
            continue;
        }
        let we = extend_surname(text, dicts, we);
        covered.push((ws, we));
        out.push(Hit {
            rule: "relative-name",
            start: ws,
            end: we,
            detail: None,
        });
    }
}

fn called(
    text: &str,
    ctx: &ChannelContext,
    dicts: &NameDicts,
    ms: &[M],
    covered: &mut Vec<(usize, usize)>,
    out: &mut Vec<Hit>,
) {
    for m in ms.iter().filter(|m| m.has(CALLED)) {
        let near_patient = ms.iter().any(|p| {
            p.end <= m.start
                && m.start - p.end <= 25
                && p.has(PT_NOUN | POSS_PT | REL)
                && !lexicon::crosses_sentence(text, p.end, m.start)
        });
        if !near_patient {
            continue;
        }
        let Some((ws, we)) = name_after_cue(text, dicts, m.end) else {
            continue;
        };
        let w = &text[ws..we];
        if lexicon::is_member(w, ctx) || overlaps(covered, ws, we) {
            continue;
        }
        // "pt called Dr Smith": a colleague
        let i = next_idx(ms, ws);
        if let Some(n) = ms.get(i)
            && n.start == ws
            && n.has(STAFF_BEFORE)
            && !n.has(GIVEN | SURNAME)
        {
            continue;
        }
        let we = extend_surname(text, dicts, we);
        covered.push((ws, we));
        out.push(Hit {
            rule: "patient-name-called",
            start: ws,
            end: we,
            detail: None,
        });
    }
}

fn first_names(
    text: &str,
    ctx: &ChannelContext,
    dicts: &NameDicts,
    ms: &[M],
    covered: &mut Vec<(usize, usize)>,
    out: &mut Vec<Hit>,
) {
    // (start, end, kind): 0 = dictionary given name, 1 = dictionary surname,
    // 2 = unknown capitalised word next to a strong patient cue
    let mut cands: Vec<(usize, usize, u8)> = Vec::new();
    for m in ms {
        if m.has(GIVEN) {
            cands.push((m.start, m.end, 0));
        } else if m.has(SURNAME) {
            cands.push((m.start, m.end, 1));
        } else if m.has(PB_STRONG) {
            if let Some((ws, we)) = lexicon::next_word(text, m.end)
                && lexicon::tight(text, m.end, ws)
            {
                cands.push((ws, we, 2));
            }
        } else if m.has(PA_STRONG) {
            if let Some((ws, we)) = lexicon::prev_word(text, m.start)
                && lexicon::tight(text, we, m.start)
            {
                cands.push((ws, we, 2));
            }
        } else if m.has(PA_PLACE) {
            // "Chidi Okonkwo on ward 12": two capitalised words before a
            // place (the full-name check happens in `evaluate_name`)
            if let Some((ws, we)) = lexicon::prev_word(text, m.start)
                && lexicon::tight(text, we, m.start)
                && full_name_start(text, dicts, ms, ws).is_some()
            {
                cands.push((ws, we, 2));
            }
        } else if m.has(PPOSS) {
            let head = text[..m.start].trim_end_matches(' ');
            let head = head
                .strip_suffix("'s")
                .or_else(|| head.strip_suffix("\u{2019}s"))
                .or_else(|| head.strip_suffix('\''));
            if let Some(h) = head
                && let Some((ws, we)) = lexicon::prev_word(text, h.len())
                && we == h.len()
            {
                cands.push((ws, we, 2));
            }
        }
    }
    // "bay 4 Marguerite - for discharge", "bed 12: Tomasz"
    for m in ms.iter().filter(|m| m.has(CLIN | PA_STRONG)) {
        if !BED_WORDS
            .iter()
            .any(|w| text[m.start..m.end].eq_ignore_ascii_case(w))
        {
            continue;
        }
        let b = text.as_bytes();
        let mut p = m.end;
        while p < b.len() && matches!(b[p], b' ' | b'#') {
            p += 1;
        }
        let d = p;
        while p < b.len() && b[p].is_ascii_digit() {
            p += 1;
        }
        if p == d || p - d > 3 {
            continue;
        }
        if p < b.len()
            && b[p].is_ascii_alphabetic()
            && b.get(p + 1).is_some_and(|c| !c.is_ascii_alphanumeric())
        {
            p += 1;
        }
        let q = p;
        while p < b.len() && matches!(b[p], b' ' | b'-' | b':' | b',' | b')') {
            p += 1;
        }
        if p == q || p - q > 4 {
            continue;
        }
        if let Some((ws, we)) = lexicon::word_at(text, p)
            && !ms.iter().any(|x| x.start == ws && x.has(GIVEN | SURNAME))
        {
            cands.push((ws, we, 2));
        }
    }
    // "Kayden (2yo) in bay A", "poppy 4yo on the ward": a word right before
    // an age and sex is a name, even one that is also a word (kind 3: a
    // lowercase name that is also a word)
    aged_words(text, dicts, &mut cands);
    cands.sort_unstable();
    cands.dedup_by_key(|c| c.0);
    for (start, mend, kind) in cands {
        if overlaps(covered, start, mend) {
            continue;
        }
        if let Some((start, end)) = evaluate_name(text, ctx, dicts, ms, start, mend, kind) {
            covered.push((start, end));
            out.push(Hit {
                rule: "patient-name-clinical",
                start,
                end,
                detail: None,
            });
        }
    }
}

/// Words that name one patient's space when followed by a number
/// ("bay 4 Marguerite", "bed 12: Tomasz"): no colleague is "bed 4".
const BED_WORDS: [&str; 10] = [
    "bed",
    "bay",
    "cubicle",
    "cubicles",
    "side room",
    "sideroom",
    "sr",
    "trolley",
    "chair",
    "bedspace",
];

/// A place cue ending in bed/bay/cubicle/side room with no number after it
/// ("from bed management", "is in bed", "in the side room"): a weaker cue
/// than "in bed 4".
fn unnumbered_bed(text: &str, n: M) -> bool {
    let t = text[n.start..n.end].trim_end();
    let placey = BED_WORDS.iter().any(|w| ends_with_word_ci(t, w));
    if !placey || t.starts_with('(') {
        return false;
    }
    let rest = text[n.end..].trim_start_matches([' ', '#']);
    if rest.as_bytes().first().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    // "bay C", "bed five", "side room twelve"
    let w: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let numbered = w.len() == 1
        || matches!(
            w.as_str(),
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "thirteen"
                | "fourteen"
                | "fifteen"
                | "sixteen"
                | "seventeen"
                | "eighteen"
                | "nineteen"
                | "twenty"
        );
    !numbered
}

/// An age (and sex) right after a name: "Doris Whitfield 84F", "Nkechi,
/// 34F,", "Tomasz (82)", "Ada, 91, fell".
fn age_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let (rest, bracket) =
        if let Some(r) = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('(')) {
            (r, true)
        } else if let Some(r) = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(',')) {
            (r, false)
        } else if let Some(r) = rest.strip_prefix(' ') {
            (r, false)
        } else {
            return false;
        };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let after = &rest[digits..];
    let mut cut = after.len().min(12);
    while !after.is_char_boundary(cut) {
        cut -= 1;
    }
    let al = after[..cut].to_ascii_lowercase();
    let sexed = [
        "f", "m", "yo", "y/o", "yrs", "yr", "y", "years", "year", "-year", " year", " yo", " y/o",
        "f,", "m,",
    ]
    .iter()
    .any(|suf| {
        al.starts_with(suf)
            && al[suf.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    });
    sexed || (bracket && after.starts_with(')')) || (!bracket && after.starts_with(','))
}

/// A role in brackets right after a name: "Mrs Okafor (cardiology SpR)",
/// "Ngozi (cardio reg)".
fn bracket_role(text: &str, dicts: &NameDicts, end: usize) -> bool {
    let rest = &text[end..];
    let Some(r) = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('(')) else {
        return false;
    };
    let mut cut = r.find(')').unwrap_or(r.len()).min(40);
    while !r.is_char_boundary(cut) {
        cut -= 1;
    }
    let words: Vec<&str> = r[..cut]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "(no relation to our Dr Nowak)": a title before another name is not
    // this person's role
    words.iter().enumerate().any(|(i, w)| {
        if words
            .get(i + 1)
            .is_some_and(|n| lexicon::shape(n) == Shape::Title)
        {
            return false;
        }
        let l = w.to_ascii_lowercase();
        dicts.is_staff_word(&l)
            || matches!(
                l.as_str(),
                "spr"
                    | "reg"
                    | "registrar"
                    | "consultant"
                    | "sho"
                    | "fy1"
                    | "fy2"
                    | "f1"
                    | "f2"
                    | "sister"
                    | "nurse"
                    | "matron"
                    | "locum"
                    | "anaesthetist"
                    | "surgeon"
                    | "pharmacist"
                    | "physio"
                    | "radiographer"
                    | "gp"
                    | "imt"
                    | "st3"
                    | "ct1"
                    | "ct2"
                    | "anp"
                    | "acp"
                    | "hca"
                    | "ward"
                    | "clerk"
            )
    })
}

/// `s..e` is a nickname someone is given: in quotes right after a naming
/// verb ("calling her 'Miss Tissue'", "nicknamed \"Mr Slow\""). Quotes alone
/// are not enough: `Re: "Mrs Khan"` names a patient.
fn quoted(text: &str, s: usize, e: usize) -> bool {
    let open = text[..s].chars().next_back();
    let close = text[e..].chars().next();
    if !(matches!(open, Some('\'' | '"' | '\u{2018}' | '\u{201c}'))
        && matches!(close, Some('\'' | '"' | '\u{2019}' | '\u{201d}')))
    {
        return false;
    }
    let naming = |w: &str| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "call" | "calls" | "called" | "calling" | "nicknamed" | "nickname" | "dubbed"
        )
    };
    let qs = s - open.map_or(0, char::len_utf8);
    let Some((a, b)) = lexicon::prev_word(text, qs) else {
        return false;
    };
    if naming(&text[a..b]) {
        return true;
    }
    matches!(
        text[a..b].to_ascii_lowercase().as_str(),
        "him" | "her" | "them" | "me" | "you" | "us"
    ) && lexicon::prev_word(text, a).is_some_and(|(c, d)| naming(&text[c..d]))
}

/// Candidates for a word followed by an age with a unit or sex ("Kayden
/// (2yo)", "poppy 4yo", "Ife, 3 y/o"): capitalised unknown words (kind 2)
/// and lowercase names that are also words (kind 3). A bare number after a
/// word ("Results (24)") is not enough here.
fn aged_words(text: &str, dicts: &NameDicts, cands: &mut Vec<(usize, usize, u8)>) {
    let b = text.as_bytes();
    let mut i = 1;
    while i < b.len() {
        if !b[i].is_ascii_digit() || b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut sep = i;
        while sep > 0 && matches!(b[sep - 1], b' ' | b'(' | b',') && i - sep < 3 {
            sep -= 1;
        }
        if sep == i || sep == 0 || !b[sep - 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let unit = b.get(i + d).copied();
        let unit = if unit == Some(b' ') {
            b.get(i + d + 1).copied()
        } else {
            unit
        };
        if d <= 3
            && unit.is_some_and(|c| matches!(c.to_ascii_lowercase(), b'y' | b'f' | b'm'))
            && age_after(text, sep)
            && let Some((ws, we)) = lexicon::prev_word(text, sep)
            && we == sep
        {
            let w = &text[ws..we];
            match lexicon::shape(w) {
                Shape::Title => cands.push((ws, we, 2)),
                Shape::Lower if dicts.ambiguous.contains(w) => cands.push((ws, we, 3)),
                _ => {}
            }
        }
        i += d.max(1);
    }
}

/// Words that label someone as a patient when they follow "X the ...":
/// "Trevor the drunk", "X the frequent flyer".
const PATIENT_LABELS: [&str; 14] = [
    "drunk",
    "alcoholic",
    "junkie",
    "addict",
    "overdoser",
    "attender",
    "flyer",
    "flier",
    "hypochondriac",
    "seeker",
    "self-harmer",
    "wanderer",
    "absconder",
    "regular",
];

/// "Trevor the drunk", "Ada Obi the sickle cell pt", "oluwaseun adeyemi the
/// COPD lady": a patient label or patient noun within four words after
/// "the" right after the name (a lowercase surname may sit in between).
fn labelled_patient(text: &str, dicts: &NameDicts, ms: &[M], end: usize) -> bool {
    let mut p = end;
    let rest = &text[p..];
    let skip = rest.strip_prefix(", ").map_or(0, |_| 1);
    p += skip;
    // a lowercase surname before the label ("oluwaseun adeyemi the ...")
    if let Some((ws, we)) = lexicon::next_word(text, p)
        && ws == p + 1
        && lexicon::shape(&text[ws..we]) == Shape::Lower
        && !text[ws..we].eq_ignore_ascii_case("the")
        && dicts.is_dict_name(&text[ws..we])
    {
        p = we;
    }
    let r = &text.as_bytes()[p..];
    if r.len() < 5 || !r[..5].eq_ignore_ascii_case(b" the ") {
        return false;
    }
    let s = p + 5;
    let mut e = s;
    let mut words = 0;
    let b = text.as_bytes();
    while e < b.len() && e - s < 40 && !matches!(b[e], b',' | b'.' | b';' | b'!' | b'?' | b'(') {
        if b[e] == b' ' {
            words += 1;
            if words == 4 {
                break;
            }
        }
        e += 1;
    }
    if window(ms, s, e)
        .iter()
        .any(|x| x.has(PT_NOUN) && x.start >= s && x.end <= e)
    {
        return true;
    }
    text[s..e].split(' ').any(|w| {
        let w = w.trim_end_matches('s');
        PATIENT_LABELS.iter().any(|l| w.eq_ignore_ascii_case(l))
    })
}

/// A bracket right after the name that describes a patient: "(my pt from
/// last month)", "(the climber with the tib fib)", "(pt in bay 3)".
fn bracket_patient(text: &str, ms: &[M], end: usize) -> bool {
    let rest = &text[end..];
    let Some(r) = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('(')) else {
        return false;
    };
    let s = end + (rest.len() - r.len());
    let e = s + r.find(')').unwrap_or(r.len()).min(60);
    let inside = window(ms, s, e)
        .iter()
        .filter(|x| x.start >= s && x.end <= e);
    let described = r.len() >= 4 && r.as_bytes()[..4].eq_ignore_ascii_case(b"the ");
    let mut clin = false;
    for x in inside {
        if x.has(PT_NOUN | POSS_PT | PB_STRONG) {
            return true;
        }
        clin |= x.has(CLIN);
    }
    described && clin
}

/// "followed Jess Kerr on Instagram", "added Tom Reid on snap": a name as
/// the object of a contact verb in a message that names a social platform.
fn social_contact(text: &str, start: usize) -> bool {
    let Some((a, b)) = lexicon::prev_word(text, start) else {
        return false;
    };
    let v = text[a..b].to_ascii_lowercase();
    if !matches!(
        v.as_str(),
        "followed"
            | "follow"
            | "messaged"
            | "message"
            | "added"
            | "add"
            | "dm"
            | "dm'd"
            | "dmed"
            | "dming"
            | "texted"
            | "stalked"
            | "stalking"
            | "friended"
            | "matched"
            | "found"
            | "searched"
    ) {
        return false;
    }
    const PLATFORMS: [&[u8]; 12] = [
        b"instagram",
        b"insta",
        b"facebook",
        b"twitter",
        b"snapchat",
        b"on snap",
        b"tiktok",
        b"hinge",
        b"tinder",
        b"bumble",
        b"linkedin",
        b"on fb",
    ];
    let t = text.as_bytes();
    PLATFORMS.iter().any(|p| {
        t.windows(p.len())
            .enumerate()
            .any(|(i, w)| w.eq_ignore_ascii_case(p) && lexicon::bounded(t, i, i + p.len()))
    })
}

/// Whether the name at `start` follows a bed, bay or cubicle number.
fn bed_slot_before(text: &str, start: usize) -> bool {
    let head = text[..start].trim_end_matches([' ', '-', ':', ',', ')', '\u{2013}']);
    if head.len() + 4 < start {
        return false;
    }
    let b = head.as_bytes();
    let mut i = b.len();
    if i > 1 && b[i - 1].is_ascii_alphabetic() && b[i - 2].is_ascii_digit() {
        i -= 1;
    }
    let dend = i;
    while i > 0 && b[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i == dend || dend - i > 3 {
        return false;
    }
    let head = head[..i].trim_end_matches([' ', '#']);
    BED_WORDS.iter().any(|w| ends_with_word_ci(head, w))
}

/// `s` ends with the word `w` (ASCII case-insensitive, word-bounded before),
/// without copying `s`.
fn ends_with_word_ci(s: &str, w: &str) -> bool {
    let (sb, wb) = (s.as_bytes(), w.as_bytes());
    sb.len() >= wb.len()
        && sb[sb.len() - wb.len()..].eq_ignore_ascii_case(wb)
        && (sb.len() == wb.len() || !sb[sb.len() - wb.len() - 1].is_ascii_alphanumeric())
}

/// When the word at `ws` is preceded by another capitalised name-shaped word
/// ("Chidi Okonkwo", "Bartholomew Nkemelu"): the start of that full name.
fn full_name_start(text: &str, dicts: &NameDicts, ms: &[M], ws: usize) -> Option<usize> {
    let w = &text[ws..];
    let w = &w[..lexicon::word_at(text, ws).map_or(0, |(_, e)| e - ws)];
    if w.is_empty() || lexicon::shape(w) != Shape::Title || !name_shaped(w) {
        return None;
    }
    let (ps, pe) = lexicon::prev_word(text, ws)?;
    if ws - pe != 1 || text.as_bytes()[pe] != b' ' {
        return None;
    }
    let p = &text[ps..pe];
    let known = ms.iter().find(|x| x.start < pe && ps < x.end);
    let ok = lexicon::shape(p) == Shape::Title
        && name_shaped(p)
        && p.chars().count() >= 2
        && p.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && !dicts.is_common(p)
        && !dicts.is_staff_word(p)
        && known.is_none_or(|k| k.start == ps && k.end == pe && k.has(GIVEN | SURNAME));
    ok.then_some(ps)
}

/// Score one name candidate; `Some((start, end))` of the reported span when
/// it is a patient's name.
fn evaluate_name(
    text: &str,
    ctx: &ChannelContext,
    dicts: &NameDicts,
    ms: &[M],
    start: usize,
    mend: usize,
    kind: u8,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let w = &text[start..mend];
    let sh = lexicon::shape(w);
    if sh == Shape::Mixed || (sh == Shape::Upper && w.len() <= 3) {
        return None;
    }
    // kind 3: a lowercase name that is also a word, right before an age
    let lower_aged = kind == 3;
    let kind = if lower_aged { 2 } else { kind };
    let ambiguous = kind == 2 && dicts.ambiguous.contains(&w.to_lowercase());
    if kind == 2 {
        // an unknown word must look like a name and be nothing else we know
        let inner = window(ms, start.saturating_sub(64), mend)
            .iter()
            .any(|x| x.start < mend && start < x.end);
        if !(sh == Shape::Title || (lower_aged && sh == Shape::Lower))
            || w.chars().count() < 3
            || !w
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
            || !name_shaped(w)
            || inner
            || dicts.is_common(w)
            || dicts.is_staff_word(w)
        {
            return None;
        }
        // the plural of a word we know ("Cannulas in bay 2")
        if let Some(stem) = w.strip_suffix('s')
            && (dicts.is_common(stem)
                || dicts.is_staff_word(stem)
                || dicts.ac.any(stem, Tags::MAX)
                || stem
                    .strip_suffix('e')
                    .is_some_and(|st| dicts.is_common(st) || dicts.ac.any(st, Tags::MAX)))
        {
            return None;
        }
        // a capitalised verb or adverb opening a sentence ("Arrived in bay 4")
        if lexicon::sentence_start(text, start) && !ambiguous {
            let l = w.to_ascii_lowercase();
            // and a plural noun ("Cannulas in bay 2"); names ending in
            // -is, -us, -as, -os, -ss are kept ("Dimitris", "Kostas")
            let plural = l.ends_with('s')
                && !["is", "us", "as", "os", "ss"]
                    .iter()
                    .any(|x| l.ends_with(x));
            if l.ends_with("ed") || l.ends_with("ing") || l.ends_with("ly") || plural {
                return None;
            }
        }
    }
    if start > 0 && matches!(bytes[start - 1], b'@' | b'-' | b'#' | b'/' | b'_' | b'.') {
        return None;
    }
    // "Parkinson's meds", "Addison's crisis": a condition, not a person
    if lexicon::skip_possessive(text, mend) != mend
        && ms.iter().any(|x| x.start == start && x.has(EPONYM_NAME))
    {
        return None;
    }
    // "from Bangor in bay 6", "lives near Carmarthen": an unknown
    // capitalised word after a preposition is a place
    if kind == 2
        && lexicon::prev_word(text, start).is_some_and(|(a, b)| {
            matches!(
                text[a..b].to_ascii_lowercase().as_str(),
                "from" | "at" | "to" | "near" | "in" | "of" | "into" | "outside" | "around" | "via"
            )
        })
    {
        return None;
    }
    if matches!(bytes.get(mend), Some(b'@' | b'-' | b'_' | b'/')) {
        return None;
    }
    if lexicon::is_member(w, ctx) {
        return None;
    }
    let end = if sh == Shape::Title {
        extend_surname(text, dicts, mend)
    } else {
        mend
    };
    // a full name ("Chidi Okonkwo", "Gwen Pritchard") is stronger evidence
    // of one real person than a first name alone
    let first = if kind != 0 {
        full_name_start(text, dicts, ms, start)
    } else {
        None
    };
    let full = first.is_some() || end > mend;
    let start = first.unwrap_or(start);
    if first.is_some() && lexicon::is_member(&text[start..mend], ctx) {
        return None;
    }
    // vetoes before
    let prev = before(text, ms, start);
    // "my daughter Poppy 6yo": the writer's own family, not a patient
    if let Some(p) = prev
        && p.has(REL)
        && lexicon::tight(text, p.end, start)
        && lexicon::prev_word(text, p.start)
            .is_some_and(|(a, b)| matches!(text[a..b].to_ascii_lowercase().as_str(), "my" | "our"))
    {
        return None;
    }
    if let Some(p) = prev
        && p.has(TITLE | STAFF_BEFORE | PLACE_BEFORE)
        && !p.has(PB_STRONG)
    {
        return None;
    }
    // vetoes after
    let j = next_idx(ms, end);
    let next = after(text, ms, end);
    // "my patient Daniel from the clinic": a strong patient cue before the
    // name outweighs a colleague-like phrase after it
    let strong_before = prev.is_some_and(|p| p.has(PB_STRONG));
    // "Ngozi (cardio reg)": a role in brackets
    if !strong_before && bracket_role(text, dicts, end) {
        return None;
    }
    // "bay 4 Marguerite", "bed 12 - Tomasz"
    let bed_slot = bed_slot_before(text, start);
    // "Doris Whitfield 84F", "Nkechi, 34F", "Tomasz (82)"
    let aged = age_after(text, end);
    if let Some(n) = next
        && n.has(STAFF_AFTER | PLACE_AFTER | EPONYM)
        && !n.has(PA_STRONG)
        && (!strong_before || n.has(PLACE_AFTER | EPONYM))
    {
        return None;
    }
    // eponym a word further on: "Charles Bonnet syndrome"
    // (only across a possessive or one more capitalised word: "from the
    // fracture clinic" is not an eponym)
    let eponym_near = |k: usize| {
        ms.get(k).is_some_and(|n| {
            if !(n.has(EPONYM)
                && n.start - end <= 16
                && !lexicon::crosses_sentence(text, end, n.start))
            {
                return false;
            }
            let gap = text[end..n.start]
                .trim_matches(|c: char| c == ' ' || c == '-')
                .trim_start_matches("'s")
                .trim_start_matches("\u{2019}s")
                .trim_start_matches('\'')
                .trim_matches(|c: char| c == ' ' || c == '-');
            gap.is_empty()
                || (!gap.contains(' ')
                    && matches!(lexicon::shape(gap), Shape::Title | Shape::Upper))
        })
    };
    if eponym_near(j) || eponym_near(j + 1) {
        return None;
    }
    let poss_end = lexicon::skip_possessive(text, end);
    let mut score = 0u32;
    let mut immediate = false;
    let mut cue: Option<(usize, usize)> = None;
    if poss_end != end {
        match after(text, ms, poss_end) {
            Some(n) if n.has(STAFF_POSS) && !n.has(PPOSS) => return None,
            // "Jolanta's cannula skills": a colleague's competence, not a patient's line
            Some(n)
                if n.has(PPOSS)
                    && lexicon::next_word(text, n.end).is_some_and(|(a, b)| {
                        a == n.end + 1
                            && matches!(
                                text[a..b].to_ascii_lowercase().as_str(),
                                "skills"
                                    | "skill"
                                    | "technique"
                                    | "teaching"
                                    | "training"
                                    | "course"
                                    | "exam"
                                    | "lecture"
                                    | "talk"
                                    | "audit"
                                    | "project"
                                    | "competency"
                                    | "competencies"
                                    | "logbook"
                                    | "portfolio"
                                    | "tutorial"
                                    | "simulation"
                                    | "sim"
                            )
                    }) =>
            {
                return None;
            }
            Some(n) if n.has(PPOSS) => {
                score += 3;
                immediate = true;
                cue = Some((n.start, n.end));
            }
            _ => {}
        }
    }
    if bed_slot || aged {
        score += 3;
        immediate = true;
    }
    // "Trevor the drunk", "Sophie (my pt from clinic)": a patient label
    // right after a known name
    if kind != 2 && (labelled_patient(text, dicts, ms, end) || bracket_patient(text, ms, end)) {
        score += 3;
        immediate = true;
    }
    // a name someone followed or messaged on a social platform: counts
    // with a full name or a clinical word
    if social_contact(text, start) {
        score += 1;
        immediate = true;
    }
    if full {
        score += 1;
    }
    if let Some(p) = prev {
        if p.has(PB_STRONG) {
            score += 3;
            immediate = true;
            cue = Some((p.start, p.end));
        } else if p.has(PB) {
            score += 2;
            immediate = true;
        }
    }
    // "is Kevin on the ward?", "where's Kevin in ED": someone being looked
    // for at a shared place, usually a colleague
    let sought = lexicon::prev_word(text, start).is_some_and(|(a, b)| {
        matches!(
            text[a..b].to_ascii_lowercase().as_str(),
            "is" | "where's" | "wheres" | "where" | "seen" | "find" | "with"
        )
    });
    let mut strong_after_cue: Option<M> = None;
    if let Some(n) = next {
        if n.has(PA_STRONG) && !unnumbered_bed(text, n) {
            score += 3;
            immediate = true;
            cue = Some((n.start, n.end));
            strong_after_cue = Some(n);
        } else if n.has(PA | PA_STRONG) {
            let nt = text[n.start..n.end].to_ascii_lowercase();
            let shared_place = nt.starts_with("on ") || nt.starts_with("in ");
            // "Ioana has been brilliant with the confused lady in bay 5": a
            // generic verb after the name while the sentence names another
            // patient ("the lady", "the pt") - the name is the carer's
            let (lo, hi) = sentence_bounds(text, start, end);
            let generic = matches!(
                nt.as_str(),
                "has been"
                    | "is now"
                    | "is on"
                    | "had a"
                    | "has a"
                    | "had his"
                    | "had her"
                    | "has had"
                    | "is having"
            );
            let other_patient = generic
                && window(ms, lo, hi)
                    .iter()
                    .any(|x| x.has(PT_NOUN) && x.start >= n.end && x.end <= hi && x.start >= lo);
            if !(other_patient || (sought && shared_place)) {
                score += 2;
                immediate = true;
            }
        }
    } else if let Some(n) = ms.get(j)
        && n.has(PA | PA_STRONG)
        && !unnumbered_bed(text, *n)
        && n.start - end <= 12
        && !lexicon::crosses_sentence(text, end, n.start)
        && !n.has(STAFF_AFTER)
    {
        // one word between: "Doris still keeps pulling"
        score += 2;
        immediate = true;
    }
    // a list line: "derek - medically fit, awaiting package"
    if !immediate && line_start(text, start) {
        let rest = &text[end..];
        let dash = rest.starts_with(" - ") || rest.starts_with(" \u{2013} ");
        let colon = rest.starts_with(": ") || rest.starts_with(" : ");
        // "Yusuf: where are the syringes?" is someone being addressed
        let addressed = colon
            && lexicon::next_word(text, end + rest.find(':').unwrap_or(0) + 1).is_some_and(
                |(s, e)| {
                    matches!(
                        text[s..e].to_ascii_lowercase().as_str(),
                        "where"
                            | "what"
                            | "when"
                            | "who"
                            | "why"
                            | "how"
                            | "can"
                            | "could"
                            | "would"
                            | "will"
                            | "are"
                            | "is"
                            | "do"
                            | "did"
                            | "have"
                            | "has"
                            | "pls"
                            | "please"
                            | "thanks"
                            | "thank"
                            | "any"
                            | "you"
                            | "u"
                            | "hi"
                            | "hey"
                            | "just"
                            | "i"
                            | "i'm"
                            | "im"
                            | "we"
                            | "ok"
                            | "okay"
                            | "yes"
                            | "no"
                            | "sure"
                            | "sorry"
                    )
                },
            );
        if dash || (colon && !addressed) {
            score += 2;
            immediate = true;
        }
    }
    if !immediate {
        return None;
    }
    let lo = start.saturating_sub(60);
    let hi = end + 60;
    let clin = window(ms, lo, hi)
        .iter()
        .filter(|x| x.has(CLIN) && x.start >= lo && x.end <= hi && !unnumbered_bed(text, **x))
        .filter(|x| x.end <= start || x.start >= end)
        .filter(|x| kind != 2 || cue.is_none_or(|c| c != (x.start, x.end)))
        .count()
        .min(2) as u32;
    score += clin;
    // a bare dictionary surname needs a capital ("Patel in bed 4")
    if kind == 1 && sh != Shape::Title && sh != Shape::Upper {
        return None;
    }
    let mut strong_slot = false;
    if kind == 2 {
        let poss_cue = poss_end != end && after(text, ms, poss_end).is_some_and(|n| n.has(PPOSS));
        let after_text = strong_after_cue.map(|n| text[n.start..n.end].to_ascii_lowercase());
        // "<Verb> the lady in bay 4": "the lady/the man" after an unknown
        // word follows a verb far more often than a name
        let after_ok = after_text
            .as_deref()
            .is_some_and(|t| !t.starts_with("the "));
        strong_slot = strong_before || poss_cue || after_ok || bed_slot || aged;
        if !(strong_slot || (full && immediate)) {
            return None;
        }
        // a name that is also a word ("Precious", "Poppy") only in a slot
        // that nothing but a name fits: pt X, X's obs, X in/from bed 4,
        // little X
        if ambiguous {
            let placed = after_text.as_deref().is_some_and(|t| {
                t.starts_with("in ") || t.starts_with("from ") || t.starts_with('(')
            });
            let little = prev.is_some_and(|p| {
                matches!(
                    text[p.start..p.end].to_ascii_lowercase().as_str(),
                    "little" | "lil" | "wee" | "baby" | "poor little"
                )
            });
            if !(strong_before || poss_cue || placed || little || bed_slot || aged) {
                return None;
            }
        }
    }
    // an unknown word in a slot only a name fits (pt X, X's obs, X in bed 4,
    // bay 4 X) needs no more; a surname or a full name at a shared place
    // needs one clinical word too
    // a lowercase name known only from the wider list ("kamil") needs one
    // more piece of evidence than a common UK one ("doris")
    let world_lower = kind == 0 && sh == Shape::Lower && !dicts.given.contains(&w.to_lowercase());
    let needed = match kind {
        0 if world_lower => 4,
        0 => 3,
        2 if strong_slot => 3,
        _ => 4,
    };
    (score >= needed).then_some((start, end))
}

/// An unknown capitalised word shaped like a name: a capital then lowercase
/// ("Tomasz", "McAllister", "O'Neill"), not an abbreviation or a
/// contraction ("DM'd", "CT's", "I'll").
fn name_shaped(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    if ["'d", "'ll", "'ve", "'re", "'m", "n't"]
        .iter()
        .any(|suf| l.ends_with(suf))
    {
        return false;
    }
    let mut cs = w.chars();
    let (Some(_), Some(second)) = (cs.next(), cs.next()) else {
        return false;
    };
    second.is_lowercase()
        || (second == '\'' && w.chars().nth(2).is_some_and(|c| c.is_uppercase()))
        || ((l.starts_with("mc") || l.starts_with("mac")) && second.is_lowercase())
}

/// Whether `pos` starts a line (after optional bullets, numbering, markdown).
fn line_start(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '-' | '*' | '\u{2022}' | '>' | '#' | '_' | ')' | '.' | '\t' => continue,
            '0'..='9' => continue,
            '\n' => return true,
            _ => return false,
        }
    }
    true
}

fn photos(text: &str, ms: &[M], out: &mut Vec<Hit>) {
    let any = |tag: Tags| ms.iter().any(|m| m.has(tag));
    if !any(PHOTO | SHARE_PUB) || any(DEID) {
        return;
    }
    let mocking = any(MOCK);
    let rule = if mocking {
        "patient-photo-mocking"
    } else {
        "patient-photo"
    };
    let specific = |pos: usize| -> bool {
        // determiner before an object: the/his/her/this... (not "a", "my")
        match lexicon::prev_word(text, pos) {
            Some((s, e)) => {
                let w = text[s..e].to_ascii_lowercase();
                let w = w.trim_end_matches("'s").trim_end_matches("\u{2019}s");
                matches!(
                    w,
                    "the"
                        | "his"
                        | "her"
                        | "their"
                        | "this"
                        | "that"
                        | "these"
                        | "those"
                        | "pt"
                        | "pts"
                        | "patient"
                        | "patients"
                        | "pt's"
                        | "patient's"
                ) || lexicon::shape(&text[s..e]) == Shape::Title && text[s..e].ends_with("'s")
            }
            None => false,
        }
    };
    for (i, m) in ms.iter().enumerate() {
        let negated = |pos: usize| {
            ms.iter()
                .any(|n| n.has(NEG) && n.end <= pos && pos - n.end <= 40)
        };
        if m.has(PHOTO) {
            if negated(m.start) {
                continue;
            }
            let lo = m.start.saturating_sub(40);
            let hi = m.end + 50;
            let patient_near = ms.iter().any(|x| {
                x.has(PT_NOUN | POSS_ANY)
                    && x.start >= lo
                    && x.end <= hi + 20
                    && !text[x.start..x.end].eq_ignore_ascii_case("her")
                    && !text[x.start..x.end].eq_ignore_ascii_case("his")
            });
            let obj = ms.iter().find(|o| {
                o.start >= lo
                    && o.end <= hi
                    && (o.start >= m.end || o.end <= m.start)
                    && !lexicon::crosses_sentence(text, o.end.min(m.end), o.start.max(m.start))
                    && (o.has(ID_OBJ) || (o.has(BODY_OBJ) && (specific(o.start) || patient_near)))
            });
            if let Some(o) = obj {
                let (s, e) = (m.start.min(o.start), m.end.max(o.end));
                out.push(Hit {
                    rule,
                    start: s,
                    end: e,
                    detail: None,
                });
                return;
            }
        } else if m.has(SHARE_PUB) {
            // "posting his CT", "uploaded her x-ray to the group chat"
            if negated(m.start) {
                continue;
            }
            let rest = &text[m.end..];
            if rest.starts_with("-op") || rest.starts_with(" op") || rest.starts_with("-") {
                continue;
            }
            let Some(p) = ms.get(i + 1) else { continue };
            if !(p.has(POSS_ANY) && lexicon::tight(text, m.end, p.start)) {
                continue;
            }
            let o = ms
                .get(i + 2)
                .filter(|o| o.has(ID_OBJ | BODY_OBJ) && o.start >= p.end && o.start - p.end <= 12);
            if let Some(o) = o
                && !lexicon::crosses_sentence(text, p.end, o.start)
            {
                out.push(Hit {
                    rule,
                    start: m.start,
                    end: o.end,
                    detail: None,
                });
                return;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn dict_files() -> Vec<DictFile<'static>> {
        vec![
            DictFile {
                name: "given-names.txt",
                contents: include_str!("../../../../data/dict/given-names.txt"),
            },
            DictFile {
                name: "given-names-ambiguous.txt",
                contents: include_str!("../../../../data/dict/given-names-ambiguous.txt"),
            },
            DictFile {
                name: "surnames.txt",
                contents: include_str!("../../../../data/dict/surnames.txt"),
            },
            DictFile {
                name: "given-names-world.txt",
                contents: include_str!("../../../../data/dict/given-names-world.txt"),
            },
            DictFile {
                name: "names-context.txt",
                contents: include_str!("../../../../data/dict/names-context.txt"),
            },
        ]
    }

    fn dicts() -> &'static NameDicts {
        static D: std::sync::OnceLock<NameDicts> = std::sync::OnceLock::new();
        D.get_or_init(|| load(&dict_files()).expect("name dictionaries load"))
    }

    pub(crate) fn run_ctx(text: &str, ctx: &ChannelContext) -> Vec<Hit> {
        let mut out = Vec::new();
        detect(text, ctx, dicts(), &mut out);
        out
    }

    fn run(text: &str) -> Vec<Hit> {
        run_ctx(text, &ChannelContext::default())
    }

    fn rules(text: &str) -> Vec<&'static str> {
        run(text).into_iter().map(|h| h.rule).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        run(text).iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn title_and_surname() {
        assert_eq!(
            spans("Mrs Patel in bed 4 needs her bloods"),
            vec!["Mrs Patel"]
        );
        assert_eq!(
            spans("can someone see mr o'brien, he's spiking"),
            vec!["mr o'brien"]
        );
        assert_eq!(spans("Mr. Jones is NBM from midnight"), vec!["Mr. Jones"]);
        assert_eq!(spans("Mrs Doris Patel in bay 2"), vec!["Mrs Doris Patel"]);
        assert_eq!(spans("Mr J. Smith's obs are off"), vec!["Mr J. Smith"]);
        assert_eq!(rules("Mrs Patel in bed 4"), vec!["patient-name-title"]);
    }

    #[test]
    fn title_negatives() {
        for t in [
            "Mr A, a 45-year-old man, presents with chest pain",
            "pt X and Mrs Y are fictional",
            "known MS, on natalizumab",
            "severe MR on the echo",
            "Mr Patel's list is running late",
            "ask Mr Khan (ortho consultant) before you book theatre",
            "consultant Mr Jones wants a CT",
            "Mr Jones is operating all day",
            "miss the bus and you miss handover",
            "ms teams call at 2",
            "OSCE scenario: Mrs Smith is a 65 year old with chest pain",
        ] {
            assert!(run(t).is_empty(), "{t:?} -> {:?}", spans(t));
        }
    }

    #[test]
    fn members_are_not_patients() {
        let ctx = ChannelContext {
            members: vec!["kevin_b".into(), "Sarah Patel".into()],
            ..Default::default()
        };
        assert!(run_ctx("Kevin keeps pulling his cannula out", &ctx).is_empty());
        assert!(run_ctx("Mrs Patel in bed 4", &ctx).is_empty());
        assert!(!run("Kevin keeps pulling his cannula out").is_empty());
    }

    #[test]
    fn first_names_in_clinical_context() {
        for (t, name) in [
            ("Doris keeps pulling her cannula", "Doris"),
            ("doris keeps pulling her cannula out again", "doris"),
            ("can someone see Kevin in bay 2, he's desatting", "Kevin"),
            ("Edna in side room 3 is spiking again", "Edna"),
            ("Arthur's obs are all over the place", "Arthur"),
            ("pt Brenda needs a cannula", "Brenda"),
            ("Patel in bed 4 needs a repeat K", "Patel"),
            ("Gladys fell again overnight, no head injury", "Gladys"),
        ] {
            assert_eq!(spans(t), vec![name], "{t:?}");
        }
    }

    #[test]
    fn first_name_negatives() {
        for t in [
            "Kevin can you review the pt in bay 2?",
            "Dr Sarah Jones is the med reg tonight",
            "Sister Mary said bay 3 needs obs",
            "thanks Kevin, the cannula is in",
            "Kate from pharmacy says the abx are fine",
            "Tom (FY1) will do the bloods",
            "Sarah is on call tonight, bleep her for the ward",
            "pt with Parkinson's disease, on madopar",
            "Murphy's sign positive, ?cholecystitis",
            "transferred to St Mary's for PCI",
            "Charles Bonnet syndrome in an elderly pt",
            "Guillain-Barré pt on ITU",
            "I'll see Kevin at lunch",
            "Victoria ward has two side rooms free",
            "May is a busy month for the ward",
            "my friend Sarah fell off her bike, not a pt",
        ] {
            assert!(run(t).is_empty(), "{t:?} -> {:?}", spans(t));
        }
    }

    #[test]
    fn name_only_slots() {
        for (t, name) in [
            // bed or bay number before an unknown name
            ("bed 7 - Wiremu, for a repeat gas at 4", "Wiremu"),
            ("bay 1 Keziah: awaiting social care", "Keziah"),
            // unknown names before a clinical possessive, full names
            ("Ekaterina's sodium is 119 now", "Ekaterina"),
            ("Tamsin Oyelowo's biopsy came back", "Tamsin Oyelowo"),
            // a name that is also a word, only in a name-only slot
            ("Faith in bed 8 is asking for pain relief", "Faith"),
            ("pt Hope needs her obs repeating", "Hope"),
            ("little Blossom in cubicle 1 has a temp of 38.9", "Blossom"),
            // a strong patient cue outweighs a colleague-like phrase after
            (
                "my patient Kamila from the diabetes clinic is in DKA",
                "Kamila",
            ),
            // a full name at a shared place with a clinical word
            ("Anselm Mbeki on AMU is for a CT tonight", "Anselm Mbeki"),
        ] {
            assert_eq!(spans(t), vec![name], "{t:?}");
        }
    }

    #[test]
    fn not_name_slots() {
        for t in [
            // sentence-opening verbs, plurals, places and contractions
            "Transferred in bed 3 from ED, NEWS 6",
            "Cannulas in bay 2 need flushing",
            "came over from Swindon in bay 4, septic",
            "I'd've seen the lady in bay 3 but she was asleep",
            // a colleague being looked for at a shared place
            "where's Anwar on the ward? bed 2 needs a catheter",
            // an eponymous condition
            "Addison's crisis needs hydrocortisone fast",
            // words that are also names, outside a name-only slot
            "Faith in the system is low on nights",
            "Will bay 4 be cleaned for the admission?",
        ] {
            assert!(run(t).is_empty(), "{t:?} -> {:?}", spans(t));
        }
    }

    #[test]
    fn ages_roles_and_unnumbered_beds() {
        // an age (and sex) after a name is a patient-only slot
        assert_eq!(
            spans("Cormac Devlin 58M, chest pain, trop 90"),
            vec!["Cormac Devlin"]
        );
        assert_eq!(spans("Ffion (79) has a new AKI"), vec!["Ffion"]);
        // a role in brackets marks a colleague, unless it names someone else
        assert!(run("Ffion (gastro reg) has seen the AKI").is_empty());
        assert!(run("Mr Gallo (upper GI consultant) wants a CT").is_empty());
        assert_eq!(
            spans("Mr Gallo (no relation to Dr Gallo) is for discharge"),
            vec!["Mr Gallo"]
        );
        // "in bed" with no number is sleeping, not a bed space; "bay C" is one
        assert!(run("Ffion is in bed with flu, not on nights").is_empty());
        assert_eq!(spans("Ffion in bay C is spiking again"), vec!["Ffion"]);
        // no panic when a bracket is long or holds multibyte text
        let _ = run("Mrs Ñúñez (ééééééééééééééééééééééééééééééééééééééé) in bed 4");
    }

    #[test]
    fn aged_labelled_and_social_names() {
        // a word right before an age with a unit is a name, known or not,
        // and a lowercase name that is also a word counts there
        assert_eq!(spans("Jaxon (4yo) in bay D, croup"), vec!["Jaxon"]);
        assert_eq!(
            spans("daisy 2 y/o on the paeds ward, febrile"),
            vec!["daisy"]
        );
        // but a bare count in brackets is not an age, and the writer's own
        // family is not a patient
        assert!(run("Appendix (12) of the audit covers bay 4").is_empty());
        assert!(run("my nephew Daisy 5yo has a cold, I'm late").is_empty());
        // "X the <patient label>" and a bracket describing a patient
        assert_eq!(spans("Roy the alcoholic is back in majors"), vec!["Roy"]);
        assert!(run("Roy the new HCA is great with the confused lady").is_empty());
        assert_eq!(
            spans("Yvonne (my pt from last week) sent a card"),
            vec!["Yvonne"]
        );
        // a contact verb, a social platform and a clinical word
        assert_eq!(
            spans("added Nadia Rahman on Instagram after her cholecystectomy"),
            vec!["Nadia Rahman"]
        );
        assert!(run("added Nadia Rahman on LinkedIn after the conference").is_empty());
        // a titled nickname in quotes after a naming verb is not a patient
        assert!(run("we call him 'Mr Fixit' on the ward, he mends every pump").is_empty());
        assert_eq!(
            spans("Re: \"Mrs Lund\" - son says nobody rang about the MRI"),
            vec!["Mrs Lund"]
        );
    }

    #[test]
    fn titled_colleagues_and_characters() {
        for t in [
            "Mr Oduya is scrubbed with the registrar till 5",
            "tonight's reg is Ms Varga, bleep 2210",
            "Mr Trelawney belittled me in front of the whole firm",
            "Mrs Mop's cleaning show is back on telly",
            "Mr Tickle on cbeebies is a family favourite",
        ] {
            assert!(run(t).is_empty(), "{t:?} -> {:?}", spans(t));
        }
        // the same title with a patient cue is still a patient
        assert_eq!(
            spans("Mr Oduya in bed 5 is for theatre at 2"),
            vec!["Mr Oduya"]
        );
        assert_eq!(
            spans("Dr Lewis said Mrs Varga was rude in front of everyone"),
            vec!["Mrs Varga"]
        );
    }

    #[test]
    fn wider_name_list_lowercase_needs_more() {
        // Title case: an ordinary first-name finding
        assert_eq!(spans("Kelechi fell overnight"), vec!["Kelechi"]);
        // lowercase: a common UK name needs one cue, a name known only from
        // the wider list one more
        assert_eq!(spans("doris fell overnight"), vec!["doris"]);
        assert!(run("kelechi fell overnight").is_empty());
        // surnames from the wider list: "miss" in lowercase needs a known name
        assert_eq!(
            spans("miss yeboah in bed 2 is for discharge"),
            vec!["miss yeboah"]
        );
        assert!(run("miss zzqx in bed 2 is for discharge").is_empty());
        assert_eq!(spans("kelechi fell overnight, obs stable"), vec!["kelechi"]);
    }

    #[test]
    fn called_and_relatives() {
        assert_eq!(spans("pt called Doris, 84, fell at home"), vec!["Doris"]);
        assert_eq!(spans("her name is Edna and she's confused"), vec!["Edna"]);
        assert_eq!(spans("her son Kevin rang again"), vec!["Kevin"]);
        assert_eq!(spans("daughter Sarah wants an update"), vec!["Sarah"]);
        assert_eq!(spans("his sister Mary is NOK"), vec!["Mary"]);
        assert_eq!(spans("Kevin, her son, rang twice"), vec!["Kevin"]);
        assert_eq!(rules("her son Kevin rang again"), vec!["relative-name"]);
        for t in [
            "pt called back about results",
            "the lady called 111 before coming in",
            "pt called the ward at 3am",
            "my son Kevin has chickenpox",
            "Sister Mary is in charge today",
            "her son rang again",
        ] {
            assert!(run(t).is_empty(), "{t:?} -> {:?}", spans(t));
        }
    }

    #[test]
    fn photos_talk() {
        assert_eq!(
            rules("pic of the rash, what do we think?"),
            vec!["patient-photo"]
        );
        assert_eq!(
            rules("photo of his wristband attached"),
            vec!["patient-photo"]
        );
        assert_eq!(rules("screenshot of the bed board"), vec!["patient-photo"]);
        assert_eq!(
            rules("posting his CT in the group chat"),
            vec!["patient-photo"]
        );
        assert_eq!(
            rules("look at the state of this pic of his foot 😂"),
            vec!["patient-photo-mocking"]
        );
        for t in [
            "never post photos of patients' wristbands",
            "pic of the rota for december",
            "anonymised photo of the rash from dermnet",
            "photo of my cat",
            "good pic of a shingles rash anyone?",
            "post op his wound is clean",
        ] {
            assert!(run(t).is_empty(), "{t:?} -> {:?}", rules(t));
        }
    }

    #[test]
    fn rule_file_examples() {
        let fails = lexicon::check_examples(
            "rules/names.toml",
            include_str!("../../../../rules/names.toml"),
            &|t| rules(t),
        );
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// All three language detectors: never panic, spans on char boundaries.
        #[test]
        fn detectors_never_panic(
            text in "([A-Za-z0-9 .,:;'()@£%/\\-]|é|’|😂|\u{200b}|Mr|Mrs|bed|bay|pt|called|her son|pic of|drunk|on call|45yo|St |Hospital|@jo){0,40}"
        ) {
            let files: Vec<DictFile<'static>> = {
                let mut f = dict_files();
                f.push(DictFile { name: "indirect.txt", contents: include_str!("../../../../data/dict/indirect.txt") });
                f.push(DictFile { name: "risk.txt", contents: include_str!("../../../../data/dict/risk.txt") });
                f.push(DictFile { name: "discriminatory.txt", contents: include_str!("../../../../data/dict/discriminatory.txt") });
                f
            };
            static ALL: std::sync::OnceLock<crate::detect::Dicts> = std::sync::OnceLock::new();
            let d = ALL.get_or_init(|| crate::detect::Dicts::load(&files).expect("dictionaries load"));
            let mut out = Vec::new();
            crate::detect::run_all(&text, &ChannelContext::default(), d, &mut out);
            for h in out {
                proptest::prop_assert!(h.start <= h.end && h.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
            }
        }
    }

    #[test]
    fn offsets_on_char_boundaries() {
        let t = "🙂 Doris keeps pulling her cannula — é Mrs Ñúñez in bed 4";
        for h in run(t) {
            assert!(t.is_char_boundary(h.start) && t.is_char_boundary(h.end));
        }
        // no panic on odd input
        for t in [
            "Mr",
            "Mr.",
            "mrs ",
            "pt called",
            "her son",
            "'s",
            "Doris'",
            "pic",
        ] {
            let _ = run(t);
        }
    }
}
