use std::path::PathBuf;

/// Everything that can go wrong in the digest crate. Each variant names the
/// file, item, feed or input it is about.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A catalogue file is not valid TOML or does not have the expected shape.
    #[error("{file}:{line}: {message}")]
    CatalogueSyntax {
        file: PathBuf,
        line: usize,
        message: String,
    },
    /// A catalogue item breaks a rule (https link, unique id, known tag, ...).
    #[error("{file}:{line}: item `{item}`: {reason}")]
    CatalogueItem {
        file: PathBuf,
        line: usize,
        item: String,
        reason: String,
    },
    /// A wall-clock time that is not `HH:MM`.
    #[error("invalid time `{input}`: expected HH:MM (24-hour), e.g. 08:00")]
    Time { input: String },
    /// A time zone name that is not an IANA zone known to chrono-tz.
    #[error("unknown time zone `{input}`: expected an IANA name such as Europe/London")]
    Zone { input: String },
    /// A feed body that is not RSS, Atom or JSON Feed.
    #[error("feed {url}: cannot parse: {reason}")]
    FeedParse { url: String, reason: String },
}
