import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../src/app/command.ts';
import { renderHelp } from '../src/render/help.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('How to use Dossier');

export async function execute(context: CommandContext): Promise<void> {
  await context.reply({ ...renderHelp(context.knowledge.current, context.isModerator()), ephemeral: true });
}
