import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../src/app/command.ts';
import { renderSources } from '../src/render/sources.ts';

export const data = new SlashCommandBuilder().setName('sources').setDescription('List the news reports Dossier answers from');

export async function execute(context: CommandContext): Promise<void> {
  await context.reply(renderSources(context.knowledge.current));
}
