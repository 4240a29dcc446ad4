//! Snapshot tests of the persisted encodings: a format change shows up as a
//! diff here, and must come with a record version bump and an upgrade.

use std::collections::{BTreeMap, BTreeSet};

use caldicott_store::{ChannelSettings, Cooldown, LastNote, Mode, NoteRecord, decode, encode};
use chrono::{TimeZone, Utc};

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

#[test]
fn channel_settings_encoding() {
    let s = ChannelSettings {
        mode: Mode::Redact,
        mod_log: Some("!mods:example.org".into()),
        disabled_categories: BTreeSet::from(["advertising".to_string()]),
        min_severity: "medium".into(),
        staff_names: BTreeSet::from(["Sister Agnes".to_string(), "Dr Okafor".to_string()]),
        hospital_number_patterns: vec!["RX\\d{7}".into()],
        exempt: false,
        exempt_roles: BTreeSet::from(["Teaching fellow".to_string()]),
    };
    let bytes = encode(&s);
    insta::assert_snapshot!(text(bytes.clone()));
    assert_eq!(decode::<ChannelSettings>("k", &bytes).unwrap(), s);
    insta::assert_snapshot!(
        "default_settings",
        text(encode(&ChannelSettings::default()))
    );
}

#[test]
fn every_mode_encoding() {
    let names: Vec<String> = Mode::ALL
        .iter()
        .map(|m| serde_json::to_string(m).unwrap())
        .collect();
    insta::assert_snapshot!(names.join(" "));
    for m in Mode::ALL {
        assert_eq!(Mode::parse(m.as_str()), Some(m));
    }
}

#[test]
fn cooldown_note_and_last_note_encoding() {
    let t = Utc.with_ymd_and_hms(2026, 1, 5, 9, 30, 0).unwrap();
    let c = Cooldown { until: t };
    insta::assert_snapshot!("cooldown", text(encode(&c)));
    let n = NoteRecord {
        channel: "discord:123456789".into(),
        author_hash: "00112233445566778899aabbccddeeff".into(),
        rules: BTreeMap::from([
            ("nhs-number".to_string(), "patient_direct".to_string()),
            ("patient-name".to_string(), "patient_direct".to_string()),
        ]),
        created: t,
        disputed: true,
    };
    let bytes = encode(&n);
    insta::assert_snapshot!("note", text(bytes.clone()));
    assert_eq!(decode::<NoteRecord>("k", &bytes).unwrap(), n);
    insta::assert_snapshot!(
        "last_note",
        text(encode(&LastNote {
            note_id: "0a1b2c3d4e".into()
        }))
    );
}

#[test]
fn keys_escape_their_separator() {
    let k = caldicott_store::key(&["matrix:!a|b:x", "100%", "rule"]);
    assert_eq!(k, "matrix:!a%7Cb:x|100%25|rule");
    assert_eq!(
        caldicott_store::key_parts(&k),
        ["matrix:!a|b:x", "100%", "rule"]
    );
}

#[test]
fn broken_records_name_namespace_and_key() {
    let err = decode::<ChannelSettings>("discord:42", b"{not json").unwrap_err();
    assert!(err.to_string().contains("settings/discord:42"), "{err}");
    let err =
        decode::<ChannelSettings>("discord:42", br#"{"v":1,"data":{"mode":"loud"}}"#).unwrap_err();
    assert!(err.to_string().contains("settings/discord:42"), "{err}");
}

/// An older record version is upgraded on read through `Record::upgrade`.
#[test]
fn older_record_versions_are_upgraded() {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Counted {
        name: String,
        count: u32,
    }
    impl caldicott_store::Record for Counted {
        const NAMESPACE: &'static str = "test";
        const VERSION: u32 = 2;
        fn upgrade(from: u32, mut data: serde_json::Value) -> Result<serde_json::Value, String> {
            match from {
                1 => {
                    data["count"] = 0.into();
                    Ok(data)
                }
                v => Err(format!("no upgrade from record version {v}")),
            }
        }
    }
    let got = decode::<Counted>("k", br#"{"v":1,"data":{"name":"a"}}"#).unwrap();
    assert_eq!(
        got,
        Counted {
            name: "a".into(),
            count: 0
        }
    );
    let err = decode::<Counted>("k", br#"{"v":0,"data":{}}"#).unwrap_err();
    assert!(err.to_string().contains("test/k"), "{err}");
    let err = decode::<Counted>("k", br#"{"v":3,"data":{}}"#).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
}
