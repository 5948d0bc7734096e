import type { APIInteractionResponseCallbackData, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { LIMITS, truncate } from '../render/limits.ts';
import type { ReplyPayload } from './command.ts';

/**
 * The one place a reply becomes Discord's JSON, for every transport (gateway callbacks, HTTP interaction
 * responses, webhook edits and follow-ups, channel messages): no reply may ping anyone, whatever text it carries,
 * and content stays within Discord's limit.
 */

export const NO_MENTIONS = { parse: [] as [], replied_user: false };

const EPHEMERAL = 1 << 6;

/**
 * A message body for an interaction response, edit or follow-up. Only the parts the payload names are sent, so an
 * edit that changes the buttons keeps the text; `ephemeral` only counts on a new message.
 */
export function toMessageData(payload: ReplyPayload): APIInteractionResponseCallbackData {
  return {
    ...(payload.content !== undefined ? { content: truncate(payload.content, LIMITS.content) } : {}),
    ...(payload.embeds !== undefined ? { embeds: payload.embeds } : {}),
    ...(payload.components !== undefined ? { components: payload.components } : {}),
    allowed_mentions: NO_MENTIONS,
    ...(payload.ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

/** A reply to a message in a channel; it does not ping the person it replies to either. */
export function toChannelMessage(payload: ReplyPayload, replyTo: string): RESTPostAPIChannelMessageJSONBody {
  const { flags: _ephemeralHasNoMeaningHere, ...data } = toMessageData(payload);
  return { ...data, allowed_mentions: NO_MENTIONS, message_reference: { message_id: replyTo, fail_if_not_exists: false } };
}

export { EPHEMERAL };
