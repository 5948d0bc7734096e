import { Routes, type Client, type Message } from 'discord.js';
import { answerFor, questionCooldown, type AskServices } from '../app/ask-flow.ts';
import type { Cooldowns } from '../app/cooldowns.ts';
import { toChannelMessage } from '../app/reply-payload.ts';
import type { Config } from '../config.ts';
import { log } from '../log.ts';

/**
 * Questions in channels: a message that mentions the bot, anywhere, or a question in one of ANSWER_CHANNEL_IDS,
 * answered in a reply through the same ask flow as /ask: the same engine, citations and pause between questions.
 */

const QUESTION_SHAPE =
  /\?\s*$|^(?:who|what|when|where|why|how|which|whose|whom|is|are|was|were|did|does|do|can|could|has|have|had|will|would|should)\b/i;

export function questionFrom(content: string): string {
  return content
    .replace(/<@!?\d+>|<@&\d+>|<#\d+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface MessageDependencies extends AskServices {
  config: Config;
  cooldowns: Cooldowns;
}

export function createMessageHandler(client: Client, deps: MessageDependencies): (message: Message) => Promise<void> {
  return async (message) => {
    if (message.author.bot || !client.user || message.system) return;
    const mentioned = message.mentions.users.has(client.user.id);
    const inAnswerChannel = deps.config.ANSWER_CHANNEL_IDS.includes(message.channelId);
    if (!mentioned && !inAnswerChannel) return;
    const question = questionFrom(message.content);
    if (!mentioned && !QUESTION_SHAPE.test(question)) return;
    try {
      // The same pause as /ask; a message cannot be answered privately, so a wait is a reaction, not a reply.
      const asker = { user: { id: message.author.id, name: message.author.username }, guildId: message.guildId, isModerator: () => false };
      if ((await questionCooldown.check(asker, deps)) !== null) {
        await message.react('⏳');
        return;
      }
      const { payload } = await answerFor(question, message.guildId, deps);
      await client.rest.post(Routes.channelMessages(message.channelId), { body: toChannelMessage(payload, message.id) });
    } catch (error) {
      log.warn(`Could not answer a message in channel ${message.channelId}`, error);
    }
  };
}
