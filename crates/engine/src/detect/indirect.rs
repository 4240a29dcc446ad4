//! Detector `indirect`: indirect identification of a patient — no name or
//! number, but a combination of place, time and a distinctive detail that
//! would let someone who knows the patient recognise them.
//!
//! ```ignore
//! pub fn load(files: &[DictFile<'_>]) -> Result<IndirectDicts, crate::Error>;
//! pub fn detect(text: &str, ctx: &ChannelContext, dicts: &IndirectDicts, out: &mut Vec<Hit>);
//! ```
//!
//! Dictionary: `data/dict/indirect.txt` (sectioned). Rule id:
//! `indirect-identification` in `rules/indirect.toml`.
//!
//! Parts found in one pass (dictionary automaton plus a byte scan for
//! numbers):
//! * place: a clinical place (bay, ward, resus, ITU) or a *named* place (a
//!   hospital name, "St Mary's", "X Hospital", a town, "the M6");
//! * time: today, last night, a weekday, a date, a clock time;
//! * distinctive details: exact age ("45yo", "45M", "aged 45"), occupation,
//!   celebrity or news coverage, a rare condition or record, an event (crash,
//!   stabbing, fall from a named place, a festival).
//!
//! A finding needs a distinctive detail, a clinical setting (a clinical
//! place, a named hospital or patient words), and either three different kinds
//! of part, or two where one is strong (celebrity/news, or an event,
//! occupation or rare condition with a named place). Ages the writer gives
//! about themselves ("I'm 45") do not count, and a teaching case counts only
//! when it is anchored in a real place or time. The hit covers the strongest
//! distinctive detail (masked as `[identifying detail]`), and `detail` names
//! the parts, e.g. `place+time+age`.

use super::names::lexicon::{self, M, Tagged, Tags};
use super::{DictFile, Hit};
use crate::ChannelContext;

const PLACE: Tags = 1;
const HOSPITAL: Tags = 1 << 1;
const TOWN: Tags = 1 << 2;
const TIME: Tags = 1 << 3;
const OCC: Tags = 1 << 4;
const CELEB: Tags = 1 << 5;
const RARE: Tags = 1 << 6;
const EVENT: Tags = 1 << 7;
const SHADOW: Tags = 1 << 8;
const TEACH: Tags = 1 << 9;
const SELF: Tags = 1 << 10;
const PATIENT: Tags = 1 << 11;
const STAFF_LINK: Tags = 1 << 12;
const NOT_PLACE: Tags = 1 << 13;
const UNIQUE: Tags = 1 << 14;

const SECTIONS: [(&str, Tags); 15] = [
    ("place", PLACE),
    ("hospital", HOSPITAL),
    ("town", TOWN),
    ("time", TIME),
    ("occupation", OCC),
    ("celebrity", CELEB),
    ("rare", RARE),
    ("event", EVENT),
    ("shadow", SHADOW),
    ("teaching", TEACH),
    ("self", SELF),
    ("patient", PATIENT),
    ("staff_link", STAFF_LINK),
    ("not_place", NOT_PLACE),
    ("unique", UNIQUE),
];

/// Rule ids this detector emits (must exist in `rules/indirect.toml`).
pub const RULES: [&str; 1] = ["indirect-identification"];

/// Dictionaries for the `indirect` detector, built once.
#[derive(Debug, Clone, Default)]
pub struct IndirectDicts {
    ac: Tagged,
    detail_gate: Tagged,
    given: std::collections::HashSet<String>,
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
    Ok(IndirectDicts {
        ac: Tagged::build(lexicon::entries(&map, &SECTIONS)),
        detail_gate: Tagged::build_gated(
            lexicon::entries(&map, &SECTIONS),
            OCC | CELEB | RARE | EVENT | STAFF_LINK,
        ),
        given,
    })
}

/// Kinds of distinctive detail, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Age,
    Occupation,
    Event,
    Rare,
    Celebrity,
    StaffLink,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Age => "age",
            Kind::Occupation => "occupation",
            Kind::Event => "event",
            Kind::Rare => "rare condition",
            Kind::Celebrity => "public profile",
            Kind::StaffLink => "one of the team's own",
        }
    }
}

#[derive(Debug, Default)]
struct Parts {
    clinical_place: bool,
    named_place: bool,
    hospital: bool,
    time: bool,
    patient: bool,
    teaching: bool,
    details: Vec<(Kind, usize, usize)>,
}

/// Append hits (normalised-text byte offsets) to `out`.
pub fn detect(text: &str, ctx: &ChannelContext, dicts: &IndirectDicts, out: &mut Vec<Hit>) {
    let _ = ctx;
    // a distinctive detail is a dictionary word or a number (age): without
    // either there is nothing to combine
    if !text.bytes().any(|b| b.is_ascii_digit()) && !dicts.detail_gate.gate_open(text) {
        return;
    }
    let mut ms: Vec<M> = Vec::new();
    dicts.ac.scan(text, &mut ms);
    let mut p = Parts::default();
    let self_near = |pos: usize| {
        ms.iter()
            .any(|s| s.has(SELF) && s.end <= pos && pos - s.end <= 12)
    };
    for m in &ms {
        if m.has(SHADOW) {
            continue;
        }
        p.clinical_place |= m.has(PLACE);
        p.named_place |= m.has(HOSPITAL | TOWN);
        p.hospital |= m.has(HOSPITAL);
        p.time |= m.has(TIME);
        p.patient |= m.has(PATIENT);
        p.teaching |= m.has(TEACH);
        let kind = if m.has(STAFF_LINK) {
            Some(Kind::StaffLink)
        } else if m.has(CELEB) {
            Some(Kind::Celebrity)
        } else if m.has(RARE) {
            Some(Kind::Rare)
        } else if m.has(EVENT) {
            Some(Kind::Event)
        } else if m.has(OCC) {
            Some(Kind::Occupation)
        } else {
            None
        };
        if let Some(k) = kind {
            if k == Kind::Occupation && self_near(m.start) {
                continue;
            }
            p.details.push((k, m.start, m.end));
        }
    }
    scan_numbers(text, &mut p, &self_near);
    if p.details.is_empty() {
        return;
    }
    scan_named_places(text, &mut p);
    // an exact age (clinical shorthand such as "21M", "45yo") marks a patient
    if p.details.iter().any(|d| d.0 == Kind::Age) {
        p.patient = true;
    }
    let strongest_kind = p.details.iter().map(|d| d.0).max();
    // a named patient whose only extra detail is an age is direct
    // identification (reported by the names detector), not indirect
    if strongest_kind == Some(Kind::Age) && has_title_name(text) {
        return;
    }
    if !p.named_place {
        p.named_place = place_after_preposition(text, &ms, dicts);
    }
    let place = p.clinical_place || p.named_place;
    let clinical = p.clinical_place || p.hospital || p.patient;
    let staff_link = p.details.iter().any(|d| d.0 == Kind::StaffLink);
    if !clinical {
        return;
    }
    if p.teaching && !(p.time || p.named_place) {
        return;
    }
    let mut kinds: Vec<Kind> = p.details.iter().map(|d| d.0).collect();
    kinds.sort();
    kinds.dedup();
    let types = place as usize + p.time as usize + kinds.len();
    let strongest = *kinds.last().expect("details not empty");
    // "the only ...", "everyone knows him", "keep it quiet": the writer says
    // the patient is recognisable, so any detail in a clinical setting is enough
    let unique = ms.iter().any(|m| m.has(UNIQUE));
    let strong_pair = strongest >= Kind::Rare
        || staff_link
        || unique
        || (p.named_place && kinds.iter().any(|k| *k >= Kind::Occupation));
    if !(types >= 3 || (types >= 2 && strong_pair)) {
        return;
    }
    let (_, s, e) = *p
        .details
        .iter()
        .filter(|d| d.0 == strongest)
        .min_by_key(|d| d.1)
        .expect("strongest detail present");
    let mut parts: Vec<&str> = Vec::new();
    if p.named_place {
        parts.push("named place");
    } else if p.clinical_place {
        parts.push("place");
    }
    if p.time {
        parts.push("time");
    }
    for k in kinds.iter().rev() {
        parts.push(k.name());
    }
    out.push(Hit {
        rule: "indirect-identification",
        start: s,
        end: e,
        detail: Some(parts.join("+")),
    });
}

/// Ages ("45yo", "45 y/o", "45-year-old", "45M", "aged 45", "3 week old"),
/// dates ("12/03/2024", "3rd March" via the month list, "12/3"), clock times
/// ("3am", "14:30") and roads ("the M6", "the A34").
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
                let after_the = text[..i].to_ascii_lowercase().ends_with("the ");
                if bounded && after_the && j - i <= 4 && !text[j..].starts_with(" paper") {
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
        let lower = String::from_utf8_lossy(&buf[..n_buf]);
        // clock times
        if n <= 12 && (lower.starts_with("am") || lower.starts_with("pm")) {
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
            let md: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
            if let Ok(mo) = md.parse::<u32>()
                && (1..=12).contains(&mo)
                && md.len() <= 2
            {
                let after = &r[md.len()..];
                let has_year = after
                    .strip_prefix('/')
                    .or_else(|| after.strip_prefix('.'))
                    .is_some_and(|y| {
                        let yd = y.chars().take_while(|c| c.is_ascii_digit()).count();
                        yd == 2 || yd == 4
                    });
                // 3/12 and 5/7 are durations in clinical shorthand
                if has_year || !(mo == 12 || mo == 7) {
                    p.time = true;
                }
            }
            continue;
        }
        if !(1..=120).contains(&n) {
            continue;
        }
        // ages
        let trimmed = lower.trim_start_matches([' ', '-']);
        let gap = lower.len() - trimmed.len();
        let age_units = [
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
        let mut is_age = age_units.iter().any(|u| {
            trimmed.starts_with(u)
                && trimmed[u.len()..]
                    .bytes()
                    .next()
                    .is_none_or(|c| !c.is_ascii_alphanumeric() || u.ends_with(' '))
        });
        // "45M", "45F", "45f": sex attached to the age
        if !is_age && gap == 0 && (lower.starts_with('m') || lower.starts_with('f')) {
            let c = rest.as_bytes()[0];
            let boundary = rest
                .as_bytes()
                .get(1)
                .is_none_or(|x| !x.is_ascii_alphanumeric());
            is_age = boundary && (c == b'M' || c == b'F' || c == b'f') && n >= 16;
        }
        // "aged 45", "age 45"
        if !is_age {
            let before = text[..start].to_ascii_lowercase();
            is_age = before.ends_with("aged ") || before.ends_with("age ");
        }
        if is_age && !self_near(start) {
            let kind = if n >= 100 { Kind::Rare } else { Kind::Age };
            p.details.push((kind, start, i));
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

/// "from Frome", "in Penarth", "at Keynsham": a capitalised word after a
/// place preposition, that is not a known non-place word or a first name.
fn place_after_preposition(text: &str, ms: &[M], dicts: &IndirectDicts) -> bool {
    let mut pos = 0;
    while let Some((ws, we)) = lexicon::next_word(text, pos) {
        let w = &text[ws..we];
        pos = we;
        if !matches!(
            w.to_ascii_lowercase().as_str(),
            "from" | "in" | "at" | "near" | "outside" | "opposite"
        ) {
            // skip to the next word start
            while pos < text.len() && !text.as_bytes()[pos].is_ascii_alphabetic() {
                pos += 1;
                while !text.is_char_boundary(pos) {
                    pos += 1;
                }
            }
            continue;
        }
        let Some((ps, pe)) = lexicon::next_word(text, we) else {
            continue;
        };
        if ps != we + 1 {
            continue;
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
                    p.hospital = true;
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
            p.hospital = true;
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
            Some("place+time+public profile+occupation")
        );
        let t = "45yo teacher in bay 4 since last night";
        let h = run(t);
        assert_eq!(&t[h[0].start..h[0].end], "teacher");
        assert_eq!(h[0].detail.as_deref(), Some("place+time+occupation+age"));
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
