//! `caldicott discord automod install|remove --guild <id>`: the optional
//! AutoMod keyword rule that blocks the highest-confidence identifier shapes
//! before they are posted (see `caldicott_discord::automod`).
//!
//! Credentials come from `--config <file>` (its `[discord]` section, the same
//! as `caldicott run`) or, without it, from `CALDICOTT_DISCORD_TOKEN` and
//! `CALDICOTT_DISCORD_APPLICATION_ID`. The token is never printed.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: DiscordCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum DiscordCommand {
    /// AutoMod rule that blocks the highest-confidence identifier patterns.
    Automod {
        #[command(subcommand)]
        command: AutomodCommand,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum AutomodCommand {
    /// Create the rule, or update it if it exists.
    Install {
        /// The server (guild) id.
        #[arg(long)]
        guild: u64,
        /// Configuration file with a `[discord]` section.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Delete the rule.
    Remove {
        /// The server (guild) id.
        #[arg(long)]
        guild: u64,
        /// Configuration file with a `[discord]` section.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[cfg(feature = "discord")]
fn discord_config(config: Option<&PathBuf>) -> anyhow::Result<caldicott_discord::DiscordConfig> {
    use anyhow::Context;
    use caldicott_discord::{DiscordConfig, Token};
    match config {
        Some(path) => {
            let c = crate::config::Config::load(path).map_err(|p| anyhow::anyhow!("{p}"))?;
            let d = c
                .discord
                .with_context(|| format!("{}: no [discord] section", path.display()))?;
            Ok(DiscordConfig {
                token: Some(Token::new(d.token.expose())),
                application_id: Some(d.application_id),
                api_base: d.api_base,
                ..DiscordConfig::default()
            })
        }
        None => Ok(DiscordConfig::default().with_env()?),
    }
}

#[cfg(feature = "discord")]
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    use caldicott_discord::automod::{self, Installed};
    use serenity::all::GuildId;

    let DiscordCommand::Automod { command } = args.command;
    let (guild, config, install) = match command {
        AutomodCommand::Install { guild, config } => (guild, config, true),
        AutomodCommand::Remove { guild, config } => (guild, config, false),
    };
    anyhow::ensure!(guild != 0, "--guild: expected a Discord server id");
    let cfg = discord_config(config.as_ref())?;
    cfg.token()?;
    cfg.application_id()?;
    let http = caldicott_discord::client::http(&cfg)?;
    let guild = GuildId::new(guild);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        if install {
            match automod::install(&http, guild).await? {
                Installed::Created(id) => {
                    println!(
                        "created AutoMod rule {id} \"{}\" in server {guild}",
                        automod::RULE_NAME
                    )
                }
                Installed::Updated(id) => {
                    println!(
                        "updated AutoMod rule {id} \"{}\" in server {guild}",
                        automod::RULE_NAME
                    )
                }
            }
        } else {
            match automod::remove(&http, guild).await? {
                Some(id) => println!("removed AutoMod rule {id} from server {guild}"),
                None => println!("no Caldicott AutoMod rule in server {guild}"),
            }
        }
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "discord"))]
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("this caldicott was built without the `discord` feature")
}
