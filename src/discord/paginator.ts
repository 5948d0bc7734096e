import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { ReplyPayload } from '../app/command.ts';
import { log } from '../log.ts';
import { NO_MENTIONS, toInteractionReply } from './payload.ts';

/**
 * Pages of one reply behind ◀ ▶ buttons. Only the person who ran the command can turn them; after the time-out
 * the buttons are removed from the message, and a press on an expired one says so instead of failing.
 */

const PREFIX = 'dossier-page';
const MAX_SESSIONS = 500;

interface Session {
  pages: ReplyPayload[];
  ownerId: string;
  interaction: ChatInputCommandInteraction;
  timer: NodeJS.Timeout;
}

function buttons(sessionId: string, page: number, pageCount: number): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${PREFIX}:${sessionId}:${page - 1}`).setLabel('◀ Previous').setStyle(ButtonStyle.Secondary).setDisabled(page === 0),
    new ButtonBuilder().setCustomId(`${PREFIX}:${sessionId}:label`).setLabel(`${page + 1} / ${pageCount}`).setStyle(ButtonStyle.Secondary).setDisabled(true),
    new ButtonBuilder().setCustomId(`${PREFIX}:${sessionId}:${page + 1}`).setLabel('Next ▶').setStyle(ButtonStyle.Secondary).setDisabled(page >= pageCount - 1),
  );
}

export class Paginator {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  static owns(customId: string): boolean {
    return customId.startsWith(`${PREFIX}:`);
  }

  async start(interaction: ChatInputCommandInteraction, pages: ReplyPayload[], send: (payload: ReplyPayload) => Promise<void>): Promise<void> {
    const sessionId = interaction.id;
    if (this.sessions.size >= MAX_SESSIONS) this.expire(this.sessions.keys().next().value!);
    const timer = setTimeout(() => this.expire(sessionId), this.ttlMs);
    timer.unref();
    this.sessions.set(sessionId, { pages, ownerId: interaction.user.id, interaction, timer });
    await send({ ...pages[0]!, components: [buttons(sessionId, 0, pages.length).toJSON()] });
  }

  private expire(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    clearTimeout(session.timer);
    this.sessions.delete(sessionId);
    session.interaction.editReply({ components: [], allowedMentions: NO_MENTIONS }).catch((error: unknown) => {
      log.debug('Could not remove expired page buttons', error);
    });
  }

  async handle(button: ButtonInteraction): Promise<void> {
    const [, sessionId = '', target = ''] = button.customId.split(':');
    const session = this.sessions.get(sessionId);
    if (!session) {
      await button.update({ components: [], allowedMentions: NO_MENTIONS });
      await button.followUp({ content: 'These buttons have expired; run the command again.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    if (button.user.id !== session.ownerId) {
      await button.reply({ content: 'Only the person who ran this command can turn its pages.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    const page = Math.min(Math.max(0, Number.parseInt(target, 10) || 0), session.pages.length - 1);
    const { flags: _ephemeral, ...payload } = toInteractionReply(session.pages[page]!);
    await button.update({ ...payload, components: [buttons(sessionId, page, session.pages.length)] });
  }

  stop(): void {
    for (const session of this.sessions.values()) clearTimeout(session.timer);
    this.sessions.clear();
  }
}
