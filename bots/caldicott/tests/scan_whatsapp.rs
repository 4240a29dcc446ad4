//! `caldicott scan --format whatsapp`: WhatsApp "Export chat" text through
//! the real binary. Ids are the lines messages start on; multi-line messages
//! are one message; system lines are scanned; malformed parts are named by
//! line on stderr and skipped with a non-zero exit; `--json` never holds
//! message text.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn caldicott");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

const NHS: &str = "943 476 5919";
const PATIENT: &str = "Mrs Edith Crabtree";

/// An Android export (with a byte-order mark) with a system line, a
/// multi-line message holding an NHS number on its second line, a patient
/// named in clinical context, and one message with an impossible date.
fn android_export() -> String {
    [
        "\u{feff}12/03/2024, 14:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        "12/03/2024, 14:02 - Dr Amy: can someone review bay 3",
        &format!("nhs {NHS}, chest pain since 6am"),
        "",
        "12/03/2024, 14:03 - Dr Ben: on my way",
        &format!("12/03/2024, 14:04 - Dr Amy: {PATIENT} in bed 4 keeps pulling her cannula out"),
        "31/31/2024, 14:05 - Dr Cat: this header is corrupt",
        "and so is its continuation",
        "12/03/2024, 14:06 - Dr Cat: who is on nights?",
    ]
    .join("\n")
}

fn objects(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn whatsapp_json_contract_ids_are_start_lines() {
    let out = run_with_stdin(
        &["scan", "-", "--format", "whatsapp", "--json"],
        android_export().as_bytes(),
    );
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    // The corrupt message is named by its line, skipped, and the exit is non-zero.
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("line 7:"), "{stderr}");
    assert!(!stderr.contains("line 8:"), "{stderr}");
    let objs = objects(&out);
    let ids: Vec<&str> = objs.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "5", "6", "9"], "{stdout}");
    // The NHS number on the second line of message 2 is found in that
    // message, at its offset in the message text ("can someone review bay
    // 3\nnhs " is 29 bytes).
    assert_eq!(objs[1]["identifiable"], true, "{}", objs[1]);
    let f = &objs[1]["findings"][0];
    assert_eq!(f["rule"], "nhs-number");
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(29), Some(41))
    );
    assert_eq!(objs[3]["identifiable"], true, "{}", objs[3]);
    for clean in [0, 2, 4] {
        assert_eq!(objs[clean]["severity"], "none", "{}", objs[clean]);
    }
    // Never message text, names of senders or the planted identifiers.
    for needle in [
        NHS,
        "9434765919",
        PATIENT,
        "Crabtree",
        "chest pain",
        "Dr Amy",
        "nights",
    ] {
        assert!(!stdout.contains(needle), "stdout leaks {needle:?}");
        assert!(!stderr.contains(needle), "stderr leaks {needle:?}");
    }
}

#[test]
fn whatsapp_ios_export_with_crlf_and_direction_marks() {
    let export = [
        "[12/03/2024, 14:02:11] Dr Amy: \u{200e}image omitted",
        &format!("[12/03/2024, 14:02:30] Dr Amy: nhs {NHS}"),
        "\u{200e}[3/12/24, 2:05:00 PM] Dr Ben: thanks, on it",
        "will update later",
    ]
    .join("\r\n");
    let out = run_with_stdin(
        &["scan", "--format", "whatsapp", "--json"],
        export.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let objs = objects(&out);
    let ids: Vec<&str> = objs.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(objs[1]["findings"][0]["rule"], "nhs-number");
    assert_eq!(objs[1]["findings"][0]["start"], 4);
    assert_eq!(objs[2]["severity"], "none");
}

#[test]
fn whatsapp_readable_output_is_masked_and_a_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("WhatsApp Chat with Ward 7.txt");
    std::fs::write(&path, android_export()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .args(["scan", path.to_str().unwrap(), "--format", "whatsapp"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success());
    assert!(stdout.contains("2: HIGH (patient_direct)"), "{stdout}");
    assert!(
        stdout.contains("[NHS number]") && !stdout.contains(NHS),
        "{stdout}"
    );
    assert!(stdout.contains("5: ok"), "{stdout}");
    assert!(
        stderr.contains("5 messages, 2 flagged, 1 malformed"),
        "{stderr}"
    );
}

#[test]
fn whatsapp_lines_before_any_message_and_bad_utf8_are_named() {
    let mut input = b"this is not an export\n\n12/03/2024, 14:02 - A: fine\n".to_vec();
    input.extend_from_slice(b"bad \xff byte\n12/03/2024, 14:03 - B: also fine\n");
    let out = run_with_stdin(&["scan", "--format", "whatsapp", "--json"], &input);
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert!(!out.status.success());
    assert!(
        stderr.contains("line 1:") && stderr.contains("line 4:"),
        "{stderr}"
    );
    let ids: Vec<String> = objects(&out)
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["3", "5"]);
}

#[test]
fn whatsapp_clean_export_exits_zero() {
    let out = run_with_stdin(
        &["scan", "--format", "whatsapp", "--json"],
        b"12/03/2024, 14:02 - A: anyone for coffee?\n12/03/2024, 14:03 - B: yes please\n",
    );
    assert!(out.status.success());
    assert_eq!(objects(&out).len(), 2);
}
