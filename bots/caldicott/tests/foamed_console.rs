//! The console shows a #FOAMed subscription posting when its simulated
//! clock passes the hour, once per day, and not again after a restart on
//! the same data directory.

use std::io::Write;
use std::process::{Command, Stdio};

fn console(data_dir: &std::path::Path, now: Option<&str>, script: &str) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caldicott"));
    cmd.args(["console", "--data-dir"]).arg(data_dir);
    if let Some(now) = now {
        cmd.args(["--now", now]);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run caldicott console");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn daily_posts(out: &str) -> Vec<String> {
    let lines: Vec<&str> = out.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("daily post, key cf-"))
        .map(|(i, _)| lines.get(i + 1).copied().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn subscription_posts_when_the_simulated_clock_passes_the_hour() {
    let dir = tempfile::tempdir().unwrap();
    // The scripted clock starts at 2026-01-05T08:00:00Z (London = UTC in January).
    let script = "/channel ward\n/mod on\n!foamed subscribe 09:00 Europe/London ecg\n\
                  /clock +30m\n/clock +1h\n/clock +1h\n/clock +1d\n!foamed status\n";
    let out = console(dir.path(), None, script);
    assert!(
        out.contains("Subscribed: a daily #FOAMed item here at 09:00 Europe/London (ecg)"),
        "{out}"
    );
    let posts = daily_posts(&out);
    assert_eq!(posts.len(), 2, "{out}");
    assert!(posts[0].contains("#FOAMed for Mon 5 Jan"), "{out}");
    assert!(posts[1].contains("#FOAMed for Tue 6 Jan"), "{out}");
    // The first post appears after the 09:30 clock move, not at 08:30.
    let at_0830 = out.find("2026-01-05T08:30:00").expect("clock line");
    let at_0930 = out.find("2026-01-05T09:30:00").expect("clock line");
    let first_post = out.find("daily post").unwrap();
    assert!(first_post > at_0930 && at_0930 > at_0830, "{out}");
    assert!(out.contains("Last delivered: 2026-01-06"), "{out}");

    // Restart on the same store later that day: no second post.
    let out2 = console(dir.path(), Some("2026-01-06T11:00:00Z"), "/clock +2h\n");
    assert!(daily_posts(&out2).is_empty(), "{out2}");
}
