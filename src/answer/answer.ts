import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Citation } from '../kb/types.ts';
import { searchEngineFor, type SearchResult } from '../search/engine.ts';
import type { QaHit } from '../search/qa-search.ts';
import { expectedAnswerType, holdsAnswerType, answerTypeSinglesOut, type AnswerType } from './answer-type.ts';
import {
  NO_FEATURES,
  paragraphKey,
  rankCandidates,
  type AnswerCandidate,
  type CandidateSource,
  type RankedCandidate,
} from './candidates.ts';
import { answerFromClaims } from './claims-answer.ts';
import { askedSpeaker, asksForSomeone, namesSomeoneNew, quotesSpeaker } from './asked-person.ts';
import { checkQuestion, twoQuestions } from './question-input.ts';
import { DEFAULT_SCORING, scoringWith, type ScoringOptions, type ScoringOverrides } from './scoring-options.ts';
import { MAX_SUGGESTIONS, suggestQuestions } from './suggest.ts';
import { checkedSuggestion } from './suggestion-checks.ts';
import { lexiconTags } from '../kb/english-model.ts';

/**
 * Search hits → one Answer. Curated Q&A, claims and passages become candidates of one kind (candidates.ts) and the
 * best-ranked one answers, in its own words, when its confidence clears the threshold. Below it the bot says the
 * reports don't cover the question: a confident wrong answer is the worst thing it can do, so confidence is made
 * of the share of the question the cited text covers, in its words or in words close in meaning.
 */

/** The default confidence an answer needs (ScoringOptions.threshold). */
export const ANSWER_THRESHOLD = DEFAULT_SCORING.threshold;

export interface Answer {
  question: string;
  answered: boolean;
  answer: string;
  confidence: number;
  citations: Citation[];
  suggestions: string[];
  /** "qa" for a curated answer, "passage" for a quoted paragraph, "claims" for attributed claims, null when not answered. */
  via: CandidateSource | null;
  /** Misspellings the engine read past ("puttin" → "Vladimir Putin"). */
  corrections: Array<{ from: string; to: string }>;
  /** Set when the question itself could not be used (empty, too long). */
  error?: string;
}

export const NOT_COVERED = "The reports don't cover this.";
const NO_WORDS = "I couldn't find any words to look up in that question.";

/**
 * Confidence as shown, to two decimals and rounded down: a declined question never shows the threshold's confidence
 * (0.699 is 0.69, not 0.70), and the eval's reliability table, made from shown confidences, agrees with what was
 * answered. The small margin keeps a sum that lands a hair under a round value (0.7 as 0.69999…) at that value.
 */
function round(value: number): number {
  return Math.floor(Math.min(1, Math.max(0, value)) * 100 + 1e-9) / 100;
}

function citationsOf(kb: KnowledgeBase, hit: QaHit): Citation[] {
  return hit.pair.citations.flatMap((citation) => {
    const passage = kb.passage(citation.passageId);
    return passage ? [kb.cite(passage, citation.start, citation.end)] : [];
  });
}

function holds(wanted: AnswerType | null, texts: string[], question: string): boolean {
  return wanted === null || holdsAnswerType(texts.join(' '), wanted, question);
}

const WHO_IS = /^(?:so |and |but )?(?:who(?:'s|s| is| was| are| were)|tell me about)\s+\S/i;

/** The name a "who is …?" question asks about, as typed. */
function whoIsAsked(question: string): string | null {
  const match = WHO_IS.exec(question.trim());
  return match
    ? question
        .trim()
        .slice(match[0].length - 1)
        .replace(/[?!.\s]+$/, '')
    : null;
}

/**
 * Whether a text says who someone is where it names them (the name at [start, end)): a role before the name
 * ("Florida coach Urban Meyer", "analyst Trip Chowdhry"), an apposition after it ("Trip Chowdhry, an analyst with
 * …"), or "X is a …".
 */
function describesAt(text: string, start: number, end: number): boolean {
  // A role is a lowercase word right before the name ("coach"), not a preposition or a reporting verb; only its
  // first letter need be lowercase ("co-CEO Marc Benioff").
  const before = /\b([a-z][A-Za-z-]{2,})\s+$/.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  if (before && !NOT_A_ROLE.has(before) && !lexiconTags(before).includes('Preposition')) return true;
  return APPOSITION.test(text.slice(end, end + 60));
}

/** Whether a text says who the asked-about person is, where it names them as the question does. */
function describesName(text: string, name: string): boolean {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (wanted.length < 3) return false;
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
    if (describesAt(text, at, at + wanted.length)) return true;
  }
  return false;
}

/** A paragraph that holds every concept of "who is X" (its coverage 1, give or take floating-point rounding). */
const coversWholeQuestion = (coverage: number) => coverage >= 1 - 1e-3;

/**
 * Whether a text says who one of the asked-about names is, where it mentions them by any name they go by: "Who is
 * Michelle Hege?" is answered by "Hege is the CEO of DH".
 */
function describesEntity(kb: KnowledgeBase, text: string, entityIds: readonly string[]): boolean {
  return kb.entityMatcher
    .findMentions(text, { caseSensitiveSingleWords: true })
    .some((mention) => entityIds.includes(mention.entityId) && describesAt(text, mention.start, mention.end));
}

const NOT_A_ROLE = new Set([
  'and',
  'or',
  'with',
  'by',
  'to',
  'of',
  'for',
  'from',
  'like',
  'as',
  'that',
  'said',
  'says',
  'told',
  'than',
  'about',
  'against',
  'the',
  'but',
  'when',
  'while',
  'after',
  'before',
  'because',
  'did',
  'does',
  'has',
  'had',
  'have',
  'was',
  'were',
  'are',
  'is',
]);
const APPOSITION = /^(?:'s?|’s?)?\s*(?:,\s*(?:a|an|the|who|[a-z]+(?:\s+[a-z]+)?\s+(?:of|at|for|with|in))\b|\s+(?:is|was)\s+(?:a|an|the)\b)/;

function candidatesFor(kb: KnowledgeBase, question: string, wanted: AnswerType | null, result: SearchResult): AnswerCandidate[] {
  const candidates: AnswerCandidate[] = [];
  const fromClaims = answerFromClaims(kb, question, result.analyzed);
  if (fromClaims) {
    candidates.push({
      via: 'claims',
      answer: fromClaims.answer,
      citations: fromClaims.citations,
      qaId: null,
      features: {
        ...NO_FEATURES,
        coverage: fromClaims.subjectCertainty,
        holdsAnswerType: holds(
          wanted,
          fromClaims.citations.map((c) => c.quote),
          question,
        ),
      },
    });
  }
  for (const hit of result.qa) {
    const citations = citationsOf(kb, hit);
    candidates.push({
      via: 'qa',
      answer: hit.pair.answer,
      citations,
      qaId: hit.pair.id,
      features: {
        ...NO_FEATURES,
        coverage: hit.forward,
        backward: hit.backward,
        fuzzy: hit.fuzzy,
        holdsAnswerType: holds(wanted, [hit.pair.answer, ...citations.map((c) => c.quote)], question),
      },
    });
  }
  const askedName = whoIsAsked(question);
  const speaker = wanted === 'statement' ? askedSpeaker(question, result.analyzed, kb) : null;
  const wantsSomeone = wanted === null && asksForSomeone(question, result.analyzed.entityIds, kb);
  for (const hit of result.passages) {
    const citation = kb.cite(hit.passage, hit.quote.start, hit.quote.end);
    const saidBySpeaker = speaker === null || quotesSpeaker(kb, hit.passage, hit.quote.start, hit.quote.end, speaker);
    const someone = !wantsSomeone || namesSomeoneNew(kb, hit.passage, hit.quote.start, hit.quote.end, result.analyzed.entityIds);
    candidates.push({
      via: 'passage',
      answer: citation.quote,
      citations: [citation],
      qaId: null,
      features: {
        ...NO_FEATURES,
        coverage: hit.coverage,
        quoteCoverage: hit.quoteCoverage,
        bm25: hit.bm25,
        holdsAnswerType: saidBySpeaker && someone && holds(wanted, [citation.quote], question),
        introduces: askedName !== null && coversWholeQuestion(hit.coverage) && describesName(citation.quote, askedName),
      },
    });
  }
  return askedName === null ? candidates : withIntroductionByOtherNames(kb, candidates, result);
}

/**
 * A report introduces someone where it first names them in full ("Laurence des Cars, the Louvre's president"), so
 * a quote that describes them by the name the question used is the answer to "who is …?". Only when no candidate
 * does is a description by another name they go by taken ("Hege is the CEO of DH" for "who is Michelle Hege").
 */
function withIntroductionByOtherNames(kb: KnowledgeBase, candidates: AnswerCandidate[], result: SearchResult): AnswerCandidate[] {
  if (candidates.some((candidate) => candidate.features.introduces)) return candidates;
  return candidates.map((candidate) =>
    candidate.via === 'passage' &&
    coversWholeQuestion(candidate.features.coverage) &&
    describesEntity(kb, candidate.answer, result.analyzed.entityIds)
      ? { ...candidate, features: { ...candidate.features, introduces: true } }
      : candidate,
  );
}

type Suggester = (result: SearchResult | null, answeredQaId: string | null, declined: boolean, closest?: Citation[]) => string[];

function notAnswered(
  question: string,
  result: SearchResult | null,
  message: string,
  suggest: Suggester,
  confidence = 0,
  closest: Citation[] = [],
): Answer {
  return {
    question,
    answered: false,
    answer: message,
    confidence: round(confidence),
    citations: [],
    suggestions: suggest(result, null, true, closest),
    via: null,
    corrections: result?.analyzed.corrections ?? [],
  };
}

/**
 * The first citation of each paragraph among the ranked passage candidates, best first. A paragraph of another
 * report than the closest one's is kept only when it is nearly as close: a question about one article is rarely
 * helped by a suggestion about another that shares a word with it.
 */
function closestParagraphs(ranked: readonly RankedCandidate[], scoring: ScoringOptions): Citation[] {
  const seen = new Set<string>();
  const passages = ranked.filter((candidate) => candidate.via === 'passage');
  const closestReport = passages[0]?.citations[0]?.sourceId;
  const nearEnough = (passages[0]?.confidence ?? 0) * scoring.suggestionOtherReportShare;
  return passages.flatMap((candidate) => {
    const citation = candidate.citations[0];
    const key = citation ? paragraphKey(citation) : '';
    if (!citation || seen.has(key)) return [];
    if (citation.sourceId !== closestReport && candidate.confidence < nearEnough) return [];
    seen.add(key);
    return [citation];
  });
}

/**
 * The candidates a declined question's suggestions come from, ranked with `suggestionSoftMatchExponent`: a
 * suggestion is checked by answering it, so the paragraphs it is drawn from may be found by looser similarity
 * than an answer's confidence is made of.
 */
function rankedForSuggestions(
  kb: KnowledgeBase,
  question: string,
  wanted: AnswerType | null,
  scoring: ScoringOptions,
  ranked: RankedCandidate[],
  result: SearchResult,
): RankedCandidate[] {
  if (scoring.suggestionSoftMatchExponent === scoring.softMatchExponent) return ranked;
  const looser = { ...scoring, softMatchExponent: scoring.suggestionSoftMatchExponent };
  // Sharpening does not change how the question is read, so its analysis is the answer's.
  const loose = searchEngineFor(kb).search(question, looser, result.analyzed);
  return rankCandidates(candidatesFor(kb, question, wanted, loose), looser);
}

export interface AnswerOptions {
  /** Scoring options that differ from DEFAULT_SCORING (the eval tries them; the bot uses the defaults). */
  scoring?: ScoringOverrides;
  /** Whether to suggest other questions (off when checking that a suggestion is answered). */
  suggest?: boolean;
}

/** Suggestions led by `first`, without repeating it in other words' case or punctuation, at most MAX_SUGGESTIONS. */
function withFirst(first: string[], others: string[]): string[] {
  const key = (question: string) => question.toLowerCase().replace(/[?!.\s]+$/, '');
  const taken = new Set(first.map(key));
  return [...first, ...others.filter((question) => !taken.has(key(question)))].slice(0, MAX_SUGGESTIONS);
}

export interface RankedAnswers {
  /** The kind of answer the question asks for, if any. */
  wanted: AnswerType | null;
  /** The scoring the passages were looked up with. */
  lookup: ScoringOptions;
  result: SearchResult;
  ranked: RankedCandidate[];
}

/** A checked question's candidates, best first: what answerQuestion shows or declines. */
export function rankAnswers(kb: KnowledgeBase, question: string, scoring: ScoringOptions): RankedAnswers {
  // A question that asks for a kind of answer (an age, a time, a count) often has little but a name to look
  // paragraphs up with; the answer type then decides among more of them.
  const wanted = expectedAnswerType(question);
  const lookup = wanted === null ? scoring : { ...scoring, candidatePassages: scoring.typedCandidatePassages };
  const result = searchEngineFor(kb).search(question, lookup);
  const ranked =
    result.analyzed.concepts.length === 0
      ? []
      : rankCandidates(candidatesFor(kb, question, wanted, result), scoring, {
          rivalsByWords: wanted !== null && !answerTypeSinglesOut(wanted),
        });
  return { wanted, lookup, result, ranked };
}

export function answerQuestion(kb: KnowledgeBase, rawQuestion: string, options: AnswerOptions = {}): Answer {
  const scoring = options.scoring ? scoringWith(options.scoring) : DEFAULT_SCORING;
  const scoringKey = options.scoring ? JSON.stringify(scoring) : '';
  const suggest: Suggester =
    options.suggest === false
      ? () => []
      : (result, answeredQaId, declined, closest) =>
          suggestQuestions(
            kb,
            result,
            answeredQaId,
            declined
              ? (question) =>
                  checkedSuggestion(kb, scoringKey, question, () => {
                    const answer = answerQuestion(kb, question, { ...options, suggest: false });
                    return answer.answered ? (answer.citations[0] ?? null) : null;
                  })
              : null,
            closest,
          );
  const checked = checkQuestion(rawQuestion);
  if (!checked.ok) return { ...notAnswered(rawQuestion.trim().slice(0, 200), null, checked.reason, suggest), error: checked.reason };
  const { question } = checked;
  // Two questions in one are answered one at a time: the first now, the second offered to ask next (also when the
  // first is declined).
  const { first, second } = twoQuestions(question);
  const { wanted, lookup, result, ranked } = rankAnswers(kb, first, scoring);
  if (result.analyzed.concepts.length === 0) return notAnswered(question, result, NO_WORDS, suggest);
  const best = ranked[0];
  const next =
    second !== null && options.suggest !== false && answerQuestion(kb, second, { ...options, suggest: false }).answered ? [second] : [];
  if (!best || best.confidence < scoring.threshold) {
    // The confidence of a declined question is its best candidate's, so the eval can tell near misses apart.
    const closest =
      options.suggest === false ? [] : closestParagraphs(rankedForSuggestions(kb, first, wanted, lookup, ranked, result), scoring);
    const declined = notAnswered(question, result, NOT_COVERED, suggest, best?.confidence ?? 0, closest);
    // The second question may be one the reports do answer.
    return next.length > 0 ? { ...declined, suggestions: withFirst(next, declined.suggestions) } : declined;
  }
  return {
    question,
    answered: true,
    answer: best.answer,
    confidence: round(best.confidence),
    citations: best.citations,
    suggestions: withFirst(next, suggest(result, best.qaId, false)),
    via: best.via,
    corrections: result.analyzed.corrections,
  };
}
