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

/** The candidate's evidence, scaled down when it lacks the kind of answer the question asks for. */
function uncapped(candidate: AnswerCandidate, words: number, options: ScoringOptions): number {
  return words * (candidate.features.holdsAnswerType ? 1 : options.missingAnswerTypeFactor);
}

/** Which paragraph of which report a citation is from, as one key: two citations of it are one place. */
export const paragraphKey = (citation: Pick<Citation, 'sourceId' | 'paragraph'>) => `${citation.sourceId}#${citation.paragraph}`;

const paragraphOf = (candidate: AnswerCandidate) => {
  const citation = candidate.citations[0];
  return citation ? paragraphKey(citation) : '';
};

/**
 * How sure the engine is that a candidate answers the question, in [0, 1], given the candidates it competes with.
 * A paragraph that another paragraph matches nearly as well is less sure: when two places fit a question about
 * equally, it is as likely to be neither (a question the reports do not answer, in words both share) as to be the
 * one ranked first. So a passage loses what it falls short of a clear lead over every other paragraph.
 */
function confidenceAmong(candidate: AnswerCandidate, rank: number, rivals: readonly number[], options: ScoringOptions): number {
  let confidence = rank;
  if (candidate.via === 'passage') {
    const rival = rivals.length > 0 ? Math.max(...rivals) : 0;
    confidence -= options.ambiguityPenalty * Math.max(0, options.clearLead - (rank - rival));
  }
  return Math.min(1, Math.max(0, confidence));
}

/**
 * Candidates best first, each with its confidence; only those that cite something can answer. The order is by the
 * same evidence as confidence, before the lead over rivals and the cap at 1 (so candidates that both reach the cap
 * are still told apart): the top-ranked candidate is the one whose confidence decides.
 */
export type RankedCandidate = AnswerCandidate & { confidence: number };

export interface RankingContext {
  /**
   * Rivals are measured by how well their words fit, whether or not they hold the kind of answer asked for. Set when
   * that kind is any date, number or place in the text: when several paragraphs fit "when was Michael McDonald a
   * Doobie?" equally and only one happens to hold a date, the date does not make it the answer.
   */
  rivalsByWords: boolean;
}

export function rankCandidates(
  candidates: AnswerCandidate[],
  options: ScoringOptions,
  context: RankingContext = { rivalsByWords: false },
): RankedCandidate[] {
  const ranked = candidates
    .filter((candidate) => candidate.citations.length > 0)
    .map((candidate) => {
      const words = evidence(candidate, options);
      return { candidate, rank: uncapped(candidate, words, options), words, paragraph: paragraphOf(candidate) };
    })
    .sort((a, b) => b.rank - a.rank);
  const passages = ranked.filter(({ candidate }) => candidate.via === 'passage');
  return ranked.map(({ candidate, rank, paragraph }) => {
    const rivals = passages
      .filter((other) => other.paragraph !== paragraph)
      .map((other) => (context.rivalsByWords ? other.words : other.rank));
    return { ...candidate, confidence: confidenceAmong(candidate, rank, rivals, options) };
  });
}
