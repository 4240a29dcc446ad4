//! The adapter's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in the Matrix adapter. Each variant names
/// what it is about (a file, a config key, a room) so an operator can act.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A configuration value is missing or wrong.
    #[error("matrix config: `{key}`: {message}")]
    Config { key: &'static str, message: String },

    /// Reading or writing a file in the data directory failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A file in the data directory is not what the adapter wrote.
    #[error("{}: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },

    /// Building the matrix-sdk client or opening its stores failed.
    #[error("matrix client set-up: {0}")]
    Build(Box<matrix_sdk::ClientBuildError>),

    /// A matrix-sdk call failed.
    #[error("matrix: {context}: {source}")]
    Sdk {
        context: &'static str,
        #[source]
        source: Box<matrix_sdk::Error>,
    },

    /// An HTTP call to the homeserver failed.
    #[error("matrix: {context}: {source}")]
    Http {
        context: &'static str,
        #[source]
        source: Box<matrix_sdk::HttpError>,
    },

    /// A Matrix identifier (user, room, event) did not parse.
    #[error("matrix: `{value}` is not a valid {what}: {source}")]
    Id {
        what: &'static str,
        value: String,
        #[source]
        source: matrix_sdk::IdParseError,
    },
}

impl From<matrix_sdk::ClientBuildError> for Error {
    fn from(e: matrix_sdk::ClientBuildError) -> Self {
        Error::Build(Box::new(e))
    }
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn sdk(context: &'static str, source: matrix_sdk::Error) -> Self {
        Error::Sdk {
            context,
            source: Box::new(source),
        }
    }

    pub(crate) fn http(context: &'static str, source: matrix_sdk::HttpError) -> Self {
        Error::Http {
            context,
            source: Box::new(source),
        }
    }
}

/// The adapter's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
