import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEvalSet, runAnswerEval, type EvalReport } from '../src/eval/answer-eval.ts';
import { PROJECT_ROOT, projectKnowledge } from './helpers/knowledge.ts';

/**
 * Holds answer quality where it was measured (npm run eval). A change that lowers a figure fails here; one that
 * raises it should raise the floor too.
 */

const set = loadEvalSet(path.join(PROJECT_ROOT, 'tests/eval/questions.json'));
let report: EvalReport;

beforeAll(async () => {
  report = runAnswerEval(await projectKnowledge(), set);
});

describe('answer eval', () => {
  it('is a real question set: at least 60 in-scope and 15 out-of-scope questions, none copied from qa.json', async () => {
    expect(set.inScope.length).toBeGreaterThanOrEqual(60);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(15);
    const kb = await projectKnowledge();
    const curated = new Set(kb.qa.flatMap((pair) => [pair.question, ...pair.alternatives]).map((text) => text.toLowerCase().trim()));
    expect(set.inScope.filter((item) => curated.has(item.question.toLowerCase().trim()))).toEqual([]);
  });

  it('cites an expected paragraph first for most in-scope questions', () => {
    expect(report.top1CitationAccuracy).toBeGreaterThanOrEqual(0.6);
  });

  it('almost never answers from the wrong paragraph', () => {
    expect(report.wrongCitationRate).toBeLessThanOrEqual(0.02);
  });

  it('when it declines an in-scope question, usually suggests one that answers it', () => {
    expect(report.declinedButSuggested).toBeGreaterThanOrEqual(0.85);
  });

  it('declines out-of-scope questions', () => {
    expect(report.abstentionAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('handles every typo and entity question kind reasonably', () => {
    expect(report.byKind.typo!.correct / report.byKind.typo!.total).toBeGreaterThanOrEqual(0.65);
    expect(report.byKind.entity!.correct / report.byKind.entity!.total).toBeGreaterThanOrEqual(0.9);
  });
});
