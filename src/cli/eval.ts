import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SCORING, parseScoringOverride, scoringWith, type ScoringOverrides } from '../answer/scoring-options.ts';
import { runAnswerEval, type EvalReport } from '../eval/answer-eval.ts';
import { loadClaimLabels, runClaimsEval, type ClaimsEvalReport } from '../eval/claims-eval.ts';
import { loadEntityLabels, runEntityEval, type EntityEvalReport } from '../eval/entity-eval.ts';
import { evalSets } from '../eval/eval-sets.ts';
import { KnowledgeBuildError } from '../kb/errors.ts';

/**
 * `npm run eval [-- --set name=value …] [--only name,…] [--json] [--misses]`: answer quality on every eval set side
 * by side (the bundled reports with and without curated Q&A, real articles in two halves), the reliability of
 * confidence, the claims eval, and how well the names of reports without an entities file are found.
 */

const CLAIM_LABELS = path.resolve(import.meta.dirname, '../../tests/eval/claims.json');
const REAL_CLAIM_LABELS = path.resolve(import.meta.dirname, '../../tests/eval/real/claims.json');
/** Sentences of the third development set's articles, labelled later and apart. */
const DEV3_CLAIM_LABELS = path.resolve(import.meta.dirname, '../../tests/eval/real/claims-dev3.json');
const REAL_ENTITY_LABELS = path.resolve(import.meta.dirname, '../../tests/eval/real/entities.json');
/** Names of the third development set's articles, labelled later and apart. */
const DEV3_ENTITY_LABELS = path.resolve(import.meta.dirname, '../../tests/eval/real/entities-dev3.json');
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      set: { type: 'string', multiple: true, default: [] },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
      knowledge: { type: 'string' },
    },
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
let scoring: ScoringOverrides = {};
try {
  for (const item of parsed.values.set) scoring = { ...scoring, ...parseScoringOverride(item) };
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const only = parsed.values.only?.split(',').map((name) => name.trim());
const allSets = evalSets(parsed.values.knowledge && path.resolve(parsed.values.knowledge));
const reports: Array<{ name: string; tuned: boolean; report: EvalReport }> = [];
const claims: Array<{ name: string; tuned: boolean; report: ClaimsEvalReport }> = [];
const entities: Array<{ name: string; report: EntityEvalReport }> = [];
try {
  for (const set of allSets.filter((item) => !only || only.includes(item.name))) {
    reports.push({ name: set.name, tuned: set.tuned, report: runAnswerEval(await set.knowledge(), set.questions(), { scoring }, true) });
  }
  // The claims labels are of the bundled reports and of the real articles, whose knowledge the answer eval built.
  if (!only || only.includes('claims')) {
    const knowledgeOf = async (name: string) => allSets.find((set) => set.name === name)!.knowledge();
    const bundled = await knowledgeOf('bundled');
    claims.push({ name: 'bundled reports', tuned: true, report: runClaimsEval(() => bundled, loadClaimLabels(CLAIM_LABELS)) });
    if (existsSync(REAL_CLAIM_LABELS)) {
      const halves = { dev: await knowledgeOf('real-dev'), test: await knowledgeOf('real-test') };
      const labels = loadClaimLabels(REAL_CLAIM_LABELS);
      // Real articles come with no entities file: a subject is a name, found as `/claims name` finds it. Each half
      // is reported apart, like the answer eval's: the extractor is tuned on the development half only.
      for (const [half, name] of [
        ['dev', 'real articles, development half'],
        ['test', 'real articles, held-out half'],
      ] as const) {
        const ofHalf = labels.filter((label) => (label.folder ?? 'dev') === half);
        claims.push({
          name,
          tuned: half === 'dev',
          report: runClaimsEval(() => halves[half], ofHalf, { subjects: 'name', claimantSpans: true }),
        });
      }
    }
    if (existsSync(DEV3_CLAIM_LABELS)) {
      const dev3 = await knowledgeOf('real-dev3');
      claims.push({
        name: 'real articles, third development set',
        tuned: true,
        report: runClaimsEval(() => dev3, loadClaimLabels(DEV3_CLAIM_LABELS), { subjects: 'name', claimantSpans: true }),
      });
    }
  }
  if ((!only || only.includes('entities')) && existsSync(REAL_ENTITY_LABELS)) {
    const labels = loadEntityLabels(REAL_ENTITY_LABELS);
    for (const name of ['real-dev', 'real-test']) {
      const set = allSets.find((item) => item.name === name)!;
      entities.push({ name, report: runEntityEval(await set.knowledge(), labels) });
    }
    if (existsSync(DEV3_ENTITY_LABELS)) {
      const set = allSets.find((item) => item.name === 'real-dev3')!;
      entities.push({ name: 'real-dev3', report: runEntityEval(await set.knowledge(), loadEntityLabels(DEV3_ENTITY_LABELS)) });
    }
  }
} catch (error) {
  process.stderr.write(`${error instanceof KnowledgeBuildError ? error.message : `The eval could not run: ${(error as Error).message}`}\n`);
  process.exit(1);
}

if (parsed.values.json) {
  const sets = reports.map(({ name, report: { cases, ...figures } }) => ({
    name,
    ...figures,
    misses: cases
      .filter((item) => item.outcome !== 'correct' && item.outcome !== 'abstained-correctly')
      .map((item) => ({ question: item.question, outcome: item.outcome, confidence: item.answer.confidence })),
  }));
  process.stdout.write(`${JSON.stringify({ scoring: scoringWith(scoring), answers: sets, claims, entities })}\n`);
} else {
  const changed = Object.entries(scoring).map(([name, value]) => `${name}=${value}`);
  const column = (text: string) => text.padStart(15);
  const row = (label: string, values: string[]) => `  ${label.padEnd(28)}${values.map(column).join('')}`;
  const lines = [
    `Answer eval (threshold ${scoring.threshold ?? DEFAULT_SCORING.threshold}${changed.length ? `; changed: ${changed.join(', ')}` : ''})`,
    row(
      '',
      reports.map((item) => item.name),
    ),
    row(
      '  (tuned on)',
      reports.map((item) => (item.tuned ? 'yes' : 'held out')),
    ),
    row(
      'in-scope questions',
      reports.map((item) => String(item.report.inScope)),
    ),
    row(
      'near misses',
      reports.map((item) => String(item.report.outOfScope)),
    ),
    row(
      'in-scope cited correctly',
      reports.map((item) => percent(item.report.top1CitationAccuracy)),
    ),
    row(
      'near misses declined',
      reports.map((item) => percent(item.report.abstentionAccuracy)),
    ),
    row(
      'wrong citations',
      reports.map((item) => percent(item.report.wrongCitationRate)),
    ),
    row(
      'declined, but suggested',
      reports.map((item) => percent(item.report.declinedButSuggested)),
    ),
    '',
    '  By kind (in-scope cited correctly):',
    ...[...new Set(reports.flatMap((item) => Object.keys(item.report.byKind)))].map((kind) =>
      row(
        `  ${kind}`,
        reports.map(({ report }) => (report.byKind[kind] ? `${report.byKind[kind].correct}/${report.byKind[kind].total}` : '-')),
      ),
    ),
    '',
    '  Reliability: of the answers given at confidence ≥ c, the share citing an expected paragraph (answers given; near misses among them)',
    ...(reports[0]?.report.reliability ?? []).map((first, index) =>
      row(
        `  c ≥ ${first.confidence.toFixed(2)}`,
        reports.map(({ report }) => {
          const step = report.reliability[index]!;
          return `${step.answered ? percent(step.correct / step.answered) : '-'} (${step.answered};${step.outOfScope})`;
        }),
      ),
    ),
  ];
  if (parsed.values.misses) {
    for (const { name, report } of reports) {
      lines.push('', `  ${name}: not cited correctly`);
      for (const item of report.cases.filter((entry) => entry.outcome !== 'correct' && entry.outcome !== 'abstained-correctly')) {
        const top = item.answer.citations[0];
        lines.push(
          `    [${item.outcome}] (${item.kind}) ${item.question}  →  ${top ? `${top.sourceId} ¶${top.paragraph}` : '-'} (${item.answer.confidence})`,
        );
      }
    }
  }
  for (const { name, tuned, report: claimsReport } of claims) {
    lines.push(
      '',
      `Claims eval, ${name}: ${claimsReport.sentences} labelled sentences, ${claimsReport.attributed} attributed`,
      `  claimant recall           ${percent(claimsReport.claimantRecall)}   (attributed claims found with the right claimant)`,
      `  claimant precision        ${percent(claimsReport.claimantPrecision)}`,
      `  claimant exact span       ${Number.isNaN(claimsReport.claimantExact) ? 'not labelled (the labels are keys)' : `${percent(claimsReport.claimantExact)}   (the claimant is exactly the name or group labelled)`}`,
      `  invented claimants        ${claimsReport.inventedClaimants}   (claimant given to a sentence the article asserts itself)`,
      `  subject recall            ${Number.isNaN(claimsReport.subjectRecall) ? 'not scored (no entities file)' : percent(claimsReport.subjectRecall)}`,
      `  cue accuracy              ${percent(claimsReport.cueAccuracy)}`,
      `  hedge accuracy            ${percent(claimsReport.hedgeAccuracy)}`,
    );
    // The held-out half's misses are not listed: reading them is the first step of tuning on them.
    for (const miss of tuned ? claimsReport.misses : [])
      lines.push(`    [claimant] "${miss.sentence}": expected ${miss.expected ?? 'none'}, got ${miss.got ?? 'none'}`);
  }
  if (entities.length > 0) {
    lines.push(
      '',
      'Names found in reports without an entities file (people, organisations and places labelled by hand)',
      row(
        '',
        entities.map((item) => item.name),
      ),
      row(
        'articles; names labelled',
        entities.map(({ report }) => `${report.articles}; ${report.labelled}`),
      ),
      row(
        '/claims <name> finds it',
        entities.map(({ report }) => percent(report.foundByName)),
      ),
      row(
        'found in some form',
        entities.map(({ report }) => percent(report.recall)),
      ),
      row(
        'found that are labelled',
        entities.map(({ report }) => `${percent(report.precision)} of ${report.found}`),
      ),
      row(
        'type right',
        entities.map(({ report }) => percent(report.typeAccuracy)),
      ),
    );
    if (parsed.values.misses) for (const { name, report } of entities) lines.push(`  ${name} not found: ${report.missed.join('; ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
