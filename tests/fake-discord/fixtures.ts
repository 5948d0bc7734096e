import { PermissionFlagsBits } from 'discord.js';

/** What an ordinary member may do: read and write in text channels, use commands. */
export const DEFAULT_MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.CreateInstantInvite;

/** The extra permissions the fake's "Moderator" role grants. */
export const MODERATOR_PERMISSIONS =
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.KickMembers |
  PermissionFlagsBits.BanMembers |
  PermissionFlagsBits.ModerateMembers |
  PermissionFlagsBits.ManageThreads |
  PermissionFlagsBits.MentionEveryone;

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
  system?: boolean;
  public_flags: number;
  flags: number;
  banner: null;
  accent_color: null;
  avatar_decoration_data: null;
}

export function userObject(id: string, username: string, options: { bot?: boolean; globalName?: string | null } = {}): FakeUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: options.bot ? null : (options.globalName ?? username),
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

export interface FakeMember {
  user: FakeUser;
  roles: string[];
  joined_at: string;
}

/** A guild member as the API sends it (with `user`). */
export function memberObject(member: FakeMember): Record<string, unknown> {
  return {
    user: member.user,
    nick: null,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joined_at,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** The member part of a MESSAGE_CREATE or `resolved.members` entry: no `user`. */
export function partialMemberObject(member: FakeMember): Record<string, unknown> {
  const { user: _user, ...rest } = memberObject(member);
  return rest;
}

export function roleObject(id: string, name: string, position: number, permissions: bigint): Record<string, unknown> {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

export function textChannelObject(id: string, guildId: string, name: string, position: number): Record<string, unknown> {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  };
}

/** Discord gives embeds in responses a `type`. */
export function normaliseEmbeds(embeds: unknown): unknown[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed) => (embed && typeof embed === 'object' ? { type: 'rich', ...(embed as object) } : embed));
}
