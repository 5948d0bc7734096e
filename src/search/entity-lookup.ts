import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { EntityMatcher } from '../kb/entity-matcher.ts';

/**
 * Fuzzy lookup of entity names for user text ("puttin", "mcfall", "jon sipher"). fuse.js scores a phrase against
 * aliases; as fuse.js finds a pattern anywhere inside a longer text and its threshold does not bound the final
 * score, results are filtered here on score and on length, so "put" never matches "Putin".
 *
 * fuse.js scans every alias it is given, which is fine for a curated list and not for the thousands of names found
 * in a large collection of reports (40 ms a question at 4,000 entities). So MiniSearch's radix tree first picks the
 * aliases whose every word is within two edits of the phrase's words, and fuse.js scores only those.
 */

const MAX_SCORE = 0.3;
const MIN_PHRASE_LENGTH = 4;
/** Aliases fuse.js re-scores per look-up: the radix tree's best, by its own score. */
const MAX_CANDIDATES = 30;

export interface FuzzyEntityMatch {
  entityId: string;
  alias: string;
  score: number;
}

interface AliasEntry {
  id: number;
  alias: string;
  entityId: string;
}

export class FuzzyEntityLookup {
  private readonly entries: AliasEntry[];
  private readonly index: MiniSearch<AliasEntry>;

  constructor(matcher: EntityMatcher) {
    this.entries = matcher.aliases().map((item, id) => ({ id, ...item }));
    this.index = new MiniSearch<AliasEntry>({ fields: ['alias'], storeFields: [], processTerm: (term) => term });
    this.index.addAll(this.entries);
  }

  /** The best entity for a normalised phrase, or null when nothing is close enough. */
  find(phrase: string): FuzzyEntityMatch | null {
    if (phrase.length < MIN_PHRASE_LENGTH) return null;
    const candidates = this.index
      .search(phrase, { fuzzy: (term) => (term.length <= 4 ? 1 : 2), combineWith: 'AND' })
      .slice(0, MAX_CANDIDATES)
      .map((result) => this.entries[result.id as number]!);
    if (candidates.length === 0) return null;
    const fuse = new Fuse(candidates, { keys: ['alias'], includeScore: true, ignoreLocation: true, threshold: MAX_SCORE });
    for (const result of fuse.search(phrase, { limit: 5 })) {
      const score = result.score ?? 1;
      const ratio = phrase.length / result.item.alias.length;
      if (score <= MAX_SCORE && ratio >= 0.75 && ratio <= 1.34) return { entityId: result.item.entityId, alias: result.item.alias, score };
    }
    return null;
  }
}
