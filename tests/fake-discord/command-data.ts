/**
 * The data of a slash command interaction as Discord sends it: the registered command's id (guild commands before
 * global ones; a stable made-up id for a command the bot never registered) and the `resolved` users, members,
 * roles, channels and attachments its options name.
 */

import { DEFAULT_MEMBER_PERMISSIONS, partialMemberObject, roleObject } from './fixtures.ts';
import { permissionsOf, type GuildState } from './guild-payloads.ts';
import { snowflake } from './ids.ts';
import type { RegisteredCommand } from './rest.ts';

export interface CommandOption {
  name: string;
  type: number;
  value?: unknown;
  options?: unknown[];
  focused?: boolean;
}

/** What the fake server knows of commands and uploaded attachments, which command data refers to. */
export interface CommandRegistry {
  commands: ReadonlyMap<string, RegisteredCommand>;
  /** Ids given to commands sent without being registered, so one name keeps one id. */
  unregisteredCommandIds: Map<string, string>;
  attachments: ReadonlyMap<string, Record<string, unknown>>;
}

export function commandData(
  guild: GuildState,
  registry: CommandRegistry,
  name: string,
  options?: CommandOption[],
): Record<string, unknown> {
  const registered =
    [...registry.commands.values()].find(
      (command) => command.scope === guild.guildId && command.body.name === name && (command.body.type ?? 1) === 1,
    ) ??
    [...registry.commands.values()].find(
      (command) => command.scope === 'global' && command.body.name === name && (command.body.type ?? 1) === 1,
    );
  let id = registered?.body.id as string | undefined;
  if (!id) {
    id = registry.unregisteredCommandIds.get(name) ?? snowflake();
    registry.unregisteredCommandIds.set(name, id);
  }
  const resolved = resolveOptions(guild, registry, options ?? []);
  return {
    id,
    name,
    type: 1,
    ...(options && options.length > 0 ? { options } : {}),
    ...(resolved ? { resolved } : {}),
    ...(registered?.scope === guild.guildId ? { guild_id: guild.guildId } : {}),
  };
}

/** Builds `resolved` for user / channel / role / mentionable options, like Discord does. */
function resolveOptions(
  guild: GuildState,
  registry: CommandRegistry,
  options: CommandOption[],
): Record<string, Record<string, unknown>> | undefined {
  const resolved: Record<string, Record<string, unknown>> = {};
  const add = (kind: string, id: string, value: unknown) => ((resolved[kind] ??= {})[id] = value);
  const visit = (list: unknown[]) => {
    for (const raw of list) {
      const option = raw as CommandOption;
      if (Array.isArray(option.options)) visit(option.options);
      if (typeof option.value !== 'string') continue;
      const id = option.value;
      if (option.type === 6 || option.type === 9) {
        const member = guild.members.get(id);
        if (member) {
          add('users', id, member.user);
          add('members', id, { ...partialMemberObject(member), permissions: permissionsOf(guild, member).toString() });
        }
      }
      if (option.type === 8 || option.type === 9) {
        const role = guild.roles.find((candidate) => candidate.id === id);
        if (role) add('roles', id, roleObject(role.id, role.name, role.position, role.permissions));
      }
      if (option.type === 11) {
        const attachment = registry.attachments.get(id);
        if (attachment) add('attachments', id, attachment);
      }
      if (option.type === 7) {
        const channel = guild.channels.get(id);
        if (channel)
          add('channels', id, {
            id,
            name: channel.name,
            type: channel.type,
            permissions: DEFAULT_MEMBER_PERMISSIONS.toString(),
            parent_id: null,
          });
      }
    }
  };
  visit(options);
  return Object.keys(resolved).length > 0 ? resolved : undefined;
}
