import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../src/app/command.ts';
import { renderRefresh, renderStatus } from '../src/render/knowledge-admin.ts';

export const data = new SlashCommandBuilder()
  .setName('kb')
  .setDescription('Moderators: manage the knowledge base')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) => sub.setName('refresh').setDescription('Rebuild from the knowledge folder and swap it in if valid'))
  .addSubcommand((sub) => sub.setName('status').setDescription('What is loaded, and how the last refresh went'));

export const NOT_A_MODERATOR = 'Only moderators can manage the knowledge base.';

export async function execute(context: CommandContext): Promise<void> {
  // Discord hides the command from members without Manage Server, but that is a default any admin can change:
  // the check that counts is this one, on every call.
  if (!context.isModerator()) {
    await context.reply({ content: NOT_A_MODERATOR, ephemeral: true });
    return;
  }
  switch (context.options.getSubcommand()) {
    case 'refresh': {
      await context.defer({ ephemeral: true });
      await context.reply(renderRefresh(await context.refreshKnowledge()));
      return;
    }
    case 'status':
      await context.reply(renderStatus(context.knowledge));
      return;
    default:
      await context.reply({ content: 'Unknown /kb subcommand. Try /kb status or /kb refresh.', ephemeral: true });
  }
}
