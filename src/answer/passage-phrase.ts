import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { lexiconTags } from '../kb/english-model.ts';
import { contentStem, tokenize } from '../kb/text.ts';
import { searchEngineFor } from '../search/engine.ts';

/**
 * What a quote is about in its own words, for suggesting a question to a declined one: its key phrases, found the
 * way RAKE finds them (runs of content words between stop words and punctuation, less a verb or adverb at either
 * end, and split where a word telling when or a past-tense verb stands inside: "Solani later told reporters"),
 * weighted by how rare their words are across the reports (summed inverse document frequency), the two
 * heaviest kept in the quote's order: "Beverly Jones, from Newington, was crowned curry queen" gives "What about
 * Beverly Jones and curry queen?". The reports' own words find their paragraph where a paraphrased question's
 * words did not.
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

const VERB_OR_ADVERB = new Set([
  'PastTense',
  'PresentTense',
  'Infinitive',
  'Gerund',
  'Participle',
  'Adverb',
  'Modal',
  'Copula',
  'Auxiliary',
]);

/** "even though", "despite": words that join or place, which end a phrase as a stop word does. */
const JOINING = new Set(['Conjunction', 'Preposition']);

function joins(text: string): boolean {
  return text === text.toLowerCase() && lexiconTags(text).some((tag) => JOINING.has(tag));
}

/** A lowercase word the lexicon tags with one of `tags`; one it lacks is read by its ending ("-ed", "-ly"). */
function isLowercaseTagged(text: string, tags: ReadonlySet<string>): boolean {
  if (text !== text.toLowerCase()) return false;
  const found = lexiconTags(text);
  return found.length > 0 ? found.some((tag) => tags.has(tag)) : /(?:ed|ly)$/.test(text);
}

/** A lowercase verb or adverb at a phrase's edge ("crowned curry queen", "fortunes began") says how, not what. */
const isVerbOrAdverb = (text: string) => isLowercaseTagged(text, VERB_OR_ADVERB);

const DIGITS = /^\d+$/;
const CURRENCY = /^[$£€¥₹]$/u;

/**
 * Lowercase words that tell when or how often ("later", "last", "every"), and verbs other than a present tense,
 * which also names things ("charges", "plans"): inside a run of content words they end one phrase and begin the
 * next, as "Solani later told reporters" is about Solani and reporters, not a phrase to ask about.
 */
const TIME_WORDS = new Set(['later', 'earlier', 'soon', 'sometime', 'ago', 'last', 'next', 'every', 'several', 'recently', 'prior']);
const SPLITTING_TAGS = new Set(['PastTense', 'Infinitive', 'Modal', 'Copula', 'Auxiliary', 'Adverb']);

const splits = (text: string) => TIME_WORDS.has(text) || isLowercaseTagged(text, SPLITTING_TAGS);

/** A number, a number word or a unit of time ("40", "two", "months"). */
function isAmountOrSpan(text: string): boolean {
  if (/^\d/.test(text)) return true;
  const tags = lexiconTags(text.toLowerCase());
  return tags.length > 0 && tags.every((tag) => ['Cardinal', 'TextValue', 'Multiple', 'Duration', 'Date'].includes(tag));
}

function keyPhrases(kb: KnowledgeBase, quote: string): KeyPhrase[] {
  // The weight the engine gives the stem as a question word: its IDF across the reports.
  const { context } = searchEngineFor(kb);
  const weightOf = (stem: string) => context.stemWeight(stem);
  const phrases: KeyPhrase[] = [];
  let run: Array<{ start: number; end: number; stem: string }> = [];
  const close = () => {
    if (run.length > 0) {
      let words = run.slice(0, PHRASE_MAX_WORDS);
      const edge = (word: (typeof words)[number]) => isVerbOrAdverb(quote.slice(word.start, word.end));
      while (words.length > 1 && edge(words[0]!)) words = words.slice(1);
      while (words.length > 1 && edge(words.at(-1)!)) words = words.slice(0, -1);
      // A verb or adverb alone ("was held" gives "held") names nothing to ask about.
      if (words.length === 1 && edge(words[0]!)) {
        run = [];
        return;
      }
      // An amount or a span of time alone ("40", "two months") names nothing to ask about.
      if (words.every((word) => isAmountOrSpan(quote.slice(word.start, word.end)))) {
        run = [];
        return;
      }
      const weight = [...new Set(words.map((word) => word.stem))].reduce((sum, stem) => sum + weightOf(stem), 0);
      // A sum keeps its currency sign ("$5,000 bond").
      const start = words[0]!.start - (CURRENCY.test(quote.charAt(words[0]!.start - 1)) ? 1 : 0);
      phrases.push({ text: quote.slice(start, words.at(-1)!.end), at: start, weight });
    }
    run = [];
  };
  for (const token of tokenize(quote)) {
    const stem = contentStem(token.word);
    const previous = run.at(-1);
    const text = quote.slice(token.start, token.end);
    const gap = previous ? quote.slice(previous.end, token.start) : '';
    // "5,000" is one number, though the tokenizer reads its digit groups apart.
    const numberGoesOn =
      previous !== undefined && gap === ',' && DIGITS.test(text) && DIGITS.test(quote.slice(previous.start, previous.end));
    if (previous && !numberGoesOn && !WITHIN_PHRASE.test(gap)) close();
    if (stem === null || (token.word.length < 2 && !DIGITS.test(text)) || joins(text) || splits(text)) close();
    // A number's later digit groups ("000" of "5,000") do not open a phrase.
    else if (run.length === 0 && DIGITS.test(text) && /\d[,.]$/.test(quote.slice(Math.max(0, token.start - 2), token.start))) continue;
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
