import { describe, expect, it } from 'vitest';
import { NO_FEATURES, rankCandidates, type AnswerCandidate } from '../src/answer/candidates.ts';
import { DEFAULT_SCORING } from '../src/answer/scoring-options.ts';

/** A passage candidate of paragraph `paragraph` whose words fit the question this well. */
function passage(paragraph: number, fit: number, holdsAnswerType: boolean): AnswerCandidate {
  return {
    via: 'passage',
    answer: `paragraph ${paragraph}`,
    citations: [{ sourceId: 'tour.txt', title: 'Tour', outlet: null, url: null, paragraph, quote: `paragraph ${paragraph}` }],
    qaId: null,
    features: { ...NO_FEATURES, coverage: fit, quoteCoverage: fit, bm25: fit, holdsAnswerType },
  };
}

describe('one ranking, one confidence', () => {
  // "When was Ada Moreau in the Lakeside Band?": three paragraphs name both; the one that fits least holds a date.
  const candidates = [passage(1, 1, false), passage(2, 0.95, false), passage(3, 0.8, true)];

  it('ranks first the paragraph that holds the kind of answer asked for', () => {
    for (const rivalsByWords of [false, true]) {
      const [best] = rankCandidates(candidates, DEFAULT_SCORING, { rivalsByWords });
      expect(best?.citations[0]?.paragraph).toBe(3);
    }
  });

  it('when any date would do, is less sure of it the better other paragraphs fit the words', () => {
    const [alone] = rankCandidates(candidates, DEFAULT_SCORING, { rivalsByWords: false });
    const [amongRivals] = rankCandidates(candidates, DEFAULT_SCORING, { rivalsByWords: true });
    expect(alone!.confidence).toBeGreaterThanOrEqual(DEFAULT_SCORING.threshold);
    expect(amongRivals!.confidence).toBeLessThan(DEFAULT_SCORING.threshold);
    // Without rivals that fit better, it keeps its confidence.
    const [unrivalled] = rankCandidates([candidates[2]!, passage(1, 0.3, false)], DEFAULT_SCORING, { rivalsByWords: true });
    expect(unrivalled!.confidence).toBeCloseTo(alone!.confidence, 5);
  });
});
