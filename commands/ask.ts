import { SlashCommandBuilder } from 'discord.js';
import { answerFor, questionCooldown } from '../src/app/ask-flow.ts';
import type { CommandContext } from '../src/app/command.ts';

export const QUESTION_MAX_LENGTH = 300;

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the news reports; the answer quotes and cites its source')
  .addStringOption((option) =>
    option.setName('question').setDescription('Your question').setRequired(true).setMaxLength(QUESTION_MAX_LENGTH),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer'));

export const checks = [questionCooldown];

export async function execute(context: CommandContext): Promise<void> {
  const { payload, refused } = await answerFor(context.options.getString('question') ?? '', context.guildId, context);
  await context.reply({ ...payload, ephemeral: refused || (context.options.getBoolean('private') ?? false) });
}
