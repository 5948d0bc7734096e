import path from 'node:path';
import { ANSWER_THRESHOLD } from '../answer/answer.ts';
import { loadEvalSet, runAnswerEval } from '../eval/answer-eval.ts';
import { loadClaimLabels, runClaimsEval } from '../eval/claims-eval.ts';
import { readCommonArgs } from './args.ts';
import { openKnowledgeOrExit } from './open-knowledge.ts';

/** `npm run eval`: answer quality on tests/eval/questions.json, printed as figures. */

const EVAL_SET = path.resolve(import.meta.dirname, '../../tests/eval/questions.json');
const CLAIM_LABELS = path.resolve(import.meta.dirname, '../../tests/eval/claims.json');
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

const args = await readCommonArgs();
const store = await openKnowledgeOrExit(args.knowledgeDir);
const report = runAnswerEval(store.current, loadEvalSet(EVAL_SET));
const claims = runClaimsEval(store.current, loadClaimLabels(CLAIM_LABELS));

if (args.json) {
  const { cases, ...figures } = report;
  const misses = cases
    .filter((item) => item.outcome !== 'correct' && item.outcome !== 'abstained-correctly')
    .map((item) => ({ question: item.question, outcome: item.outcome }));
  process.stdout.write(`${JSON.stringify({ answers: { ...figures, misses }, claims })}\n`);
} else {
  const lines = [
    `Answer eval: ${report.inScope} in-scope and ${report.outOfScope} out-of-scope questions (answer threshold ${ANSWER_THRESHOLD})`,
    `  top-1 citation accuracy   ${percent(report.top1CitationAccuracy)}`,
    `  wrong citations           ${percent(report.wrongCitationRate)}   (answered, but not from an expected paragraph)`,
    `  abstention accuracy       ${percent(report.abstentionAccuracy)}`,
    `  declined, but suggested   ${percent(report.declinedButSuggested)}   (in-scope questions declined whose suggestions include one that answers them)`,
    '  by kind:',
    ...Object.entries(report.byKind).map(([kind, { total, correct }]) => `    ${kind.padEnd(12)} ${String(correct).padStart(3)}/${total}  ${percent(correct / total)}`),
  ];
  const misses = report.cases.filter((item) => item.outcome === 'wrong-citation' || item.outcome === 'answered-out-of-scope');
  if (misses.length > 0) {
    lines.push('  answered wrongly:');
    for (const item of misses) {
      const top = item.answer.citations[0];
      lines.push(`    [${item.outcome}] ${item.question}  →  ${top ? `${top.sourceId} ¶${top.paragraph}` : '-'} (${item.answer.confidence})`);
    }
  }
  lines.push(
    '',
    `Claims eval: ${claims.sentences} labelled sentences, ${claims.attributed} attributed`,
    `  claimant recall           ${percent(claims.claimantRecall)}   (attributed claims found with the right claimant)`,
    `  claimant precision        ${percent(claims.claimantPrecision)}`,
    `  invented claimants        ${claims.inventedClaimants}   (claimant given to a sentence the article asserts itself)`,
    `  subject recall            ${percent(claims.subjectRecall)}`,
    `  cue accuracy              ${percent(claims.cueAccuracy)}`,
    `  hedge accuracy            ${percent(claims.hedgeAccuracy)}`,
  );
  for (const miss of claims.misses) lines.push(`    [claimant] "${miss.sentence}": expected ${miss.expected ?? 'none'}, got ${miss.got ?? 'none'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
