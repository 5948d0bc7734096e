/**
 * One interaction in Discord's shapes: the INTERACTION_CREATE payload a client receives, and what the first
 * response to it (POST …/callback, or the body of a signed HTTP exchange) does to the channel: the message it
 * creates or edits, and the `with_response` answer. Discord's refusals are checked before, in interactions.ts.
 */

import type { UploadedFile } from './multipart.ts';
import { memberObject, type FakeMember } from './fixtures.ts';
import { permissionsOf, type GuildState } from './guild-payloads.ts';
import { applyEdit, buildMessage } from './messages.ts';
import { EPHEMERAL, LOADING, noContent, ok, type InteractionState, type Message, type Response } from './rest.ts';

export interface InteractionPayloadSpec {
  id: string;
  token: string;
  type: number;
  data: Record<string, unknown>;
  channelId: string;
  channel: Record<string, any>;
  /** The member as this interaction sees them (roles may be overridden for it). */
  member: FakeMember;
  /** Their permissions in the channel, as Discord computes them or as a test forces them. */
  permissions: string;
  extra: Record<string, unknown>;
}

/** The INTERACTION_CREATE `d`, as Discord sends it for a guild channel. */
export function interactionPayload(guild: GuildState, spec: InteractionPayloadSpec): Record<string, any> {
  const bot = guild.members.get(guild.botUser.id)!;
  return {
    id: spec.id,
    application_id: guild.applicationId,
    type: spec.type,
    data: spec.data,
    guild_id: guild.guildId,
    guild: { id: guild.guildId, locale: 'en-US', features: [] },
    channel_id: spec.channelId,
    channel: { ...spec.channel, permissions: spec.permissions },
    member: { ...memberObject(spec.member), permissions: spec.permissions },
    token: spec.token,
    version: 1,
    app_permissions: permissionsOf(guild, bot).toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    ...spec.extra,
  };
}

/** Where a response's message goes: the channel's store, and back to clients as a gateway event. */
export interface MessageSink {
  store(message: Message): void;
  echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: Message): void;
}

/** The fields Discord puts on a message that answers an interaction. */
function responseMeta(guild: GuildState, state: InteractionState): Record<string, unknown> {
  return {
    webhook_id: guild.applicationId,
    application_id: guild.applicationId,
    interaction_metadata: {
      id: state.id,
      type: state.type,
      user: state.payload.member.user,
      authorizing_integration_owners: { '0': guild.guildId },
      ...(state.type === 2 ? { name: state.payload.data.name } : {}),
      ...(state.type === 3 ? { interacted_message_id: state.original?.id } : {}),
    },
    ...(state.type === 2
      ? { interaction: { id: state.id, type: state.type, name: state.payload.data.name, user: state.payload.member.user } }
      : {}),
  };
}

/**
 * Applies an accepted first response: 4 posts a message, 5 a loading one (deferred), 7 edits the component's
 * message; 6, 8 and 9 change no message. Answers as Discord does, with the resource when `withResponse`.
 */
export function applyInteractionCallback(
  guild: GuildState,
  state: InteractionState,
  body: Record<string, any>,
  files: UploadedFile[],
  withResponse: boolean,
  sink: MessageSink,
): Response {
  const type = Number(body.type);
  const data = body.data;
  const bot = guild.users.get(guild.botUser.id)!;
  let resourceMessage: Message | undefined;
  if (type === 4 || type === 5) {
    const messageBody = type === 4 ? (data ?? {}) : { flags: (Number(data?.flags ?? 0) & EPHEMERAL) | LOADING };
    const message = buildMessage(guild, state.channelId, bot, messageBody, type === 4 ? files : [], {
      type: state.type === 2 ? 20 : 0,
      extra: responseMeta(guild, state),
    });
    if (type === 5) message.flags = (Number(data?.flags ?? 0) & EPHEMERAL) | LOADING;
    state.original = message;
    sink.store(message);
    sink.echo('MESSAGE_CREATE', message);
    resourceMessage = message;
  }
  if (type === 7 && state.original) {
    applyEdit(guild, state.original, data ?? {}, files);
    sink.echo('MESSAGE_UPDATE', state.original);
    resourceMessage = state.original;
  }
  state.callback = { type, ...(data !== undefined ? { data } : {}) };
  if (!withResponse) return noContent();
  return ok({
    interaction: {
      id: state.id,
      type: state.type,
      activity_instance_id: null,
      response_message_id: resourceMessage?.id ?? null,
      response_message_loading: type === 5,
      response_message_ephemeral: Boolean(resourceMessage && resourceMessage.flags & EPHEMERAL),
    },
    resource: { type, ...(resourceMessage ? { message: resourceMessage } : {}) },
  });
}
