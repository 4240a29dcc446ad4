//! Snapshots of the words the bot says, from fixed inputs (no engine), so
//! a wording change is a visible diff.

use caldicott_core::render::{self, Note};
use caldicott_core::{Citation, Reason};
use caldicott_engine::Category;

fn reasons() -> Vec<Reason> {
    vec![
        Reason {
            rule: "patient-name".into(),
            category: "patient_direct".into(),
            severity: "high".into(),
            label: "patient name".into(),
            why: "A name with clinical detail identifies a patient.".into(),
        },
        Reason {
            rule: "nhs-number".into(),
            category: "patient_direct".into(),
            severity: "high".into(),
            label: "NHS number".into(),
            why: "An NHS number identifies one patient directly.".into(),
        },
    ]
}

fn citation() -> Option<Citation> {
    Some(Citation {
        slug: "confidentiality".into(),
        text:
            "Confidentiality: Confidentiality (2017) paras 1, 119. https://www.gmc-uk.org/example"
                .into(),
        url: Some("https://www.gmc-uk.org/example".into()),
    })
}

fn note(redacted: bool) -> String {
    Note {
        author_name: "dr_lee",
        channel_name: "#ward-7",
        masked: "[patient name] in bed 4, NHS number [NHS number], BP dropping",
        reasons: &reasons(),
        category: Category::PatientDirect,
        slug: "confidentiality",
        citation: &citation(),
        note_id: "0a1b2c3d4e",
        redacted,
    }
    .render()
}

#[test]
fn private_note() {
    insta::assert_snapshot!(note(false));
}

#[test]
fn private_note_after_redaction() {
    insta::assert_snapshot!(note(true));
}

#[test]
fn thread_reply_and_redact_reason() {
    insta::assert_snapshot!(render::thread_reply(
        Category::PatientIndirect,
        "confidentiality",
        &citation()
    ));
    insta::assert_snapshot!(
        "redact_reason",
        render::redact_reason(Category::DisrespectPatients)
    );
}

#[test]
fn check_answers() {
    insta::assert_snapshot!(
        "check_flagged",
        render::check_answer(
            "is this ok: [NHS number]",
            &reasons()[1..],
            Some("confidentiality"),
            &None,
            Some(Category::PatientDirect)
        )
    );
    insta::assert_snapshot!(
        "check_clean",
        render::check_answer("fine", &[], None, &None, None)
    );
}

#[test]
fn a_long_masked_copy_is_cut_to_fit_one_message() {
    let long = "word ".repeat(2000);
    let text = Note {
        author_name: "dr_lee",
        channel_name: "#ward-7",
        masked: &long,
        reasons: &reasons(),
        category: Category::PatientDirect,
        slug: "confidentiality",
        citation: &citation(),
        note_id: "0a1b2c3d4e",
        redacted: false,
    }
    .render();
    assert!(
        text.chars().count() <= caldicott_core::TEXT_MAX_CHARS,
        "{}",
        text.chars().count()
    );
    assert!(text.contains('…'));
    assert!(
        text.contains("caldicott dispute 0a1b2c3d4e"),
        "the tail survives"
    );
}

#[test]
fn every_category_has_words() {
    for c in Category::ALL {
        assert!(!render::category_phrase(c).is_empty());
        assert!(render::safe_way(c).len() > 40, "{c}");
    }
}
