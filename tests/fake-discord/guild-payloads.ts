/**
 * What the fake Discord says about its one guild: the guild object, the gateway's READY, GUILD_CREATE and member
 * chunks, built from the guild's current state in Discord's shapes (what discord.js reads to cache the guild), and
 * a member's permissions in it.
 */

import { memberObject, roleObject, userObject, type FakeMember, type FakeUser } from './fixtures.ts';
import { sessionOwns, type GatewaySession } from './gateway.ts';

export interface FakeRole {
  id: string;
  name: string;
  position: number;
  permissions: bigint;
}

/** The guild as the fake server holds it; the maps are the server's own, so a view is never stale. */
export interface GuildState {
  guildId: string;
  ownerId: string;
  channelId: string;
  applicationId: string;
  botUser: { id: string; username: string };
  /** When the bot joined the guild, as Discord reports it in GUILD_CREATE and on members. */
  joinedAt: string;
  roles: readonly FakeRole[];
  users: ReadonlyMap<string, FakeUser>;
  members: ReadonlyMap<string, FakeMember>;
  channels: ReadonlyMap<string, Record<string, any>>;
}

export function guildRoles(guild: GuildState): Array<Record<string, unknown>> {
  return guild.roles.map((role) => roleObject(role.id, role.name, role.position, role.permissions));
}

export function guildChannels(guild: GuildState): Array<Record<string, any>> {
  return [...guild.channels.values()].filter((channel) => channel.guild_id === guild.guildId);
}

export function guildObject(guild: GuildState): Record<string, unknown> {
  return {
    id: guild.guildId,
    name: 'Dossier Test Newsroom',
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    application_id: null,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: guild.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: 'en-US',
    max_members: 500_000,
    max_presences: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    features: [],
    roles: guildRoles(guild),
    emojis: [],
    stickers: [],
    incidents_data: null,
    hub_type: null,
    latest_onboarding_question_id: null,
  };
}

export function readyPayload(guild: GuildState, session: GatewaySession, resumeUrl: string): unknown {
  return {
    v: 10,
    user: userObject(guild.botUser.id, guild.botUser.username, { bot: true }),
    user_settings: {},
    guilds: sessionOwns(session, guild.guildId) ? [{ id: guild.guildId, unavailable: true }] : [],
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['rotterdam'],
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: resumeUrl,
    application: { id: guild.applicationId, flags: 0 },
    shard: session.shard,
    auth: {},
    _trace: ['fake-discord'],
  };
}

export function guildCreatePayload(guild: GuildState): unknown {
  const bot = guild.members.get(guild.botUser.id)!;
  return {
    ...guildObject(guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: [memberObject(bot)],
    channels: guildChannels(guild).map(({ guild_id: _guildId, ...channel }) => channel),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
    activity_instances: [],
    lazy: true,
  };
}

export function memberChunks(guild: GuildState, request: any): unknown[] {
  let members = [...guild.members.values()];
  if (Array.isArray(request.user_ids)) members = members.filter((member) => request.user_ids.includes(member.user.id));
  else if (typeof request.user_ids === 'string') members = members.filter((member) => member.user.id === request.user_ids);
  else if (typeof request.query === 'string' && request.query !== '') {
    members = members.filter((member) => member.user.username.toLowerCase().startsWith(String(request.query).toLowerCase()));
  }
  if (typeof request.limit === 'number' && request.limit > 0) members = members.slice(0, request.limit);
  return [
    {
      guild_id: guild.guildId,
      members: members.map(memberObject),
      chunk_index: 0,
      chunk_count: 1,
      not_found: [],
      ...(request.presences ? { presences: [] } : {}),
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    },
  ];
}

/** A member's guild permissions as Discord computes them: the owner and administrators hold every one. */
export function permissionsOf(guild: GuildState, member: FakeMember): bigint {
  if (member.user.id === guild.ownerId) return (1n << 53n) - 1n;
  let bits = guild.roles[0]!.permissions;
  for (const role of guild.roles) if (member.roles.includes(role.id)) bits |= role.permissions;
  if (bits & (1n << 3n)) return (1n << 53n) - 1n;
  return bits;
}
