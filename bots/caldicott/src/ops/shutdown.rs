//! One shutdown signal that every task listens to (as mini-redis does):
//! SIGINT or SIGTERM flips a `watch` channel; adapters stop taking events,
//! finish what they are doing and return; `run` then flushes the store.

use tokio::sync::watch;

/// The sending side. Cheap to clone through [`Shutdown::subscribe`].
#[derive(Debug, Clone)]
pub struct Shutdown {
    tx: watch::Sender<bool>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown::new()
    }
}

impl Shutdown {
    pub fn new() -> Shutdown {
        Shutdown {
            tx: watch::channel(false).0,
        }
    }

    /// A receiver that turns `true` once shutdown begins.
    pub fn subscribe(&self) -> watch::Receiver<bool> {
        self.tx.subscribe()
    }

    /// Begin shutdown (idempotent).
    pub fn trigger(&self) {
        self.tx.send_replace(true);
    }

    /// A future that completes when shutdown begins (for APIs that take one).
    pub fn wait(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.subscribe();
        async move {
            let _ = rx.wait_for(|stop| *stop).await;
        }
    }

    /// Wait for SIGINT or SIGTERM, then trigger. Returns the signal's name.
    pub async fn on_signal(&self) -> &'static str {
        let name = wait_for_signal().await;
        self.trigger();
        name
    }
}

#[cfg(unix)]
async fn wait_for_signal() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            return "SIGINT";
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => "SIGINT",
        _ = term.recv() => "SIGTERM",
    }
}

#[cfg(not(unix))]
async fn wait_for_signal() -> &'static str {
    let _ = tokio::signal::ctrl_c().await;
    "ctrl-c"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_subscriber_sees_the_one_signal() {
        let s = Shutdown::new();
        let mut a = s.subscribe();
        let b = s.wait();
        let waiter = tokio::spawn(async move {
            a.wait_for(|x| *x).await.unwrap();
        });
        assert!(!*s.subscribe().borrow());
        s.trigger();
        s.trigger();
        tokio::time::timeout(std::time::Duration::from_secs(1), async {
            waiter.await.unwrap();
            b.await;
        })
        .await
        .expect("all listeners woke");
        // A late subscriber sees it too.
        let mut late = s.subscribe();
        assert!(*late.borrow_and_update());
    }
}
