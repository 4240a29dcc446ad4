//! Slash commands and the message context-menu command: their definitions,
//! and the translation of an invocation into the core's command text (the
//! same text a Matrix user types after `!`).

use serenity::all::{
    CommandInteraction, CommandOptionType, CommandType, CreateCommand, CreateCommandOption,
    Permissions, ResolvedOption, ResolvedValue,
};

/// `/gmc topic:<text>`.
pub const GMC: &str = "gmc";
/// `/foamed ...`.
pub const FOAMED: &str = "foamed";
/// `/caldicott ...`: channel settings (default permission: Manage Server).
pub const CALDICOTT: &str = "caldicott";
/// `/caldicott-me ...`: a member's own choices (DM opt-in, check, dispute).
pub const CALDICOTT_ME: &str = "caldicott-me";
/// The message context-menu command.
pub const CHECK_MENU: &str = "Check with Caldicott";

/// What an interaction asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routed {
    /// Hand this command text to the core (`gmc chaperones`, `caldicott settings mode redact`).
    Core(String),
    /// `dm on|off`: the member's Discord-only DM opt-in, kept by the adapter.
    Dm(bool),
    /// Not one of ours.
    Unknown,
}

fn string_option(name: &str, description: &str, required: bool) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, name, description).required(required)
}

fn dm_sub() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "dm",
        "Get Caldicott's private notes as direct messages",
    )
    .add_sub_option(
        string_option("state", "on or off", true)
            .add_string_choice("on", "on")
            .add_string_choice("off", "off"),
    )
}

fn check_sub() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "check",
        "Check a draft privately before you post it",
    )
    .add_sub_option(string_option("text", "The draft (never stored)", true))
}

fn dispute_sub() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "dispute",
        "Say a note was wrong (not a patient identifier)",
    )
    .add_sub_option(string_option("note", "The note id", false))
}

/// Every command Caldicott registers (bulk overwrite, global and dev guild).
pub fn definitions() -> Vec<CreateCommand> {
    let gmc = CreateCommand::new(GMC)
        .description("GMC guidance on a topic, in plain words, with the paragraph and link")
        .add_option(
            string_option("topic", "A topic, question or keyword", false).set_autocomplete(true),
        );

    let foamed = CreateCommand::new(FOAMED)
        .description("The daily #FOAMed learning item")
        .dm_permission(false)
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "subscribe",
                "Post a daily item in this channel",
            )
            .add_sub_option(string_option(
                "time",
                "Local time, HH:MM (default 08:00)",
                false,
            ))
            .add_sub_option(string_option(
                "timezone",
                "IANA zone (default Europe/London)",
                false,
            ))
            .add_sub_option(string_option(
                "tags",
                "Topic tags, space separated",
                false,
            )),
        )
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "unsubscribe",
            "Stop the daily item here",
        ))
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "now",
            "Today's item for this channel",
        ))
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "status",
            "This channel's subscription",
        ))
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "topics",
            "The topic tags",
        ));

    let caldicott = CreateCommand::new(CALDICOTT)
        .description("Caldicott's settings for this channel")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .dm_permission(false)
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "status",
            "What Caldicott does here",
        ))
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            "help",
            "How to use Caldicott",
        ))
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "settings",
                "Show or change this channel's settings",
            )
            .add_sub_option(string_option(
                "change",
                "e.g. `mode redact`, `modlog #channel`",
                false,
            )),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "exempt",
                "Exempt this channel or a role",
            )
            .add_sub_option(string_option(
                "change",
                "`on`, `off`, `role add <role>`",
                true,
            )),
        )
        .add_option(dm_sub())
        .add_option(check_sub())
        .add_option(dispute_sub());

    let me = CreateCommand::new(CALDICOTT_ME)
        .description("Your own Caldicott choices")
        .add_option(dm_sub())
        .add_option(check_sub())
        .add_option(dispute_sub());

    let menu = CreateCommand::new(CHECK_MENU).kind(CommandType::Message);

    vec![gmc, foamed, caldicott, me, menu]
}

fn str_of<'a>(opts: &'a [ResolvedOption<'a>], name: &str) -> Option<&'a str> {
    opts.iter()
        .find(|o| o.name == name)
        .and_then(|o| match &o.value {
            ResolvedValue::String(s) => Some(*s),
            ResolvedValue::Autocomplete { value, .. } => Some(*value),
            _ => None,
        })
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Route a command invocation given its name and resolved options.
pub fn route_options(name: &str, opts: &[ResolvedOption<'_>]) -> Routed {
    let sub = opts.first().and_then(|o| match &o.value {
        ResolvedValue::SubCommand(inner) => Some((o.name, inner.as_slice())),
        _ => None,
    });
    match (name, sub) {
        (GMC, _) => Routed::Core(join(&["gmc", str_of(opts, "topic").unwrap_or("")])),
        (FOAMED, Some(("subscribe", o))) => Routed::Core(join(&[
            "foamed subscribe",
            str_of(o, "time").unwrap_or(""),
            str_of(o, "timezone").unwrap_or(""),
            str_of(o, "tags").unwrap_or(""),
        ])),
        (FOAMED, Some((sub, _))) => Routed::Core(join(&["foamed", sub])),
        (CALDICOTT | CALDICOTT_ME, Some(("dm", o))) => Routed::Dm(str_of(o, "state") == Some("on")),
        (CALDICOTT | CALDICOTT_ME, Some(("check", o))) => {
            Routed::Core(join(&["caldicott check", str_of(o, "text").unwrap_or("")]))
        }
        (CALDICOTT | CALDICOTT_ME, Some(("dispute", o))) => Routed::Core(join(&[
            "caldicott dispute",
            str_of(o, "note").unwrap_or(""),
        ])),
        (CALDICOTT, Some(("settings", o))) => Routed::Core(join(&[
            "caldicott settings",
            str_of(o, "change").unwrap_or(""),
        ])),
        (CALDICOTT, Some(("exempt", o))) => Routed::Core(join(&[
            "caldicott exempt",
            str_of(o, "change").unwrap_or(""),
        ])),
        (CALDICOTT, Some((sub @ ("status" | "help"), _))) => {
            Routed::Core(format!("caldicott {sub}"))
        }
        _ => Routed::Unknown,
    }
}

/// Route a slash or context-menu command interaction.
pub fn route(cmd: &CommandInteraction) -> Routed {
    if cmd.data.kind == CommandType::Message {
        if cmd.data.name != CHECK_MENU {
            return Routed::Unknown;
        }
        let target = cmd
            .data
            .target_id
            .and_then(|t| cmd.data.resolved.messages.get(&t.to_message_id()));
        return match target {
            Some(m) => Routed::Core(format!("caldicott check {}", m.content)),
            None => Routed::Unknown,
        };
    }
    route_options(&cmd.data.name, &cmd.data.options())
}
