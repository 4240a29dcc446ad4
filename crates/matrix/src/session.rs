//! Client set-up: encrypted stores in the data directory, login once, then
//! restore the same session (and device) on every restart.
//!
//! What lands on disk, all under `<data_dir>/matrix/`:
//! - `sdk/matrix-sdk-state.sqlite3`, `sdk/matrix-sdk-crypto.sqlite3`: the SDK's
//!   state and crypto stores, encrypted with the configured passphrase;
//! - `session.json` (0600): user id, device id and access token.
//!
//! The SDK's event cache and media cache are kept **in memory only**: the
//! SQLite event cache would persist every timeline event (and so flagged
//! message text, even decrypted text of encrypted rooms) to disk.

use std::path::{Path, PathBuf};

use matrix_sdk::{
    Client, SqliteCryptoStore, SqliteStateStore, SqliteStoreConfig,
    authentication::matrix::MatrixSession,
    config::{RequestConfig, StoreConfig},
    cross_process_lock::CrossProcessLockConfig,
    ruma::{OwnedDeviceId, OwnedUserId},
};
use serde::{Deserialize, Serialize};
use tracing::info;

use crate::{
    config::{Login, MatrixConfig},
    error::{Error, Result},
    files,
};

/// Paths of the adapter's files inside the data directory.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub sdk: PathBuf,
    pub session: PathBuf,
    pub sync: PathBuf,
    pub started: PathBuf,
    pub dm_rooms: PathBuf,
}

impl Paths {
    /// The adapter's paths under `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        let root = data_dir.join("matrix");
        Paths {
            sdk: root.join("sdk"),
            session: root.join("session.json"),
            sync: root.join("sync.json"),
            started: root.join("started.json"),
            dm_rooms: root.join("dm_rooms.json"),
            root,
        }
    }
}

/// The part of `session.json` we read back.
#[derive(Serialize, Deserialize)]
struct SavedSession {
    homeserver: String,
    session: MatrixSession,
}

/// Builds the client with encrypted on-disk state and crypto stores and
/// in-memory event/media caches.
pub async fn build_client(cfg: &MatrixConfig, paths: &Paths) -> Result<Client> {
    let passphrase = cfg.passphrase()?;
    files::create_private_dir(&paths.sdk)?;
    let sqlite = SqliteStoreConfig::new(&paths.sdk).passphrase(Some(passphrase.expose()));
    let open_err = |e| Error::from(matrix_sdk::ClientBuildError::SqliteStore(e));
    let state = SqliteStateStore::open_with_config(&sqlite)
        .await
        .map_err(open_err)?;
    let crypto = SqliteCryptoStore::open_with_config(&sqlite)
        .await
        .map_err(open_err)?;
    // Event cache and media stores stay the in-memory defaults of StoreConfig.
    let stores = StoreConfig::new(CrossProcessLockConfig::SingleProcess)
        .state_store(state)
        .crypto_store(crypto);
    let client = Client::builder()
        .homeserver_url(&cfg.homeserver)
        .store_config(stores)
        .request_config(RequestConfig::new().retry_limit(3))
        .build()
        .await?;
    Ok(client)
}

/// Restores the saved session if there is one for this homeserver and user,
/// else logs in (password or access token) and saves the session.
pub async fn login(client: &Client, cfg: &MatrixConfig, paths: &Paths) -> Result<()> {
    let wanted: OwnedUserId = cfg.user.parse().map_err(|source| Error::Id {
        what: "user id (matrix.user)",
        value: cfg.user.clone(),
        source,
    })?;
    if let Some(saved) = load_session(&paths.session)?
        && saved.session.meta.user_id == wanted
        && saved.homeserver == cfg.homeserver
    {
        let device = saved.session.meta.device_id.clone();
        client
            .restore_session(saved.session)
            .await
            .map_err(|e| Error::sdk("restoring the saved session", e))?;
        info!(device = %device, "restored Matrix session");
        return Ok(());
    }
    match cfg.login()? {
        Login::Password(password) => {
            let mut login = client
                .matrix_auth()
                .login_username(&wanted, password.expose())
                .initial_device_display_name(&cfg.device_name);
            // A previous session's device (e.g. after the token was revoked)
            // is reused so the crypto store keeps matching it.
            let previous = previous_device(&paths.session);
            if let Some(device) = previous.as_deref() {
                login = login.device_id(device);
            }
            login
                .send()
                .await
                .map_err(|e| Error::sdk("password login", e))?;
        }
        Login::AccessToken(token) => {
            let (user_id, device_id) = whoami(&cfg.homeserver, token.expose()).await?;
            if user_id != wanted {
                return Err(Error::Config {
                    key: "matrix.access_token",
                    message: format!("the token belongs to {user_id}, not matrix.user {wanted}"),
                });
            }
            let session = MatrixSession {
                meta: matrix_sdk::SessionMeta { user_id, device_id },
                tokens: matrix_sdk::SessionTokens {
                    access_token: token.expose().to_owned(),
                    refresh_token: None,
                },
            };
            client
                .restore_session(session)
                .await
                .map_err(|e| Error::sdk("access-token session", e))?;
        }
    }
    let session = client.matrix_auth().session().ok_or(Error::Config {
        key: "matrix.user",
        message: "login returned no session".to_owned(),
    })?;
    info!(device = %session.meta.device_id, "logged in to Matrix; session saved");
    let saved = SavedSession {
        homeserver: cfg.homeserver.clone(),
        session,
    };
    let json = serde_json::to_vec_pretty(&saved).map_err(|e| Error::Corrupt {
        path: paths.session.clone(),
        message: e.to_string(),
    })?;
    files::write_private(&paths.session, &json)
}

fn load_session(path: &Path) -> Result<Option<SavedSession>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::Corrupt {
                path: path.to_owned(),
                message: format!("not a saved Matrix session: {e}"),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn previous_device(path: &Path) -> Option<String> {
    load_session(path)
        .ok()
        .flatten()
        .map(|s| s.session.meta.device_id.to_string())
}

/// `GET /account/whoami` for an access token: its user and device.
async fn whoami(homeserver: &str, token: &str) -> Result<(OwnedUserId, OwnedDeviceId)> {
    #[derive(Deserialize)]
    struct WhoAmI {
        user_id: OwnedUserId,
        device_id: Option<OwnedDeviceId>,
    }
    let url = format!(
        "{}/_matrix/client/v3/account/whoami",
        homeserver.trim_end_matches('/')
    );
    let fail = |message: String| Error::Config {
        key: "matrix.access_token",
        message,
    };
    let response = matrix_sdk::reqwest::Client::new()
        .get(&url)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| fail(format!("whoami request to {url} failed: {e}")))?;
    if !response.status().is_success() {
        return Err(fail(format!("whoami answered {}", response.status())));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| fail(format!("whoami answer unreadable: {e}")))?;
    let who: WhoAmI = serde_json::from_slice(&body)
        .map_err(|e| fail(format!("whoami answer unreadable: {e}")))?;
    let device = who.device_id.ok_or_else(|| {
        fail("the token has no device id; create it with a login so encryption works".to_owned())
    })?;
    Ok((who.user_id, device))
}
