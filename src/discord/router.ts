import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { findCommand, NOT_A_MODERATOR } from '../../commands/index.ts';
import * as actions from '../app/kb-actions.ts';
import type { Config } from '../config.ts';
import type { Curation } from '../curation/curation.ts';
import { ADD_QA_MODAL_ID, addQaModal } from '../curation/qa-modal.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import { log } from '../log.ts';
import { GAP_PREFIX, VOTE_PREFIX, voteThanks } from '../render/curation.ts';
import { LIMITS, truncate } from '../render/limits.ts';
import { Confirmations } from './confirmations.ts';
import type { Cooldown } from './cooldown.ts';
import { InteractionCommandContext, refreshEverywhere } from './interaction-context.ts';
import { readAddQa, toModal } from './modals.ts';
import { Paginator } from './paginator.ts';
import { NO_MENTIONS, toInteractionReply } from './payload.ts';
import { isModerator } from './permissions.ts';

/**
 * interactionCreate → the command module, autocomplete, a button (pages, votes, gaps, confirmations) or the
 * add-Q&A form. Moderator rights are checked here on every interaction that changes knowledge, buttons and forms
 * included; every failure ends in a private note, never a crash.
 */

const COOLDOWN_COMMANDS = new Set(['ask']);

export interface RouterDependencies {
  config: Config;
  store: KnowledgeStore;
  curation: Curation;
  paginator: Paginator;
  confirmations: Confirmations;
  cooldown: Cooldown;
}

type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

async function tellPrivately(interaction: Repliable, content: string): Promise<void> {
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

function moderatorCheck(interaction: Repliable, deps: RouterDependencies): boolean {
  return isModerator({ userId: interaction.user.id, member: interaction.member, permissions: interaction.memberPermissions }, deps.config);
}

function servicesFor(interaction: Repliable, deps: RouterDependencies): actions.KnowledgeServices {
  return { knowledge: deps.store, curation: deps.curation, refreshKnowledge: () => refreshEverywhere(interaction.client, deps.store) };
}

function moderatorOf(interaction: Repliable): actions.Moderator {
  return { id: interaction.user.id, name: interaction.user.username, guildId: interaction.guildId };
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
  const context = new InteractionCommandContext(
    interaction,
    { knowledge: deps.store, curation: deps.curation, paginator: deps.paginator, confirmations: deps.confirmations },
    moderatorCheck(interaction, deps),
  );
  await command.execute(context);
}

async function runAutocomplete(interaction: AutocompleteInteraction, deps: RouterDependencies): Promise<void> {
  const command = findCommand(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const choices = command?.autocomplete
    ? await command.autocomplete({
        knowledge: deps.store,
        curation: deps.curation,
        focused: { name: focused.name, value: String(focused.value).slice(0, 200) },
        subcommand: interaction.options.getSubcommand(false),
      })
    : [];
  await interaction.respond(
    choices.slice(0, LIMITS.choices).map((choice) => ({ name: truncate(choice.name, LIMITS.choiceName), value: truncate(choice.value, LIMITS.choiceValue) })),
  );
}

async function runVote(button: ButtonInteraction, deps: RouterDependencies): Promise<void> {
  const [, answerId = '', direction = ''] = button.customId.split(':');
  const vote = direction === 'up' ? 1 : -1;
  const { recorded, changed } = deps.curation.feedback.vote(answerId, button.user.id, vote);
  if (!recorded) {
    await tellPrivately(button, 'That answer is no longer on record, so the vote could not be counted.');
    return;
  }
  await button.reply(toInteractionReply(voteThanks(vote, changed)));
}

async function runGapButton(button: ButtonInteraction, deps: RouterDependencies): Promise<void> {
  if (!moderatorCheck(button, deps)) return tellPrivately(button, NOT_A_MODERATOR);
  const question = deps.curation.feedback.questionOf(button.customId.slice(GAP_PREFIX.length + 1)) ?? '';
  await button.showModal(toModal(addQaModal(question)));
}

async function runAddQaForm(submit: ModalSubmitInteraction, deps: RouterDependencies): Promise<void> {
  if (!moderatorCheck(submit, deps)) return tellPrivately(submit, NOT_A_MODERATOR);
  await submit.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await actions.addQa(servicesFor(submit, deps), moderatorOf(submit), readAddQa(submit));
  const { flags: _flags, ...edit } = toInteractionReply(reply);
  await submit.editReply(edit);
}

async function runButton(button: ButtonInteraction, deps: RouterDependencies): Promise<void> {
  const { customId } = button;
  if (Paginator.owns(customId)) return deps.paginator.handle(button);
  if (customId.startsWith(`${VOTE_PREFIX}:`)) return runVote(button, deps);
  if (customId.startsWith(`${GAP_PREFIX}:`)) return runGapButton(button, deps);
  if (Confirmations.owns(customId)) {
    // Only moderators could have been shown one, but the check is made again on the press itself.
    if (!moderatorCheck(button, deps)) return tellPrivately(button, NOT_A_MODERATOR);
    return deps.confirmations.handle(button);
  }
  await tellPrivately(button, 'That button is no longer in use.');
}

export function createInteractionHandler(deps: RouterDependencies): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await runCommand(interaction, deps);
      else if (interaction.isAutocomplete()) await runAutocomplete(interaction, deps);
      else if (interaction.isButton()) await runButton(interaction, deps);
      else if (interaction.isModalSubmit() && interaction.customId === ADD_QA_MODAL_ID) await runAddQaForm(interaction, deps);
    } catch (error) {
      log.error(`Interaction ${interaction.isCommand() ? `/${interaction.commandName}` : interaction.type} failed`, error);
      if (interaction.isChatInputCommand() || interaction.isButton() || interaction.isModalSubmit()) {
        await tellPrivately(interaction, 'Something went wrong while answering that. It has been logged; please try again.');
      }
    }
  };
}
