import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { log } from '../log.ts';
import type { ReplyPayload } from './command.ts';
import type { InteractionReplies } from './interaction-replies.ts';

/**
 * Pages of one reply behind ◀ ▶ buttons. Only the person who ran the command can turn them; after the time-out
 * the buttons are removed from the message, and a press on an expired one says so instead of failing. Pages live
 * in the process that showed them: a press that reaches another replica is told the buttons expired.
 */

const PREFIX = 'dossier-page';
const MAX_SESSIONS = 500;

interface Session {
  pages: ReplyPayload[];
  ownerId: string;
  replies: InteractionReplies;
  timer: NodeJS.Timeout;
}

/** The button press as the paginator needs it. */
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
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  static owns(customId: string): boolean {
    return customId.startsWith(`${PREFIX}:`);
  }

  async start(sessionId: string, ownerId: string, replies: InteractionReplies, pages: ReplyPayload[]): Promise<void> {
    if (this.sessions.size >= MAX_SESSIONS) this.expire(this.sessions.keys().next().value!);
    const timer = setTimeout(() => this.expire(sessionId), this.ttlMs);
    timer.unref();
    this.sessions.set(sessionId, { pages, ownerId, replies, timer });
    await replies.reply({ ...pages[0]!, components: [buttons(sessionId, 0, pages.length)] });
  }

  private expire(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    clearTimeout(session.timer);
    this.sessions.delete(sessionId);
    session.replies.editOriginal({ components: [] }).catch((error: unknown) => {
      log.debug('Could not remove expired page buttons', error);
    });
  }

  async handle(press: PagePress): Promise<void> {
    const [, sessionId = '', target = ''] = press.customId.split(':');
    const session = this.sessions.get(sessionId);
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
    for (const session of this.sessions.values()) clearTimeout(session.timer);
    this.sessions.clear();
  }
}
