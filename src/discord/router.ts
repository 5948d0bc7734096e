import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { findCommand } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import { log } from '../log.ts';
import { LIMITS, truncate } from '../render/limits.ts';
import type { Cooldown } from './cooldown.ts';
import { InteractionCommandContext } from './interaction-context.ts';
import { Paginator } from './paginator.ts';
import { NO_MENTIONS } from './payload.ts';
import { isModerator } from './permissions.ts';

/** interactionCreate → the command module, autocomplete or page button; every failure ends in a private note. */

const COOLDOWN_COMMANDS = new Set(['ask']);

export interface RouterDependencies {
  config: Config;
  store: KnowledgeStore;
  paginator: Paginator;
  cooldown: Cooldown;
}

async function tellPrivately(interaction: ChatInputCommandInteraction | ButtonInteraction, content: string): Promise<void> {
  const options = { content, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
  try {
    if (interaction.deferred && !interaction.replied) await interaction.editReply({ content, embeds: [], components: [], allowedMentions: NO_MENTIONS });
    else if (interaction.replied) await interaction.followUp(options);
    else await interaction.reply(options);
  } catch (error) {
    // The interaction may have expired (Discord allows three seconds to acknowledge); nothing more can be said.
    log.warn('Could not send an error reply', error);
  }
}

async function runCommand(interaction: ChatInputCommandInteraction, deps: RouterDependencies): Promise<void> {
  const command = findCommand(interaction.commandName);
  if (!command) {
    await tellPrivately(interaction, 'I do not know that command; it may have been removed. Try /help.');
    return;
  }
  if (COOLDOWN_COMMANDS.has(interaction.commandName)) {
    const wait = deps.cooldown.take(interaction.user.id);
    if (wait > 0) {
      await tellPrivately(interaction, `Please wait ${Math.ceil(wait / 1000)} s before asking again.`);
      return;
    }
  }
  const moderator = isModerator(
    { userId: interaction.user.id, member: interaction.member, permissions: interaction.memberPermissions },
    deps.config,
  );
  await command.execute(new InteractionCommandContext(interaction, deps.store, deps.paginator, moderator));
}

async function runAutocomplete(interaction: AutocompleteInteraction, deps: RouterDependencies): Promise<void> {
  const command = findCommand(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const choices = command?.autocomplete
    ? await command.autocomplete({ knowledge: deps.store, focused: { name: focused.name, value: String(focused.value) }, subcommand: interaction.options.getSubcommand(false) })
    : [];
  await interaction.respond(
    choices.slice(0, LIMITS.choices).map((choice) => ({ name: truncate(choice.name, LIMITS.choiceName), value: truncate(choice.value, LIMITS.choiceValue) })),
  );
}

export function createInteractionHandler(deps: RouterDependencies): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await runCommand(interaction, deps);
      else if (interaction.isAutocomplete()) await runAutocomplete(interaction, deps);
      else if (interaction.isButton() && Paginator.owns(interaction.customId)) await deps.paginator.handle(interaction);
    } catch (error) {
      log.error(`Interaction ${interaction.isCommand() ? `/${interaction.commandName}` : interaction.type} failed`, error);
      if (interaction.isChatInputCommand() || interaction.isButton()) {
        await tellPrivately(interaction, 'Something went wrong while answering that. It has been logged; please try again.');
      }
    }
  };
}
