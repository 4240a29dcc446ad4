#![doc = include_str!("../README.md")]

pub mod automod;
pub mod client;
pub mod commands;
pub mod config;
pub mod handler;
pub mod ids;
pub mod limits;
pub mod notes;
pub mod translate;

pub use client::{build, intents, run};
pub use config::{DiscordConfig, Token};
pub use handler::{Adapter, Handler};

/// Log filter directives that keep serenity's and the websocket's own
/// spans (which can hold whole gateway payloads) out of the logs: the bot
/// must never log message text.
pub const LOG_FILTER: &str = "serenity=warn,tungstenite=warn,tokio_tungstenite=warn,h2=warn,hyper=warn,reqwest=warn,rustls=warn";

/// The Discord adapter's one error type. Never holds message text or the token.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("config key `{key}`: {message}")]
    Config { key: String, message: String },
    #[error("Discord: {0}")]
    Discord(#[source] Box<serenity::Error>),
    #[error("AutoMod rule: {0}")]
    Automod(String),
}

impl From<serenity::Error> for Error {
    fn from(e: serenity::Error) -> Error {
        Error::Discord(Box::new(e))
    }
}
