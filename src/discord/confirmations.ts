import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { Confirmation, ReplyPayload } from '../app/command.ts';
import { NO_MENTIONS, toInteractionReply } from './payload.ts';

/**
 * "Are you sure?" for destructive moderator actions: Confirm / Cancel buttons that only the moderator who asked
 * can press, valid for a few minutes. The change runs once, on Confirm.
 */

const PREFIX = 'dossier-confirm';
const MAX_PENDING = 200;

interface Pending {
  ownerId: string;
  confirmation: Confirmation;
  expiresAt: number;
}

export class Confirmations {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly ttlMs = 5 * 60_000) {}

  static owns(customId: string): boolean {
    return customId.startsWith(`${PREFIX}:`);
  }

  /** The prompt with its buttons, remembered under the interaction's id. */
  ask(token: string, ownerId: string, confirmation: Confirmation): ReplyPayload {
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(token, { ownerId, confirmation, expiresAt: Date.now() + this.ttlMs });
    return {
      ...confirmation.prompt,
      ephemeral: true,
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 4, custom_id: `${PREFIX}:${token}:yes`, label: 'Confirm' },
            { type: 2, style: 2, custom_id: `${PREFIX}:${token}:no`, label: 'Cancel' },
          ],
        },
      ],
    };
  }

  async handle(button: ButtonInteraction): Promise<void> {
    const [, token = '', choice = ''] = button.customId.split(':');
    const pending = this.pending.get(token);
    if (!pending || pending.expiresAt < Date.now()) {
      this.pending.delete(token);
      await button.update({ content: 'This confirmation has expired; run the command again.', embeds: [], components: [], allowedMentions: NO_MENTIONS });
      return;
    }
    if (button.user.id !== pending.ownerId) {
      await button.reply({ content: 'Only the moderator who asked can confirm this.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    this.pending.delete(token);
    if (choice !== 'yes') {
      await button.update({ content: 'Cancelled; nothing was changed.', embeds: [], components: [], allowedMentions: NO_MENTIONS });
      return;
    }
    await button.deferUpdate();
    const { flags: _flags, ...result } = toInteractionReply(await pending.confirmation.run());
    await button.editReply({ ...result, components: [] });
  }
}
