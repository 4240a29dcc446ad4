#![doc = include_str!("../README.md")]

mod actions;
mod adapter;
pub mod config;
pub mod error;
pub mod event;
mod files;
mod incoming;
pub mod session;
pub mod state;

pub use actions::{EVENT_MAX_BYTES, IDEMPOTENCY_FIELD};
pub use adapter::{MatrixBot, Options, Stats};
pub use config::{MatrixConfig, Secret};
pub use error::{Error, Result};
