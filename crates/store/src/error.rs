use std::path::PathBuf;

/// Every store error names what it is about (path, namespace, key). Keys and
/// values never hold message text, so errors cannot leak it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("store at {path}: cannot open: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: sled::Error,
    },
    #[error(
        "store at {path} is corrupt or not a Caldicott store ({message}); refusing to open it. \
         Restore from `caldicott store export` backup or move the directory away"
    )]
    Corrupt { path: PathBuf, message: String },
    #[error(
        "store at {path} has schema version {found}, newer than this build supports ({supported}); \
         refusing to open it (upgrade Caldicott)"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("store: no migration from schema version {from} to {to}")]
    NoMigration { from: u32, to: u32 },
    #[error("store: record {namespace}/{key}: {message}")]
    Decode {
        namespace: String,
        key: String,
        message: String,
    },
    #[error(
        "store: record {namespace}/{key} has version {found}, newer than this build supports ({supported})"
    )]
    NewerRecord {
        namespace: String,
        key: String,
        found: u32,
        supported: u32,
    },
    #[error("store: bad key in namespace {namespace}: {message}")]
    Key { namespace: String, message: String },
    #[error("store backend: {0}")]
    Backend(#[from] sled::Error),
    #[error("store import, {at}: {message}")]
    Import { at: String, message: String },
    #[error("store: could not get randomness for the deployment secret: {0}")]
    Random(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
