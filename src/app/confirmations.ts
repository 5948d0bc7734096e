import type { Confirmation, ReplyPayload } from './command.ts';
import type { PagePress } from './paginator.ts';

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

  async handle(press: PagePress): Promise<void> {
    const [, token = '', choice = ''] = press.customId.split(':');
    const pending = this.pending.get(token);
    if (!pending || pending.expiresAt < Date.now()) {
      this.pending.delete(token);
      await press.replies.update({ content: 'This confirmation has expired; run the command again.', embeds: [], components: [] });
      return;
    }
    if (press.userId !== pending.ownerId) {
      await press.replies.reply({ content: 'Only the moderator who asked can confirm this.', ephemeral: true });
      return;
    }
    this.pending.delete(token);
    if (choice !== 'yes') {
      await press.replies.update({ content: 'Cancelled; nothing was changed.', embeds: [], components: [] });
      return;
    }
    await press.replies.deferUpdate();
    await press.replies.update({ ...(await pending.confirmation.run()), components: [] });
  }
}
