import Fuse from 'fuse.js';
import type { EntityMatcher } from '../kb/entity-matcher.ts';

/**
 * Fuzzy lookup of entity names for user text ("puttin", "mcfall", "jon sipher"). fuse.js scores a phrase against
 * every alias; as fuse.js finds a pattern anywhere inside a longer text and its threshold does not bound the final
 * score, results are filtered here on score and on length, so "put" never matches "Putin".
 */

const MAX_SCORE = 0.3;
const MIN_PHRASE_LENGTH = 4;

export interface FuzzyEntityMatch {
  entityId: string;
  alias: string;
  score: number;
}

export class FuzzyEntityLookup {
  private readonly fuse: Fuse<{ alias: string; entityId: string }>;

  constructor(matcher: EntityMatcher) {
    this.fuse = new Fuse(matcher.aliases(), {
      keys: ['alias'],
      includeScore: true,
      ignoreLocation: true,
      threshold: MAX_SCORE,
    });
  }

  /** The best entity for a normalised phrase, or null when nothing is close enough. */
  find(phrase: string): FuzzyEntityMatch | null {
    if (phrase.length < MIN_PHRASE_LENGTH) return null;
    for (const result of this.fuse.search(phrase, { limit: 5 })) {
      const score = result.score ?? 1;
      const ratio = phrase.length / result.item.alias.length;
      if (score <= MAX_SCORE && ratio >= 0.75 && ratio <= 1.34) return { ...result.item, score };
    }
    return null;
  }
}
