//! Rule loading is all or nothing, and every error names file and line.

use caldicott_engine::{ChannelContext, Engine, Error, HospitalNumberPattern};

const GOOD: &str = r#"
[[rule]]
id = "ward-code"
category = "patient_direct"
severity = "high"
guidance = "confidentiality"
label = "ward code"
reason = "Test rule."
kind = "pattern"
pattern = '\bZZ\d{4}\b'
must_match = ["ZZ1234"]
"#;

fn err(files: &[(&str, &str)]) -> (String, usize, String) {
    match Engine::build(files, &[]) {
        Ok(_) => panic!("expected an error"),
        Err(Error::Rule {
            file,
            line,
            message,
        }) => (file, line, message),
        Err(e) => panic!("unexpected error kind: {e}"),
    }
}

#[test]
fn malformed_toml_names_file_and_line() {
    let bad = "[[rule]]\nid = \"x\"\ncategory = \"patient_direct\nseverity = \"high\"\n";
    let (file, line, _) = err(&[("rules/bad.toml", bad)]);
    assert_eq!(file, "rules/bad.toml");
    assert_eq!(line, 3);
}

#[test]
fn unknown_category_severity_validator_detector_are_errors_with_rule_and_line() {
    let cases = [
        (
            "category = \"patient_direct\"",
            "category = \"gossip\"",
            "unknown category",
        ),
        (
            "severity = \"high\"",
            "severity = \"extreme\"",
            "unknown severity",
        ),
        (
            "kind = \"pattern\"",
            "kind = \"pattern\"\nvalidate = \"luhn\"",
            "unknown validator",
        ),
        (
            "kind = \"pattern\"\npattern = '\\bZZ\\d{4}\\b'",
            "kind = \"detector\"\ndetector = \"telepathy\"",
            "unknown detector",
        ),
        (
            "pattern = '\\bZZ\\d{4}\\b'",
            "pattern = '(unclosed'",
            "bad pattern",
        ),
        (
            "label = \"ward code\"",
            "label = \"ward code\"\ncolour = \"red\"",
            "unknown field",
        ),
    ];
    for (from, to, want) in cases {
        let src = format!("# header\n{}", GOOD.replace(from, to));
        let (file, line, message) = err(&[("rules/x.toml", &src)]);
        assert_eq!(file, "rules/x.toml", "{want}");
        assert!(line >= 2, "{want}: line {line}");
        assert!(message.contains(want), "{want}: {message}");
        if want != "unknown field" {
            assert!(message.contains("ward-code"), "{want}: {message}");
        }
    }
}

#[test]
fn duplicate_ids_across_files_are_an_error_naming_both() {
    let (file, _, message) = err(&[("rules/a.toml", GOOD), ("rules/b.toml", GOOD)]);
    assert_eq!(file, "rules/b.toml");
    assert!(message.contains("duplicate id"), "{message}");
    assert!(message.contains("rules/a.toml:2"), "{message}");
}

#[test]
fn operator_rules_load_from_a_directory_next_to_the_builtin_ones() {
    let dir = std::env::temp_dir().join(format!("caldicott-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("trust.toml"), GOOD).unwrap();
    let engine = Engine::with_extra_rules(&[&dir]).expect("loads");
    assert!(engine.rule("ward-code").is_some());
    assert!(engine.rule("nhs-number").is_some());
    let r = engine.scan("see ZZ1234", &ChannelContext::default());
    assert_eq!(r.findings[0].rule, "ward-code");
    // A bad operator file stops the whole engine from loading.
    std::fs::write(dir.join("zz-bad.toml"), "[[rule]]\nid = 3\n").unwrap();
    match Engine::with_extra_rules(&[&dir]) {
        Err(Error::Rule { file, line, .. }) => {
            assert!(file.ends_with("zz-bad.toml"), "{file}");
            assert_eq!(line, 2);
        }
        other => panic!("expected a rule error, got {other:?}"),
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn operator_hospital_number_patterns_are_reported_without_a_cue() {
    let engine = Engine::build(
        &[(
            "rules/identifiers.toml",
            include_str!("../../../rules/identifiers.toml"),
        )],
        &[],
    )
    .unwrap();
    let mut ctx = ChannelContext::default();
    let text = "can someone see RXQ0012345 before lunch";
    assert!(engine.scan(text, &ctx).is_clean());
    ctx.hospital_number_patterns
        .push(HospitalNumberPattern::new(r"\bRXQ\d{7}\b").unwrap());
    let r = engine.scan(text, &ctx);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].rule, "hospital-number-configured");
    assert_eq!(&text[r.findings[0].start..r.findings[0].end], "RXQ0012345");
    assert_eq!(
        r.masked(text),
        "can someone see [hospital number] before lunch"
    );
    // ...but not inside a URL.
    assert!(
        engine
            .scan("https://pas.example/RXQ0012345", &ctx)
            .is_clean()
    );
    // A bad operator pattern is an error naming the pattern.
    let e = HospitalNumberPattern::new("RXQ(").unwrap_err();
    assert!(e.to_string().contains("RXQ("));
}

#[test]
fn builtin_rules_load_quickly_enough_to_start() {
    // Loading is measured properly by `caldicott bench`; this only checks
    // the embedded rules are there and valid.
    let e = Engine::builtin().expect("builtin");
    assert!(e.rules().len() >= 14);
    assert!(e.rule("nhs-number").is_some());
}

#[test]
fn from_dir_loads_the_same_rules_as_the_embedded_copy() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let e = Engine::from_dir(&root.join("rules"), Some(&root.join("data/dict"))).expect("loads");
    assert_eq!(e.rules().len(), Engine::builtin().unwrap().rules().len());
    let r = e.scan("pt nhs 943 476 5919", &ChannelContext::default());
    assert_eq!(r.findings[0].rule, "nhs-number");
    match Engine::from_dir(&root.join("no-such-dir"), None) {
        Err(Error::Io { path, .. }) => assert!(path.contains("no-such-dir")),
        other => panic!("expected an I/O error naming the path, got {other:?}"),
    }
}
