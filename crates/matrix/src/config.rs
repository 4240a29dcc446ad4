//! The `[matrix]` section of the bot's configuration.
//!
//! Secrets (password, access token, store passphrase) can be given inline,
//! in a file (`*_file`), or through the environment
//! (`CALDICOTT_MATRIX_PASSWORD`, `CALDICOTT_MATRIX_ACCESS_TOKEN`,
//! `CALDICOTT_MATRIX_STORE_PASSPHRASE`); the environment wins. They are never
//! printed: [`Secret`]'s `Debug` shows only `"<redacted>"`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The power level at which a room member counts as a moderator, unless
/// configured otherwise (Matrix's usual "Moderator" level).
pub const DEFAULT_MODERATOR_POWER_LEVEL: i64 = 50;

/// A secret string whose `Debug` never shows it.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// Settings of the Matrix adapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixConfig {
    /// Homeserver base URL, e.g. `https://matrix.example.org`.
    pub homeserver: String,
    /// The bot's full user id, e.g. `@caldicott:example.org`.
    pub user: String,
    /// Password login (used once; the session is then kept in the data dir).
    #[serde(default)]
    pub password: Option<Secret>,
    #[serde(default)]
    pub password_file: Option<PathBuf>,
    /// Access-token login instead of a password.
    #[serde(default)]
    pub access_token: Option<Secret>,
    #[serde(default)]
    pub access_token_file: Option<PathBuf>,
    /// Passphrase that encrypts the SDK's state and crypto stores.
    #[serde(default)]
    pub store_passphrase: Option<Secret>,
    #[serde(default)]
    pub store_passphrase_file: Option<PathBuf>,
    /// Display name of the bot's device (shown in users' device lists).
    #[serde(default = "default_device_name")]
    pub device_name: String,
    /// Who may invite the bot: full user ids (`@alice:example.org`) or whole
    /// servers (`:example.org`). Empty means nobody: invites are declined.
    #[serde(default)]
    pub allowed_inviters: Vec<String>,
    /// Do not scan messages from other bots (see `bot_users`) and `m.notice`s.
    #[serde(default = "default_true")]
    pub ignore_bots: bool,
    /// User ids of other bots; a leading or trailing `*` is a wildcard
    /// (`@*bot:example.org`).
    #[serde(default)]
    pub bot_users: Vec<String>,
    /// Power level at or above which a member may change a room's settings.
    #[serde(default = "default_moderator_level")]
    pub moderator_power_level: i64,
    /// Room that receives mod-log entries (category, rule, author, link).
    #[serde(default)]
    pub mod_log_room: Option<String>,
}

fn default_device_name() -> String {
    "Caldicott bot".to_owned()
}
fn default_true() -> bool {
    true
}
fn default_moderator_level() -> i64 {
    DEFAULT_MODERATOR_POWER_LEVEL
}

/// How the bot logs in, after secrets are resolved.
#[derive(Debug, Clone)]
pub enum Login {
    Password(Secret),
    AccessToken(Secret),
}

impl MatrixConfig {
    /// A config for `homeserver` and `user` with every default.
    pub fn new(homeserver: impl Into<String>, user: impl Into<String>) -> Self {
        MatrixConfig {
            homeserver: homeserver.into(),
            user: user.into(),
            password: None,
            password_file: None,
            access_token: None,
            access_token_file: None,
            store_passphrase: None,
            store_passphrase_file: None,
            device_name: default_device_name(),
            allowed_inviters: Vec::new(),
            ignore_bots: true,
            bot_users: Vec::new(),
            moderator_power_level: DEFAULT_MODERATOR_POWER_LEVEL,
            mod_log_room: None,
        }
    }

    /// Every problem with this section, each naming its key.
    pub fn problems(&self) -> Vec<Error> {
        let mut out = Vec::new();
        if !(self.homeserver.starts_with("http://") || self.homeserver.starts_with("https://")) {
            out.push(Error::Config {
                key: "matrix.homeserver",
                message: format!("`{}` is not an http(s) URL", self.homeserver),
            });
        }
        if matrix_sdk::ruma::UserId::parse(&self.user).is_err() {
            out.push(Error::Config {
                key: "matrix.user",
                message: format!(
                    "`{}` is not a Matrix user id like @bot:example.org",
                    self.user
                ),
            });
        }
        if let Err(e) = self.login() {
            out.push(e);
        }
        if let Err(e) = self.passphrase() {
            out.push(e);
        }
        for who in &self.allowed_inviters {
            let ok = if let Some(server) = who.strip_prefix(':') {
                !server.is_empty()
            } else {
                matrix_sdk::ruma::UserId::parse(who).is_ok()
            };
            if !ok {
                out.push(Error::Config {
                    key: "matrix.allowed_inviters",
                    message: format!(
                        "`{who}` is neither a user id (@u:server) nor a server (:server)"
                    ),
                });
            }
        }
        if let Some(room) = &self.mod_log_room
            && matrix_sdk::ruma::RoomId::parse(room).is_err()
        {
            out.push(Error::Config {
                key: "matrix.mod_log_room",
                message: format!("`{room}` is not a room id (!…)"),
            });
        }
        out
    }

    /// The login method: access token first, then password (env, file, inline).
    pub fn login(&self) -> Result<Login> {
        if let Some(t) = secret(
            "CALDICOTT_MATRIX_ACCESS_TOKEN",
            self.access_token.as_ref(),
            self.access_token_file.as_deref(),
            "matrix.access_token_file",
        )? {
            return Ok(Login::AccessToken(t));
        }
        if let Some(p) = secret(
            "CALDICOTT_MATRIX_PASSWORD",
            self.password.as_ref(),
            self.password_file.as_deref(),
            "matrix.password_file",
        )? {
            return Ok(Login::Password(p));
        }
        Err(Error::Config {
            key: "matrix.password",
            message: "no credentials: set matrix.password(_file), matrix.access_token(_file), \
                      CALDICOTT_MATRIX_PASSWORD or CALDICOTT_MATRIX_ACCESS_TOKEN"
                .to_owned(),
        })
    }

    /// The store passphrase (required: the stores are always encrypted).
    pub fn passphrase(&self) -> Result<Secret> {
        secret(
            "CALDICOTT_MATRIX_STORE_PASSPHRASE",
            self.store_passphrase.as_ref(),
            self.store_passphrase_file.as_deref(),
            "matrix.store_passphrase_file",
        )?
        .ok_or(Error::Config {
            key: "matrix.store_passphrase",
            message: "required: the SDK's state and crypto stores are encrypted with it; set \
                      matrix.store_passphrase(_file) or CALDICOTT_MATRIX_STORE_PASSPHRASE"
                .to_owned(),
        })
    }

    /// May `inviter` invite the bot into a room?
    pub fn may_invite(&self, inviter: &str) -> bool {
        let server = inviter.split_once(':').map(|(_, s)| s).unwrap_or("");
        self.allowed_inviters
            .iter()
            .any(|a| a == inviter || a.strip_prefix(':').is_some_and(|s| s == server))
    }

    /// Is `user` one of the configured other bots?
    pub fn is_bot_user(&self, user: &str) -> bool {
        self.bot_users.iter().any(|p| wildcard_match(p, user))
    }
}

fn wildcard_match(pattern: &str, value: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(rest), _) if rest.ends_with('*') => value.contains(&rest[..rest.len() - 1]),
        (Some(suffix), _) => value.ends_with(suffix),
        (None, Some(prefix)) => value.starts_with(prefix),
        (None, None) => {
            if let Some((a, b)) = pattern.split_once('*') {
                value.len() >= a.len() + b.len() && value.starts_with(a) && value.ends_with(b)
            } else {
                pattern == value
            }
        }
    }
}

fn secret(
    env: &str,
    inline: Option<&Secret>,
    file: Option<&Path>,
    file_key: &'static str,
) -> Result<Option<Secret>> {
    if let Ok(v) = std::env::var(env)
        && !v.is_empty()
    {
        return Ok(Some(Secret(v)));
    }
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            key: file_key,
            message: format!("cannot read {}: {e}", path.display()),
        })?;
        let text = text.trim_end_matches(['\n', '\r']).to_owned();
        if text.is_empty() {
            return Err(Error::Config {
                key: file_key,
                message: format!("{} is empty", path.display()),
            });
        }
        return Ok(Some(Secret(text)));
    }
    Ok(inline.filter(|s| !s.0.is_empty()).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        let mut c = MatrixConfig::new("http://127.0.0.1:1", "@bot:localhost");
        c.password = Some(Secret::new("hunter2-very-secret"));
        c.store_passphrase = Some(Secret::new("pass-phrase-xyz"));
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("pass-phrase"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn inviters_by_user_or_server() {
        let mut c = MatrixConfig::new("http://127.0.0.1:1", "@bot:localhost");
        c.allowed_inviters = vec!["@alice:a.org".into(), ":b.org".into()];
        assert!(c.may_invite("@alice:a.org"));
        assert!(!c.may_invite("@mallory:a.org"));
        assert!(c.may_invite("@anyone:b.org"));
        assert!(!c.may_invite("@anyone:b.org.evil"));
    }

    #[test]
    fn bot_patterns() {
        let mut c = MatrixConfig::new("http://127.0.0.1:1", "@bot:localhost");
        c.bot_users = vec!["@*bot:a.org".into(), "@github:*".into(), "@x:y".into()];
        assert!(c.is_bot_user("@rssbot:a.org"));
        assert!(c.is_bot_user("@github:anywhere"));
        assert!(c.is_bot_user("@x:y"));
        assert!(!c.is_bot_user("@alice:a.org"));
    }

    #[test]
    fn problems_name_their_keys() {
        let mut c = MatrixConfig::new("ftp://x", "not-a-user");
        c.allowed_inviters = vec!["alice".into()];
        c.mod_log_room = Some("room".into());
        let keys: Vec<String> = c.problems().iter().map(|e| e.to_string()).collect();
        let all = keys.join("\n");
        for key in [
            "matrix.homeserver",
            "matrix.user",
            "matrix.allowed_inviters",
            "matrix.mod_log_room",
            "matrix.store_passphrase",
        ] {
            assert!(all.contains(key), "missing {key} in:\n{all}");
        }
    }
}
