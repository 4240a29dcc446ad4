//! An optional observer of the core's decisions, for operations metrics
//! (`caldicott run` counts them on `/metrics`). It sees counts and wire
//! names only: platform, category, severity, rule id, action kind. Never
//! message text, user ids or channel ids.

use std::time::Duration;

use crate::{Action, Platform};

/// Set with [`crate::Bot::with_observer`]. Every method has an empty default.
pub trait Observer: Send + Sync + std::fmt::Debug {
    /// A channel message was scanned in `took`; `findings` are the
    /// (category, severity) wire names of the findings that counted under
    /// the channel's settings.
    fn scanned(
        &self,
        platform: Platform,
        took: Duration,
        findings: &[(&'static str, &'static str)],
    ) {
        let _ = (platform, took, findings);
    }
    /// [`crate::Bot::handle`] decided these actions.
    fn decided(&self, platform: Platform, actions: &[Action]) {
        let _ = (platform, actions);
    }
    /// A false-positive dispute was recorded against `rule`.
    fn disputed(&self, rule: &str) {
        let _ = rule;
    }
    /// A daily post was reported delivered.
    fn delivered(&self, platform: Platform) {
        let _ = platform;
    }
}
