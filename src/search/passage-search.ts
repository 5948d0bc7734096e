import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Bm25Parameters } from '../kb/passage-index.ts';
import type { Passage } from '../kb/types.ts';
import type { ScoringOptions } from '../answer/scoring-options.ts';
import { textHolds, type ValueKind } from '../kb/value-cues.ts';
import { coverage, type SoftMatcher, type TextFeatures } from './coverage.ts';
import type { AnalyzedQuestion } from './query.ts';
import type { PassageWordCache, PassageWords, SentenceWords } from './passage-words.ts';

/**
 * Candidates from the inverted index (BM25 over stems, entity names included, and over the question words'
 * nearest neighbours in meaning), then described by how much of the question each passage and each of its
 * sentences covers. The best sentence, or two neighbouring sentences when together they cover more, becomes the
 * quote. Ranking and confidence are src/answer/candidates.ts's, from these features.
 */

export interface PassageHit {
  passage: Passage;
  /** Share of the question the whole passage covers (its heading included). */
  coverage: number;
  /** Share of the question the quoted sentence(s) cover. */
  quoteCoverage: number;
  quote: { start: number; end: number };
  /** BM25 relative to the best candidate's. */
  bm25: number;
}

interface SentenceFeatures extends SentenceWords {
  valueKinds: ReadonlySet<ValueKind>;
}

const NO_VALUE_KINDS: ReadonlySet<ValueKind> = new Set();

/** A paragraph's words with the kinds of value each sentence states, of those the question names. */
function featuresOf(
  words: PassageWords,
  passage: Passage,
  valueKinds: readonly ValueKind[],
): { passage: TextFeatures; sentences: SentenceFeatures[] } {
  // Most questions name no kind of value: their sentences share one empty set and no text is scanned.
  const stated = (start: number, end: number): ReadonlySet<ValueKind> =>
    valueKinds.length === 0
      ? NO_VALUE_KINDS
      : new Set(valueKinds.filter((kind) => textHolds(kind, passage.text.slice(start - passage.start, end - passage.start))));
  const sentences = words.sentences.map((sentence) => ({ ...sentence, valueKinds: stated(sentence.start, sentence.end) }));
  const passageValues = valueKinds.length === 0 ? NO_VALUE_KINDS : new Set(sentences.flatMap((sentence) => [...sentence.valueKinds]));
  return { passage: { ...words.passage, valueKinds: passageValues }, sentences };
}

function union(a: SentenceFeatures, b: SentenceFeatures): SentenceFeatures {
  return {
    start: Math.min(a.start, b.start),
    end: Math.max(a.end, b.end),
    stems: new Set([...a.stems, ...b.stems]),
    entityIds: new Set([...a.entityIds, ...b.entityIds]),
    vectorIds: [...a.vectorIds, ...b.vectorIds],
    valueKinds: a.valueKinds.size + b.valueKinds.size === 0 ? NO_VALUE_KINDS : new Set([...a.valueKinds, ...b.valueKinds]),
  };
}

function bestQuote(
  question: AnalyzedQuestion,
  sentences: SentenceFeatures[],
  soft: SoftMatcher,
  pairGain: number,
): { span: SentenceFeatures; coverage: number } {
  const covered = sentences.map((sentence) => coverage(question.concepts, sentence, soft));
  let best = { span: sentences[0]!, coverage: covered[0]! };
  sentences.forEach((sentence, index) => {
    const single = covered[index]!;
    if (single > best.coverage) best = { span: sentence, coverage: single };
    const next = sentences[index + 1];
    if (next) {
      const pair = union(sentence, next);
      const paired = coverage(question.concepts, pair, soft);
      // Two sentences only when together they answer clearly more than either alone.
      if (paired > Math.max(best.coverage, single, covered[index + 1]!) + pairGain) best = { span: pair, coverage: paired };
    }
  });
  return best;
}

/**
 * Candidate lookup reads every posting of every question term: one multiply-add each, so even words in every
 * paragraph are affordable and still help rank. The budget only bounds a hostile question made of hundreds of
 * common words: terms join rarest first until their postings pass it.
 */
const POSTINGS_BUDGET = 500_000;
const MIN_LOOKUP_TERMS = 1;

function lookupTerms(kb: KnowledgeBase, question: AnalyzedQuestion, options: ScoringOptions): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (stem: string, weight: number) => weights.set(stem, Math.max(weights.get(stem) ?? 0, weight));
  for (const concept of question.concepts) {
    for (const stem of concept.searchStems) add(stem, concept.weight * concept.certainty);
    for (const { stem, similarity } of concept.neighbours) {
      add(stem, concept.weight * concept.softCertainty * similarity ** options.softMatchExponent);
    }
  }
  const frequency = (stem: string) => kb.passageIndex.postingsOf(stem);
  const chosen = new Map<string, number>();
  let postings = 0;
  for (const stem of [...weights.keys()].filter((term) => frequency(term) > 0).sort((a, b) => frequency(a) - frequency(b))) {
    if (chosen.size >= MIN_LOOKUP_TERMS && postings + frequency(stem) > POSTINGS_BUDGET) break;
    chosen.set(stem, weights.get(stem)!);
    postings += frequency(stem);
  }
  return chosen;
}

/** The index's BM25+ parameters and field weights, from the scoring options. */
export function bm25Parameters(options: ScoringOptions): Bm25Parameters {
  return {
    k1: options.bm25K1,
    b: options.bm25B,
    delta: options.bm25Delta,
    fieldWeights: [1, options.entityFieldWeight, options.headingFieldWeight],
  };
}

export function searchPassages(
  kb: KnowledgeBase,
  question: AnalyzedQuestion,
  options: ScoringOptions,
  soft: SoftMatcher,
  passageWords: PassageWordCache,
): PassageHit[] {
  const terms = lookupTerms(kb, question, options);
  if (terms.size === 0) return [];
  const candidates = kb.passageIndex.search(terms, Math.max(1, Math.round(options.candidatePassages)), bm25Parameters(options));
  const topBm25 = candidates[0]?.score || 1;
  const valueKinds = [...new Set(question.concepts.flatMap((concept) => (concept.value ? [concept.value.kind] : [])))];
  return candidates.map((result): PassageHit => {
    const passage = kb.passages[result.position]!;
    const features = featuresOf(passageWords.wordsOf(passage), passage, valueKinds);
    const passageCoverage = coverage(question.concepts, features.passage, soft);
    const quote = features.sentences.length > 0 ? bestQuote(question, features.sentences, soft, options.sentencePairGain) : null;
    return {
      passage,
      coverage: passageCoverage,
      quoteCoverage: quote?.coverage ?? passageCoverage,
      quote: quote ? { start: quote.span.start, end: quote.span.end } : { start: passage.start, end: passage.end },
      bm25: result.score / topBm25,
    };
  });
}
