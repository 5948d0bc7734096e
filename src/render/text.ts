import type { APIEmbed } from 'discord.js';
import type { ReplyPayload } from '../app/command.ts';

/** A Discord reply as plain terminal text, so the console shows exactly what the bot would post. */

function plain(text: string): string {
  return text
    .replace(/\u200b/g, '')
    .replace(/\\([\\*_~`|>#\-[\]()<:.!])/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/(^|\s)_(.+?)_(?=\s|$|[.,])/g, '$1$2');
}

function embedText(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.title) lines.push(plain(embed.title), '-'.repeat(Math.min(60, plain(embed.title).length)));
  if (embed.description) lines.push(plain(embed.description));
  for (const field of embed.fields ?? []) {
    if (field.inline) lines.push(`${plain(field.name)}: ${plain(field.value)}`);
    else lines.push('', plain(field.name), plain(field.value));
  }
  if (embed.footer?.text) lines.push('', `(${plain(embed.footer.text)})`);
  return lines.join('\n');
}

export function payloadToText(payload: ReplyPayload): string {
  const parts: string[] = [];
  if (payload.content) parts.push(plain(payload.content));
  for (const embed of payload.embeds ?? []) parts.push(embedText(embed));
  return parts.join('\n\n');
}
