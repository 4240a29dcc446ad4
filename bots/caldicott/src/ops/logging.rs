//! Logging through `tracing-subscriber`: text or JSON lines on stderr, the
//! level from the config (`[log] level`, or `CALDICOTT_LOG`).
//!
//! Caldicott's own code never logs message text (spans skip it, events carry
//! ids and counts). Third-party crates can log whole payloads at debug and
//! trace (HTTP bodies, gateway frames, sync responses), so their levels are
//! capped by [`PAYLOAD_CAPS`] whatever the configured level: an operator who
//! turns on `trace` gets Caldicott's trace, never a patient's message.

use tracing::Subscriber;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::config::{LogConfig, LogFormat};

/// Levels imposed on crates that log payloads at debug or trace. Each
/// replaces any directive for the same target in the configured filter.
pub const PAYLOAD_CAPS: &[&str] = &[
    "matrix_sdk=info",
    "matrix_sdk_base=info",
    "matrix_sdk_crypto=info",
    "matrix_sdk_sqlite=info",
    "matrix_sdk_common=info",
    "matrix_sdk_ui=info",
    "ruma=warn",
    "ruma_common=warn",
    "ruma_events=warn",
    "serenity=warn",
    "tungstenite=warn",
    "tokio_tungstenite=warn",
    "hyper=warn",
    "hyper_util=warn",
    "h2=warn",
    "reqwest=warn",
    "rustls=warn",
    "sled=warn",
    "eyeball=warn",
];

/// The configured filter with [`PAYLOAD_CAPS`] applied.
pub fn filter(level: &str) -> anyhow::Result<EnvFilter> {
    let mut f =
        EnvFilter::try_new(level).map_err(|e| anyhow::anyhow!("log level `{level}`: {e}"))?;
    for cap in PAYLOAD_CAPS {
        f = f.add_directive(cap.parse().expect("valid cap directive"));
    }
    Ok(f)
}

/// A subscriber writing to `writer` (tests pass a buffer).
pub fn subscriber<W>(
    cfg: &LogConfig,
    writer: W,
) -> anyhow::Result<Box<dyn Subscriber + Send + Sync>>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = filter(&cfg.level)?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_target(true);
    Ok(match cfg.format {
        LogFormat::Text => Box::new(builder.with_ansi(false).finish()),
        LogFormat::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(false)
                .finish(),
        ),
    })
}

/// Install the process-wide subscriber (stderr).
pub fn init(cfg: &LogConfig) -> anyhow::Result<()> {
    let sub = subscriber(cfg, std::io::stderr)?;
    tracing::subscriber::set_global_default(sub)
        .map_err(|e| anyhow::anyhow!("installing the logger: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_override_a_verbose_operator_filter() {
        let f = filter("trace,matrix_sdk=trace").unwrap().to_string();
        assert!(f.contains("matrix_sdk=info"), "{f}");
        assert!(!f.contains("matrix_sdk=trace"), "{f}");
        assert!(f.contains("serenity=warn"), "{f}");
    }

    #[test]
    fn bad_level_is_an_error() {
        assert!(filter("caldicott=loud").is_err());
    }
}
