//! Building serenity's HTTP client and gateway client, and running them.

use std::future::Future;
use std::sync::Arc;

use caldicott_core::Bot;
use serenity::all::{ApplicationId, Client, GatewayIntents, Http, HttpBuilder, Permissions};
use tracing::info;

use crate::config::DiscordConfig;
use crate::handler::{Adapter, Handler};

/// Gateway intents: guild messages, direct messages and the privileged
/// message-content intent, plus GUILDS for the guild's roles (GUILD_CREATE),
/// which tell moderators apart.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// Exactly the permissions the bot needs in a server: see channels and read
/// messages (View Channel), post nudges, answers and daily items (Send
/// Messages, Send Messages in Threads), delete flagged messages in `redact`
/// mode (Manage Messages), and read recent history to reply to a message and
/// to find its own daily post before any retry (Read Message History).
/// Slash commands need the `applications.commands` scope, not a permission.
pub const INVITE_PERMISSIONS: Permissions = Permissions::VIEW_CHANNEL
    .union(Permissions::SEND_MESSAGES)
    .union(Permissions::SEND_MESSAGES_IN_THREADS)
    .union(Permissions::MANAGE_MESSAGES)
    .union(Permissions::READ_MESSAGE_HISTORY);

/// The URL a server admin opens to add the bot.
pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot+applications.commands&permissions={}",
        INVITE_PERMISSIONS.bits()
    )
}

/// serenity's HTTP client for this config (with the API base override, if any).
pub fn http(config: &DiscordConfig) -> Result<Http, crate::Error> {
    let token = config.token()?;
    let mut b = HttpBuilder::new(token.expose())
        .application_id(ApplicationId::new(config.application_id()?));
    if let Some(base) = &config.api_base {
        // serenity 0.12 applies the proxy only to requests that bypass its
        // own rate limiter (the limiter builds requests for discord.com), so a
        // proxy means the proxy owns rate limiting, as with twilight's
        // http-proxy. Caldicott paces its own posts either way (the outbox).
        b = b
            .proxy(base.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    Ok(b.build())
}

/// Run Caldicott on Discord until `shutdown` resolves.
pub async fn run(
    bot: Arc<Bot>,
    config: DiscordConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), crate::Error> {
    let (adapter, mut client) = build(bot, config).await?;
    let manager = client.shard_manager.clone();
    info!("starting Discord gateway");
    tokio::select! {
        r = client.start() => r.map_err(crate::Error::from),
        () = shutdown => {
            manager.shutdown_all().await;
            drop(adapter);
            Ok(())
        }
    }
}

/// The adapter and a client not yet started (tests drive it themselves).
pub async fn build(
    bot: Arc<Bot>,
    config: DiscordConfig,
) -> Result<(Arc<Adapter>, Client), crate::Error> {
    // The adapter has its own HTTP client (same token and base) beside the
    // gateway client's.
    let adapter = Adapter::new(bot, Arc::new(http(&config)?), config.clone());
    let client = serenity::client::ClientBuilder::new_with_http(http(&config)?, intents())
        .event_handler(Handler(adapter.clone()))
        .await?;
    Ok((adapter, client))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_permissions_are_the_documented_integer() {
        // 1<<10 | 1<<11 | 1<<13 | 1<<16 | 1<<38, as in docs/discord.md.
        assert_eq!(INVITE_PERMISSIONS.bits(), 274_877_983_744);
        assert!(
            invite_url(42)
                .ends_with("client_id=42&scope=bot+applications.commands&permissions=274877983744")
        );
        assert!(!INVITE_PERMISSIONS.contains(Permissions::ADMINISTRATOR));
    }

    #[test]
    fn intents_are_the_documented_integer() {
        // GUILDS 1<<0, GUILD_MESSAGES 1<<9, DIRECT_MESSAGES 1<<12, MESSAGE_CONTENT 1<<15.
        assert_eq!(intents().bits(), 37_377);
    }
}
