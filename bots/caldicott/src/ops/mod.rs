//! Running Caldicott as a service: the data-directory lock, the one
//! shutdown signal, logging, and the health and metrics endpoint.

pub mod adapters;
pub mod health;
pub mod lock;
pub mod logging;
pub mod metrics;
pub mod service;
pub mod shutdown;
