//! The `[discord]` section of Caldicott's configuration.

use std::time::Duration;

use serde::Deserialize;

/// Environment variable that overrides `discord.token`.
pub const ENV_TOKEN: &str = "CALDICOTT_DISCORD_TOKEN";
/// Environment variable that overrides `discord.application_id`.
pub const ENV_APPLICATION_ID: &str = "CALDICOTT_DISCORD_APPLICATION_ID";

/// A bot token: never printed (`Debug` shows `***`).
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Token(String);

impl Token {
    pub fn new(token: impl Into<String>) -> Token {
        Token(token.into())
    }
    /// The token itself, for serenity only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

/// Discord settings. A token and an application id are all an operator needs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordConfig {
    /// Bot token (Developer Portal -> Bot -> Reset Token). Prefer the
    /// `CALDICOTT_DISCORD_TOKEN` environment variable.
    #[serde(default)]
    pub token: Option<Token>,
    /// Application id (Developer Portal -> General Information).
    #[serde(default)]
    pub application_id: Option<u64>,
    /// Register slash commands in this guild too (instant, for development);
    /// global commands are always registered.
    #[serde(default)]
    pub dev_guild: Option<u64>,
    /// Send API requests to this base instead of `https://discord.com`
    /// (serenity's HTTP proxy setting; the tests point it at the API double).
    #[serde(default)]
    pub api_base: Option<String>,
    /// How long a private note waits for its author's **Why?** click, seconds.
    #[serde(default = "default_note_ttl")]
    pub note_ttl_secs: u64,
    /// Minimum gap between two nudges in one channel, milliseconds (Discord
    /// allows 5 messages per 5 s per channel; warnings never burst).
    #[serde(default = "default_nudge_gap")]
    pub nudge_gap_ms: u64,
    /// Register slash commands at start-up (default true).
    #[serde(default = "default_true")]
    pub register_commands: bool,
}

fn default_note_ttl() -> u64 {
    crate::notes::NOTE_TTL.as_secs()
}
fn default_nudge_gap() -> u64 {
    1_100
}
fn default_true() -> bool {
    true
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            token: None,
            application_id: None,
            dev_guild: None,
            api_base: None,
            note_ttl_secs: default_note_ttl(),
            nudge_gap_ms: default_nudge_gap(),
            register_commands: true,
        }
    }
}

impl DiscordConfig {
    /// Apply `CALDICOTT_DISCORD_TOKEN` / `CALDICOTT_DISCORD_APPLICATION_ID`.
    pub fn with_env(mut self) -> Result<DiscordConfig, crate::Error> {
        if let Ok(t) = std::env::var(ENV_TOKEN)
            && !t.trim().is_empty()
        {
            self.token = Some(Token::new(t.trim()));
        }
        if let Ok(a) = std::env::var(ENV_APPLICATION_ID)
            && !a.trim().is_empty()
        {
            self.application_id = Some(a.trim().parse().map_err(|_| crate::Error::Config {
                key: ENV_APPLICATION_ID.into(),
                message: "must be a numeric Discord id".into(),
            })?);
        }
        Ok(self)
    }

    /// The token, or an error naming the key to set.
    pub fn token(&self) -> Result<&Token, crate::Error> {
        self.token.as_ref().ok_or_else(|| crate::Error::Config {
            key: "discord.token".into(),
            message: format!("missing (or set {ENV_TOKEN})"),
        })
    }

    pub fn application_id(&self) -> Result<u64, crate::Error> {
        self.application_id.ok_or_else(|| crate::Error::Config {
            key: "discord.application_id".into(),
            message: format!("missing (or set {ENV_APPLICATION_ID})"),
        })
    }

    pub fn note_ttl(&self) -> Duration {
        Duration::from_secs(self.note_ttl_secs)
    }

    pub fn nudge_gap(&self) -> Duration {
        Duration::from_millis(self.nudge_gap_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_never_printed() {
        let c = DiscordConfig {
            token: Some(Token::new("MTIz.secret.token")),
            ..DiscordConfig::default()
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("***"));
    }

    #[test]
    fn missing_keys_are_named() {
        let c = DiscordConfig::default();
        assert!(c.token().unwrap_err().to_string().contains("discord.token"));
        assert!(
            c.application_id()
                .unwrap_err()
                .to_string()
                .contains("discord.application_id")
        );
    }
}
