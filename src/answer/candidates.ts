import type { Citation } from '../kb/types.ts';
import type { ScoringOptions } from './scoring-options.ts';

/**
 * Curated Q&A, claims and passages compete as one kind of candidate with named features. One function gives a
 * candidate's confidence and the ranking is by that confidence, so the answer shown is always the top-ranked one
 * and it is shown only when it clears the threshold.
 */

export type CandidateSource = 'qa' | 'passage' | 'claims';

export interface CandidateFeatures {
  /** Share of the question the candidate's text covers (a curated phrasing, a whole paragraph, a claim's subject). */
  coverage: number;
  /** Passages: share of the question the quoted sentence(s) cover. */
  quoteCoverage: number;
  /** Passages: BM25 relative to the best candidate paragraph. */
  bm25: number;
  /** Curated Q&A: share of the phrasing found in the question. */
  backward: number;
  /** Curated Q&A: fuse.js's typo-tolerant score of the phrasing. */
  fuzzy: number;
  /** The cited text holds the kind of answer the question asks for (true when it asks for none in particular). */
  holdsAnswerType: boolean;
  /** "Who is X?": the quote says who X is where it names them ("Florida coach Urban Meyer"). */
  introduces: boolean;
}

export interface AnswerCandidate {
  via: CandidateSource;
  answer: string;
  citations: Citation[];
  qaId: string | null;
  features: CandidateFeatures;
}

export const NO_FEATURES: CandidateFeatures = {
  coverage: 0,
  quoteCoverage: 0,
  bm25: 0,
  backward: 0,
  fuzzy: 0,
  holdsAnswerType: true,
  introduces: false,
};

function evidence(candidate: AnswerCandidate, options: ScoringOptions): number {
  const f = candidate.features;
  switch (candidate.via) {
    case 'qa':
      return (
        options.qaForwardWeight * f.coverage +
        options.qaBackwardWeight * f.backward +
        options.qaFuzzyWeight * f.fuzzy +
        options.curatedPreference
      );
    case 'passage':
      return (
        options.passageCoverageWeight * f.coverage +
        options.quoteCoverageWeight * f.quoteCoverage +
        options.bm25Weight * f.bm25 +
        (f.introduces ? options.introductionPreference : 0)
      );
    case 'claims':
      // How sure the reading of the entity is; a question about what is claimed wants the attributions.
      return f.coverage + options.claimsPreference;
  }
}

function uncapped(candidate: AnswerCandidate, options: ScoringOptions): number {
  return evidence(candidate, options) * (candidate.features.holdsAnswerType ? 1 : options.missingAnswerTypeFactor);
}

/** How sure the engine is that this candidate answers the question, in [0, 1]. */
export function confidenceOf(candidate: AnswerCandidate, options: ScoringOptions): number {
  return Math.min(1, Math.max(0, uncapped(candidate, options)));
}

/**
 * Candidates best first; only those that cite something can answer. The order is by the same evidence as
 * confidence, before confidence is capped at 1, so candidates that both reach the cap are still told apart.
 */
export function rankCandidates(candidates: AnswerCandidate[], options: ScoringOptions): Array<AnswerCandidate & { confidence: number }> {
  return candidates
    .filter((candidate) => candidate.citations.length > 0)
    .map((candidate) => ({ ...candidate, confidence: confidenceOf(candidate, options), rank: uncapped(candidate, options) }))
    .sort((a, b) => b.rank - a.rank)
    .map(({ rank: _rank, ...candidate }) => candidate);
}
