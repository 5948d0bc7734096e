import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { answerQuestion, type Answer, type AnswerOptions } from '../answer/answer.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Passage } from '../kb/types.ts';

/**
 * The answer eval: questions as users type them, each with the paragraph(s) that answer it, and questions the
 * reports do not cover. Top-1 citation accuracy counts an in-scope question right only when it is answered and its
 * first citation is an expected paragraph; abstention accuracy counts out-of-scope questions left unanswered.
 */

const ExpectedParagraph = z.object({ source: z.string(), contains: z.string().min(1) });
export const EvalSetSchema = z.object({
  inScope: z.array(z.object({ question: z.string(), kind: z.string(), expect: z.array(ExpectedParagraph).min(1) })),
  outOfScope: z.array(z.object({ question: z.string() })),
});
export type EvalSet = z.infer<typeof EvalSetSchema>;

export interface EvalCase {
  question: string;
  kind: string;
  outcome: 'correct' | 'wrong-citation' | 'abstained' | 'abstained-correctly' | 'answered-out-of-scope';
  answer: Answer;
  /** For a declined in-scope question: whether a suggested question is one whose curated answer cites an expected paragraph. */
  helpfulSuggestion?: boolean;
}

export interface EvalReport {
  inScope: number;
  outOfScope: number;
  top1CitationAccuracy: number;
  wrongCitationRate: number;
  abstentionAccuracy: number;
  /** Of the in-scope questions declined, the share whose suggestions offer a question that answers them. */
  declinedButSuggested: number;
  byKind: Record<string, { total: number; correct: number }>;
  /** Of the answers given at confidence ≥ c, the share citing an expected paragraph; see reliabilityTable. */
  reliability: ReliabilityRow[];
  cases: EvalCase[];
}

export interface ReliabilityRow {
  /** Confidence at least this. */
  confidence: number;
  /** Answers the bot would give at this threshold (in-scope and out-of-scope questions). */
  answered: number;
  /** Of those, answers citing an expected paragraph. */
  correct: number;
  /** Of those, answers to questions the reports do not cover. */
  outOfScope: number;
}

const RELIABILITY_STEPS = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9];

export function loadEvalSet(file: string): EvalSet {
  return EvalSetSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

type Expected = EvalSet['inScope'][number]['expect'];

/** Whether a paragraph of a report is one the question expects. */
function isExpected(expect: Expected, sourceId: string, paragraph: Passage | undefined): boolean {
  return expect.some((target) => target.source === sourceId && paragraph?.text.includes(target.contains) === true);
}

function citesExpected(kb: KnowledgeBase, answer: Answer, expect: Expected): boolean {
  const top = answer.citations[0];
  if (!answer.answered || !top) return false;
  return isExpected(
    expect,
    top.sourceId,
    kb.passagesOf(top.sourceId).find((passage) => passage.paragraph === top.paragraph),
  );
}

/** A suggestion helps when it is a curated question citing an expected paragraph, or when asking it cites one. */
function suggestsExpected(kb: KnowledgeBase, answer: Answer, expect: Expected, options: AnswerOptions): boolean {
  return answer.suggestions.some((question) => {
    const curated = kb.qa.filter((pair) => pair.question === question);
    if (curated.length > 0) {
      return curated.some((pair) =>
        pair.citations.some((citation) => isExpected(expect, citation.sourceId, kb.passage(citation.passageId))),
      );
    }
    return !question.startsWith('/') && citesExpected(kb, answerQuestion(kb, question, { ...options, suggest: false }), expect);
  });
}

/** A question's top-ranked answer, whatever the threshold: its confidence (-1 when none), whether it is right. */
export interface ScoredOutcome {
  confidence: number;
  inScope: boolean;
  correct: boolean;
}

/**
 * Every question answered at threshold 0: the top-ranked candidate and its confidence, which is what any threshold
 * would show or decline, since ranking does not depend on the threshold.
 */
export function scoredOutcomes(kb: KnowledgeBase, set: EvalSet, options: AnswerOptions = {}): ScoredOutcome[] {
  const atZero: AnswerOptions = { ...options, scoring: { ...options.scoring, threshold: 0 }, suggest: false };
  const confidenceOf = (answer: Answer) => (answer.answered ? answer.confidence : -1);
  return [
    ...set.inScope.map((item) => {
      const answer = answerQuestion(kb, item.question, atZero);
      return { confidence: confidenceOf(answer), inScope: true, correct: citesExpected(kb, answer, item.expect) };
    }),
    ...set.outOfScope.map((item) => ({
      confidence: confidenceOf(answerQuestion(kb, item.question, atZero)),
      inScope: false,
      correct: false,
    })),
  ];
}

function reliabilityTable(kb: KnowledgeBase, set: EvalSet, options: AnswerOptions): ReliabilityRow[] {
  const outcomes = scoredOutcomes(kb, set, options);
  return RELIABILITY_STEPS.map((confidence) => {
    const given = outcomes.filter((outcome) => outcome.confidence >= confidence);
    return {
      confidence,
      answered: given.length,
      correct: given.filter((outcome) => outcome.correct).length,
      outOfScope: given.filter((outcome) => !outcome.inScope).length,
    };
  });
}

export function runAnswerEval(kb: KnowledgeBase, set: EvalSet, options: AnswerOptions = {}, withReliability = false): EvalReport {
  const cases: EvalCase[] = [];
  const byKind: EvalReport['byKind'] = {};
  for (const item of set.inScope) {
    const answer = answerQuestion(kb, item.question, options);
    const outcome = !answer.answered ? 'abstained' : citesExpected(kb, answer, item.expect) ? 'correct' : 'wrong-citation';
    const helpfulSuggestion = outcome === 'abstained' ? suggestsExpected(kb, answer, item.expect, options) : undefined;
    cases.push({ question: item.question, kind: item.kind, outcome, answer, helpfulSuggestion });
    const kind = (byKind[item.kind] ??= { total: 0, correct: 0 });
    kind.total++;
    if (outcome === 'correct') kind.correct++;
  }
  for (const item of set.outOfScope) {
    const answer = answerQuestion(kb, item.question, options);
    cases.push({
      question: item.question,
      kind: 'out-of-scope',
      outcome: answer.answered ? 'answered-out-of-scope' : 'abstained-correctly',
      answer,
    });
  }
  const count = (outcome: EvalCase['outcome']) => cases.filter((item) => item.outcome === outcome).length;
  return {
    inScope: set.inScope.length,
    outOfScope: set.outOfScope.length,
    top1CitationAccuracy: count('correct') / Math.max(1, set.inScope.length),
    wrongCitationRate: count('wrong-citation') / Math.max(1, set.inScope.length),
    abstentionAccuracy: count('abstained-correctly') / Math.max(1, set.outOfScope.length),
    declinedButSuggested: cases.filter((item) => item.helpfulSuggestion).length / Math.max(1, count('abstained')),
    byKind,
    reliability: withReliability ? reliabilityTable(kb, set, options) : [],
    cases,
  };
}
