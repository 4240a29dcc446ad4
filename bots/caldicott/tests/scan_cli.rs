//! The scriptable faces of the guard (shared/interfaces.md §1 and §4), run
//! through the real binary: `scan --json` contract, streaming errors,
//! readable output, `rules test`, `eval --json`, usage errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_caldicott"))
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn caldicott");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

const NHS: &str = "943 476 5919";

fn input() -> String {
    [
        format!(r#"{{"id": "m001", "text": "pt nhs {NHS} can someone chase her bloods", "note": "ignored"}}"#),
        r#"{"id": "m002", "text": "who is on nights tonight?"}"#.to_string(),
        r#"{"id": "m003", "text": "broken"#.to_string(),
        r#"{"id": 4, "text": "nhs 943\u200b476\u200b5919 😬"}"#.to_string(),
        String::new(),
        r#"{"text": "no id here"}"#.to_string(),
        r#"{"id": "m007", "text": "dob 12/03/1956, bay 3"}"#.to_string(),
    ]
    .join("\n")
}

#[test]
fn scan_json_contract() {
    let out = run_with_stdin(&["scan", "-", "--format", "jsonl", "--json"], &input());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // Malformed lines: named by line number on stderr, skipped, exit non-zero.
    assert!(!out.status.success());
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("line 6"), "{stderr}");
    // One object per good message, in input order.
    let objs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let ids: Vec<&str> = objs.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["m001", "m002", "4", "m007"]);
    for o in &objs {
        let cats: Vec<&str> = o["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let mut sorted = cats.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(cats, sorted, "categories sorted, no repeats");
        assert_eq!(
            o["identifiable"].as_bool().unwrap(),
            cats.contains(&"patient_direct") || cats.contains(&"patient_indirect")
        );
        assert!(
            ["none", "low", "medium", "high", "critical"]
                .contains(&o["severity"].as_str().unwrap())
        );
        for f in o["findings"].as_array().unwrap() {
            assert!(f["rule"].is_string() && f["category"].is_string());
            assert!(f["start"].as_u64().unwrap() <= f["end"].as_u64().unwrap());
        }
    }
    // m001: the NHS number's byte span in the original text.
    let m1 = &objs[0];
    assert_eq!(m1["identifiable"], true);
    assert_eq!(m1["severity"], "high");
    let f = &m1["findings"][0];
    assert_eq!(f["rule"], "nhs-number");
    assert_eq!(f["category"], "patient_direct");
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(7), Some(19))
    );
    // m002: clean.
    assert_eq!(objs[1]["identifiable"], false);
    assert_eq!(objs[1]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(objs[1]["severity"], "none");
    // 4: zero-width split number, span covers the invisible characters.
    let f = &objs[2]["findings"][0];
    assert_eq!(f["rule"], "nhs-number");
    assert_eq!(
        (f["start"].as_u64(), f["end"].as_u64()),
        (Some(4), Some(20))
    );
    // Never the matched text.
    for needle in [NHS, "9434765919", "12/03/1956", "943\u{200b}476"] {
        assert!(!stdout.contains(needle), "output leaks {needle:?}");
        assert!(!stderr.contains(needle), "stderr leaks {needle:?}");
    }
}

#[test]
fn scan_readable_output_is_masked() {
    let out = run_with_stdin(
        &["scan", "--format", "text"],
        &format!("pt nhs {NHS} can someone chase her bloods\nall quiet on 7b\n"),
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("1: HIGH (patient_direct)"), "{stdout}");
    assert!(stdout.contains("[NHS number]"), "{stdout}");
    assert!(stdout.contains("nhs-number"), "{stdout}");
    assert!(stdout.contains("confidentiality"), "{stdout}");
    assert!(stdout.contains("2: ok"), "{stdout}");
    assert!(!stdout.contains(NHS), "{stdout}");
}

#[test]
fn scan_reads_a_file_argument() {
    let path = std::env::temp_dir().join(format!("caldicott-scan-{}.jsonl", std::process::id()));
    std::fs::write(&path, r#"{"id":"a","text":"MRN 00123456 needs an echo"}"#).unwrap();
    let out = bin()
        .args(["scan", path.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["rule"], "hospital-number");
    assert_eq!(v["findings"][0]["start"], 4);
}

#[test]
fn staff_names_are_not_patients_but_patients_are() {
    let out = run_with_stdin(
        &["scan", "--json"],
        "{\"id\":\"s\",\"text\":\"Dr Patel is the med reg on call tonight\"}\n\
         {\"id\":\"p\",\"text\":\"Mrs Patel in bed 4 keeps pulling her cannula out\"}\n",
    );
    assert!(out.status.success());
    let objs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs[0]["identifiable"], false, "{}", objs[0]);
    assert_eq!(objs[1]["identifiable"], true, "{}", objs[1]);
}

#[test]
fn rules_test_passes_and_says_so() {
    let out = bin().args(["rules", "test"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[test]
fn rules_test_fails_loudly_on_a_failing_operator_example() {
    let dir = std::env::temp_dir().join(format!("caldicott-rt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("trust.toml"),
        r#"
[[rule]]
id = "trust-ward-code"
category = "patient_direct"
severity = "high"
guidance = "confidentiality"
label = "ward code"
reason = "Test."
kind = "pattern"
pattern = '\bZZ\d{4}\b'
must_match = ["ZZ12"]
"#,
    )
    .unwrap();
    let out = bin()
        .args(["rules", "test", "--rules", dir.to_str().unwrap()])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!out.status.success());
    assert!(stdout.contains("FAIL"), "{stdout}");
    assert!(stdout.contains("trust-ward-code"), "{stdout}");
    assert!(stdout.contains("\"ZZ12\""), "{stdout}");
    assert!(stdout.contains("trust.toml:2"), "{stdout}");
}

#[test]
fn eval_json_prints_one_object_with_figures() {
    let path = std::env::temp_dir().join(format!("caldicott-eval-{}.jsonl", std::process::id()));
    std::fs::write(
        &path,
        format!(
            "{}\n{}\n",
            r#"{"id":"a","text":"pt nhs 943 476 5919 chase bloods","identifiable":true,"categories":["patient_direct"]}"#,
            r#"{"id":"b","text":"who is on nights?","identifiable":false,"categories":[]}"#
        ),
    )
    .unwrap();
    let out = bin()
        .args(["eval", path.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["messages"], 2);
    assert_eq!(v["identifiable"]["precision"], 1.0);
    assert_eq!(v["identifiable"]["recall"], 1.0);
    assert_eq!(v["categories"]["patient_direct"]["tp"], 1);
    assert!(v["misses"].as_array().unwrap().is_empty());
}

#[test]
fn wrong_flag_is_a_usage_error() {
    let out = bin().args(["scan", "--frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["scan", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A line that is not UTF-8 is named and skipped, and the line after it is
/// still scanned (it once was swallowed while skipping the bad one).
#[test]
fn invalid_utf8_line_is_named_and_the_next_line_still_scanned() {
    let mut child = bin()
        .args(["scan", "--format", "jsonl", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"\xff\"}\n{\"id\":\"c\",\"text\":\"ok\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("line 2: not valid UTF-8"), "{stderr}");
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"a\"", "\"c\""]);
}
