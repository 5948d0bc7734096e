import type { REST } from 'discord.js';
import type { z } from 'zod';
import { findCommand } from '../../commands/index.ts';
import type { Config } from '../config.ts';
import { ADD_QA_MODAL_ID, addQaModal } from '../curation/qa-modal.ts';
import { log } from '../log.ts';
import { GAP_PREFIX, VOTE_PREFIX, voteThanks } from '../render/curation.ts';
import { LIMITS, truncate } from '../render/limits.ts';
import { NOT_A_MODERATOR, runCommand } from './checks.ts';
import { readCommandOptions, focusedOption } from './command-options.ts';
import { Confirmations } from './confirmations.ts';
import type { Cooldowns } from './cooldowns.ts';
import {
  actorOf,
  CommandDataSchema,
  ComponentDataSchema,
  InteractionSchema,
  InteractionType,
  ModalDataSchema,
  modalFields,
  type CommandData,
  type Interaction,
} from './interaction.ts';
import { InteractionCommandContext, type InteractionServices } from './interaction-context.ts';
import { InteractionReplies, ResponseType, type InteractionTransport } from './interaction-replies.ts';
import * as actions from './kb-actions.ts';
import { Paginator } from './paginator.ts';
import { isModerator } from './permissions.ts';

/**
 * Every interaction, from the gateway or from POST /interactions, as Discord's JSON: a slash command (through its
 * declared checks to the shared command module), autocomplete, a button (pages, votes, gaps, confirmations) or the
 * add-Q&A form. Moderator rights are checked on every interaction that changes knowledge, buttons and forms
 * included. An answer that takes long is deferred before Discord's three seconds run out. Every failure ends in a
 * private note, never a crash.
 */

export interface DispatchServices extends InteractionServices {
  config: Pick<Config, 'MODERATOR_ROLE_IDS' | 'MODERATOR_USER_IDS'>;
  cooldowns: Cooldowns;
  /** Follow-ups and edits go to the interaction's webhook through this client. */
  rest: REST;
}

/** Discord wants the first response within 3 s; past this, a deferral is sent and the answer follows as an edit. */
export const AUTO_DEFER_MS = 2_000;

export type DispatchOutcome = 'handled' | 'refused';

function moderator(interaction: Interaction, services: DispatchServices): boolean {
  const actor = actorOf(interaction);
  return isModerator({ userId: actor.id, roleIds: actor.roleIds, permissions: actor.permissions }, services.config);
}

function moderatorOfInteraction(interaction: Interaction): actions.Moderator {
  const actor = actorOf(interaction);
  return { id: actor.id, name: actor.name, guildId: interaction.guild_id ?? null };
}

async function runSlashCommand(
  interaction: Interaction,
  data: CommandData,
  replies: InteractionReplies,
  services: DispatchServices,
): Promise<void> {
  const command = findCommand(data.name);
  if (!command) return replies.reply({ content: 'I do not know that command; it may have been removed. Try /help.', ephemeral: true });
  const actor = actorOf(interaction);
  const context = new InteractionCommandContext(
    {
      interactionId: interaction.id,
      user: { id: actor.id, name: actor.name },
      guildId: interaction.guild_id ?? null,
      options: readCommandOptions(data),
      moderator: moderator(interaction, services),
      replies,
    },
    services,
  );
  await runCommand(command, context, services);
}

async function runAutocomplete(
  interaction: Interaction,
  data: CommandData,
  replies: InteractionReplies,
  services: DispatchServices,
): Promise<void> {
  const command = findCommand(data.name);
  const focused = focusedOption(data);
  const choices = command?.autocomplete
    ? await command.autocomplete({
        knowledge: services.knowledge,
        curation: services.curation,
        focused: { name: focused.name, value: focused.value },
        subcommand: focused.subcommand,
      })
    : [];
  await replies.autocomplete(
    choices
      .slice(0, LIMITS.choices)
      .map((choice) => ({ name: truncate(choice.name, LIMITS.choiceName), value: truncate(choice.value, LIMITS.choiceValue) })),
  );
}

async function runButton(
  interaction: Interaction,
  { custom_id: customId }: z.infer<typeof ComponentDataSchema>,
  replies: InteractionReplies,
  services: DispatchServices,
): Promise<void> {
  const press = { customId, userId: actorOf(interaction).id, replies };
  if (Paginator.owns(customId)) return services.paginator.handle(press);
  if (customId.startsWith(`${VOTE_PREFIX}:`)) {
    const [, answerId = '', direction = ''] = customId.split(':');
    const vote = direction === 'up' ? 1 : -1;
    const outcome = await services.curation.feedback.vote(answerId, press.userId, vote).catch((error: unknown) => {
      log.warn('Could not record a vote', error);
      return null;
    });
    if (!outcome) return replies.reply({ content: 'Votes cannot be saved right now; please try again in a few minutes.', ephemeral: true });
    const { recorded, changed } = outcome;
    if (!recorded)
      return replies.reply({ content: 'That answer is no longer on record, so the vote could not be counted.', ephemeral: true });
    return replies.reply(voteThanks(vote, changed));
  }
  if (customId.startsWith(`${GAP_PREFIX}:`)) {
    if (!moderator(interaction, services)) return replies.reply({ content: NOT_A_MODERATOR, ephemeral: true });
    const question = (await services.curation.feedback.questionOf(customId.slice(GAP_PREFIX.length + 1)).catch(() => null)) ?? '';
    return replies.showModal(addQaModal(question));
  }
  if (Confirmations.owns(customId)) {
    // Only moderators could have been shown one, but the check is made again on the press itself.
    if (!moderator(interaction, services)) return replies.reply({ content: NOT_A_MODERATOR, ephemeral: true });
    return services.confirmations.handle(press, (change) => actions.runChange(services, moderatorOfInteraction(interaction), change));
  }
  await replies.reply({ content: 'That button is no longer in use.', ephemeral: true });
}

async function runModal(
  interaction: Interaction,
  data: z.infer<typeof ModalDataSchema>,
  replies: InteractionReplies,
  services: DispatchServices,
): Promise<void> {
  if (data.custom_id !== ADD_QA_MODAL_ID) return replies.reply({ content: 'That form is no longer in use.', ephemeral: true });
  if (!moderator(interaction, services)) return replies.reply({ content: NOT_A_MODERATOR, ephemeral: true });
  await replies.defer({ ephemeral: true });
  const fields = modalFields(data.components);
  const value = (id: string) => (fields.get(id) ?? '').trim();
  const entry = {
    question: value('question'),
    alternatives: value('alternatives')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    answer: value('answer'),
    source: value('source'),
    quote: value('quote'),
  };
  await replies.reply(await actions.addQa(services, moderatorOfInteraction(interaction), entry));
}

function describe(interaction: Interaction): string {
  const name = (interaction.data as { name?: unknown; custom_id?: unknown } | undefined) ?? {};
  return `${interaction.type === InteractionType.Command ? '/' : `type ${interaction.type} `}${String(name.name ?? name.custom_id ?? '')}`;
}

/** An interaction's data read through its type's schema, once; null when it does not fit, and nothing runs. */
type Prepared = ((replies: InteractionReplies) => Promise<void>) | null;

function route<T>(
  schema: z.ZodType<T>,
  run: (interaction: Interaction, data: T, replies: InteractionReplies, services: DispatchServices) => Promise<void>,
): (interaction: Interaction, services: DispatchServices) => Prepared {
  return (interaction, services) => {
    const data = schema.safeParse(interaction.data);
    return data.success ? (replies) => run(interaction, data.data, replies, services) : null;
  };
}

const ROUTES: Record<number, (interaction: Interaction, services: DispatchServices) => Prepared> = {
  [InteractionType.Command]: route(CommandDataSchema, runSlashCommand),
  [InteractionType.Autocomplete]: route(CommandDataSchema, runAutocomplete),
  [InteractionType.Component]: route(ComponentDataSchema, runButton),
  [InteractionType.ModalSubmit]: route(ModalDataSchema, runModal),
};

/**
 * Handles one interaction. 'refused' when the payload is not an interaction Dossier can handle (the HTTP adapter
 * answers 400); nothing has run then.
 */
export async function dispatchInteraction(
  raw: unknown,
  transport: InteractionTransport,
  services: DispatchServices,
): Promise<DispatchOutcome> {
  const parsed = InteractionSchema.safeParse(raw);
  if (!parsed.success) return 'refused';
  const interaction = parsed.data;
  if (interaction.type === InteractionType.Ping) {
    await transport.respond({ type: ResponseType.Pong });
    return 'handled';
  }
  const run = ROUTES[interaction.type]?.(interaction, services);
  if (!run) return 'refused';
  const replies = new InteractionReplies({ applicationId: interaction.application_id, token: interaction.token }, transport, services.rest);
  // Autocomplete cannot be deferred; everything else is, if its answer is slow.
  const deferral =
    interaction.type === InteractionType.Autocomplete
      ? undefined
      : setTimeout(() => {
          const defer = interaction.type === InteractionType.Component ? replies.deferUpdate() : replies.defer();
          defer.catch((error: unknown) => log.warn(`Could not defer ${describe(interaction)}`, error));
        }, AUTO_DEFER_MS);
  try {
    await run(replies);
  } catch (error) {
    log.error(`Interaction ${describe(interaction)} failed`, error);
    if (interaction.type !== InteractionType.Autocomplete) {
      await replies
        .reply({ content: 'Something went wrong while answering that. It has been logged; please try again.', ephemeral: true })
        .catch((replyError: unknown) => log.warn('Could not send an error reply', replyError));
    }
  } finally {
    clearTimeout(deferral);
  }
  return 'handled';
}
