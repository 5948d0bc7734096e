import type { SentenceSpan } from './types.ts';

/**
 * Sentence spans of a paragraph, from the platform's Unicode sentence segmentation (Intl.Segmenter). ICU breaks
 * after every abbreviation ("Mr. Smith", "the U.S. Senate"); V8 does not expose ICU's abbreviation suppressions,
 * so breaks after the common ones are undone here, as are breaks before a lowercase word.
 */

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** A segment's last word, after its last space, bracket or opening quote: where an abbreviation would be. */
function lastWord(segment: string): string {
  const text = segment.trimEnd();
  let at = text.length;
  while (at > 0 && !/[\s(“"]/.test(text[at - 1]!)) at--;
  return text.slice(at);
}

const ABBREVIATION = new RegExp(
  String.raw`^(?:` +
    // Initials and dotted acronyms: "U.S.", "U.K.", "J. R.", "D.C."
    String.raw`(?:\p{Lu}\.){0,3}\p{Lu}|` +
    String.raw`Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Maj|Cmdr|Pres|Amb|Rev|Hon|` +
    String.raw`Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|Nos|vs|etc|Inc|Corp|Co|Ltd|approx|dept|est|fig` +
    String.raw`)\.$`,
  'u',
);

export function segmentSentences(text: string, start: number, end: number): SentenceSpan[] {
  const paragraph = text.slice(start, end);
  const spans: SentenceSpan[] = [];
  let pendingStart: number | null = null;
  for (const segment of sentenceSegmenter.segment(paragraph)) {
    const segmentStart: number = pendingStart ?? segment.index;
    const segmentText = paragraph.slice(segmentStart, segment.index + segment.segment.length);
    const isLast = segment.index + segment.segment.length >= paragraph.length;
    if (!isLast && ABBREVIATION.test(lastWord(segmentText))) {
      pendingStart = segmentStart;
      continue;
    }
    pendingStart = null;
    const trimmedLength = segmentText.trimEnd().length;
    const leading = segmentText.length - segmentText.trimStart().length;
    if (trimmedLength - leading <= 0) continue;
    const span = { start: start + segmentStart + leading, end: start + segmentStart + trimmedLength };
    const previous = spans.at(-1);
    // News prose never starts a sentence in lowercase: “Really?” she asked. is one sentence.
    if (previous && /^\p{Ll}/u.test(text.slice(span.start, span.start + 1))) previous.end = span.end;
    else spans.push(span);
  }
  return spans;
}
