import type { CommandContext, CommandModule } from './command.ts';
import type { Cooldowns } from './cooldowns.ts';

/**
 * Preconditions a command declares instead of repeating them: checked by every transport (gateway, HTTP
 * interactions, console) before the command runs, and answered privately when they fail.
 */

export interface CheckServices {
  cooldowns: Cooldowns;
}

/** What a check may look at: who asks, and where. */
export type Asker = Pick<CommandContext, 'user' | 'guildId' | 'isModerator'>;

export interface Precondition {
  /** null to go ahead, or the private note that explains why not. */
  check(asker: Asker, services: CheckServices): Promise<string | null>;
}

export const NOT_A_MODERATOR = 'Only moderators can manage the knowledge base.';

/**
 * Discord hides a moderator command from members without Manage Server, but that is a default any admin can
 * change: the check that counts is this one, on every call.
 */
export const moderatorOnly: Precondition = {
  check: async (asker) => (asker.isModerator() ? null : NOT_A_MODERATOR),
};

export const guildOnly: Precondition = {
  check: async (asker) => (asker.guildId === null ? 'This command works in a server, not in direct messages.' : null),
};

/** One use per `milliseconds` per person for the command; `key` groups commands that share the pause. */
export function cooldown(key: string, milliseconds: number): Precondition {
  return {
    check: async (asker, services) => {
      const wait = await services.cooldowns.take(`${key}:${asker.user.id}`, milliseconds);
      return wait > 0 ? `Please wait ${Math.ceil(wait / 1000)} s before asking again.` : null;
    },
  };
}

/** Runs the command's preconditions in order, then the command; the first failing one answers instead. */
export async function runCommand(command: CommandModule, context: CommandContext, services: CheckServices): Promise<void> {
  for (const precondition of command.checks ?? []) {
    const refusal = await precondition.check(context, services);
    if (refusal !== null) {
      await context.reply({ content: refusal, ephemeral: true });
      return;
    }
  }
  await command.execute(context);
}
