import MiniSearch, { type AsPlainObject } from 'minisearch';
import { contentTerms } from './text.ts';

/**
 * The candidate index over passages: MiniSearch's inverted index with BM25 ranking, fed with the engine's own
 * tokenizer and stemmer so index and questions agree on every word. Documents are passage positions, which keeps
 * the index small; src/search re-scores the candidates it returns. Queries must be stems too.
 */

export interface PassageDocument {
  id: number;
  /** The passage's stems, space-separated: words are split and stemmed once, by the build, not again here. */
  text: string;
  heading: string;
  /** Stems of the canonical names of the entities the passage mentions, so "Russia's president" is found by "Putin". */
  entities: string;
}

export const PASSAGE_INDEX_OPTIONS = {
  fields: ['text', 'heading', 'entities'],
  storeFields: [] as string[],
  tokenize: (stems: string) => stems.split(' '),
  processTerm: (stem: string) => stem || null,
};

export type PassageIndex = MiniSearch<PassageDocument>;

export interface IndexablePassage {
  stems: string[];
  heading: string | null;
  entityNames: string[];
}

export function buildPassageIndex(passages: readonly IndexablePassage[]): PassageIndex {
  const index = new MiniSearch<PassageDocument>(PASSAGE_INDEX_OPTIONS);
  const headingStems = new Map<string, string>();
  index.addAll(
    passages.map((passage, position) => {
      const heading = passage.heading ?? '';
      if (!headingStems.has(heading)) headingStems.set(heading, contentTerms(heading).join(' '));
      return {
        id: position,
        text: passage.stems.join(' '),
        heading: headingStems.get(heading)!,
        entities: passage.entityNames.flatMap(contentTerms).join(' '),
      };
    }),
  );
  return index;
}

export function loadPassageIndex(plain: AsPlainObject): PassageIndex {
  return MiniSearch.loadJS<PassageDocument>(plain, PASSAGE_INDEX_OPTIONS);
}
