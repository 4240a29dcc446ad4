//! Property tests: the engine never panics, and every span lies on char
//! boundaries of the original text, for arbitrary input including hostile
//! Unicode.

use caldicott_engine::{ChannelContext, Engine, normalize::Normalized};
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::builtin().expect("builtin"))
}

fn check(text: &str) {
    let r = engine().scan(text, &ChannelContext::default());
    for f in &r.findings {
        assert!(f.start <= f.end && f.end <= text.len(), "{f:?}");
        assert!(text.is_char_boundary(f.start), "{f:?} in {text:?}");
        assert!(text.is_char_boundary(f.end), "{f:?} in {text:?}");
    }
    let cats_ok = r.identifiable == r.categories.iter().any(|c| c.is_identifying());
    assert!(cats_ok);
    let _ = r.masked(text);
}

/// Pieces that exercise the identifier paths and the normaliser together.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("nhs ".to_string()),
        Just("dob ".to_string()),
        Just("pt lives at ".to_string()),
        Just("943".to_string()),
        Just("476".to_string()),
        Just("5919".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{0308}".to_string()),
        Just("ﬁ".to_string()),
        Just("９".to_string()),
        Just("😬".to_string()),
        Just("“".to_string()),
        Just("`".to_string()),
        Just("```".to_string()),
        Just("https://x.y/".to_string()),
        Just("Mrs Patel ".to_string()),
        Just("12/03/1956".to_string()),
        Just("LS6 2AB".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        "[0-9 /.-]{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    // Debug builds on a shared 2-core machine: enough cases to find
    // boundary bugs without slowing the suite.
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn identifier_shaped_noise_keeps_spans_on_char_boundaries(
        parts in proptest::collection::vec(piece(), 0..24)
    ) {
        check(&parts.concat());
    }

    #[test]
    fn normaliser_maps_every_span_to_char_boundaries(text in any::<String>(), a in 0usize..64, b in 0usize..64) {
        let n = Normalized::new(&text);
        let (s, e) = n.to_original(a.min(b), a.max(b));
        prop_assert!(s <= e && e <= text.len());
        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
    }
}

#[test]
fn long_hostile_inputs_finish() {
    // Matrix's maximum event size, worst-case shapes for backtick pairing,
    // cue windows and digit runs. Linear-time engines finish these quickly;
    // this test only checks they finish and stay well-formed.
    let cap = caldicott_engine::MATRIX_EVENT_MAX_BYTES;
    let inputs = [
        "`".repeat(cap),
        (1..400).map(|n| "`".repeat(n)).collect::<String>()[..cap].to_string(),
        "9".repeat(cap),
        "nhs ".repeat(cap / 4),
        "9\u{200B}".repeat(cap / 4),
        "12/03/1956 dob ".repeat(cap / 15),
        "a".repeat(cap),
    ];
    for t in &inputs {
        check(t);
    }
}
