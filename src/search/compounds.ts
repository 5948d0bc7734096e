import { isStopWord } from '../kb/text.ts';

/**
 * A compound written one way in a question and another in the reports: "reelected" and "re-elected", "thinktank"
 * and "think tank", "set list" and "setlist". Words are split at hyphens and spaces before anything else, so
 * "re-elected" in a report is the two words "re" and "elected", and "reelected" in a question is one word no
 * report uses.
 */

/**
 * Prefixes an English word may carry where a report hyphenates it ("re-elected", "co-founder", "pre-season").
 * An English word is split only at one of these: "understand" is not "under" and "stand".
 */
const HYPHENATED_PREFIXES = new Set(['re', 'co', 'pre', 'non', 'anti', 'ex', 'post', 'mid', 'multi', 'self', 'vice', 'sub', 'semi']);
const MIN_PART = 3;

export interface CompoundVocabulary {
  /** How often the reports use a word (0: never). */
  frequency(word: string): number;
  isEnglish(word: string): boolean;
}

/**
 * The two words of the reports that a word they do not use is made of, or null. Each part is a word of the reports
 * (a stop word counts: "thinktank" is "think tank"), not both stop words; of several splits the likeliest is the one
 * whose rarer part is the most common.
 */
export function splitCompound(word: string, vocabulary: CompoundVocabulary): [string, string] | null {
  const english = vocabulary.isEnglish(word);
  let best: { parts: [string, string]; score: number } | null = null;
  for (let at = 2; at <= word.length - MIN_PART; at++) {
    const head = word.slice(0, at);
    const tail = word.slice(at);
    if (english ? !HYPHENATED_PREFIXES.has(head) : head.length < MIN_PART && !HYPHENATED_PREFIXES.has(head)) continue;
    const use = (part: string) => (isStopWord(part) ? Infinity : vocabulary.frequency(part));
    const score = Math.min(use(head), use(tail));
    if (score === 0 || score === Infinity) continue;
    if (!best || score > best.score) best = { parts: [head, tail], score };
  }
  return best?.parts ?? null;
}

/** The one word of the reports that two adjacent question words make ("set list" → "setlist"), or null. */
export function joinedWord(first: string, second: string, vocabulary: CompoundVocabulary): string | null {
  const joined = first + second;
  return !isStopWord(joined) && vocabulary.frequency(joined) > 0 ? joined : null;
}
