import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentStem, stemWord, tokenize } from '../kb/text.ts';
import type { Passage } from '../kb/types.ts';
import { coverage, type TextFeatures } from './coverage.ts';
import type { AnalyzedQuestion } from './query.ts';

/**
 * Candidates from the inverted index (BM25 over stems, entity names included), then re-scored by how much of the
 * question each passage and each of its sentences covers. The best sentence, or two neighbouring sentences when
 * together they cover more, becomes the quote.
 */

export interface PassageHit {
  passage: Passage;
  /** Share of the question the whole passage covers (its heading included). */
  coverage: number;
  /** Share of the question the quoted sentence(s) cover. */
  quoteCoverage: number;
  quote: { start: number; end: number };
  bm25: number;
  score: number;
}

const CANDIDATES = 20;

interface SentenceFeatures extends TextFeatures {
  start: number;
  end: number;
}

function featuresOf(kb: KnowledgeBase, passage: Passage): { passage: TextFeatures; sentences: SentenceFeatures[] } {
  const sentences: SentenceFeatures[] = passage.sentences.map((span) => ({ ...span, stems: new Set(), entityIds: new Set() }));
  const sentenceAt = (offset: number) => sentences.find((sentence) => offset >= sentence.start && offset < sentence.end);
  const stems = new Set<string>();
  const tokens = tokenize(passage.text);
  for (const token of tokens) {
    const stem = contentStem(token.word);
    if (stem === null) continue;
    stems.add(stem);
    (sentenceAt(passage.start + token.start)?.stems as Set<string> | undefined)?.add(stem);
  }
  if (passage.heading) for (const token of tokenize(passage.heading)) stems.add(stemWord(token.word));
  for (const mention of kb.entityMatcher.findMentions(passage.text, { caseSensitiveSingleWords: true }, tokens)) {
    (sentenceAt(passage.start + mention.start)?.entityIds as Set<string> | undefined)?.add(mention.entityId);
  }
  return { passage: { stems, entityIds: new Set(passage.entityIds) }, sentences };
}

function union(a: SentenceFeatures, b: SentenceFeatures): SentenceFeatures {
  return {
    start: Math.min(a.start, b.start),
    end: Math.max(a.end, b.end),
    stems: new Set([...a.stems, ...b.stems]),
    entityIds: new Set([...a.entityIds, ...b.entityIds]),
  };
}

function bestQuote(question: AnalyzedQuestion, sentences: SentenceFeatures[]): { span: SentenceFeatures; coverage: number } {
  let best = { span: sentences[0]!, coverage: coverage(question.concepts, sentences[0]!) };
  sentences.forEach((sentence, index) => {
    const single = coverage(question.concepts, sentence);
    if (single > best.coverage) best = { span: sentence, coverage: single };
    const next = sentences[index + 1];
    if (next) {
      const pair = union(sentence, next);
      const paired = coverage(question.concepts, pair);
      // Two sentences only when together they answer clearly more than either alone.
      if (paired > Math.max(best.coverage, single, coverage(question.concepts, next)) + 0.05) best = { span: pair, coverage: paired };
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

function lookupTerms(kb: KnowledgeBase, question: AnalyzedQuestion): Map<string, number> {
  const weights = new Map<string, number>();
  for (const concept of question.concepts) {
    for (const stem of concept.searchStems) weights.set(stem, Math.max(weights.get(stem) ?? 0, concept.weight * concept.certainty));
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

export function searchPassages(kb: KnowledgeBase, question: AnalyzedQuestion, limit = 5): PassageHit[] {
  const terms = lookupTerms(kb, question);
  if (terms.size === 0) return [];
  const candidates = kb.passageIndex.search(terms, CANDIDATES);
  const topBm25 = candidates[0]?.score ?? 1;
  const hits = candidates.map((result): PassageHit => {
    const passage = kb.passages[result.position]!;
    const features = featuresOf(kb, passage);
    const passageCoverage = coverage(question.concepts, features.passage);
    const quote = features.sentences.length > 0 ? bestQuote(question, features.sentences) : null;
    const quoteCoverage = quote?.coverage ?? passageCoverage;
    const bm25 = result.score / topBm25;
    return {
      passage,
      coverage: passageCoverage,
      quoteCoverage,
      quote: quote ? { start: quote.span.start, end: quote.span.end } : { start: passage.start, end: passage.end },
      bm25,
      score: 0.55 * passageCoverage + 0.3 * quoteCoverage + 0.15 * bm25,
    };
  });
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
