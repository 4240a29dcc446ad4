//! `caldicott console` as a scripted session (stdin in, stdout checked), and
//! the no-content rule end to end: a session with a planted NHS number and
//! patient name on a sled data directory with a trace-level log, after which
//! every byte of the data directory and the log is searched for them.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const NHS: &str = "943 476 5919";

fn console(data_dir: &Path, script: &str, extra: &[&str]) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .arg("console")
        .arg("--data-dir")
        .arg(data_dir)
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("caldicott runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.success(),
    )
}

/// Replace note ids (keyed with the deployment's random secret) by `NOTE`.
fn without_note_ids(s: &str) -> String {
    s.split_inclusive(char::is_whitespace)
        .map(|w| {
            let t = w.trim_end().trim_end_matches(['.', ',', '`', ']']);
            if t.len() == 10
                && t.bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                && t.bytes().any(|b| b.is_ascii_alphabetic())
            {
                w.replacen(t, "NOTE", 1)
            } else {
                w.to_string()
            }
        })
        .collect()
}

const SCRIPT: &str = "\
# a scripted session: comments and blank lines are skipped

!caldicott status
!gmc chaperones
/gmc confidentialty
NHS number 943 476 5919 for the bloods please
!caldicott settings mode redact
/mod on
!caldicott settings mode thread
/as nurse_kim
NHS number 943 476 5919 for the bloods please
/as dr_lee
!caldicott settings mode redact
!caldicott settings modlog mods
/as nurse_kim
Mrs Patel in bed 4, NHS 943 476 5919, BP dropping
!caldicott dispute
/as dr_lee
!caldicott status
!caldicott nonsense
/bot on
!gmc chaperones
/bot off
/as caldicott
!caldicott status
/as dr_lee
/dm
is this ok to post: NHS 943 476 5919
/channel ward-7
/clock +1h
/clock nonsense
!caldicott help
";

#[test]
fn scripted_session() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err, ok) = console(dir.path(), SCRIPT, &[]);
    assert!(ok, "{err}");
    // Status and guidance for everyone.
    assert!(
        out.contains("[#ward-7 caldicott]\n  Caldicott here: mode warn"),
        "{out}"
    );
    assert!(out.contains("gmc-uk.org"), "{out}");
    // A warning is a private note with the masked copy.
    assert!(out.contains("[private note to dr_lee, note "), "{out}");
    assert!(out.contains("[NHS number]"), "{out}");
    // A non-moderator is refused; a moderator changes the mode.
    assert!(
        out.contains("[#ward-7 to dr_lee only]\n  Only this channel's moderators"),
        "{out}"
    );
    assert!(out.contains("Mode set to thread."), "{out}");
    // Thread mode: a public reminder with no content.
    assert!(out.contains("[#ward-7 thread reply to m"), "{out}");
    // Redact mode: removed, masked copy privately, mod-log without content.
    assert!(out.contains("[#ward-7: message m"), "{out}");
    assert!(
        out.contains(
            "removed] Caldicott: removed, it contains details that could identify a patient"
        ),
        "{out}"
    );
    assert!(out.contains("[private note to nurse_kim, note "), "{out}");
    assert!(out.contains("[#mods mod-log]"), "{out}");
    // The dispute is thanked and counted.
    assert!(
        out.contains("Thank you: I've recorded that as a false positive"),
        "{out}"
    );
    assert!(
        out.contains("Disputes per rule: nhs-number (patient_direct) 1"),
        "{out}"
    );
    // Bad commands get usage; bots and the bot itself get nothing.
    assert!(out.contains("I didn't understand that."), "{out}");
    assert_eq!(
        out.matches("**Intimate examinations and chaperones**")
            .count(),
        1,
        "{out}"
    );
    // A DM is a private check.
    assert!(
        out.contains("[#dm-dr_lee to dr_lee only]\n  Checked privately"),
        "{out}"
    );
    assert!(out.contains("* clock 2026-01-05T09:00:00+00:00"), "{out}");
    assert!(out.contains("* usage: /clock"), "{out}");
    // What the user typed is never printed back.
    assert!(!out.contains(NHS) && !out.contains("9434765919"), "{out}");

    // Deterministic: the same script on a fresh data dir prints the same
    // (up to note ids, which are keyed per deployment).
    let dir2 = tempfile::tempdir().unwrap();
    let (out2, _, _) = console(dir2.path(), SCRIPT, &[]);
    assert_eq!(without_note_ids(&out), without_note_ids(&out2));
}

#[test]
fn settings_persist_across_console_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err, ok) = console(
        dir.path(),
        "/mod on\n!caldicott settings mode log-only\n",
        &[],
    );
    assert!(ok && out.contains("Mode set to log-only."), "{out}{err}");
    let (out, _, _) = console(dir.path(), "!caldicott status\n", &[]);
    assert!(out.contains("mode log-only"), "{out}");
}

#[test]
fn store_export_and_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let script =
        "/mod on\n!caldicott settings mode thread\nNHS number 943 476 5919 for the bloods\n";
    let (_, err, ok) = console(dir.path(), script, &[]);
    assert!(ok, "{err}");
    let backup = dir.path().join("backup.json");
    let status = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .args(["store", "export", "--data-dir"])
        .arg(dir.path())
        .arg("--output")
        .arg(&backup)
        .status()
        .unwrap();
    assert!(status.success());
    let json = std::fs::read_to_string(&backup).unwrap();
    assert!(json.contains("\"mode\": \"thread\""), "{json}");
    assert!(!json.contains("9434765919") && !json.contains(NHS));

    let restored = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .args(["store", "import", "--data-dir"])
        .arg(restored.path())
        .arg(&backup)
        .status()
        .unwrap();
    assert!(status.success());
    let (out, _, _) = console(restored.path(), "!caldicott status\n", &[]);
    assert!(out.contains("mode thread"), "{out}");
    assert!(out.contains("patient_direct 1"), "{out}");
    // Importing twice into the same directory is refused, not merged.
    let again = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .args(["store", "import", "--data-dir"])
        .arg(restored.path())
        .arg(&backup)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds records"));
}

#[test]
fn a_newer_store_is_refused_by_the_console() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = caldicott_store::SledStore::open(&dir.path().join("store")).unwrap();
        let mut b = caldicott_store::Batch::new();
        b.put_raw(caldicott_store::META, "schema_version", b"7".to_vec());
        caldicott_store::Store::apply(&store, b).unwrap();
        caldicott_store::Store::flush(&store).unwrap();
    }
    let (_, err, ok) = console(dir.path(), "!caldicott status\n", &[]);
    assert!(!ok);
    assert!(
        err.contains("schema version 7") && err.contains("refusing to open"),
        "{err}"
    );
}

/// Every file under `dir`, with its bytes.
fn all_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_planted_content_in_the_store_or_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    // Every path a message can take: each mode, edits, commands carrying
    // the text, a DM check, a dispute, a restart (second session).
    let script = "\
Doris Pennington in bay 3 NHS number 943 476 5919 keeps pulling her cannula
/edit Doris Pennington in bay 3 NHS number 9434765919 keeps pulling her cannula, mrn 00123456
!caldicott check Mrs Pennington NHS 943-476-5919
!gmc confidentiality Doris Pennington 943 476 5919
/mod on
!caldicott settings modlog mods
!caldicott settings mode thread
/as nurse_kim
Doris Pennington NHS number 943 476 5919 in bay 3
!caldicott settings mode redact
/as dr_lee
!caldicott settings mode redact
/as nurse_kim
pt Doris Pennington, NHS no. 943 476 5919, DOB 03/04/1941
!caldicott dispute
/dm
draft: Doris Pennington NHS 943 476 5919
/channel ward-7
/as dr_lee
!caldicott settings mode log-only
Doris Pennington NHS 943 476 5919 again
/clock +2h
";
    let (out, log, ok) = console(dir.path(), script, &["--log", "trace"]);
    assert!(ok, "{log}");
    assert!(
        out.contains("[NHS number]"),
        "the session did flag the number: {out}"
    );
    assert!(
        log.contains("action"),
        "the log was captured at trace level: {log}"
    );
    let (_, log2, ok) = console(
        dir.path(),
        "Doris Pennington NHS 943 476 5919 once more\n!caldicott status\n",
        &["--log", "trace"],
    );
    assert!(ok);

    let needles: Vec<Vec<u8>> = [
        "943 476 5919",
        "9434765919",
        "943-476-5919",
        "Pennington",
        "Doris",
        "00123456",
        "03/04/1941",
    ]
    .iter()
    .flat_map(|s| [s.as_bytes().to_vec(), utf16le(s)])
    .collect();
    let mut haystacks = all_files(dir.path());
    assert!(
        haystacks
            .iter()
            .any(|(p, b)| p.ends_with("db") && !b.is_empty()),
        "the sled files were read"
    );
    haystacks.push(("stderr log, session 1".into(), log.into_bytes()));
    haystacks.push(("stderr log, session 2".into(), log2.into_bytes()));
    for (name, bytes) in &haystacks {
        for n in &needles {
            assert!(
                !contains(bytes, n),
                "{name} contains planted content {:?}",
                String::from_utf8_lossy(n)
            );
        }
    }
    // The console's own output carries masked copies only.
    for n in ["943 476 5919", "9434765919", "943-476-5919"] {
        assert!(!out.contains(n), "stdout shows {n}");
    }
}

/// The bot acknowledges a settings change only once it is on disk: a
/// console fed a burst of changes is killed with SIGKILL mid-burst, and the
/// store then holds every change the console had acknowledged.
#[test]
fn kill_9_mid_burst_keeps_every_acknowledged_setting() {
    use std::io::{BufRead, BufReader};

    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_caldicott"))
        .arg("console")
        .arg("--data-dir")
        .arg(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = writeln!(stdin, "/mod on");
        for i in 0..5000 {
            if writeln!(stdin, "!caldicott settings staff add Staff{i}").is_err() {
                break;
            }
        }
    });
    let mut acked = 0usize;
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        if line.unwrap().contains("Staff name added.") {
            acked += 1;
            if acked == 150 {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL
    for line in lines.map_while(Result::ok) {
        if line.contains("Staff name added.") {
            acked += 1;
        }
    }
    child.wait().unwrap();
    let _ = writer.join();
    assert!(acked >= 150);

    let store = caldicott_store::SledStore::open(&dir.path().join("store"))
        .expect("the store opens after kill -9");
    let settings = caldicott_store::StoreExt::settings(&store, "console:ward-7")
        .unwrap()
        .expect("settings saved");
    for i in 0..acked {
        assert!(
            settings.staff_names.contains(&format!("Staff{i}")),
            "acknowledged change {i} of {acked} lost"
        );
    }
}
