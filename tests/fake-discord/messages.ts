/**
 * Messages as Discord makes them from a create or edit body: attachments from the uploaded files, embeds
 * normalised, and mentions resolved from the content the way allowed_mentions permits, so tests see exactly which
 * users and roles a reply would have pinged.
 */

import { normaliseEmbeds, partialMemberObject, type FakeUser } from './fixtures.ts';
import type { GuildState } from './guild-payloads.ts';
import { snowflake } from './ids.ts';
import type { UploadedFile } from './multipart.ts';
import { EPHEMERAL, LOADING, type Message } from './rest.ts';

export function buildMessage(
  guild: GuildState,
  channelId: string,
  author: FakeUser,
  body: any,
  files: UploadedFile[],
  options: { type?: number; allowAllMentions?: boolean; extra?: Record<string, unknown> } = {},
): Message {
  const id = snowflake();
  const channel = guild.channels.get(channelId);
  const content = typeof body?.content === 'string' ? body.content : '';
  const message: Message = {
    id,
    channel_id: channelId,
    ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: Boolean(body?.tts),
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    mention_channels: [],
    attachments: attachmentsFor(body, files, []),
    embeds: normaliseEmbeds(body?.embeds),
    components: Array.isArray(body?.components) ? body.components : [],
    pinned: false,
    type: options.type ?? 0,
    flags: Number(body?.flags ?? 0),
    ...(body?.nonce !== undefined ? { nonce: body.nonce } : {}),
    ...(body?.poll ? { poll: body.poll } : {}),
    ...options.extra,
  };
  computeMentions(guild, message, options.allowAllMentions ? undefined : body?.allowed_mentions, Boolean(options.allowAllMentions));
  return message;
}

/** Fills mentions / mention_roles / mention_everyone from the content, honouring allowed_mentions like Discord. */
function computeMentions(guild: GuildState, message: Message, allowed: any, everything: boolean): void {
  const content: string = message.content ?? '';
  const parse: string[] | undefined = everything ? ['users', 'roles', 'everyone'] : allowed?.parse;
  const allowUser = (id: string) =>
    !allowed || everything || parse?.includes('users') || (Array.isArray(allowed.users) && allowed.users.includes(id));
  const allowRole = (id: string) =>
    !allowed || everything || parse?.includes('roles') || (Array.isArray(allowed.roles) && allowed.roles.includes(id));
  const userIds = new Set([...content.matchAll(/<@!?(\d{15,21})>/g)].map((match) => match[1]!));
  message.mentions = [...userIds]
    .filter((id) => guild.users.has(id) && allowUser(id))
    .map((id) => {
      const member = guild.members.get(id);
      return { ...guild.users.get(id)!, ...(member && message.guild_id ? { member: partialMemberObject(member) } : {}) };
    });
  const roleIds = new Set([...content.matchAll(/<@&(\d{15,21})>/g)].map((match) => match[1]!));
  message.mention_roles = [...roleIds].filter((id) => guild.roles.some((role) => role.id === id) && allowRole(id));
  message.mention_everyone = /@(everyone|here)\b/.test(content) && (!allowed || everything || Boolean(parse?.includes('everyone')));
}

function attachmentsFor(body: any, files: UploadedFile[], existing: Message[]): Message[] {
  const described: any[] = Array.isArray(body?.attachments) ? body.attachments : [];
  const kept = existing.filter((attachment) => described.some((entry) => String(entry?.id) === attachment.id));
  const uploaded = files.map((file, index) => {
    const fieldIndex = /\[(\d+)\]/.exec(file.field)?.[1] ?? String(index);
    const description = described.find((entry) => String(entry?.id) === fieldIndex);
    const id = snowflake();
    return {
      id,
      filename: description?.filename ?? file.filename,
      ...(description?.description ? { description: description.description } : {}),
      size: file.size,
      url: `https://cdn.discordapp.com/attachments/fake/${id}/${encodeURIComponent(file.filename)}`,
      proxy_url: `https://media.discordapp.net/attachments/fake/${id}/${encodeURIComponent(file.filename)}`,
      ...(file.contentType ? { content_type: file.contentType } : {}),
    };
  });
  return [...kept, ...uploaded];
}

export function applyEdit(guild: GuildState, message: Message, body: any, files: UploadedFile[]): void {
  if (body && 'content' in body) message.content = typeof body.content === 'string' ? body.content : '';
  if (body && 'embeds' in body) message.embeds = normaliseEmbeds(body.embeds);
  if (body && 'components' in body) message.components = Array.isArray(body.components) ? body.components : [];
  if (body && 'attachments' in body) message.attachments = attachmentsFor(body, files, message.attachments);
  else if (files.length > 0) message.attachments = [...message.attachments, ...attachmentsFor({}, files, [])];
  if (body && body.flags != null) message.flags = (message.flags & EPHEMERAL) | (Number(body.flags) & ~EPHEMERAL & ~LOADING);
  message.flags &= ~LOADING;
  if (body && 'poll' in body) message.poll = body.poll;
  message.edited_timestamp = new Date().toISOString();
  if (body && 'content' in body) computeMentions(guild, message, body.allowed_mentions, false);
}
