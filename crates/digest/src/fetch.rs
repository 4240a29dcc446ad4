//! The HTTP side of feeds and link checks (feature `fetch`). Errors are
//! returned as data ([`FetchError`]); the binary and adapters log them.
//!
//! - whole-request timeout and connect timeout;
//! - a response size limit, checked on `Content-Length` and while streaming;
//! - conditional GET with `If-None-Match` / `If-Modified-Since`;
//! - exponential backoff after failures ([`backoff`], pure).

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};

use chrono::{DateTime, Utc};

pub use crate::feed::{FeedState, Fetched};
use crate::parse_feed;

/// Largest feed document accepted, in bytes.
pub const FEED_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Whole-request timeout for a feed fetch.
pub const FEED_TIMEOUT: Duration = Duration::from_secs(15);
/// Connect timeout for a feed fetch or link check.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Whole-request timeout for one link check.
pub const LINK_CHECK_TIMEOUT: Duration = Duration::from_secs(8);
/// First retry delay after a failure; doubles per consecutive failure.
pub const BACKOFF_BASE: Duration = Duration::from_secs(15 * 60);
/// Longest retry delay.
pub const BACKOFF_MAX: Duration = Duration::from_secs(24 * 60 * 60);
/// Some FOAMed sites answer 403 to library user agents, so say who we are.
pub const USER_AGENT: &str = concat!(
    "Mozilla/5.0 (compatible; caldicott-digest/",
    env!("CARGO_PKG_VERSION"),
    "; +https://example.invalid/caldicott)"
);

/// Limits for one fetch.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: FEED_TIMEOUT,
            connect_timeout: CONNECT_TIMEOUT,
            max_bytes: FEED_MAX_BYTES,
        }
    }
}

/// Delay before the next attempt after `failures` consecutive failures.
pub fn backoff(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    let factor = 1u64 << (failures - 1).min(16);
    BACKOFF_BASE
        .checked_mul(factor as u32)
        .unwrap_or(BACKOFF_MAX)
        .min(BACKOFF_MAX)
}

/// Why a fetch failed. Data, not a log line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a usable http(s) URL")]
    BadUrl { url: String },
    #[error("{url}: timed out after {secs}s")]
    Timeout { url: String, secs: u64 },
    #[error("{url}: response larger than {limit} bytes")]
    TooLarge { url: String, limit: usize },
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: network error: {reason}")]
    Network { url: String, reason: String },
    #[error("{url}: not a feed: {reason}")]
    Parse { url: String, reason: String },
}

/// Update `state` after a fetch: validators and reset on success, a
/// failure count and backoff on error.
pub fn record(state: &mut FeedState, now: DateTime<Utc>, result: &Result<Fetched, FetchError>) {
    match result {
        Ok(Fetched::NotModified) => state.succeeded(None, None),
        Ok(Fetched::Items {
            etag,
            last_modified,
            ..
        }) => state.succeeded(etag.clone(), last_modified.clone()),
        Err(e) => {
            let failures = state.failures.saturating_add(1);
            state.failed(now, &e.to_string(), backoff(failures));
        }
    }
}

/// Fetch every feed that is not backing off, concurrently. One broken,
/// huge, slow or malicious feed only produces its own error.
pub async fn fetch_all(
    client: &reqwest::Client,
    feeds: &[(String, FeedState)],
    limits: &Limits,
    now: DateTime<Utc>,
) -> Vec<(String, Result<Fetched, FetchError>)> {
    let mut set = tokio::task::JoinSet::new();
    for (url, state) in feeds.iter().filter(|(_, s)| s.may_fetch(now)) {
        let (client, url, state, limits) = (client.clone(), url.clone(), state.clone(), *limits);
        set.spawn(async move {
            let r = fetch_feed(&client, &url, &state, &limits).await;
            (url, r)
        });
    }
    let mut out = Vec::new();
    while let Some(joined) = set.join_next().await {
        if let Ok(pair) = joined {
            out.push(pair);
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A client with our user agent and connect timeout; redirects limited.
pub fn client(limits: &Limits) -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(limits.connect_timeout)
        .timeout(limits.timeout)
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap_or_else(|_| reqwest::Client::new())
}

/// Fetch and parse one feed, conditionally on `state`'s validators. On
/// success the caller resets `state.failures` and stores the validators; on
/// error it calls [`FeedState::failed`].
pub async fn fetch_feed(
    client: &reqwest::Client,
    url: &str,
    state: &FeedState,
    limits: &Limits,
) -> Result<Fetched, FetchError> {
    let parsed = url::Url::parse(url).map_err(|_| FetchError::BadUrl { url: url.into() })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl { url: url.into() });
    }
    let mut req = client.get(parsed).timeout(limits.timeout);
    if let Some(etag) = &state.etag {
        req = req.header(IF_NONE_MATCH, etag);
    }
    if let Some(lm) = &state.last_modified {
        req = req.header(IF_MODIFIED_SINCE, lm);
    }
    let work = async {
        let resp = req.send().await.map_err(|e| net_error(url, limits, &e))?;
        if resp.status() == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !resp.status().is_success() {
            return Err(FetchError::Status {
                url: url.into(),
                status: resp.status().as_u16(),
            });
        }
        let header = |name| {
            resp.headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(ETAG);
        let last_modified = header(LAST_MODIFIED);
        let body = read_limited(resp, url, limits).await?;
        let items = parse_feed(url, &body).map_err(|e| FetchError::Parse {
            url: url.into(),
            reason: match e {
                crate::Error::FeedParse { reason, .. } => reason,
                other => other.to_string(),
            },
        })?;
        Ok(Fetched::Items {
            items,
            etag,
            last_modified,
        })
    };
    // Belt and braces over reqwest's own timeout: a server trickling bytes
    // can never hold us longer than the limit.
    match tokio::time::timeout(limits.timeout + Duration::from_millis(250), work).await {
        Ok(r) => r,
        Err(_) => Err(FetchError::Timeout {
            url: url.into(),
            secs: limits.timeout.as_secs().max(1),
        }),
    }
}

async fn read_limited(
    mut resp: reqwest::Response,
    url: &str,
    limits: &Limits,
) -> Result<Vec<u8>, FetchError> {
    if resp
        .content_length()
        .is_some_and(|n| n > limits.max_bytes as u64)
    {
        return Err(FetchError::TooLarge {
            url: url.into(),
            limit: limits.max_bytes,
        });
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| net_error(url, limits, &e))? {
        if body.len() + chunk.len() > limits.max_bytes {
            return Err(FetchError::TooLarge {
                url: url.into(),
                limit: limits.max_bytes,
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn net_error(url: &str, limits: &Limits, e: &reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Timeout {
            url: url.into(),
            secs: limits.timeout.as_secs().max(1),
        };
    }
    // The innermost cause is the useful part ("dns error", "connection refused").
    let mut reason = e.to_string();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        reason = s.to_string();
        src = s.source();
    }
    FetchError::Network {
        url: url.into(),
        reason,
    }
}

/// Check that a link answers with a success (2xx/3xx after redirects): HEAD
/// first, GET when the server refuses HEAD. Returns the final status.
pub async fn check_link(client: &reqwest::Client, url: &str) -> Result<u16, FetchError> {
    let limits = Limits {
        timeout: LINK_CHECK_TIMEOUT,
        ..Limits::default()
    };
    let attempt = async {
        let resp = client
            .head(url)
            .timeout(LINK_CHECK_TIMEOUT)
            .send()
            .await
            .map_err(|e| net_error(url, &limits, &e))?;
        let status = if matches!(resp.status().as_u16(), 403 | 405 | 501) {
            client
                .get(url)
                .timeout(LINK_CHECK_TIMEOUT)
                .send()
                .await
                .map_err(|e| net_error(url, &limits, &e))?
                .status()
        } else {
            resp.status()
        };
        if status.is_success() || status.is_redirection() {
            Ok(status.as_u16())
        } else {
            Err(FetchError::Status {
                url: url.into(),
                status: status.as_u16(),
            })
        }
    };
    match tokio::time::timeout(2 * LINK_CHECK_TIMEOUT, attempt).await {
        Ok(r) => r,
        Err(_) => Err(FetchError::Timeout {
            url: url.into(),
            secs: 2 * LINK_CHECK_TIMEOUT.as_secs(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(0), Duration::ZERO);
        assert_eq!(backoff(1), BACKOFF_BASE);
        assert_eq!(backoff(2), BACKOFF_BASE * 2);
        assert_eq!(backoff(3), BACKOFF_BASE * 4);
        assert_eq!(backoff(30), BACKOFF_MAX);
    }

    #[test]
    fn state_respects_retry_after() {
        let now = chrono::Utc::now();
        let mut s = FeedState::default();
        assert!(s.may_fetch(now));
        record(&mut s, now, &Err(FetchError::BadUrl { url: "x".into() }));
        assert!(!s.may_fetch(now));
        assert!(s.may_fetch(now + chrono::Duration::minutes(15)));
        assert_eq!(s.failures, 1);
    }
}
