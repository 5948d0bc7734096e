import type { APIEmbed, APIEmbedField } from 'discord.js';
import { LIMITS, truncate } from './limits.ts';

/** Builds an embed that always fits Discord's limits, whatever the length of what went in. */

const MIN_DESCRIPTION = 300;

export const COLORS = { answer: 0x2f7d4f, notCovered: 0xb7791f, info: 0x3b6ea5, error: 0xb83232 } as const;

export interface EmbedParts {
  title?: string;
  description?: string;
  fields?: APIEmbedField[];
  footer?: string;
  color?: number;
  url?: string;
}

function totalLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

export function buildEmbed(parts: EmbedParts): APIEmbed {
  const embed: APIEmbed = {};
  if (parts.title) embed.title = truncate(parts.title, LIMITS.embedTitle);
  if (parts.description) embed.description = truncate(parts.description, LIMITS.embedDescription);
  if (parts.color !== undefined) embed.color = parts.color;
  if (parts.url) embed.url = parts.url;
  if (parts.footer) embed.footer = { text: truncate(parts.footer, LIMITS.footer) };
  const fields = (parts.fields ?? []).slice(0, LIMITS.fields).map((field) => ({
    name: truncate(field.name, LIMITS.fieldName) || '\u200b',
    value: truncate(field.value, LIMITS.fieldValue) || '\u200b',
    inline: field.inline ?? false,
  }));
  if (fields.length > 0) embed.fields = fields;
  // Over the 6,000-character total: the fields carry citations, so the description gives way first (down to a
  // readable minimum), then trailing fields go.
  const over = () => totalLength(embed) - LIMITS.embedTotal;
  if (over() > 0 && embed.description) {
    embed.description = truncate(embed.description, Math.max(MIN_DESCRIPTION, embed.description.length - over()));
  }
  while (over() > 0 && embed.fields && embed.fields.length > 0) embed.fields.pop();
  if (embed.fields?.length === 0) delete embed.fields;
  return embed;
}
