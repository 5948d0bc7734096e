import { parseArgs } from 'node:util';
import { DEFAULT_SCORING, scoringWith, type ScoringOptions, type ScoringOverrides } from '../answer/scoring-options.ts';
import { scoredOutcomes, type EvalSet, type ScoredOutcome } from '../eval/answer-eval.ts';
import { evalSets } from '../eval/eval-sets.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';

/**
 * `npm run tune`: coordinate search over scoring options on the sets marked for tuning only (never the held-out
 * half), then the held-out figures for the result. The objective counts a wrong answer (a wrong citation, or an
 * answer to a question the reports do not cover) as three times worse than a declined answerable question.
 * It prints the options it would change; DEFAULT_SCORING is edited by hand, so every change is reviewed.
 */

const WRONG_ANSWER_COST = 3;
const SEARCH: Partial<Record<keyof ScoringOptions, number[]>> = {
  softMatchExponent: [2, 3, 4, 5],
  softMatchMinCosine: [0.35, 0.45, 0.55, 0.65],
  coveragePower: [1, 0.7, 0.5, 0.3],
  introductionPreference: [0, 0.1, 0.2],
  qaForwardWeight: [0.45, 0.55, 0.65],
  qaBackwardWeight: [0.2, 0.3, 0.4],
  neighbourLookups: [0, 3, 6, 10],
  neighbourMinCosine: [0.5, 0.6, 0.7],
  passageCoverageWeight: [0.4, 0.55, 0.7],
  quoteCoverageWeight: [0.15, 0.3, 0.45],
  bm25Weight: [0, 0.15, 0.3],
  synonymCertainty: [0, 0.25, 0.5],
  valueWordCertainty: [0, 0.6, 0.8, 1],
  realWordTypoCertainty: [0.3, 0.5, 0.7],
  correctedTypoCertainty: [0.7, 0.85, 1],
  candidatePassages: [10, 20, 40],
  bm25K1: [0.9, 1.2, 1.6],
  bm25B: [0.5, 0.7, 0.9],
  entityFieldWeight: [0.3, 0.6, 1],
  headingFieldWeight: [0, 0.3, 0.6],
  clearLead: [0, 0.05, 0.1, 0.15, 0.2, 0.3],
  ambiguityPenalty: [0.5, 1, 2],
  titleContextCertainty: [0, 0.5, 0.75, 0.9],
  derivedFormCertainty: [0.5, 0.75, 0.9, 1],
};
const THRESHOLDS = Array.from({ length: 41 }, (_, index) => 0.4 + index * 0.0125);

type Loaded = { name: string; tuned: boolean; kb: KnowledgeBase; questions: EvalSet };

function outcomes(sets: Loaded[], scoring: ScoringOverrides): ScoredOutcome[] {
  return sets.flatMap(({ kb, questions }) => scoredOutcomes(kb, questions, { scoring }));
}

function objective(results: ScoredOutcome[], threshold: number): { value: number; correct: number; wrong: number } {
  let correct = 0;
  let wrong = 0;
  for (const result of results) {
    if (result.confidence < threshold) continue;
    if (result.correct) correct++;
    else wrong++;
  }
  return { value: correct - WRONG_ANSWER_COST * wrong, correct, wrong };
}

function best(results: ScoredOutcome[]): { threshold: number; value: number; correct: number; wrong: number } {
  return THRESHOLDS.map((threshold) => ({ threshold, ...objective(results, threshold) })).reduce((a, b) => (b.value > a.value ? b : a));
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' } } });
const all: Loaded[] = [];
for (const set of evalSets()) all.push({ name: set.name, tuned: set.tuned, kb: await set.knowledge(), questions: set.questions() });
const tuned = all.filter((set) => set.tuned);
let current: ScoringOverrides = {};
let score = best(outcomes(tuned, current));
process.stdout.write(`start: ${JSON.stringify(score)}\n`);
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, candidates] of Object.entries(SEARCH) as Array<[keyof ScoringOptions, number[]]>) {
    for (const value of candidates) {
      if ((current[name] ?? DEFAULT_SCORING[name]) === value) continue;
      const trial = { ...current, [name]: value };
      const result = best(outcomes(tuned, trial));
      if (result.value > score.value) {
        current = trial;
        score = result;
        process.stdout.write(`  ${name}=${value}: ${JSON.stringify(result)}\n`);
      }
    }
  }
}
const chosen = scoringWith({ ...current, threshold: score.threshold });
process.stdout.write(`\nchosen (tuned sets): ${JSON.stringify(score)}\n`);
for (const [name, value] of Object.entries(chosen))
  if (DEFAULT_SCORING[name as keyof ScoringOptions] !== value) process.stdout.write(`  ${name}: ${value}\n`);
for (const set of all) {
  const result = objective(outcomes([set], current), score.threshold);
  process.stdout.write(`${set.name}${set.tuned ? '' : ' (held out)'}: ${JSON.stringify(result)}\n`);
}
