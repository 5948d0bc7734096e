import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Bm25Parameters } from '../kb/passage-index.ts';
import type { Passage } from '../kb/types.ts';
import type { ScoringOptions } from '../answer/scoring-options.ts';
import { textHolds, type ValueKind } from '../kb/value-cues.ts';
import { conceptDegrees, coverage, coverageOfDegrees, type SoftMatcher } from './coverage.ts';
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

/**
 * A paragraph's words with the kinds of value each sentence states, of those the question names. Most questions
 * name none: their paragraphs' kept words are used as they are, and no text is scanned.
 */
function featuresOf(words: PassageWords, passage: Passage, valueKinds: readonly ValueKind[]): PassageWords {
  if (valueKinds.length === 0) return words;
  const stated = (start: number, end: number): ReadonlySet<ValueKind> =>
    new Set(valueKinds.filter((kind) => textHolds(kind, passage.text.slice(start - passage.start, end - passage.start))));
  const sentences = words.sentences.map((sentence) => ({ ...sentence, valueKinds: stated(sentence.start, sentence.end) }));
  const passageValues = new Set(sentences.flatMap((sentence) => [...sentence.valueKinds]));
  return { passage: { ...words.passage, valueKinds: passageValues }, sentences };
}

/**
 * The sentence, or two neighbouring sentences when together they cover clearly more, that best answers the
 * question. Each sentence's concept degrees are found once; a pair's are their maxima, so no pair is built.
 */
function bestQuote(
  question: AnalyzedQuestion,
  sentences: readonly SentenceWords[],
  soft: SoftMatcher,
  pairGain: number,
): { start: number; end: number; coverage: number } {
  const { concepts } = question;
  const power = soft.coveragePower;
  const degrees = sentences.map((sentence) => conceptDegrees(concepts, sentence, soft));
  const covered = degrees.map((sentence) => coverageOfDegrees(concepts, sentence, power));
  let best = { start: sentences[0]!.start, end: sentences[0]!.end, coverage: covered[0]! };
  sentences.forEach((sentence, index) => {
    const single = covered[index]!;
    if (single > best.coverage) best = { start: sentence.start, end: sentence.end, coverage: single };
    const next = sentences[index + 1];
    if (next) {
      const paired = coverageOfDegrees(concepts, degrees[index]!, power, degrees[index + 1]!);
      // Two sentences only when together they answer clearly more than either alone.
      if (paired > Math.max(best.coverage, single, covered[index + 1]!) + pairGain)
        best = { start: sentence.start, end: next.end, coverage: paired };
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
      quote: quote ? { start: quote.start, end: quote.end } : { start: passage.start, end: passage.end },
      bm25: result.score / topBm25,
    };
  });
}
