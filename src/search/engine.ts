import { DEFAULT_SCORING, type ScoringOptions } from '../answer/scoring-options.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentTerms, stemWord } from '../kb/text.ts';
import { englishStems } from '../kb/thesaurus.ts';
import { FuzzyEntityLookup } from './entity-lookup.ts';
import { searchPassages, type PassageHit } from './passage-search.ts';
import { PassageWordCache } from './passage-words.ts';
import { QaMatcher, type QaHit } from './qa-search.ts';
import { analyzeQuestion, type AnalyzedQuestion, type QueryContext } from './query.ts';
import { SoftMatcher } from './coverage.ts';
import { SpellingCorrector } from './spelling.ts';
import { wordVectors } from './vectors/word-vectors.ts';
import { loadWordForms } from './word-forms.ts';

/** Everything question → hits needs for one knowledge base, built once per knowledge base. */

export interface SearchResult {
  question: string;
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
  /** Curated phrasings are analysed with the scoring options' certainties, so once per set of options. */
  private readonly qaMatchers = new Map<string, QaMatcher>();
  private readonly passageWords: PassageWordCache;

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
      entityType: (id) => kb.entity(id)?.type,
      unknownWeight: idf(0, documentCount),
      isEnglish: (word) => english.has(stemWord(word)),
      relatedStems: (stem) => relatedStems.get(stem) ?? [],
      vectors: wordVectors(),
      hasStem: (stem) => kb.passageIndex.postingsOf(stem) > 0,
    };
    this.passageWords = new PassageWordCache(kb, this.context);
    // Derived once per process; here rather than inside the first question's analysis.
    loadWordForms();
  }

  private qaMatcher(options: ScoringOptions): QaMatcher {
    const key = options === DEFAULT_SCORING ? 'default' : JSON.stringify(options);
    let matcher = this.qaMatchers.get(key);
    if (!matcher) {
      if (this.qaMatchers.size >= 8) this.qaMatchers.clear();
      this.qaMatchers.set(key, (matcher = new QaMatcher(this.kb, this.context, options)));
    }
    return matcher;
  }

  /**
   * `analysis` is the question's analysis when it was already made under options that read a question the same way
   * (its certainties and neighbour look-ups), as a second search with looser similarity is: reading a question,
   * with its spelling corrections, is a good part of a search.
   */
  search(question: string, options: ScoringOptions = DEFAULT_SCORING, analysis?: AnalyzedQuestion): SearchResult {
    const analyzed = analysis ?? analyzeQuestion(question, this.context, options);
    const soft = new SoftMatcher(this.context.vectors, options);
    return {
      question,
      analyzed,
      qa: this.qaMatcher(options).match(analyzed, options, soft),
      passages: searchPassages(this.kb, analyzed, options, soft, this.passageWords),
    };
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
