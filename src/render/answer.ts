import type { Answer } from '../answer/answer.ts';
import type { Citation } from '../kb/types.ts';
import type { ReplyPayload } from '../app/command.ts';
import { buildEmbed, COLORS } from './embed.ts';
import { escapeText, withoutMentions } from './limits.ts';

/** An Answer as a Discord message (and so as the console shows it). */

/** An answer is shown only at the threshold's confidence (0.8) or above: "good" there, "high" from 0.9. */
export function confidenceHint(confidence: number): string {
  const label = confidence >= 0.9 ? 'high' : 'good';
  return `Confidence ${Math.round(confidence * 100)}% (${label})`;
}

export function citationHeading(citation: Citation, index: number, total: number): string {
  const outlet = citation.outlet ? ` — ${citation.outlet}` : '';
  const number = total > 1 ? `Source ${index + 1}: ` : 'Source: ';
  return `${number}${citation.title}${outlet}, paragraph ${citation.paragraph}`;
}

/** Quotation marks around the exact words, unless the words already are a quotation. */
export function quoted(text: string): string {
  return /^[“"‘']/.test(text) ? text : `“${text}”`;
}

function citationBody(citation: Citation): string {
  const link = citation.url ? `\n<${citation.url}>` : '';
  return `> ${quoted(escapeText(citation.quote))}${link}`;
}

function suggestionList(suggestions: string[]): string {
  return suggestions.map((suggestion) => `• ${escapeText(suggestion)}`).join('\n');
}

export function renderAnswer(answer: Answer): ReplyPayload {
  if (!answer.answered) {
    const lines = [escapeText(answer.answer)];
    if (answer.suggestions.length > 0) lines.push('', '**Questions I can answer:**', suggestionList(answer.suggestions));
    return {
      embeds: [
        buildEmbed({
          title: answer.error ? 'I need a question' : 'Not covered by the reports',
          description: lines.join('\n'),
          color: COLORS.notCovered,
          footer: answer.question ? `You asked: ${withoutMentions(answer.question)}` : undefined,
        }),
      ],
    };
  }
  const corrections = answer.corrections.length
    ? `\n\n_Read ${answer.corrections.map((item) => `“${escapeText(item.from)}” as ${escapeText(item.to)}`).join(', ')}._`
    : '';
  // A passage answer is its quote, which the source field below shows: said once, not twice.
  const body = answer.via === 'passage' ? 'In the report’s own words:' : escapeText(answer.answer);
  const fields = answer.citations.slice(0, 3).map((citation, index, all) => ({
    name: citationHeading(citation, index, all.length),
    value: citationBody(citation),
  }));
  if (answer.suggestions.length > 0) fields.push({ name: 'Related questions', value: suggestionList(answer.suggestions) });
  return {
    embeds: [
      buildEmbed({
        title: escapeText(answer.question),
        description: body + corrections,
        fields,
        color: COLORS.answer,
        footer: confidenceHint(answer.confidence),
      }),
    ],
  };
}
