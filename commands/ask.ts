import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion } from '../src/answer/answer.ts';
import type { CommandContext } from '../src/app/command.ts';
import { renderAnswer } from '../src/render/answer.ts';
import { voteButtons } from '../src/render/curation.ts';

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
  const ephemeral = context.options.getBoolean('private') ?? false;
  if (answer.error) return context.reply({ ...renderAnswer(answer), ephemeral: true });
  // Recorded so that votes, and questions nobody could answer, reach the moderators' /kb gaps.
  const answerId = context.curation.feedback.recordAnswer(answer, context.guildId);
  await context.reply({ ...renderAnswer(answer), components: voteButtons(answerId), ephemeral });
}
