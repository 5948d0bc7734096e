import { escapeMarkdown } from 'discord.js';

/** Discord's message limits; long text is cut with an ellipsis, never rejected. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Cuts to at most `max` UTF-16 units without splitting a character or an emoji, ending with "…". Only a window
 * around the cut is segmented: grapheme segmentation costs about 10 µs a character, too much for whole texts.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const limit = max - 1;
  const windowStart = Math.max(0, limit - 64);
  let cut = windowStart;
  for (const { index } of segmenter.segment(text.slice(windowStart, limit + 64))) {
    if (windowStart + index > limit) break;
    cut = windowStart + index;
  }
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** Mention syntax broken up, for places Discord shows as plain text (footers, autocomplete). */
export function withoutMentions(text: string): string {
  return text.replace(/@/g, '@\u200b').replace(/<(?=[@#:&!a])/g, '<\u200b');
}

/**
 * Text from users or reports, made inert where Discord renders markdown: no markdown, masked links or mentions.
 * discord.js's italic escape takes time quadratic in the length (0.2 s for 5,000 characters, 1.3 s for 10,000,
 * measured), which a hostile message could exploit; every "*" and "_" is escaped here instead, which covers
 * bold, italic and underline alike.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { maskedLink: true, italic: false, bold: false, underline: false });
  return withoutMentions(escaped.replace(/[*_]/g, '\\$&'));
}
