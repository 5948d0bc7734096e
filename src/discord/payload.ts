import { MessageFlags, type InteractionReplyOptions, type MessageCreateOptions } from 'discord.js';
import type { ReplyPayload } from '../app/command.ts';
import { LIMITS, truncate } from '../render/limits.ts';

/** No reply of Dossier's may ping anyone, whatever text it carries. */
export const NO_MENTIONS = { parse: [] as [], repliedUser: false };

export function toInteractionReply(payload: ReplyPayload): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    content: payload.content ? truncate(payload.content, LIMITS.content) : undefined,
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowedMentions: NO_MENTIONS,
    ...(payload.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

export function toMessage(payload: ReplyPayload): MessageCreateOptions {
  return {
    content: payload.content ? truncate(payload.content, LIMITS.content) : undefined,
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
}
