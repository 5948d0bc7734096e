import type { Client, Message } from 'discord.js';
import { answerQuestion } from '../answer/answer.ts';
import type { Config } from '../config.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import { log } from '../log.ts';
import type { Curation } from '../curation/curation.ts';
import { renderAnswer } from '../render/answer.ts';
import { voteButtons } from '../render/curation.ts';
import type { Cooldown } from './cooldown.ts';
import { toMessage } from './payload.ts';

/**
 * Questions in channels: a message that mentions the bot, anywhere, or a question in one of ANSWER_CHANNEL_IDS,
 * answered in a reply with the same engine and citations as /ask.
 */

const QUESTION_SHAPE = /\?\s*$|^(?:who|what|when|where|why|how|which|whose|whom|is|are|was|were|did|does|do|can|could|has|have|had|will|would|should)\b/i;

export function questionFrom(content: string): string {
  return content.replace(/<@!?\d+>|<@&\d+>|<#\d+>/g, ' ').replace(/\s+/g, ' ').trim();
}

export interface MessageDependencies {
  config: Config;
  store: KnowledgeStore;
  curation: Curation;
  cooldown: Cooldown;
}

export function createMessageHandler(client: Client, { config, store, curation, cooldown }: MessageDependencies): (message: Message) => Promise<void> {
  return async (message) => {
    if (message.author.bot || !client.user || message.system) return;
    const mentioned = message.mentions.users.has(client.user.id);
    const inAnswerChannel = config.ANSWER_CHANNEL_IDS.includes(message.channelId);
    if (!mentioned && !inAnswerChannel) return;
    const question = questionFrom(message.content);
    if (!mentioned && !QUESTION_SHAPE.test(question)) return;
    try {
      if (cooldown.take(message.author.id) > 0) {
        await message.react('⏳');
        return;
      }
      const answer = answerQuestion(store.current, question);
      const components = answer.error ? [] : voteButtons(curation.feedback.recordAnswer(answer, message.guildId));
      await message.reply(toMessage({ ...renderAnswer(answer), components }));
    } catch (error) {
      log.warn(`Could not answer a message in channel ${message.channelId}`, error);
    }
  };
}
