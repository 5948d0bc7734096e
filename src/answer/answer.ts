import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Citation } from '../kb/types.ts';
import { searchEngineFor, type SearchResult } from '../search/engine.ts';
import type { PassageHit } from '../search/passage-search.ts';
import type { QaHit } from '../search/qa-search.ts';
import { expectedAnswerType, holdsAnswerType } from './answer-type.ts';
import { answerFromClaims } from './claims-answer.ts';
import { checkQuestion } from './question-input.ts';
import { suggestQuestions } from './suggest.ts';

/**
 * Search hits → one Answer. A curated Q&A answer wins when it matches well; otherwise the best passage answers in
 * its own words. Below the threshold the bot says the reports don't cover the question: a confident wrong answer
 * is the worst thing it can do, so confidence is the share of the question the cited text covers, nothing looser.
 */

export const ANSWER_THRESHOLD = 0.6;
/** A curated answer is preferred unless a passage covers the question clearly better. */
const CURATED_PREFERENCE = 0.05;

export interface Answer {
  question: string;
  answered: boolean;
  answer: string;
  confidence: number;
  citations: Citation[];
  suggestions: string[];
  /** "qa" for a curated answer, "passage" for a quoted paragraph, "claims" for attributed claims, null when not answered. */
  via: 'qa' | 'passage' | 'claims' | null;
  /** Misspellings the engine read past ("puttin" → "Vladimir Putin"). */
  corrections: Array<{ from: string; to: string }>;
  /** Set when the question itself could not be used (empty, too long). */
  error?: string;
}

export const NOT_COVERED = "The reports don't cover this.";
const NO_WORDS = "I couldn't find any words to look up in that question.";

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

function passageConfidence(hit: PassageHit | undefined): number {
  return hit ? 0.7 * hit.coverage + 0.3 * hit.quoteCoverage : 0;
}

function curatedAnswer(kb: KnowledgeBase, hit: QaHit): { answer: string; citations: Citation[] } {
  const citations = hit.pair.citations.flatMap((citation) => {
    const passage = kb.passage(citation.passageId);
    return passage ? [kb.cite(passage, citation.start, citation.end)] : [];
  });
  return { answer: hit.pair.answer, citations };
}

function passageAnswer(kb: KnowledgeBase, hit: PassageHit): { answer: string; citations: Citation[] } {
  const citation = kb.cite(hit.passage, hit.quote.start, hit.quote.end);
  return { answer: citation.quote, citations: [citation] };
}

function notAnswered(question: string, kb: KnowledgeBase, result: SearchResult | null, message: string, confidence = 0): Answer {
  return {
    question,
    answered: false,
    answer: message,
    confidence: round(confidence),
    citations: [],
    suggestions: suggestQuestions(kb, result, null),
    via: null,
    corrections: result?.analyzed.corrections ?? [],
  };
}

export interface AnswerOptions {
  /** Confidence needed to answer; the eval sweeps it, everything else uses ANSWER_THRESHOLD. */
  threshold?: number;
}

export function answerQuestion(kb: KnowledgeBase, rawQuestion: string, options: AnswerOptions = {}): Answer {
  const threshold = options.threshold ?? ANSWER_THRESHOLD;
  const checked = checkQuestion(rawQuestion);
  if (!checked.ok) return { ...notAnswered(rawQuestion.trim().slice(0, 200), kb, null, checked.reason), error: checked.reason };
  const { question } = checked;
  const result = searchEngineFor(kb).search(question);
  if (result.analyzed.concepts.length === 0) return notAnswered(question, kb, result, NO_WORDS);

  const topQa = result.qa[0];
  const topPassage = result.passages[0];
  const qaScore = topQa?.score ?? 0;
  const passageScore = passageConfidence(topPassage);
  type Candidate = { answer: string; citations: Citation[]; confidence: number; via: NonNullable<Answer['via']>; qaId: string | null };
  // In order of preference, each only when it clears the threshold.
  const candidates: Candidate[] = [];
  const fromClaims = answerFromClaims(kb, question, result.analyzed);
  if (fromClaims && fromClaims.confidence >= threshold) candidates.push({ ...fromClaims, via: 'claims', qaId: null });
  if (topQa && qaScore >= threshold && qaScore + CURATED_PREFERENCE >= passageScore) {
    candidates.push({ ...curatedAnswer(kb, topQa), confidence: qaScore, via: 'qa', qaId: topQa.pair.id });
  }
  if (topPassage && passageScore >= threshold) {
    candidates.push({ ...passageAnswer(kb, topPassage), confidence: passageScore, via: 'passage', qaId: null });
  }
  // The first that cites something; a question that wants a time or a number is not answered by text that holds
  // none, however well it matches, and the next candidate may hold one.
  const wanted = expectedAnswerType(question);
  const chosen = candidates.find(
    (candidate) =>
      candidate.citations.length > 0 &&
      (!wanted || holdsAnswerType([candidate.answer, ...candidate.citations.map((citation) => citation.quote)].join(' '), wanted)),
  );
  if (!chosen) {
    return notAnswered(question, kb, result, NOT_COVERED, Math.min(Math.max(qaScore, passageScore), threshold - 0.01));
  }
  return {
    question,
    answered: true,
    answer: chosen.answer,
    confidence: round(chosen.confidence),
    citations: chosen.citations,
    suggestions: suggestQuestions(kb, result, chosen.qaId),
    via: chosen.via,
    corrections: result.analyzed.corrections,
  };
}
