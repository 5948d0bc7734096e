import type { Confirmation, PendingChange, ReplyPayload } from './command.ts';
import type { InteractionState } from './interaction-state.ts';
import type { PagePress } from './paginator.ts';

/**
 * "Are you sure?" for destructive moderator actions: Confirm / Cancel buttons that only the moderator who asked
 * can press, valid for a few minutes. The change runs once, on Confirm, in whichever process the press reaches.
 */

const PREFIX = 'dossier-confirm';

interface Pending {
  ownerId: string;
  change: PendingChange;
}

export class Confirmations {
  constructor(
    private readonly state: InteractionState,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  static owns(customId: string): boolean {
    return customId.startsWith(`${PREFIX}:`);
  }

  /** The prompt with its buttons; the change is remembered under the interaction's id. */
  async ask(token: string, ownerId: string, confirmation: Confirmation): Promise<ReplyPayload> {
    await this.state.put(`${PREFIX}:${token}`, { ownerId, change: confirmation.change } satisfies Pending, this.ttlMs);
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

  async handle(press: PagePress, run: (change: PendingChange) => Promise<ReplyPayload>): Promise<void> {
    const [, token = '', choice = ''] = press.customId.split(':');
    const key = `${PREFIX}:${token}`;
    const pending = await this.state.get<Pending>(key);
    if (pending && press.userId !== pending.ownerId) {
      await press.replies.reply({ content: 'Only the moderator who asked can confirm this.', ephemeral: true });
      return;
    }
    // Taken in one step: of two presses at once (on two replicas), one runs the change and the other is told.
    if (!pending || !(await this.state.take<Pending>(key))) {
      await press.replies.update({ content: 'This confirmation has expired; run the command again.', embeds: [], components: [] });
      return;
    }
    if (choice !== 'yes') {
      await press.replies.update({ content: 'Cancelled; nothing was changed.', embeds: [], components: [] });
      return;
    }
    await press.replies.deferUpdate();
    await press.replies.update({ ...(await run(pending.change)), components: [] });
  }
}
