import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { DEFAULT_SCORING, parseScoringOverride, SCORING_OPTION_NAMES, type ScoringOptions } from '../src/answer/scoring-options.ts';
import { evalSets } from '../src/eval/eval-sets.ts';
import type { EvalSet } from '../src/eval/answer-eval.ts';
import type { KnowledgeBase } from '../src/kb/knowledge-base.ts';

/**
 * Every scoring option must matter: changed to another plausible value, it changes what the bot says (answered or
 * not, which paragraph, which words) for at least one eval question. An option no eval case notices is an
 * untested constant, and this test names it.
 */

const ALTERNATIVES: Record<keyof ScoringOptions, number> = {
  threshold: 0.6,
  correctedTypoCertainty: 0.6,
  fuzzyEntityCertainty: 0.2,
  realWordTypoCertainty: 0.3,
  synonymCertainty: 0.8,
  valueWordCertainty: 0,
  // From 0.5 to 1 the same cases move; below, "what is corbyn criticised for" no longer finds "accused by critics".
  derivedFormCertainty: 0.4,
  // Without the title, "when was the hunter admitted to hospital" is not found where the plague article's hunter is.
  titleContextCertainty: 0,
  softMatchExponent: 2,
  softMatchMinCosine: 0.8,
  // The answers' own sharpening: suggestions then come from the paragraphs the answer was ranked among.
  suggestionSoftMatchExponent: 5,
  // Suggestions from any report's closest paragraphs, however much less close than the closest one.
  suggestionOtherReportShare: 0,
  coveragePower: 0.5,
  neighbourLookups: 0,
  neighbourMinCosine: 0.85,
  // Since names found in the reports weigh in the index, 3 re-scores the same winners as 20 on these sets; 1 does not.
  candidatePassages: 1,
  // As many as any other question: "how old is steve jobs" no longer reaches the paragraph with his age.
  typedCandidatePassages: 20,
  bm25K1: 3,
  bm25B: 0,
  bm25Delta: 0,
  // Names are matched as concepts, so the index's name field barely decides which paragraphs are seen: from 0 to
  // 3 times a word's weight no eval answer moves; at 5 one does.
  entityFieldWeight: 5,
  headingFieldWeight: 5,
  passageCoverageWeight: 0.2,
  quoteCoverageWeight: 0.05,
  bm25Weight: 0.5,
  introductionPreference: 0,
  clearLead: 0,
  ambiguityPenalty: 0,
  sentencePairGain: 0,
  qaForwardWeight: 0.3,
  qaBackwardWeight: 0.05,
  qaFuzzyWeight: 0.4,
  curatedPreference: 0.3,
  claimsPreference: 0,
  missingAnswerTypeFactor: 1,
};

/** Options that only decide what a declined question is offered: they are checked on its suggestions. */
const SUGGESTION_OPTIONS: ReadonlyArray<keyof ScoringOptions> = ['suggestionSoftMatchExponent', 'suggestionOtherReportShare'];

let sets: Array<{ name: string; kb: KnowledgeBase; questions: string[] }> = [];

function outcomes(scoring: Partial<ScoringOptions>): string[] {
  return sets.flatMap(({ kb, questions }) =>
    questions.map((question) => {
      const answer = answerQuestion(kb, question, { scoring, suggest: false });
      const top = answer.citations[0];
      return answer.answered ? `${answer.via} ${top?.sourceId} ${top?.paragraph} ${top?.quote}` : 'declined';
    }),
  );
}

const questionsOf = (set: EvalSet) => [...set.inScope.map((item) => item.question), ...set.outOfScope.map((item) => item.question)];

beforeAll(async () => {
  // The bundled reports among others: with more passages than candidates, the index's weights decide which are seen.
  const chosen = evalSets().filter((set) => ['bundled', 'bundled+others', 'real-dev', 'real-dev2', 'real-dev3'].includes(set.name));
  sets = await Promise.all(
    chosen.map(async (set) => ({ name: set.name, kb: await set.knowledge(), questions: questionsOf(set.questions()) })),
  );
}, 120_000);

describe('scoring options', () => {
  it('each has an alternative value to try, different from its default', () => {
    expect(Object.keys(ALTERNATIVES).sort()).toEqual([...SCORING_OPTION_NAMES].sort());
    for (const name of SCORING_OPTION_NAMES) expect(ALTERNATIVES[name], name).not.toBe(DEFAULT_SCORING[name]);
  });

  it('each changes the answer to at least one eval question', () => {
    const baseline = outcomes({});
    const unnoticed = SCORING_OPTION_NAMES.filter((name) => !SUGGESTION_OPTIONS.includes(name)).filter((name) => {
      const changed = outcomes({ [name]: ALTERNATIVES[name] });
      return changed.every((outcome, index) => outcome === baseline[index]);
    });
    expect(unnoticed).toEqual([]);
  }, 300_000);

  it('each that decides suggestions changes what at least one declined eval question is offered', () => {
    // Without curated Q&A, whose questions would be offered first.
    const { kb, questions } = sets.find((set) => set.name === 'bundled+others')!;
    const offered = (scoring: Partial<ScoringOptions>) =>
      questions.map((question) => answerQuestion(kb, question, { scoring }).suggestions.join(' | '));
    const baseline = offered({});
    for (const name of SUGGESTION_OPTIONS) expect(offered({ [name]: ALTERNATIVES[name] }), name).not.toEqual(baseline);
  }, 120_000);
});

describe('npm run eval -- --set', () => {
  it('takes any declared option by name, digits included, and refuses the rest with the names it knows', () => {
    for (const name of SCORING_OPTION_NAMES) expect(parseScoringOverride(`${name}=0.5`)).toEqual({ [name]: 0.5 });
    expect(() => parseScoringOverride('bm25k1=1')).toThrow(/Unknown scoring option "bm25k1"; options: threshold/);
    expect(() => parseScoringOverride('threshold=high')).toThrow(/expects name=number/);
  });
});
