import type { Config } from '../config.ts';

/**
 * Who may run moderator commands, checked on every call: Discord's default member permissions only hide a
 * command, and any server admin can change them. Read from the interaction as Discord sends it, so the gateway
 * and HTTP interactions decide alike.
 */

/** Discord's MANAGE_GUILD permission bit. */
const MANAGE_GUILD = 1n << 5n;

export interface Caller {
  userId: string;
  roleIds: readonly string[];
  /** The member's permissions in the channel, as Discord's decimal bit string; null outside a server. */
  permissions: string | null;
}

function hasManageGuild(permissions: string | null): boolean {
  if (permissions === null || !/^\d{1,30}$/.test(permissions)) return false;
  return (BigInt(permissions) & MANAGE_GUILD) === MANAGE_GUILD;
}

export function isModerator(caller: Caller, config: Pick<Config, 'MODERATOR_ROLE_IDS' | 'MODERATOR_USER_IDS'>): boolean {
  if (config.MODERATOR_USER_IDS.includes(caller.userId)) return true;
  if (config.MODERATOR_ROLE_IDS.length > 0 && caller.roleIds.some((id) => config.MODERATOR_ROLE_IDS.includes(id))) return true;
  if (config.MODERATOR_ROLE_IDS.length > 0 || config.MODERATOR_USER_IDS.length > 0) return false;
  return hasManageGuild(caller.permissions);
}
