//! Hostile Unicode: identifiers hidden with zero-width characters, full-width
//! digits or look-alike letters are found, and every span is a byte range of
//! the ORIGINAL text on char boundaries.

use caldicott_engine::{ChannelContext, Engine};

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

fn nhs_span(text: &str) -> Option<(usize, usize)> {
    Engine::scan(&engine(), text, &ChannelContext::default())
        .findings
        .iter()
        .find(|f| f.rule == "nhs-number")
        .map(|f| (f.start, f.end))
}

#[test]
fn nhs_number_split_by_zero_width_spaces_is_found_with_original_offsets() {
    let text = "pt nhs 943\u{200B}476\u{200B}5919 pls chase";
    let (s, e) = nhs_span(text).expect("found");
    assert_eq!(s, 7);
    assert_eq!(&text[s..e], "943\u{200B}476\u{200B}5919");
    assert_eq!(e, 7 + 10 + 2 * 3);
}

#[test]
fn other_invisible_characters_are_stripped_too() {
    // zero-width joiner, word joiner, soft hyphen, BOM, LTR mark
    for sep in ["\u{200D}", "\u{2060}", "\u{00AD}", "\u{FEFF}", "\u{200E}"] {
        let text = format!("nhs 943{sep}476{sep}5919");
        let (s, e) = nhs_span(&text).unwrap_or_else(|| panic!("{sep:?}"));
        assert_eq!(&text[s..e], format!("943{sep}476{sep}5919"));
    }
}

#[test]
fn full_width_digits_and_letters_are_folded() {
    let text = "ＮＨＳ ９４３ ４７６ ５９１９";
    let (s, e) = nhs_span(text).expect("found");
    assert_eq!(&text[s..e], "９４３ ４７６ ５９１９");
}

#[test]
fn cyrillic_lookalike_cue_still_counts() {
    // "NНS" with a Cyrillic En, and Arabic-Indic digits in the number.
    let text = "N\u{041D}S \u{0669}\u{0664}\u{0663} 476 5919";
    let (s, e) = nhs_span(text).expect("found");
    assert_eq!(&text[s..e], "\u{0669}\u{0664}\u{0663} 476 5919");
}

#[test]
fn offsets_after_emoji_and_curly_quotes_point_into_the_original() {
    let text = "😬 “pt’s” nhs 943 476 5919 🙏";
    let (s, e) = nhs_span(text).expect("found");
    assert_eq!(&text[s..e], "943 476 5919");
    let report = engine().scan(text, &ChannelContext::default());
    assert_eq!(report.masked(text), "😬 “pt’s” nhs [NHS number] 🙏");
}

#[test]
fn non_breaking_and_en_dashes_separate_groups() {
    let text = "pt nhs 943\u{2013}476\u{2013}5919";
    let (s, e) = nhs_span(text).expect("found");
    assert_eq!(&text[s..e], "943\u{2013}476\u{2013}5919");
    let text = "pt nhs 943\u{00A0}476\u{00A0}5919";
    assert!(nhs_span(text).is_some());
}

#[test]
fn decomposed_accents_keep_spans_on_char_boundaries() {
    let text = "Zoe\u{0308} dob 12/03/1956";
    let report = engine().scan(text, &ChannelContext::default());
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "date-of-birth")
        .expect("dob");
    assert_eq!(&text[f.start..f.end], "12/03/1956");
}
