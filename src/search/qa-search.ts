import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentTerms } from '../kb/text.ts';
import type { QaPair } from '../kb/types.ts';
import { coverage, type TextFeatures } from './coverage.ts';
import { analyzeQuestion, type AnalyzedQuestion, type Concept, type QueryContext } from './query.ts';

/**
 * Matches a question to the curated Q&A through each entry's question and its alternative phrasings. A match must
 * work both ways: the question's concepts found in the phrasing (forward) and the phrasing's concepts found in the
 * question (backward), so "Was Putin involved?" does not take the answer to "Was Putin involved in the poisoning?".
 * fuse.js token search re-scores with typo-tolerant, TF-IDF weighted word matching over the same phrasings.
 */

export interface QaHit {
  pair: QaPair;
  score: number;
  forward: number;
  backward: number;
  phrasing: string;
}

interface Phrasing {
  pairIndex: number;
  text: string;
  concepts: Concept[];
  features: TextFeatures;
}

function featuresOfQuestion(analyzed: AnalyzedQuestion): TextFeatures {
  return { stems: new Set(analyzed.concepts.flatMap((concept) => concept.stems)), entityIds: new Set(analyzed.entityIds) };
}

export class QaMatcher {
  private readonly phrasings: Phrasing[] = [];
  private readonly fuse: Fuse<Phrasing>;

  constructor(
    private readonly kb: KnowledgeBase,
    context: QueryContext,
  ) {
    kb.qa.forEach((pair, pairIndex) => {
      for (const text of [pair.question, ...pair.alternatives]) {
        const analyzed = analyzeQuestion(text, context);
        this.phrasings.push({
          pairIndex,
          text,
          concepts: analyzed.concepts,
          features: featuresOfQuestion(analyzed),
        });
      }
    });
    this.fuse = new Fuse(this.phrasings, {
      keys: ['text'],
      includeScore: true,
      ignoreLocation: true,
      useTokenSearch: true,
      tokenize: (text: string) => contentTerms(text),
      threshold: 0.4,
    });
  }

  match(question: string, analyzed: AnalyzedQuestion, limit = 5): QaHit[] {
    if (analyzed.concepts.length === 0 || this.phrasings.length === 0) return [];
    const asked = featuresOfQuestion(analyzed);
    const fuzzy = new Map<number, number>();
    for (const result of this.fuse.search(question, { limit: 50 })) {
      fuzzy.set(result.refIndex, 1 - (result.score ?? 1));
    }
    const best = new Map<number, QaHit>();
    this.phrasings.forEach((phrasing, index) => {
      const forward = coverage(analyzed.concepts, phrasing.features);
      if (forward === 0) return;
      const backward = coverage(phrasing.concepts, asked);
      const score = 0.55 * forward + 0.3 * backward + 0.15 * (fuzzy.get(index) ?? 0);
      const current = best.get(phrasing.pairIndex);
      if (!current || score > current.score) {
        best.set(phrasing.pairIndex, { pair: this.kb.qa[phrasing.pairIndex]!, score, forward, backward, phrasing: phrasing.text });
      }
    });
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
