import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentStem, tokenize } from '../kb/text.ts';

/**
 * What a quote is about in its own words, for suggesting a question to a declined one: its key phrases, found the
 * way RAKE finds them (runs of content words between stop words and punctuation), weighted by how rare their
 * words are across the reports (summed inverse document frequency), the two heaviest kept in the quote's order.
 * The reports' own words find their paragraph where the question's did not: "who won the contest" is offered
 * "What about Beverly Jones and curry queen?".
 */

/** Two phrases say what a sentence is about; one often names only who or where (the eval's suggestion figure moves). */
const KEY_PHRASES = 2;
/** A longer run (a list of names, a headline of capitalised words) is cut: a suggestion stays a short question. */
const PHRASE_MAX_WORDS = 6;
/** What may stand between two words of one phrase: spaces, and nothing that ends a clause. */
const WITHIN_PHRASE = /^[\s'’-]*$/;

interface KeyPhrase {
  text: string;
  at: number;
  weight: number;
}

function keyPhrases(kb: KnowledgeBase, quote: string): KeyPhrase[] {
  const passages = Math.max(1, kb.passages.length);
  const weightOf = (stem: string) => Math.log(1 + passages / Math.max(1, kb.passageIndex.postingsOf(stem)));
  const phrases: KeyPhrase[] = [];
  let run: Array<{ start: number; end: number; stem: string }> = [];
  const close = () => {
    if (run.length > 0) {
      const words = run.slice(0, PHRASE_MAX_WORDS);
      const weight = [...new Set(words.map((word) => word.stem))].reduce((sum, stem) => sum + weightOf(stem), 0);
      phrases.push({ text: quote.slice(words[0]!.start, words.at(-1)!.end), at: words[0]!.start, weight });
    }
    run = [];
  };
  for (const token of tokenize(quote)) {
    const stem = contentStem(token.word);
    const previous = run.at(-1);
    if (previous && !WITHIN_PHRASE.test(quote.slice(previous.end, token.start))) close();
    if (stem === null || token.word.length < 2) close();
    else run.push({ start: token.start, end: token.end, stem });
  }
  close();
  return phrases;
}

/** The quote's two heaviest key phrases in its order, joined by "and"; null when it has none. */
export function salientPhrase(kb: KnowledgeBase, quote: string): string | null {
  const chosen = keyPhrases(kb, quote)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, KEY_PHRASES)
    .sort((a, b) => a.at - b.at)
    .map((phrase) => phrase.text.replace(/\s+/g, ' '));
  return chosen.length > 0 ? chosen.join(' and ') : null;
}
