//! The adapter: one matrix-sdk client, the sync loop (with a persisted sync
//! position, reconnect backoff and 429 handling) and the daily-post ticker.

use std::{
    collections::{HashMap, HashSet, VecDeque},
    path::Path,
    sync::{
        Arc, Mutex as StdMutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use caldicott_core::Bot;
use matrix_sdk::{
    Client,
    config::SyncSettings,
    ruma::{
        OwnedRoomId, OwnedUserId, UInt,
        api::{
            client::{
                filter::{FilterDefinition, RoomEventFilter},
                sync::sync_events::v3::Filter,
            },
            error::{ErrorKind, RetryAfter},
        },
    },
};
use tokio::{
    sync::{Mutex, Semaphore, mpsc, watch},
    task::AbortHandle,
};
use tracing::{info, warn};

use crate::{
    config::MatrixConfig,
    error::{Error, Result},
    session::{self, Paths},
    state::{DmRooms, Started, SyncState},
};

/// How long one `/sync` long-poll waits for news.
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(30);
/// Timeline events per room per sync. When more arrived since the last sync
/// (a `limited` timeline), the gap is back-filled with `/messages`.
pub const SYNC_TIMELINE_LIMIT: u32 = 100;
/// At most this many events are back-filled for one room's gap; older ones
/// are skipped (the adapter logs how many rooms hit the limit, counts only).
pub const BACKFILL_MAX_EVENTS: usize = 1000;
/// Events asked for per `/messages` page while back-filling.
pub const BACKFILL_PAGE: u32 = 100;
/// Rooms whose messages are acted on at the same time (each room's own
/// messages are acted on one after another, in order).
pub const MAX_CONCURRENT_ROOMS: usize = 8;
/// Messages waiting per room before the sync loop waits for the room's worker.
pub const ROOM_QUEUE_MAX: usize = 2048;
/// The sync position and handled ids (`sync.json`) are written at most this
/// often while messages flow (and on a clean stop): a crash replays a little
/// more, and the core and `started.json` keep the replay from acting twice.
pub const STATE_SAVE_INTERVAL: Duration = Duration::from_secs(1);
/// First and last wait between reconnect attempts.
pub const BACKOFF_MIN: Duration = Duration::from_millis(500);
pub const BACKOFF_MAX: Duration = Duration::from_secs(60);
/// How often due daily posts are looked for.
pub const DEFAULT_TICK_INTERVAL: Duration = Duration::from_secs(30);
/// How many recent events are searched for the bot's own daily post before
/// an old intent is retried.
pub const RECONCILE_LOOKBACK_EVENTS: u32 = 100;
/// Thread roots remembered (message id -> its thread root) for thread replies.
const THREAD_ROOTS_KEPT: usize = 10_000;

/// Knobs that tests turn; defaults suit production.
#[derive(Debug, Clone)]
pub struct Options {
    pub tick_interval: Duration,
    pub sync_timeout: Duration,
    /// Added to the wall clock for the core's `now` (tests move time).
    pub clock_offset: chrono::Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tick_interval: DEFAULT_TICK_INTERVAL,
            sync_timeout: SYNC_TIMEOUT,
            clock_offset: chrono::Duration::zero(),
        }
    }
}

/// Counters for health checks and metrics (counts only).
#[derive(Debug, Default)]
pub struct Stats {
    pub connected: AtomicBool,
    pub syncs: AtomicU64,
    pub reconnects: AtomicU64,
    pub messages: AtomicU64,
    pub actions: AtomicU64,
    pub action_failures: AtomicU64,
}

/// The Matrix side of Caldicott. Cheap to clone.
#[derive(Clone)]
pub struct MatrixBot {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for MatrixBot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatrixBot")
            .field("user", &self.inner.own)
            .finish_non_exhaustive()
    }
}

pub(crate) struct Inner {
    pub(crate) client: Client,
    pub(crate) cfg: MatrixConfig,
    pub(crate) bot: Arc<Bot>,
    pub(crate) own: OwnedUserId,
    pub(crate) opts: Options,
    pub(crate) sync: Mutex<SyncState>,
    /// Events whose actions began and have not finished (across crashes).
    pub(crate) started: Mutex<Started>,
    pub(crate) dms: Mutex<DmRooms>,
    pub(crate) threads: StdMutex<Bounded>,
    pub(crate) members: StdMutex<HashMap<OwnedRoomId, Arc<Vec<String>>>>,
    pub(crate) stats: Stats,
    /// Events queued or being acted on (not yet in the handled ids).
    pub(crate) in_flight: StdMutex<HashSet<String>>,
    /// One worker (queue + task) per room with messages to act on.
    pub(crate) workers: StdMutex<HashMap<OwnedRoomId, (mpsc::Sender<Job>, AbortHandle)>>,
    /// Bounds how many rooms' messages are acted on at once.
    pub(crate) permits: Arc<Semaphore>,
    /// user id -> lock held while finding or creating their DM room.
    pub(crate) dm_locks: StdMutex<HashMap<String, Arc<Mutex<()>>>>,
}

/// One message for a room's worker. `batch` is shared by every job of one
/// sync response: while any is alive, that response's position is not saved.
pub(crate) struct Job {
    pub(crate) room: matrix_sdk::Room,
    pub(crate) msg: crate::event::Message,
    pub(crate) is_bot: bool,
    pub(crate) _batch: Arc<()>,
}

/// A map that forgets its oldest entries.
#[derive(Default)]
pub(crate) struct Bounded {
    map: HashMap<String, String>,
    order: VecDeque<String>,
}

impl Bounded {
    pub(crate) fn insert(&mut self, k: String, v: String) {
        if self.map.insert(k.clone(), v).is_none() {
            self.order.push_back(k);
            while self.order.len() > THREAD_ROOTS_KEPT {
                if let Some(old) = self.order.pop_front() {
                    self.map.remove(&old);
                }
            }
        }
    }
    pub(crate) fn get(&self, k: &str) -> Option<&String> {
        self.map.get(k)
    }
}

impl MatrixBot {
    /// Opens the stores in `<data_dir>/matrix`, logs in (or restores the
    /// saved session and device) and returns the adapter, not yet syncing.
    pub async fn connect(
        cfg: MatrixConfig,
        data_dir: &Path,
        bot: Arc<Bot>,
        opts: Options,
    ) -> Result<MatrixBot> {
        if let Some(first) = cfg.problems().into_iter().next() {
            return Err(first);
        }
        let paths = Paths::new(data_dir);
        let client = session::build_client(&cfg, &paths).await?;
        session::login(&client, &cfg, &paths).await?;
        let own = client.user_id().ok_or(Error::Config {
            key: "matrix.user",
            message: "no user id after login".to_owned(),
        })?;
        let sync = SyncState::load(&paths.sync)?;
        let mut started = Started::load(&paths.started)?;
        started.forget_where(|id| sync.is_handled(id))?;
        if !started.is_empty() {
            info!(
                events = started.len(),
                "messages whose actions may not have finished before the last stop are decided again when they come back"
            );
        }
        let inner = Inner {
            own: own.to_owned(),
            sync: Mutex::new(sync),
            started: Mutex::new(started),
            dms: Mutex::new(DmRooms::load(&paths.dm_rooms)?),
            client,
            cfg,
            bot,
            opts,
            threads: StdMutex::new(Bounded::default()),
            members: StdMutex::new(HashMap::new()),
            stats: Stats::default(),
            in_flight: StdMutex::new(HashSet::new()),
            workers: StdMutex::new(HashMap::new()),
            permits: Arc::new(Semaphore::new(MAX_CONCURRENT_ROOMS)),
            dm_locks: StdMutex::new(HashMap::new()),
        };
        Ok(MatrixBot {
            inner: Arc::new(inner),
        })
    }

    /// The matrix-sdk client (tests and tools).
    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// The core's clock: wall time plus [`Options::clock_offset`].
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + self.inner.opts.clock_offset
    }

    /// Counters for health and metrics.
    pub fn stats(&self) -> &Stats {
        &self.inner.stats
    }

    /// Syncs and acts until `shutdown` turns true. Homeserver outages are
    /// retried with backoff; only a revoked login ends the loop with an error.
    pub async fn run(&self, mut shutdown: watch::Receiver<bool>) -> Result<()> {
        let ticker = {
            let this = self.clone();
            let shutdown = shutdown.clone();
            tokio::spawn(async move { this.tick_loop(shutdown).await })
        };
        let result = tokio::select! {
            r = self.sync_loop() => r,
            _ = shutdown.wait_for(|stop| *stop) => Ok(()),
        };
        ticker.abort();
        // Messages still queued are not marked handled and the saved sync
        // position is from before them: the next run acts on them.
        for (_, (_, task)) in self
            .inner
            .workers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain()
        {
            task.abort();
        }
        self.inner
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        if let Err(e) = self.inner.sync.lock().await.save_if_due(Duration::ZERO) {
            warn!(error = %e, "could not save the sync position");
        }
        self.inner.stats.connected.store(false, Ordering::Relaxed);
        info!("Matrix adapter stopped");
        result
    }

    async fn sync_loop(&self) -> Result<()> {
        let inner = &self.inner;
        let mut backoff = BACKOFF_MIN;
        let mut filter = FilterDefinition::default();
        filter.room.timeline = RoomEventFilter::default();
        filter.room.timeline.limit = Some(UInt::from(SYNC_TIMELINE_LIMIT));
        // The position for the next /sync; the persisted one lags behind
        // until every message of a response has been acted on.
        let mut token = inner.sync.lock().await.next_batch.clone();
        let mut unsaved: VecDeque<(String, Arc<()>)> = VecDeque::new();
        loop {
            let first = token.is_none();
            let mut settings = SyncSettings::new()
                .timeout(if first {
                    Duration::ZERO
                } else {
                    inner.opts.sync_timeout
                })
                .filter(Filter::FilterDefinition(filter.clone()));
            if let Some(t) = token.clone() {
                settings = settings.token(t);
            }
            match inner.client.sync_once(settings).await {
                Ok(response) => {
                    if !inner.stats.connected.swap(true, Ordering::Relaxed) {
                        info!("Matrix sync connected");
                    }
                    inner.stats.syncs.fetch_add(1, Ordering::Relaxed);
                    backoff = BACKOFF_MIN;
                    let next = response.next_batch.clone();
                    let batch = Arc::new(());
                    self.process_sync(response, first, &batch).await;
                    token = Some(next.clone());
                    unsaved.push_back((next, batch));
                    self.save_position(&mut unsaved).await;
                }
                Err(e) => {
                    if matches!(e.client_api_error_kind(), Some(ErrorKind::UnknownToken(_))) {
                        inner.stats.connected.store(false, Ordering::Relaxed);
                        return Err(Error::sdk(
                            "the homeserver no longer accepts the bot's login; delete \
                             matrix/session.json in the data directory to log in again",
                            e,
                        ));
                    }
                    let wait = retry_after(&e).unwrap_or(backoff);
                    if inner.stats.connected.swap(false, Ordering::Relaxed) {
                        inner.stats.reconnects.fetch_add(1, Ordering::Relaxed);
                    }
                    warn!(error = %e, wait_ms = wait.as_millis() as u64, "Matrix sync failed; retrying");
                    tokio::time::sleep(wait).await;
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                }
            }
        }
    }

    /// Persists the newest sync position all of whose messages (and all
    /// earlier ones) have been acted on.
    async fn save_position(&self, unsaved: &mut VecDeque<(String, Arc<()>)>) {
        let mut done = None;
        while let Some((_, batch)) = unsaved.front() {
            if Arc::strong_count(batch) > 1 {
                break;
            }
            done = unsaved.pop_front().map(|(t, _)| t);
        }
        if let Some(t) = done {
            let mut sync = self.inner.sync.lock().await;
            sync.set_position(t);
            if let Err(e) = sync.save_if_due(STATE_SAVE_INTERVAL) {
                warn!(error = %e, "could not save the sync position");
            }
        }
    }

    async fn tick_loop(&self, shutdown: watch::Receiver<bool>) {
        let mut interval = tokio::time::interval(self.inner.opts.tick_interval);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if *shutdown.borrow() {
                return;
            }
            if !self.inner.stats.connected.load(Ordering::Relaxed) {
                continue;
            }
            self.tick_once().await;
        }
    }
}

/// The wait a 429 asks for, if the error is one.
pub(crate) fn retry_after(e: &matrix_sdk::Error) -> Option<Duration> {
    match e.client_api_error_kind() {
        Some(ErrorKind::LimitExceeded(data)) => match &data.retry_after {
            Some(RetryAfter::Delay(d)) => Some(*d),
            _ => Some(Duration::from_secs(1)),
        },
        _ => None,
    }
}

/// The wait a 429 asks for, for a plain HTTP error.
pub(crate) fn http_retry_after(e: &matrix_sdk::HttpError) -> Option<Duration> {
    match e.client_api_error_kind() {
        Some(ErrorKind::LimitExceeded(data)) => match &data.retry_after {
            Some(RetryAfter::Delay(d)) => Some(*d),
            _ => Some(Duration::from_secs(1)),
        },
        _ => None,
    }
}
