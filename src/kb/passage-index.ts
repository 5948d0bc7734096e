import MiniSearch, { type AsPlainObject } from 'minisearch';
import { processIndexTerm, tokenizeForIndex } from './text.ts';
import type { Passage } from './types.ts';

/**
 * The candidate index over passages: MiniSearch's inverted index with BM25 ranking, fed with the engine's own
 * tokenizer and stemmer so index and questions agree on every word. Documents are passage positions, which keeps
 * the index small; src/search re-scores the candidates it returns.
 */

export interface PassageDocument {
  id: number;
  text: string;
  heading: string;
  /** Canonical names of the entities the passage mentions, so "Russia's president" is found by "Putin". */
  entities: string;
}

export const PASSAGE_INDEX_OPTIONS = {
  fields: ['text', 'heading', 'entities'],
  storeFields: [] as string[],
  tokenize: tokenizeForIndex,
  processTerm: processIndexTerm,
};

export type PassageIndex = MiniSearch<PassageDocument>;

export function buildPassageIndex(passages: readonly Passage[], entityName: (id: string) => string): PassageIndex {
  const index = new MiniSearch<PassageDocument>(PASSAGE_INDEX_OPTIONS);
  index.addAll(
    passages.map((passage, position) => ({
      id: position,
      text: passage.text,
      heading: passage.heading ?? '',
      entities: passage.entityIds.map(entityName).join(' '),
    })),
  );
  return index;
}

export function loadPassageIndex(plain: AsPlainObject): PassageIndex {
  return MiniSearch.loadJS<PassageDocument>(plain, PASSAGE_INDEX_OPTIONS);
}
