import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';

/**
 * Corrects a misspelt question word to a word the reports use ("personaly" → "personally"). Stemming a typo gives
 * a stem nothing else has, so correction happens on surface words, before stemming: MiniSearch's fuzzy radix-tree
 * lookup finds the words within two edits, then fuse.js re-scores those few candidates by character similarity and
 * the most similar (then most frequent) wins.
 */

const MIN_WORD_LENGTH = 4;
const MAX_FUSE_SCORE = 0.4;

export class SpellingCorrector {
  private readonly words: MiniSearch<{ id: number; word: string }>;
  private readonly vocabulary: string[];

  constructor(private readonly frequency: ReadonlyMap<string, number>) {
    this.vocabulary = [...frequency.keys()].filter((word) => word.length >= MIN_WORD_LENGTH - 1 && !/\d/.test(word));
    this.words = new MiniSearch({ fields: ['word'], storeFields: [], processTerm: (term) => term });
    this.words.addAll(this.vocabulary.map((word, id) => ({ id, word })));
  }

  knows(word: string): boolean {
    return this.frequency.has(word);
  }

  /** `maxEdits` 1 for a real word, which may be a typo of another ("intensions") but is more often just a word. */
  correct(word: string, maxEdits = 2): string | null {
    if (word.length < MIN_WORD_LENGTH || /\d/.test(word) || this.frequency.has(word)) return null;
    const fuzzy = Math.min(maxEdits, word.length >= 5 ? 2 : 1);
    // Prefixes too: users shorten ("intel", "admin", "gov") as often as they misspell.
    const candidates = this.words
      .search(word, { fuzzy, maxFuzzy: fuzzy, prefix: true })
      .slice(0, 12)
      .map((hit) => this.vocabulary[hit.id as number]!);
    if (candidates.length === 0) return null;
    const ranked = new Fuse(candidates, { includeScore: true, ignoreLocation: true, threshold: MAX_FUSE_SCORE })
      .search(word)
      .filter((result) => (result.score ?? 1) <= MAX_FUSE_SCORE);
    ranked.sort((a, b) => (a.score ?? 1) - (b.score ?? 1) || (this.frequency.get(b.item) ?? 0) - (this.frequency.get(a.item) ?? 0));
    return ranked[0]?.item ?? null;
  }
}
