import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion } from '../src/answer/answer.ts';
import type { CommandContext } from '../src/app/command.ts';
import { renderAnswer } from '../src/render/answer.ts';

export const QUESTION_MAX_LENGTH = 300;

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the news reports; the answer quotes and cites its source')
  .addStringOption((option) =>
    option.setName('question').setDescription('Your question').setRequired(true).setMaxLength(QUESTION_MAX_LENGTH),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer'));

export async function execute(context: CommandContext): Promise<void> {
  const answer = answerQuestion(context.knowledge.current, context.options.getString('question') ?? '');
  await context.reply({ ...renderAnswer(answer), ephemeral: context.options.getBoolean('private') ?? false });
}
