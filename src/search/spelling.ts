import editDistance from 'damerau-levenshtein';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { isStopWord, stopWords } from '../kb/text.ts';

/**
 * Corrects a misspelt question word to a word the reports use ("personaly" → "personally"). Stemming a typo gives
 * a stem nothing else has, so correction happens on surface words, before stemming: MiniSearch's fuzzy radix-tree
 * lookup finds the words within two edits; the fewest edits win, two swapped letters counting as one ("frist" is
 * "first", not "fritz"; "fiter" is "fitter", not "after"), then fuse.js's character similarity, then frequency.
 * Stop words are candidates too, so a misspelt one ("reprot", "abotu") is read as the stop word it is rather than
 * as the nearest word of the reports.
 */

const MIN_WORD_LENGTH = 4;
const MAX_FUSE_SCORE = 0.4;
/** Words within two edits that are compared: a short word has dozens, and MiniSearch's order is not by edits. */
const MAX_CANDIDATES = 40;

export class SpellingCorrector {
  private readonly words: MiniSearch<{ id: number; word: string }>;
  private readonly vocabulary: string[];

  constructor(private readonly frequency: ReadonlyMap<string, number>) {
    const usable = (word: string) => word.length >= MIN_WORD_LENGTH - 1 && !/\d/.test(word);
    this.vocabulary = [...new Set([...frequency.keys(), ...stopWords()])].filter(usable);
    this.words = new MiniSearch({ fields: ['word'], storeFields: [], processTerm: (term) => term });
    this.words.addAll(this.vocabulary.map((word, id) => ({ id, word })));
  }

  knows(word: string): boolean {
    return this.frequency.has(word);
  }

  /** How often the reports use a content word (0: never). */
  frequencyOf(word: string): number {
    return this.frequency.get(word) ?? 0;
  }

  /**
   * The word of the reports, or the stop word, that a misspelt word most likely is. `maxEdits` 1 for a real word,
   * which may be a typo of another ("intensions") but is more often just a word.
   */
  correct(word: string, maxEdits = 2): string | null {
    if (word.length < MIN_WORD_LENGTH || /\d/.test(word) || this.frequency.has(word)) return null;
    const fuzzy = Math.min(maxEdits, word.length >= 5 ? 2 : 1);
    // Prefixes too: users shorten ("intel", "admin", "gov") as often as they misspell.
    const candidates = this.words
      .search(word, { fuzzy, maxFuzzy: fuzzy, prefix: true })
      .slice(0, MAX_CANDIDATES)
      .map((hit) => this.vocabulary[hit.id as number]!);
    if (candidates.length === 0) return null;
    const ranked = new Fuse(candidates, { includeScore: true, ignoreLocation: true, threshold: MAX_FUSE_SCORE })
      .search(word)
      .filter((result) => (result.score ?? 1) <= MAX_FUSE_SCORE);
    // A stop word wins a tie: it is far more common than any word of the reports.
    const commonness = (word: string) => (isStopWord(word) ? Number.MAX_SAFE_INTEGER : (this.frequency.get(word) ?? 0));
    // A shortened word ("intel") is as near its whole word as one edit.
    const edits = (candidate: string) => (candidate.startsWith(word) ? 1 : editDistance(word, candidate).steps);
    ranked.sort((a, b) => edits(a.item) - edits(b.item) || (a.score ?? 1) - (b.score ?? 1) || commonness(b.item) - commonness(a.item));
    return ranked[0]?.item ?? null;
  }
}
