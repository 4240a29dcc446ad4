//! Public test cases from other detectors (Presidio, uk-fci/nhs-number,
//! Public Health Scotland's CHI checks, scrubadub, CRATE) run against our
//! validators and our scan contract.
//!
//! Where our contract differs on purpose, the test says why. The main
//! difference: those detectors judge a bare string; we report a number as a
//! patient's only with a nearby cue ("nhs", "pt", "dob", a ward or bed),
//! because in chat a checksum alone is weak evidence (1 random 10-digit
//! number in 11 passes it). So identifier cases are checked (a) with the
//! validator on the bare text and (b) through `Engine::scan` with a cue
//! prepended, and bare numbers are checked NOT to be reported.

use caldicott_engine::{ChannelContext, Engine, validate};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Case {
    entity: String,
    text: String,
    expected_count: usize,
    #[serde(default)]
    spans: Vec<(usize, usize)>,
}

fn cases() -> Vec<Case> {
    let mut v: Vec<Case> =
        serde_json::from_str(include_str!("data/presidio_cases.json")).expect("presidio json");
    let o: Vec<Case> =
        serde_json::from_str(include_str!("data/other_cases.json")).expect("other json");
    v.extend(o);
    v
}

/// The identifier rules alone: these cases are about identifiers, so they
/// do not depend on the language detectors' dictionaries.
fn engine() -> Engine {
    Engine::build(
        &[(
            "rules/identifiers.toml",
            include_str!("../../../rules/identifiers.toml"),
        )],
        &[],
    )
    .expect("identifier rules load")
}

fn rules_at(e: &Engine, text: &str) -> Vec<(String, usize, usize)> {
    e.scan(text, &ChannelContext::default())
        .findings
        .into_iter()
        .map(|f| (f.rule, f.start, f.end))
        .collect()
}

#[test]
fn nhs_number_cases() {
    let e = engine();
    let mut seen = 0;
    for c in cases().iter().filter(|c| {
        matches!(
            c.entity.as_str(),
            "UK_NHS"
                | "UK_NHS_OR_CHI_NUMBER_VALID"
                | "UK_NHS_NUMBER_VALID"
                | "UK_NHS_NUMBER_VALID_SYNTHETIC"
        )
    }) {
        seen += 1;
        let bare = c.text.trim();
        // Our validators: checksum AND an issued/test range (NHS), or a real
        // DDMMYY date (CHI), or the NI H&C range.
        let any_valid = validate::nhs_number(bare) || validate::chi_number(bare);
        match bare {
            // Presidio accepts these on checksum alone; they lie in no range
            // issued for NHS numbers (221..., 003...: unreserved), and 221395
            // is no DDMMYY date, so we do not treat them as NHS/CHI numbers.
            "221 395 1837" | "0032698674" => {
                assert!(validate::ten_digits(bare).is_some_and(|d| validate::mod11(&d)));
                assert!(!any_valid, "{bare}: outside every issued range");
                continue;
            }
            _ => {}
        }
        if c.text.contains("https://") {
            // The known Presidio false positive: a page id in a URL path.
            assert!(
                rules_at(&e, &c.text).is_empty(),
                "{}: URL id flagged",
                c.text
            );
            continue;
        }
        if c.text.starts_with("nhs ") {
            // Already carries its cue.
            let f = rules_at(&e, &c.text);
            assert_eq!(f.len(), c.expected_count, "{}: {f:?}", c.text);
            assert_eq!((f[0].1, f[0].2), c.spans[0], "{}", c.text);
            continue;
        }
        assert_eq!(any_valid, c.expected_count == 1, "validator on {bare:?}");
        // Contract difference: a bare number is not reported as a patient's.
        assert!(
            rules_at(&e, &c.text).is_empty(),
            "bare {:?} must not be reported without a cue",
            c.text
        );
        // With a cue it is, with the span shifted by the cue's length.
        let cued = format!("pt nhs {}", c.text);
        let f = rules_at(&e, &cued);
        assert_eq!(f.len(), c.expected_count, "{cued:?}: {f:?}");
        if let (Some(got), Some(&(s, end))) = (f.first(), c.spans.first()) {
            assert_eq!((got.1, got.2), (s + 7, end + 7), "{cued:?}");
        }
    }
    assert!(seen >= 15, "only {seen} NHS cases found");
}

#[test]
fn chi_cases() {
    let e = engine();
    for c in cases().iter().filter(|c| c.entity == "SCOTLAND_CHI") {
        let valid = validate::chi_number(&c.text);
        assert_eq!(
            valid,
            c.expected_count == 1,
            "CHI validator on {:?}",
            c.text
        );
        assert!(rules_at(&e, &c.text).is_empty(), "bare CHI reported");
        let cued = format!("chi {}", c.text);
        let got = rules_at(&e, &cued);
        assert_eq!(got.len(), c.expected_count, "{cued:?}: {got:?}");
    }
}

#[test]
fn postcode_cases() {
    let e = engine();
    let mut n = 0;
    for c in cases().iter().filter(|c| c.entity == "UK_POSTCODE") {
        n += 1;
        // Presidio/scrubadub judge the shape; so does our validator, on each
        // expected span. Wrapped texts ("this is a X test string") are
        // checked on the inner token.
        if c.expected_count == 0 {
            let inner = c
                .text
                .trim_start_matches("this is a ")
                .trim_end_matches(" test string");
            if !inner.contains(' ') || inner.len() <= 8 {
                assert!(!validate::postcode(inner), "{inner:?} accepted");
            }
        }
        for &(s, end) in &c.spans {
            let code: String = c.text.chars().skip(s).take(end - s).collect();
            assert!(validate::postcode(&code), "{code:?} rejected");
        }
        // Contract difference: a postcode alone (or a venue's) is not a
        // patient's; only with a home cue ("lives at") is it reported.
        assert!(
            rules_at(&e, &c.text).iter().all(|f| f.0 != "postcode-home"),
            "{:?}: postcode without home cue reported",
            c.text
        );
        for &(s, end) in &c.spans {
            let code: String = c.text.chars().skip(s).take(end - s).collect();
            if code.to_ascii_uppercase().starts_with("GIR") {
                // GIR 0AA is Girobank's business code: never a home.
                continue;
            }
            let cued = format!("pt lives at {code}");
            let got = rules_at(&e, &cued);
            assert!(
                got.iter()
                    .any(|f| f.0 == "postcode-home" && f.1 == 12 && f.2 == cued.len()),
                "{cued:?}: {got:?}"
            );
        }
    }
    assert!(n >= 40);
}

#[test]
fn crate_dob_renderings_are_found_after_a_dob_cue() {
    // CRATE's "known identifier" DOB renderings (anonregex_tests.py).
    let e = engine();
    for d in [
        "2021-12-31",
        "31/12/2021",
        "31/12/21",
        "12/31/2021",
        "12/31/21",
        "31 Dec 2021",
        "31 December 2021",
        "31 December, 2021",
        "December 31 2021",
        "December 31, 2021",
        "1980-05-06",
        "6/5/1980",
        "6/5/80",
        "06/05/1980",
        "5/6/80",
        "6 May 1980",
        "May 6, 80",
    ] {
        assert!(validate::date(d), "validator rejects {d:?}");
        let text = format!("dob {d} pls check");
        let got = rules_at(&e, &text);
        assert!(
            got.iter()
                .any(|f| f.0 == "date-of-birth" && f.1 == 4 && f.2 == 4 + d.len()),
            "{text:?}: {got:?}"
        );
        // Without a birth cue it is just a date (rota, clinic, deadline).
        let plain = format!("rota for {d} is out");
        assert!(rules_at(&e, &plain).is_empty(), "{plain:?}");
    }
}

#[test]
fn presidio_date_cases_are_not_dates_of_birth() {
    // Presidio's DATE_TIME cases ("Today is 5-20-2021") are dates, not dates
    // of birth: with no birth cue we report nothing.
    let e = engine();
    for c in cases().iter().filter(|c| c.entity == "DATE_TIME") {
        assert!(rules_at(&e, &c.text).is_empty(), "{:?}", c.text);
    }
}

#[test]
fn email_cases() {
    let e = engine();
    for c in cases().iter().filter(|c| c.entity == "EMAIL_ADDRESS") {
        // Bare or "my email ..." addresses are not a patient's.
        assert!(rules_at(&e, &c.text).is_empty(), "{:?}", c.text);
        for &(s, end) in &c.spans {
            let addr: String = c.text.chars().skip(s).take(end - s).collect();
            let cued = format!("pt's daughter emails from {addr} daily");
            let got = rules_at(&e, &cued);
            assert!(
                got.iter().any(|f| f.0 == "email-personal"),
                "{cued:?}: {got:?}"
            );
        }
    }
}

#[test]
fn phone_cases_are_own_details_or_uncued() {
    // "call me on 07911 123456" is the writer's own number; "ring 020 7946
    // 0958" names nobody. Neither is a patient identifier for us, though the
    // shapes are valid UK numbers.
    let e = engine();
    for c in cases().iter().filter(|c| c.entity == "PHONE_NUMBER") {
        for &(s, end) in &c.spans {
            let num: String = c.text.chars().skip(s).take(end - s).collect();
            assert!(validate::uk_phone(&num), "{num:?}");
        }
        assert!(rules_at(&e, &c.text).is_empty(), "{:?}", c.text);
    }
    let got = rules_at(&e, "pt's wife on 07911 123456 wants a call back");
    assert!(got.iter().any(|f| f.0 == "phone-personal"), "{got:?}");
}

#[test]
fn other_entities_never_crash_and_vehicle_plates_are_not_identifiers() {
    // Licence, passport, NINO and vehicle cases: not patient identifiers on
    // their own. They must scan cleanly (no panic, no finding).
    let e = engine();
    for c in cases().iter().filter(|c| {
        matches!(
            c.entity.as_str(),
            "UK_VEHICLE_REGISTRATION" | "UK_DRIVING_LICENCE" | "UK_PASSPORT"
        )
    }) {
        assert!(rules_at(&e, &c.text).is_empty(), "{:?}", c.text);
    }
}
