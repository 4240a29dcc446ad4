//! `caldicott foamed next|list` as scripts call them (interfaces.md §4).

use std::process::Command;

fn caldicott(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .args(args)
        .output()
        .expect("run caldicott");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn next(tz: &str, at: &str, now: &str) -> String {
    let (code, out, err) = caldicott(&["foamed", "next", "--tz", tz, "--at", at, "--now", now]);
    assert_eq!(code, 0, "{err}");
    out.trim().to_string()
}

#[test]
fn next_prints_utc_rfc3339_across_dst() {
    // Winter and summer in London.
    assert_eq!(
        next("Europe/London", "08:00", "2025-01-15T09:00:00Z"),
        "2025-01-16T08:00:00Z"
    );
    assert_eq!(
        next("Europe/London", "08:00", "2025-07-15T06:00:00Z"),
        "2025-07-15T07:00:00Z"
    );
    // Spring forward: 01:30 does not exist on 2025-03-30; posted at 02:00 BST.
    assert_eq!(
        next("Europe/London", "01:30", "2025-03-29T12:00:00Z"),
        "2025-03-30T01:00:00Z"
    );
    // Autumn: 01:30 happens twice on 2025-10-26; only the first counts.
    assert_eq!(
        next("Europe/London", "01:30", "2025-10-25T12:00:00Z"),
        "2025-10-26T00:30:00Z"
    );
    assert_eq!(
        next("Europe/London", "01:30", "2025-10-26T00:31:00Z"),
        "2025-10-27T01:30:00Z"
    );
    // Sydney spring forward (2025-10-05 02:00 -> 03:00 AEDT).
    assert_eq!(
        next("Australia/Sydney", "02:30", "2025-10-04T12:00:00Z"),
        "2025-10-04T16:00:00Z"
    );
    // Offsets in --now are honoured.
    assert_eq!(
        next("America/New_York", "09:00", "2025-01-15T08:00:00-05:00"),
        "2025-01-15T14:00:00Z"
    );
}

#[test]
fn bad_zone_time_or_instant_is_a_usage_error() {
    for args in [
        [
            "--tz",
            "Europe/Londn",
            "--at",
            "08:00",
            "--now",
            "2025-01-01T00:00:00Z",
        ],
        [
            "--tz",
            "Europe/London",
            "--at",
            "8pm",
            "--now",
            "2025-01-01T00:00:00Z",
        ],
        [
            "--tz",
            "Europe/London",
            "--at",
            "24:00",
            "--now",
            "2025-01-01T00:00:00Z",
        ],
        [
            "--tz",
            "Europe/London",
            "--at",
            "08:00",
            "--now",
            "tomorrow",
        ],
    ] {
        let mut full = vec!["foamed", "next"];
        full.extend(args);
        let (code, out, err) = caldicott(&full);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("usage:"), "{err}");
    }
    let (code, _, _) = caldicott(&["foamed", "next", "--tz", "UTC"]);
    assert_eq!(code, 2);
}

#[test]
fn list_json_is_one_array_with_the_contract_fields() {
    let (code, out, err) = caldicott(&["foamed", "list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON value");
    let items = v.as_array().expect("an array");
    assert!(items.len() >= 80, "{}", items.len());
    for it in items {
        assert!(it["id"].is_string() && it["title"].is_string());
        assert!(it["url"].as_str().unwrap().starts_with("https://"));
        assert!(!it["tags"].as_array().unwrap().is_empty());
    }
    let (code, out, _) = caldicott(&["foamed", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("litfl-brugada"));
}
