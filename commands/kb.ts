import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import * as actions from '../src/app/kb-actions.ts';
import { moderatorOnly } from '../src/app/checks.ts';
import type { AutocompleteContext, CommandContext } from '../src/app/command.ts';
import { addQaModal } from '../src/curation/qa-modal.ts';
import { renderStatus } from '../src/render/knowledge-admin.ts';

export const data = new SlashCommandBuilder()
  .setName('kb')
  .setDescription('Moderators: manage the knowledge base')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) => sub.setName('refresh').setDescription('Rebuild from the knowledge folder and swap it in if valid'))
  .addSubcommand((sub) => sub.setName('status').setDescription('What is loaded, and how the last refresh went'))
  .addSubcommand((sub) =>
    sub
      .setName('add-source')
      .setDescription('Add a report: a .txt or .md file, a saved web page (.html), or a link (url)')
      .addAttachmentOption((option) => option.setName('file').setDescription('The report file or saved page'))
      .addStringOption((option) => option.setName('title').setDescription('Title (default: the first line)').setMaxLength(200))
      .addStringOption((option) =>
        option.setName('outlet').setDescription('Outlet (default: a " | Outlet" suffix of the title)').setMaxLength(100),
      )
      .addStringOption((option) =>
        option.setName('url').setDescription("The article's link: fetched when no file is given").setMaxLength(500),
      )
      .addStringOption((option) => option.setName('published').setDescription('Publication date, YYYY-MM-DD').setMaxLength(10)),
  )
  .addSubcommand((sub) => sub.setName('add-qa').setDescription('Write a curated question and answer (opens a form)'))
  .addSubcommand((sub) =>
    sub
      .setName('remove-source')
      .setDescription('Remove a report (and the Q&A citing it), after confirmation')
      .addStringOption((option) =>
        option.setName('source').setDescription('The report').setRequired(true).setAutocomplete(true).setMaxLength(200),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove-qa')
      .setDescription('Remove a curated Q&A, after confirmation')
      .addStringOption((option) =>
        option.setName('qa').setDescription('The Q&A').setRequired(true).setAutocomplete(true).setMaxLength(200),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('gaps')
      .setDescription('The most frequent unanswered or voted-down questions')
      .addIntegerOption((option) => option.setName('days').setDescription('How far back (default 7)').setMinValue(1).setMaxValue(365)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('audit')
      .setDescription('The latest moderator actions')
      .addIntegerOption((option) => option.setName('limit').setDescription('How many (default 15)').setMinValue(1).setMaxValue(50)),
  );

export const checks = [moderatorOnly];

export async function execute(context: CommandContext): Promise<void> {
  const moderator = actions.moderatorOf(context);
  const { options } = context;
  switch (options.getSubcommand()) {
    case 'refresh':
      await context.defer({ ephemeral: true });
      return context.reply(await actions.refresh(context, moderator));
    case 'status':
      return context.reply(renderStatus(context.knowledge));
    case 'add-source': {
      const file = options.getAttachment('file');
      const metadata = {
        title: options.getString('title'),
        outlet: options.getString('outlet'),
        url: options.getString('url'),
        published: options.getString('published'),
      };
      if (!file && !metadata.url)
        return context.reply({
          content: "Attach a report or a saved page as `file`, or give the article's link as `url`.",
          ephemeral: true,
        });
      await context.defer({ ephemeral: true });
      return context.reply(await actions.addSource(context, moderator, file, metadata));
    }
    case 'add-qa':
      if (!(await context.showModal(addQaModal())))
        await context.reply({ content: 'Forms need Discord; edit knowledge/qa.json and run /kb refresh.', ephemeral: true });
      return;
    case 'remove-source':
      return context.confirm(await actions.confirmRemoveSource(context, options.getString('source') ?? ''));
    case 'remove-qa':
      return context.confirm(actions.confirmRemoveQa(options.getString('qa') ?? ''));
    case 'gaps':
      return context.reply(await actions.gaps(context, moderator, options.getInteger('days') ?? 7));
    case 'audit':
      return context.reply(await actions.audit(context, moderator, options.getInteger('limit') ?? 15));
    default:
      return context.reply({ content: 'Unknown /kb subcommand. Try /kb status.', ephemeral: true });
  }
}

export async function autocomplete(context: AutocompleteContext) {
  const typed = context.focused.value.toLowerCase();
  const kb = context.knowledge.current;
  if (context.focused.name === 'source') {
    return kb.sources
      .filter((source) => source.id.toLowerCase().includes(typed) || source.title.toLowerCase().includes(typed))
      .map((source) => ({ name: `${source.title} (${source.id})`, value: source.id }));
  }
  if (context.focused.name === 'qa') {
    return kb.qa
      .filter((pair) => pair.id.includes(typed) || pair.question.toLowerCase().includes(typed))
      .map((pair) => ({ name: pair.question, value: pair.id }));
  }
  return [];
}
