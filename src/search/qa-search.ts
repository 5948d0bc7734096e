import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentTerms } from '../kb/text.ts';
import type { QaPair } from '../kb/types.ts';
import type { ScoringOptions } from '../answer/scoring-options.ts';
import { coverage, type SoftMatcher, type TextFeatures } from './coverage.ts';
import { analyzeQuestion, type AnalyzedQuestion, type Concept, type QueryContext } from './query.ts';

/**
 * Matches a question to the curated Q&A through each entry's question and its alternative phrasings. A match must
 * work both ways: the question's concepts found in the phrasing (forward) and the phrasing's concepts found in the
 * question (backward), so "Was Putin involved?" does not take the answer to "Was Putin involved in the poisoning?".
 * fuse.js token search re-scores with typo-tolerant, TF-IDF weighted word matching over the same phrasings.
 */

export interface QaHit {
  pair: QaPair;
  /** Share of the question found in the best phrasing. */
  forward: number;
  /** Share of that phrasing found in the question. */
  backward: number;
  /** fuse.js's typo-tolerant match of the phrasing, 0 when it found none. */
  fuzzy: number;
  phrasing: string;
}

const MAX_FUZZY_CONCEPTS = 8;
const FUZZY_CANDIDATES = 20;
const FUSE_OPTIONS = {
  keys: ['text'],
  includeScore: true,
  ignoreLocation: true,
  useTokenSearch: true,
  tokenize: (text: string) => contentTerms(text),
  threshold: 0.4,
};
const MAX_FUZZY_LABEL = 24;

interface Phrasing {
  pairIndex: number;
  text: string;
  concepts: Concept[];
  features: TextFeatures;
}

function featuresOfQuestion(analyzed: AnalyzedQuestion): TextFeatures {
  return {
    stems: new Set(analyzed.concepts.flatMap((concept) => concept.stems)),
    entityIds: new Set(analyzed.entityIds),
    vectorIds: analyzed.concepts.map((concept) => concept.vectorId).filter((id) => id >= 0),
  };
}

export class QaMatcher {
  private readonly phrasings: Phrasing[] = [];

  constructor(
    private readonly kb: KnowledgeBase,
    context: QueryContext,
    options: ScoringOptions,
  ) {
    kb.qa.forEach((pair, pairIndex) => {
      for (const text of [pair.question, ...pair.alternatives]) {
        const analyzed = analyzeQuestion(text, context, options);
        this.phrasings.push({
          pairIndex,
          text,
          concepts: analyzed.concepts,
          features: featuresOfQuestion(analyzed),
        });
      }
    });
  }

  match(analyzed: AnalyzedQuestion, options: ScoringOptions, soft: SoftMatcher, limit = 5): QaHit[] {
    if (analyzed.concepts.length === 0 || this.phrasings.length === 0) return [];
    const asked = featuresOfQuestion(analyzed);
    const blend = (forward: number, backward: number) => options.qaForwardWeight * forward + options.qaBackwardWeight * backward;
    const candidates = this.phrasings
      .map((phrasing) => ({ phrasing, forward: coverage(analyzed.concepts, phrasing.features, soft) }))
      .filter((candidate) => candidate.forward > 0)
      .map((candidate) => ({ ...candidate, backward: coverage(candidate.phrasing.concepts, asked, soft) }))
      .sort((a, b) => blend(b.forward, b.backward) - blend(a.forward, a.backward))
      .slice(0, FUZZY_CANDIDATES);
    // fuse.js re-scores the best candidates only, and is given the question's concepts rather than its raw text:
    // its cost grows with every phrasing and every word, and a question can be a thousand characters of noise.
    const words = analyzed.concepts
      .map((concept) => concept.label)
      .filter((label) => label.length <= MAX_FUZZY_LABEL)
      .slice(0, MAX_FUZZY_CONCEPTS)
      .join(' ');
    const fuzzy = new Map<Phrasing, number>();
    const fuse = new Fuse(
      candidates.map((candidate) => candidate.phrasing),
      FUSE_OPTIONS,
    );
    for (const result of words ? fuse.search(words) : []) fuzzy.set(result.item, 1 - (result.score ?? 1));
    const best = new Map<number, { hit: QaHit; score: number }>();
    for (const { phrasing, forward, backward } of candidates) {
      const hit = { pair: this.kb.qa[phrasing.pairIndex]!, forward, backward, fuzzy: fuzzy.get(phrasing) ?? 0, phrasing: phrasing.text };
      const score = blend(forward, backward) + options.qaFuzzyWeight * hit.fuzzy;
      const current = best.get(phrasing.pairIndex);
      if (!current || score > current.score) best.set(phrasing.pairIndex, { hit, score });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ hit }) => hit);
  }
}
