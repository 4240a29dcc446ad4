//! `caldicott run` end to end against the project's Discord API double on
//! 127.0.0.1: the process starts from a config file, `/healthz` turns 200
//! when the adapter is connected, a planted NHS number and patient name get
//! the author a nudge, `/metrics` counts it, a second process on the same
//! data directory is refused, SIGTERM stops it cleanly within the bound, and
//! neither the logs (at trace, JSON) nor the data directory hold the
//! planted text.
#![cfg(feature = "discord")]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use caldicott_discord_double::{APPLICATION_ID, CHANNEL_ID, DiscordDouble, perms};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOKEN: &str = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.double.ops-test-token";
const NHS: &str = "943 476 5919";
const NHS_DIGITS: &str = "9434765919";
const PATIENT: &str = "Patel";
const PLANTED: &str = "Mrs Patel in bed 4, NHS number 943 476 5919, BP dropping";
const WAIT: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn caldicott(config: &Path, log: &Path) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caldicott"));
    cmd.args(["run", "--config", config.to_str().unwrap()]);
    for (k, _) in std::env::vars() {
        if k.starts_with("CALDICOTT_") || k == "RUST_LOG" {
            cmd.env_remove(k);
        }
    }
    cmd.env("CALDICOTT_DISCORD_TOKEN", TOKEN)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("start caldicott")
}

async fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    s.write_all(format!("GET {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").as_bytes())
        .await
        .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).await.ok()?;
    let status = out.get(9..12)?.parse().ok()?;
    Some((
        status,
        out.split("\r\n\r\n").nth(1).unwrap_or("").to_string(),
    ))
}

fn every_byte_under(dir: &Path, out: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            every_byte_under(&p, out);
        } else {
            out.extend(std::fs::read(&p).unwrap_or_default());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_serves_health_metrics_refuses_a_second_start_and_stops_on_sigterm() {
    let double = DiscordDouble::start(TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = free_port();
    let config = dir.path().join("caldicott.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\nshutdown_timeout_secs = 10\n\
             [log]\nlevel = \"trace\"\nformat = \"json\"\n\
             [health]\nlisten = \"127.0.0.1:{port}\"\n\
             [discord]\napplication_id = \"{APPLICATION_ID}\"\napi_base = \"{}\"\n",
            data.display(),
            double.api_base()
        ),
    )
    .unwrap();
    let log = dir.path().join("bot.log");
    let mut bot = caldicott(&config, &log);
    let logs = || std::fs::read_to_string(&log).unwrap_or_default();

    // Healthy once the gateway is connected.
    let started = Instant::now();
    let health = loop {
        if let Some((200, body)) = get(port, "/healthz").await {
            break body;
        }
        assert!(
            bot.try_wait().unwrap().is_none(),
            "the bot exited:\n{}",
            logs()
        );
        assert!(started.elapsed() < WAIT, "never healthy:\n{}", logs());
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let v: serde_json::Value = serde_json::from_str(&health).unwrap();
    assert_eq!(v["adapters"]["discord"]["connected"], true, "{health}");
    assert_eq!(v["store"]["writable"], true, "{health}");

    // A second bot on the same data directory is refused, clearly.
    let log2 = dir.path().join("second.log");
    let out = caldicott(&config, &log2).wait_with_output().unwrap();
    assert!(!out.status.success());
    let second = std::fs::read_to_string(&log2).unwrap();
    assert!(second.contains("in use by another Caldicott"), "{second}");

    // A planted identifier gets the author a nudge in the channel.
    let alice = double.add_user(1_100_000_000_000_009_001, "alice", perms::MEMBER);
    let from = double.request_count();
    double.user_message(CHANNEL_ID, &alice, PLANTED);
    let nudge = double
        .wait_request(from, WAIT, |r| {
            r.method == "POST"
                && r.path
                    .ends_with(&format!("/channels/{CHANNEL_ID}/messages"))
                && r.body["content"]
                    .as_str()
                    .is_some_and(|c| c.contains(&format!("<@{}>", alice.id)))
        })
        .await;
    assert!(nudge.is_some(), "no nudge:\n{}", logs());

    // Counted on /metrics: counts and wire names only.
    let (status, metrics) = get(port, "/metrics").await.unwrap();
    assert_eq!(status, 200);
    assert!(
        metrics.contains("caldicott_messages_scanned_total{platform=\"discord\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("caldicott_findings_total{category=\"patient_direct\""),
        "{metrics}"
    );
    assert!(
        metrics.contains("caldicott_actions_total{kind=\"private_note\",platform=\"discord\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("caldicott_adapter_connected{platform=\"discord\"} 1"),
        "{metrics}"
    );
    assert!(
        !metrics.contains(PATIENT) && !metrics.contains(&alice.id.to_string()),
        "no content or ids"
    );

    // SIGTERM: a clean exit within the bound.
    let stop = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &bot.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = loop {
        if let Some(s) = bot.try_wait().unwrap() {
            break s;
        }
        assert!(
            stop.elapsed() < Duration::from_secs(15),
            "did not stop within the bound"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "exit {status:?}:\n{}", logs());
    let text = logs();
    assert!(text.contains("store flushed; stopped cleanly"), "{text}");
    assert!(
        get(port, "/healthz").await.is_none(),
        "health endpoint closed"
    );

    // Trace logging was really on, and still no message text reached it.
    assert!(
        text.contains("\"level\":\"DEBUG\"") || text.contains("\"level\":\"TRACE\""),
        "{text}"
    );
    for planted in [NHS, NHS_DIGITS, PATIENT, "bed 4", "BP dropping"] {
        assert!(!text.contains(planted), "`{planted}` reached the logs");
    }
    let mut bytes = Vec::new();
    every_byte_under(&data, &mut bytes);
    let hay = String::from_utf8_lossy(&bytes);
    for planted in [NHS, NHS_DIGITS, PATIENT] {
        assert!(
            !hay.contains(planted),
            "`{planted}` reached the data directory"
        );
    }
    // The lock went with the process: a new start is not refused.
    let mut again = caldicott(&config, &dir.path().join("third.log"));
    let started = Instant::now();
    while get(port, "/healthz").await.is_none() {
        assert!(
            again.try_wait().unwrap().is_none(),
            "{}",
            std::fs::read_to_string(dir.path().join("third.log")).unwrap()
        );
        assert!(started.elapsed() < WAIT);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Command::new("kill")
        .args(["-TERM", &again.id().to_string()])
        .status()
        .unwrap();
    assert!(again.wait().unwrap().success());
}
