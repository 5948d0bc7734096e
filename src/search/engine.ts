import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentTerms, stemWord } from '../kb/text.ts';
import { englishStems } from '../kb/thesaurus.ts';
import { FuzzyEntityLookup } from './entity-lookup.ts';
import { searchPassages, type PassageHit } from './passage-search.ts';
import { QaMatcher, type QaHit } from './qa-search.ts';
import { analyzeQuestion, type AnalyzedQuestion, type QueryContext } from './query.ts';
import { SpellingCorrector } from './spelling.ts';

/** Everything question → hits needs for one knowledge base, built once per knowledge base. */

export interface SearchResult {
  analyzed: AnalyzedQuestion;
  qa: QaHit[];
  passages: PassageHit[];
}

/** BM25's IDF: rare terms weigh more; it never goes negative for terms in most documents. */
function idf(documentFrequency: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export class SearchEngine {
  readonly context: QueryContext;
  readonly qaMatcher: QaMatcher;

  constructor(readonly kb: KnowledgeBase) {
    const { documentCount, stemDocumentFrequency, wordFrequency, relatedStems } = kb.terms;
    const english = englishStems();
    const entityFrequency = new Map<string, number>();
    for (const passage of kb.passages) {
      for (const id of passage.entityIds) entityFrequency.set(id, (entityFrequency.get(id) ?? 0) + 1);
    }
    const entityStems = new Map(kb.entities.map((entity) => [entity.id, [...new Set(contentTerms(entity.name))]]));
    this.context = {
      matcher: kb.entityMatcher,
      fuzzyEntities: new FuzzyEntityLookup(kb.entityMatcher),
      speller: new SpellingCorrector(wordFrequency),
      stemWeight: (stem) => idf(stemDocumentFrequency.get(stem) ?? 0, documentCount),
      entityWeight: (id) => idf(entityFrequency.get(id) ?? 0, documentCount),
      entityStems: (id) => entityStems.get(id) ?? [],
      entityName: (id) => kb.entity(id)?.name ?? id,
      unknownWeight: idf(0, documentCount),
      isEnglish: (word) => english.has(stemWord(word)),
      relatedStems: (stem) => relatedStems.get(stem) ?? [],
    };
    this.qaMatcher = new QaMatcher(kb, this.context);
  }

  search(question: string): SearchResult {
    const analyzed = analyzeQuestion(question, this.context);
    return { analyzed, qa: this.qaMatcher.match(analyzed), passages: searchPassages(this.kb, analyzed) };
  }
}

const engines = new WeakMap<KnowledgeBase, SearchEngine>();

/** The engine of a knowledge base, made on first use and dropped with the knowledge base after a refresh. */
export function searchEngineFor(kb: KnowledgeBase): SearchEngine {
  let engine = engines.get(kb);
  if (!engine) {
    engine = new SearchEngine(kb);
    engines.set(kb, engine);
  }
  return engine;
}
