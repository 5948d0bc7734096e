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

/** Cuts to at most `max` UTF-16 units without splitting a character or an emoji, ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let result = '';
  for (const { segment } of segmenter.segment(text)) {
    if (result.length + segment.length > max - 1) break;
    result += segment;
  }
  return `${result.trimEnd()}…`;
}

/** Mention syntax broken up, for places Discord shows as plain text (footers, autocomplete). */
export function withoutMentions(text: string): string {
  return text.replace(/@/g, '@\u200b').replace(/<(?=[@#:&!a])/g, '<\u200b');
}

/** Text from users or reports, made inert where Discord renders markdown: no markdown, masked links or mentions. */
export function escapeText(text: string): string {
  return withoutMentions(escapeMarkdown(text, { maskedLink: true }));
}
