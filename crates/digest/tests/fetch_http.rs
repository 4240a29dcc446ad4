//! Feed fetching against a real HTTP server on 127.0.0.1: good RSS, good
//! Atom, 304 Not Modified, malformed, oversized (declared and streamed),
//! slow (timeout), HTTP error, and a malicious feed; one bad feed never
//! stops the others.
#![cfg(feature = "fetch")]

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use caldicott_digest::fetch::{
    FeedState, FetchError, Fetched, Limits, client, fetch_all, fetch_feed, record,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fixture EM blog</title><link>https://blog.example/</link>
<item><title>Hyperkalaemia pearls</title><link>https://blog.example/hyperk</link><guid>hk-1</guid>
<pubDate>Tue, 07 Jan 2025 09:00:00 GMT</pubDate><description>full text we must not keep</description></item>
<item><title>Croup update</title><link>https://blog.example/croup</link><guid>croup-1</guid>
<pubDate>Mon, 06 Jan 2025 09:00:00 GMT</pubDate></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Fixture Atom</title><id>urn:x</id>
<updated>2025-01-07T10:00:00Z</updated>
<entry><title>ECG of the week</title><id>urn:ecg-1</id><link href="https://atom.example/ecg-1"/>
<updated>2025-01-07T10:00:00Z</updated></entry>
<entry><title>Trial summary</title><id>urn:trial-1</id><link href="https://atom.example/trial-1"/>
<updated>2025-01-05T10:00:00Z</updated></entry>
</feed>"#;

const EVIL: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Click</title><link>javascript:alert(1)</link><guid>e1</guid></item>
<item><title>data</title><link>data:text/html,hi</link><guid>e2</guid></item>
<item><title>ok</title><link>https://evil.example/ok</link><guid>e3</guid></item>
</channel></rss>"#;

const LAST_MODIFIED: &str = "Tue, 07 Jan 2025 10:00:00 GMT";

struct Server {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

async fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                break;
            };
            h.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(handle(sock));
        }
    });
    Server { addr, hits }
}

async fn handle(mut sock: TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match sock.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let req = String::from_utf8_lossy(&buf).to_string();
    let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
    let header = |name: &str| {
        req.lines()
            .find(|l| {
                l.to_ascii_lowercase()
                    .starts_with(&format!("{}:", name.to_ascii_lowercase()))
            })
            .map(|l| l.split_once(':').unwrap().1.trim().to_string())
    };
    let respond = |status: &str, headers: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let out = match path.as_str() {
        "/rss" => {
            if header("If-None-Match").as_deref() == Some("\"v1\"") {
                b"HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n".to_vec()
            } else {
                respond(
                    "200 OK",
                    "Content-Type: application/rss+xml\r\nETag: \"v1\"\r\n",
                    RSS.as_bytes(),
                )
            }
        }
        "/atom" => {
            if header("If-Modified-Since").as_deref() == Some(LAST_MODIFIED) {
                b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".to_vec()
            } else {
                respond(
                    "200 OK",
                    &format!(
                        "Content-Type: application/atom+xml\r\nLast-Modified: {LAST_MODIFIED}\r\n"
                    ),
                    ATOM.as_bytes(),
                )
            }
        }
        "/malformed" => respond(
            "200 OK",
            "Content-Type: application/rss+xml\r\n",
            b"<rss><channel><item><title>unterminated",
        ),
        "/html" => respond(
            "200 OK",
            "Content-Type: text/html\r\n",
            b"<html><body>Not a feed</body></html>",
        ),
        "/evil" => respond("200 OK", "", EVIL.as_bytes()),
        "/missing" => respond("404 Not Found", "", b"nope"),
        "/huge-declared" => {
            // Claims 50 MB; the client must refuse from the header alone.
            let _ = sock
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 52428800\r\nConnection: close\r\n\r\n<rss>")
                .await;
            tokio::time::sleep(Duration::from_secs(5)).await;
            return;
        }
        "/huge-streamed" => {
            // No length: chunked transfer of ~4 MB of valid-looking XML.
            let _ = sock
                .write_all(
                    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                )
                .await;
            let piece = format!("<item><title>{}</title></item>", "x".repeat(60_000));
            for _ in 0..70 {
                let c = format!("{:x}\r\n{piece}\r\n", piece.len());
                if sock.write_all(c.as_bytes()).await.is_err() {
                    return;
                }
            }
            let _ = sock.write_all(b"0\r\n\r\n").await;
            return;
        }
        "/slow" => {
            // Headers promptly, then the body trickles far past the timeout.
            let _ = sock
                .write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<rss>",
                )
                .await;
            for _ in 0..60 {
                tokio::time::sleep(Duration::from_millis(500)).await;
                if sock.write_all(b" ").await.is_err() {
                    return;
                }
            }
            return;
        }
        _ => respond("404 Not Found", "", b""),
    };
    let _ = sock.write_all(&out).await;
    let _ = sock.shutdown().await;
}

fn limits() -> Limits {
    Limits {
        timeout: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(1),
        max_bytes: 1024 * 1024,
    }
}

#[tokio::test]
async fn good_rss_then_304_with_etag() {
    let srv = serve().await;
    let c = client(&limits());
    let mut state = FeedState::default();
    let r = fetch_feed(&c, &srv.url("/rss"), &state, &limits()).await;
    let Ok(Fetched::Items { items, etag, .. }) = &r else {
        panic!("{r:?}")
    };
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].title, "Hyperkalaemia pearls");
    assert_eq!(items[0].url, "https://blog.example/hyperk");
    assert_eq!(etag.as_deref(), Some("\"v1\""));
    assert!(!format!("{items:?}").contains("full text"));
    record(&mut state, chrono::Utc::now(), &r);
    assert_eq!(state.etag.as_deref(), Some("\"v1\""));
    // Second fetch sends If-None-Match and gets 304.
    let r2 = fetch_feed(&c, &srv.url("/rss"), &state, &limits()).await;
    assert_eq!(r2, Ok(Fetched::NotModified));
    record(&mut state, chrono::Utc::now(), &r2);
    assert_eq!(
        state.etag.as_deref(),
        Some("\"v1\""),
        "304 keeps the validators"
    );
}

#[tokio::test]
async fn good_atom_then_304_with_last_modified() {
    let srv = serve().await;
    let c = client(&limits());
    let mut state = FeedState::default();
    let r = fetch_feed(&c, &srv.url("/atom"), &state, &limits()).await;
    let Ok(Fetched::Items {
        items,
        last_modified,
        ..
    }) = &r
    else {
        panic!("{r:?}")
    };
    assert_eq!(
        items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["ECG of the week", "Trial summary"]
    );
    assert_eq!(last_modified.as_deref(), Some(LAST_MODIFIED));
    record(&mut state, chrono::Utc::now(), &r);
    let r2 = fetch_feed(&c, &srv.url("/atom"), &state, &limits()).await;
    assert_eq!(r2, Ok(Fetched::NotModified));
}

#[tokio::test]
async fn malformed_and_html_are_parse_errors() {
    let srv = serve().await;
    let c = client(&limits());
    for path in ["/malformed", "/html"] {
        let r = fetch_feed(&c, &srv.url(path), &FeedState::default(), &limits()).await;
        assert!(matches!(r, Err(FetchError::Parse { .. })), "{path}: {r:?}");
    }
}

#[tokio::test]
async fn oversized_feeds_are_refused() {
    let srv = serve().await;
    let c = client(&limits());
    let start = Instant::now();
    let r = fetch_feed(
        &c,
        &srv.url("/huge-declared"),
        &FeedState::default(),
        &limits(),
    )
    .await;
    assert!(
        matches!(r, Err(FetchError::TooLarge { limit: 1048576, .. })),
        "{r:?}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "refused from the header"
    );
    let r = fetch_feed(
        &c,
        &srv.url("/huge-streamed"),
        &FeedState::default(),
        &limits(),
    )
    .await;
    assert!(matches!(r, Err(FetchError::TooLarge { .. })), "{r:?}");
}

#[tokio::test]
async fn slow_feed_times_out_promptly() {
    let srv = serve().await;
    let c = client(&limits());
    let start = Instant::now();
    let r = fetch_feed(&c, &srv.url("/slow"), &FeedState::default(), &limits()).await;
    assert!(matches!(r, Err(FetchError::Timeout { .. })), "{r:?}");
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "took {:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn http_errors_and_refused_connections_are_data() {
    let srv = serve().await;
    let c = client(&limits());
    let r = fetch_feed(&c, &srv.url("/missing"), &FeedState::default(), &limits()).await;
    assert!(
        matches!(r, Err(FetchError::Status { status: 404, .. })),
        "{r:?}"
    );
    // A port nobody listens on.
    let dead = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/rss", dead.local_addr().unwrap());
    drop(dead);
    let r = fetch_feed(&c, &url, &FeedState::default(), &limits()).await;
    assert!(matches!(r, Err(FetchError::Network { .. })), "{r:?}");
    let r = fetch_feed(&c, "file:///etc/passwd", &FeedState::default(), &limits()).await;
    assert!(matches!(r, Err(FetchError::BadUrl { .. })), "{r:?}");
}

#[tokio::test]
async fn malicious_links_are_dropped() {
    let srv = serve().await;
    let c = client(&limits());
    let r = fetch_feed(&c, &srv.url("/evil"), &FeedState::default(), &limits()).await;
    let Ok(Fetched::Items { items, .. }) = r else {
        panic!("{r:?}")
    };
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].url, "https://evil.example/ok");
}

#[tokio::test]
async fn one_bad_feed_never_stops_the_others_and_backs_off() {
    let srv = serve().await;
    let c = client(&limits());
    let now = chrono::Utc::now();
    let mut feeds: Vec<(String, FeedState)> =
        ["/rss", "/slow", "/malformed", "/atom", "/huge-streamed"]
            .iter()
            .map(|p| (srv.url(p), FeedState::default()))
            .collect();
    let start = Instant::now();
    let results = fetch_all(&c, &feeds, &limits(), now).await;
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "slow feed held the others: {:?}",
        start.elapsed()
    );
    assert_eq!(results.len(), 5);
    let ok: Vec<_> = results
        .iter()
        .filter(|(_, r)| r.is_ok())
        .map(|(u, _)| u.clone())
        .collect();
    assert_eq!(ok, [srv.url("/atom"), srv.url("/rss")]);
    for (url, state) in feeds.iter_mut() {
        let r = &results.iter().find(|(u, _)| u == url).unwrap().1;
        record(state, now, r);
    }
    let before = srv.hits.load(Ordering::SeqCst);
    // Within the backoff window only the healthy feeds are fetched again.
    let again = fetch_all(&c, &feeds, &limits(), now + chrono::Duration::minutes(1)).await;
    assert_eq!(again.len(), 2);
    assert_eq!(srv.hits.load(Ordering::SeqCst) - before, 2);
    let failing: Vec<_> = feeds
        .iter()
        .filter(|(_, s)| s.failures == 1 && s.last_error.is_some())
        .collect();
    assert_eq!(failing.len(), 3);
}
