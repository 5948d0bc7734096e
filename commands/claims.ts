import { SlashCommandBuilder } from 'discord.js';
import type { AutocompleteContext, CommandContext } from '../src/app/command.ts';
import { renderAllClaims } from '../src/render/claims.ts';
import { findClaims, suggestEntities } from '../src/search/claims-lookup.ts';

export const data = new SlashCommandBuilder()
  .setName('claims')
  .setDescription('What the reports claim about (or by) a person or organisation, and who claims it')
  .addStringOption((option) =>
    option
      .setName('subject')
      .setDescription('A person or organisation, e.g. Putin')
      .setRequired(true)
      .setMaxLength(100)
      .setAutocomplete(true),
  );

export async function execute(context: CommandContext): Promise<void> {
  const result = findClaims(context.knowledge.current, context.options.getString('subject') ?? '');
  await context.replyPaged(renderAllClaims(result));
}

export async function autocomplete(context: AutocompleteContext) {
  return suggestEntities(context.knowledge.current, context.focused.value);
}
