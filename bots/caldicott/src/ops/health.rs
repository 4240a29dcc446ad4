//! `/healthz` and `/metrics` on one small HTTP server (hyper), loopback by
//! default (`[health] listen`, 127.0.0.1:9464).
//!
//! `/healthz` answers 200 when every configured adapter is connected and the
//! store takes a write, 503 otherwise, with a JSON body saying which:
//! `{"status":"ok","adapters":{"matrix":{"connected":true,"reconnects":0}},"store":{"writable":true}}`.
//! `/metrics` is the Prometheus text format of [`Metrics`].

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tracing::{debug, warn};

use super::metrics::Metrics;

/// A store probe result is reused for this long, so a busy scraper cannot
/// turn health checks into a write load.
pub const STORE_PROBE_TTL: Duration = Duration::from_secs(5);

type Flag = Arc<dyn Fn() -> bool + Send + Sync>;
type Count = Arc<dyn Fn() -> u64 + Send + Sync>;
type StoreProbe = Arc<dyn Fn() -> Result<(), String> + Send + Sync>;
/// The last store probe: when, and what it said.
type LastProbe = Arc<Mutex<Option<(Instant, Result<(), String>)>>>;

/// One adapter as health sees it.
#[derive(Clone)]
pub struct AdapterProbe {
    pub platform: &'static str,
    pub connected: Flag,
    pub reconnects: Count,
}

/// What `/healthz` and `/metrics` look at.
#[derive(Clone)]
pub struct Health {
    metrics: Metrics,
    adapters: Arc<Mutex<Vec<AdapterProbe>>>,
    store: Option<StoreProbe>,
    last_store: LastProbe,
}

impl std::fmt::Debug for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Health").finish_non_exhaustive()
    }
}

impl Health {
    pub fn new(metrics: Metrics, store: Option<StoreProbe>) -> Health {
        Health {
            metrics,
            adapters: Arc::new(Mutex::new(Vec::new())),
            store,
            last_store: Arc::new(Mutex::new(None)),
        }
    }

    pub fn add_adapter(&self, probe: AdapterProbe) {
        self.adapters
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(probe);
    }

    fn adapters(&self) -> Vec<AdapterProbe> {
        self.adapters
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    async fn store_ok(&self) -> Result<(), String> {
        let Some(probe) = self.store.clone() else {
            return Err("no store".into());
        };
        if let Some((at, r)) = self
            .last_store
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            && at.elapsed() < STORE_PROBE_TTL
        {
            return r.clone();
        }
        let r = tokio::task::spawn_blocking(move || probe())
            .await
            .unwrap_or_else(|e| Err(format!("store probe panicked: {e}")));
        *self.last_store.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), r.clone()));
        r
    }

    /// The `/healthz` answer: (healthy, JSON body).
    pub async fn report(&self) -> (bool, serde_json::Value) {
        let mut healthy = true;
        let mut adapters = serde_json::Map::new();
        for a in self.adapters() {
            let connected = (a.connected)();
            healthy &= connected;
            adapters.insert(
                a.platform.to_string(),
                serde_json::json!({"connected": connected, "reconnects": (a.reconnects)()}),
            );
        }
        if adapters.is_empty() {
            healthy = false;
        }
        let store = self.store_ok().await;
        healthy &= store.is_ok();
        let mut store_json = serde_json::json!({"writable": store.is_ok()});
        if let Err(e) = store {
            store_json["error"] = serde_json::Value::String(e);
        }
        (
            healthy,
            serde_json::json!({
                "status": if healthy { "ok" } else { "unavailable" },
                "adapters": adapters,
                "store": store_json,
            }),
        )
    }

    /// Bring adapter gauges and counters kept by the adapters into the metrics.
    fn refresh_metrics(&self) {
        for a in self.adapters() {
            self.metrics.set_connected(a.platform, (a.connected)());
            self.metrics.sync_reconnects(a.platform, (a.reconnects)());
        }
    }

    async fn respond(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let reply = |status: StatusCode, ctype: &str, body: String| {
            Response::builder()
                .status(status)
                .header("content-type", ctype)
                .header("cache-control", "no-store")
                .body(Full::new(Bytes::from(body)))
                .expect("valid response")
        };
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return reply(
                StatusCode::METHOD_NOT_ALLOWED,
                "text/plain",
                "GET only\n".into(),
            );
        }
        match req.uri().path() {
            "/healthz" => {
                let (ok, body) = self.report().await;
                let status = if ok {
                    StatusCode::OK
                } else {
                    StatusCode::SERVICE_UNAVAILABLE
                };
                reply(status, "application/json", format!("{body}\n"))
            }
            "/metrics" => {
                self.refresh_metrics();
                reply(
                    StatusCode::OK,
                    "text/plain; version=0.0.4",
                    self.metrics.render(),
                )
            }
            _ => reply(
                StatusCode::NOT_FOUND,
                "text/plain",
                "not found: try /healthz or /metrics\n".into(),
            ),
        }
    }
}

/// Bind the listener now (so a taken port fails start-up with a clear error).
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("health.listen {addr}: cannot listen: {e}"))
}

/// Serve until `shutdown` turns true.
pub async fn serve(listener: TcpListener, health: Health, mut shutdown: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = shutdown.wait_for(|s| *s) => return,
        };
        let (stream, peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                warn!(error = %e, "health endpoint: accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        debug!(%peer, "health connection");
        let health = health.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req| {
                let health = health.clone();
                async move { Ok::<_, Infallible>(health.respond(req).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(
            format!("GET {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        let status = out[9..12].parse().unwrap();
        let body = out.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
        (status, body)
    }

    #[tokio::test]
    async fn healthz_follows_adapters_and_store_and_metrics_render() {
        let up = Arc::new(AtomicBool::new(false));
        let writable = Arc::new(AtomicBool::new(true));
        let w = writable.clone();
        let metrics = Metrics::new();
        let health = Health::new(
            metrics.clone(),
            Some(Arc::new(move || {
                if w.load(Ordering::SeqCst) {
                    Ok(())
                } else {
                    Err("read-only".into())
                }
            })),
        );
        let u = up.clone();
        health.add_adapter(AdapterProbe {
            platform: "matrix",
            connected: Arc::new(move || u.load(Ordering::SeqCst)),
            reconnects: Arc::new(|| 2),
        });
        let listener = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = super::super::shutdown::Shutdown::new();
        let server = tokio::spawn(serve(listener, health.clone(), stop.subscribe()));

        let (status, body) = get(addr, "/healthz").await;
        assert_eq!(status, 503, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["adapters"]["matrix"]["connected"], false);
        assert_eq!(v["store"]["writable"], true);

        up.store(true, Ordering::SeqCst);
        let (status, body) = get(addr, "/healthz").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).unwrap()["status"],
            "ok"
        );

        metrics.scanned("matrix", Duration::from_micros(30));
        let (status, text) = get(addr, "/metrics").await;
        assert_eq!(status, 200);
        assert!(
            text.contains("caldicott_messages_scanned_total{platform=\"matrix\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("caldicott_adapter_reconnects_total{platform=\"matrix\"} 2"),
            "{text}"
        );
        assert!(
            text.contains("caldicott_adapter_connected{platform=\"matrix\"} 1"),
            "{text}"
        );
        assert_eq!(get(addr, "/nope").await.0, 404);

        stop.trigger();
        tokio::time::timeout(Duration::from_secs(2), server)
            .await
            .unwrap()
            .unwrap();
    }

    #[tokio::test]
    async fn unwritable_store_is_unhealthy() {
        let health = Health::new(Metrics::new(), Some(Arc::new(|| Err("disk full".into()))));
        health.add_adapter(AdapterProbe {
            platform: "discord",
            connected: Arc::new(|| true),
            reconnects: Arc::new(|| 0),
        });
        let (ok, v) = health.report().await;
        assert!(!ok);
        assert_eq!(v["store"]["writable"], false);
        assert_eq!(v["store"]["error"], "disk full");
    }
}
