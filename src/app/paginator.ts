import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { log } from '../log.ts';
import type { ReplyPayload } from './command.ts';
import type { InteractionReplies } from './interaction-replies.ts';
import type { InteractionState } from './interaction-state.ts';

/**
 * Pages of one reply behind ◀ ▶ buttons. Only the person who ran the command can turn them, on whichever replica
 * the press reaches; after the time-out the buttons are removed from the message, and a press on an expired one
 * says so instead of failing.
 */

const PREFIX = 'dossier-page';
/** Expiry timers kept in this process, for the messages it showed. */
const MAX_TIMERS = 500;

interface Session {
  pages: ReplyPayload[];
  ownerId: string;
}

/** The button press as pages and confirmations need it. */
export interface PagePress {
  customId: string;
  userId: string;
  replies: InteractionReplies;
}

function buttons(sessionId: string, page: number, pageCount: number): APIActionRowComponent<APIComponentInMessageActionRow> {
  const button = (customId: string, label: string, disabled: boolean) => ({
    type: 2 as const,
    style: 2 as const,
    custom_id: customId,
    label,
    disabled,
  });
  return {
    type: 1,
    components: [
      button(`${PREFIX}:${sessionId}:${page - 1}`, '◀ Previous', page === 0),
      button(`${PREFIX}:${sessionId}:label`, `${page + 1} / ${pageCount}`, true),
      button(`${PREFIX}:${sessionId}:${page + 1}`, 'Next ▶', page >= pageCount - 1),
    ],
  };
}

export class Paginator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly state: InteractionState,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  static owns(customId: string): boolean {
    return customId.startsWith(`${PREFIX}:`);
  }

  async start(sessionId: string, ownerId: string, replies: InteractionReplies, pages: ReplyPayload[]): Promise<void> {
    await this.state.put(`${PREFIX}:${sessionId}`, { pages, ownerId } satisfies Session, this.ttlMs);
    if (this.timers.size >= MAX_TIMERS) {
      const [oldest, timer] = this.timers.entries().next().value!;
      clearTimeout(timer);
      this.timers.delete(oldest);
    }
    const timer = setTimeout(() => {
      this.timers.delete(sessionId);
      replies.editOriginal({ components: [] }).catch((error: unknown) => log.debug('Could not remove expired page buttons', error));
    }, this.ttlMs);
    timer.unref();
    this.timers.set(sessionId, timer);
    await replies.reply({ ...pages[0]!, components: [buttons(sessionId, 0, pages.length)] });
  }

  async handle(press: PagePress): Promise<void> {
    const [, sessionId = '', target = ''] = press.customId.split(':');
    const session = await this.state.get<Session>(`${PREFIX}:${sessionId}`);
    if (!session) {
      await press.replies.update({ components: [] });
      await press.replies.reply({ content: 'These buttons have expired; run the command again.', ephemeral: true });
      return;
    }
    if (press.userId !== session.ownerId) {
      await press.replies.reply({ content: 'Only the person who ran this command can turn its pages.', ephemeral: true });
      return;
    }
    const page = Math.min(Math.max(0, Number.parseInt(target, 10) || 0), session.pages.length - 1);
    await press.replies.update({ ...session.pages[page]!, components: [buttons(sessionId, page, session.pages.length)] });
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
