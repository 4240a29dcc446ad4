//! Translation between serenity's types and the core's. Pure functions, so
//! they are unit-tested on payloads from Discord's documentation.

use std::collections::HashMap;

use caldicott_core::{Attachment, Incoming, Platform};
use serenity::all::{
    CommandInteraction, ComponentInteraction, Guild, GuildId, Message, MessageUpdateEvent,
    PartialMember, Permissions, RoleId, User, UserId,
};

/// Permissions that make a member a channel moderator for Caldicott.
pub const MODERATOR_PERMISSIONS: Permissions =
    Permissions::MANAGE_GUILD.union(Permissions::MANAGE_CHANNELS);

/// What the adapter remembers of a guild (from GUILD_CREATE) to tell
/// moderators apart in plain messages, which carry roles but no permissions.
#[derive(Debug, Clone, Default)]
pub struct GuildPermissions {
    pub owner: Option<UserId>,
    pub everyone: Permissions,
    pub roles: HashMap<RoleId, Permissions>,
}

impl GuildPermissions {
    pub fn from_guild(guild: &Guild) -> GuildPermissions {
        let everyone_id = RoleId::new(guild.id.get());
        let roles: HashMap<RoleId, Permissions> = guild
            .roles
            .iter()
            .map(|(id, r)| (*id, r.permissions))
            .collect();
        GuildPermissions {
            owner: Some(guild.owner_id),
            everyone: roles
                .get(&everyone_id)
                .copied()
                .unwrap_or_else(Permissions::empty),
            roles,
        }
    }

    /// Guild-level permissions of a member with these roles (channel
    /// overwrites are not applied: a moderator is someone who moderates the server).
    pub fn member_permissions(&self, user: UserId, roles: &[RoleId]) -> Permissions {
        if self.owner == Some(user) {
            return Permissions::all();
        }
        let mut p = self.everyone;
        for r in roles {
            if let Some(rp) = self.roles.get(r) {
                p |= *rp;
            }
        }
        if p.contains(Permissions::ADMINISTRATOR) {
            Permissions::all()
        } else {
            p
        }
    }
}

/// Is a member with `permissions` a moderator?
pub fn is_moderator(permissions: Permissions) -> bool {
    permissions.contains(Permissions::ADMINISTRATOR)
        || permissions.intersects(MODERATOR_PERMISSIONS)
}

/// The name to greet a user by.
pub fn display_name(user: &User) -> String {
    user.global_name
        .clone()
        .unwrap_or_else(|| user.name.clone())
}

/// A link to a message (`https://discord.com/channels/<guild|@me>/<channel>/<message>`).
pub fn message_link(guild: Option<GuildId>, channel: u64, message: u64) -> String {
    match guild {
        Some(g) => format!("https://discord.com/channels/{g}/{channel}/{message}"),
        None => format!("https://discord.com/channels/@me/{channel}/{message}"),
    }
}

fn members_of(author: &User, mentions: &[User]) -> Vec<String> {
    let mut names = Vec::new();
    for u in std::iter::once(author).chain(mentions) {
        names.push(u.name.clone());
        if let Some(g) = &u.global_name {
            names.push(g.clone());
        }
    }
    names.sort();
    names.dedup();
    names
}

fn attachments_of(list: &[serenity::all::Attachment]) -> Vec<Attachment> {
    list.iter()
        .map(|a| Attachment {
            filename: a.filename.clone(),
            content_type: a.content_type.clone(),
        })
        .collect()
}

fn roles_of(member: Option<&PartialMember>) -> Vec<RoleId> {
    member.map(|m| m.roles.clone()).unwrap_or_default()
}

/// A new message as the core's [`Incoming`].
pub fn incoming_from_message(msg: &Message, perms: Option<&GuildPermissions>) -> Incoming {
    let roles = roles_of(msg.member.as_deref());
    let moderator =
        perms.is_some_and(|p| is_moderator(p.member_permissions(msg.author.id, &roles)));
    Incoming {
        platform: Platform::Discord,
        channel: msg.channel_id.to_string(),
        message_id: msg.id.to_string(),
        author: msg.author.id.to_string(),
        author_name: display_name(&msg.author),
        author_is_moderator: moderator,
        author_roles: roles.iter().map(|r| r.to_string()).collect(),
        author_is_bot: msg.author.bot || msg.webhook_id.is_some(),
        text: msg.content.clone(),
        attachments: attachments_of(&msg.attachments),
        is_dm: msg.guild_id.is_none(),
        edited: msg.edited_timestamp.is_some(),
        members: members_of(&msg.author, &msg.mentions),
        is_command: false,
        link: Some(message_link(
            msg.guild_id,
            msg.channel_id.get(),
            msg.id.get(),
        )),
    }
}

/// An edit as the core's [`Incoming`] (`edited: true`). `None` when the
/// update carries no text (an embed resolving, a pin).
pub fn incoming_from_update(
    ev: &MessageUpdateEvent,
    perms: Option<&GuildPermissions>,
) -> Option<Incoming> {
    let content = ev.content.as_ref()?;
    let author = ev.author.as_ref()?;
    let roles = roles_of(ev.member.as_ref().and_then(|m| m.as_deref()));
    let moderator = perms.is_some_and(|p| is_moderator(p.member_permissions(author.id, &roles)));
    let mentions = ev.mentions.clone().unwrap_or_default();
    Some(Incoming {
        platform: Platform::Discord,
        channel: ev.channel_id.to_string(),
        message_id: ev.id.to_string(),
        author: author.id.to_string(),
        author_name: display_name(author),
        author_is_moderator: moderator,
        author_roles: roles.iter().map(|r| r.to_string()).collect(),
        author_is_bot: author.bot || ev.webhook_id.flatten().is_some(),
        text: content.clone(),
        attachments: attachments_of(ev.attachments.as_deref().unwrap_or(&[])),
        is_dm: ev.guild_id.is_none(),
        edited: true,
        members: members_of(author, &mentions),
        is_command: false,
        link: Some(message_link(ev.guild_id, ev.channel_id.get(), ev.id.get())),
    })
}

fn interaction_author(
    user: &User,
    member_perms: Option<Permissions>,
    roles: Vec<RoleId>,
) -> (String, String, bool, Vec<String>, bool) {
    let moderator = member_perms.is_some_and(is_moderator);
    (
        user.id.to_string(),
        display_name(user),
        moderator,
        roles.iter().map(|r| r.to_string()).collect(),
        user.bot,
    )
}

fn incoming_command(
    channel: u64,
    interaction_id: u64,
    author: (String, String, bool, Vec<String>, bool),
    guild: Option<GuildId>,
    text: String,
) -> Incoming {
    let (author, author_name, author_is_moderator, author_roles, author_is_bot) = author;
    Incoming {
        platform: Platform::Discord,
        channel: channel.to_string(),
        message_id: interaction_id.to_string(),
        author,
        author_name,
        author_is_moderator,
        author_roles,
        author_is_bot,
        text,
        attachments: Vec::new(),
        is_dm: guild.is_none(),
        edited: false,
        members: Vec::new(),
        is_command: true,
        link: None,
    }
}

/// A slash or context-menu command, already turned into the core's command
/// text (see [`crate::commands::route`]), as an [`Incoming`] with `is_command`.
pub fn incoming_from_command(cmd: &CommandInteraction, text: String) -> Incoming {
    let perms = cmd.member.as_ref().and_then(|m| m.permissions);
    let roles = cmd
        .member
        .as_ref()
        .map(|m| m.roles.clone())
        .unwrap_or_default();
    let author = interaction_author(&cmd.user, perms, roles);
    incoming_command(
        cmd.channel_id.get(),
        cmd.id.get(),
        author,
        cmd.guild_id,
        text,
    )
}

/// A button click that runs a core command (the dispute button).
pub fn incoming_from_component(c: &ComponentInteraction, text: String) -> Incoming {
    let perms = c.member.as_ref().and_then(|m| m.permissions);
    let roles = c
        .member
        .as_ref()
        .map(|m| m.roles.clone())
        .unwrap_or_default();
    let author = interaction_author(&c.user, perms, roles);
    incoming_command(c.channel_id.get(), c.id.get(), author, c.guild_id, text)
}
