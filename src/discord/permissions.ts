import { PermissionFlagsBits, type GuildMember, type PermissionsBitField, type APIInteractionGuildMember } from 'discord.js';
import type { Config } from '../config.ts';

/**
 * Who may run moderator commands, checked on every call: Discord's default member permissions only hide a
 * command, and any server admin can change them.
 */

export interface Caller {
  userId: string;
  member: GuildMember | APIInteractionGuildMember | null;
  permissions: Readonly<PermissionsBitField> | null;
}

function roleIds(member: Caller['member']): string[] {
  if (!member) return [];
  const roles = member.roles;
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

export function isModerator(caller: Caller, config: Pick<Config, 'MODERATOR_ROLE_IDS' | 'MODERATOR_USER_IDS'>): boolean {
  if (config.MODERATOR_USER_IDS.includes(caller.userId)) return true;
  if (config.MODERATOR_ROLE_IDS.length > 0 && roleIds(caller.member).some((id) => config.MODERATOR_ROLE_IDS.includes(id))) return true;
  if (config.MODERATOR_ROLE_IDS.length > 0 || config.MODERATOR_USER_IDS.length > 0) return false;
  return caller.permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}
