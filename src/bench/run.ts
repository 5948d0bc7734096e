import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { answerQuestion } from '../answer/answer.ts';
import { buildKnowledgeBaseInParallel } from '../kb/parallel-build.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { searchEngineFor } from '../search/engine.ts';
import { buildNaiveFuse, buildPlainMiniSearch, splitParagraphs, type Baseline } from './baselines.ts';
import { generateCorpus, generateQuestions, type BenchQuestion, type BenchQuestionKind } from './corpus.ts';

/**
 * `npm run bench`: build time, memory, answer latency, top passage and answered-from-target of Dossier's engine on synthetic news corpora of
 * 1k, 10k and 100k paragraphs, beside plain MiniSearch and naive fuse.js over the same paragraphs in the same run.
 * It prints figures and ratios; it asserts nothing, because timings on a shared machine are noisy.
 *
 * Options: --sizes 1000,10000 (default 1000,10000,100000), --questions N (default 200), --baselines all|minisearch|none
 * (default all; naive fuse.js takes a minute a question at 100k paragraphs).
 */

interface Row {
  engine: string;
  paragraphs: number;
  buildMs: number;
  memoryMb: number;
  questions: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of questions whose top-ranked passage is the target, whatever the confidence. */
  topPassage: number;
  /** Share of questions answered with a citation of the target: what a user gets, abstentions counted as misses. */
  answeredFromTarget: number;
  answeredRate: number;
  /** answeredFromTarget per question kind. */
  byKind: Partial<Record<BenchQuestionKind, number>>;
}

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** The JavaScript heap and the typed arrays' buffers, which live outside it: the index is mostly the latter. */
function heapMb(): number {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** Questions asked before timing starts, so JIT compilation is not billed to the first questions. */
const WARM_UP_QUESTIONS = 10;

interface Outcome {
  /** The top-ranked passage is the target. */
  top: boolean;
  /** An answer was given and it cites the target. */
  answeredFromTarget: boolean;
  answered: boolean;
}

interface Timed {
  p50: number;
  p99: number;
  topPassage: number;
  answeredFromTarget: number;
  answeredRate: number;
  byKind: Partial<Record<BenchQuestionKind, number>>;
}

function timeQuestions<T>(
  questions: BenchQuestion[],
  ask: (question: BenchQuestion) => T,
  judge: (question: BenchQuestion, result: T) => Outcome,
): Timed {
  for (const question of questions.slice(0, Math.min(WARM_UP_QUESTIONS, questions.length - 1))) ask(question);
  const times: number[] = [];
  const outcomes: Array<{ kind: BenchQuestionKind; outcome: Outcome }> = [];
  for (const question of questions) {
    const started = performance.now();
    const result = ask(question);
    times.push(performance.now() - started);
    // Judged outside the timed part: only the engine is measured.
    outcomes.push({ kind: question.kind, outcome: judge(question, result) });
  }
  times.sort((a, b) => a - b);
  const share = (list: typeof outcomes, test: (outcome: Outcome) => boolean) =>
    list.length === 0 ? 0 : list.filter((item) => test(item.outcome)).length / list.length;
  const byKind: Partial<Record<BenchQuestionKind, number>> = {};
  for (const kind of new Set(outcomes.map((item) => item.kind))) {
    byKind[kind] = share(
      outcomes.filter((item) => item.kind === kind),
      (outcome) => outcome.answeredFromTarget,
    );
  }
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    topPassage: share(outcomes, (outcome) => outcome.top),
    answeredFromTarget: share(outcomes, (outcome) => outcome.answeredFromTarget),
    answeredRate: share(outcomes, (outcome) => outcome.answered),
    byKind,
  };
}

function citesTarget(kb: KnowledgeBase, question: BenchQuestion, sourceId: string | undefined, paragraph: number | undefined): boolean {
  if (sourceId !== question.target.file || paragraph === undefined) return false;
  return (
    kb
      .passagesOf(sourceId)
      .find((passage) => passage.paragraph === paragraph)
      ?.text.includes(question.target.contains) ?? false
  );
}

async function benchDossier(size: number, sources: Array<{ file: string; text: string }>, questions: BenchQuestion[]): Promise<Row> {
  const before = heapMb();
  const started = performance.now();
  // Built as the bot and `npm run kb:build` build a folder: on two threads where the machine has two cores.
  const kb = await buildKnowledgeBaseInParallel({
    sources: sources.map((source) => ({ file: source.file, bytes: Buffer.from(source.text) })),
    catalog: null,
    qa: null,
    entities: null,
  });
  const engine = searchEngineFor(kb);
  const buildMs = performance.now() - started;
  // Heap after the bot's own start-up warm-up (src/main.ts): the index keeps its postings scored for the options in
  // use from then on, and a declined question's suggestions have built the names' lookup.
  answerQuestion(kb, 'warm up');
  const memoryMb = heapMb() - before;
  // The whole answer is timed (what a user waits for); the top passage is looked up while judging, untimed.
  const timed = timeQuestions(
    questions,
    (question) => answerQuestion(kb, question.question),
    (question, answer) => {
      const top = engine.search(question.question).passages[0];
      return {
        top: citesTarget(kb, question, top?.passage.sourceId, top?.passage.paragraph),
        answered: answer.answered,
        answeredFromTarget: answer.answered && citesTarget(kb, question, answer.citations[0]?.sourceId, answer.citations[0]?.paragraph),
      };
    },
  );
  return {
    engine: 'dossier',
    paragraphs: size,
    buildMs,
    memoryMb,
    questions: questions.length,
    p50Ms: timed.p50,
    p99Ms: timed.p99,
    ...pick(timed),
  };
}

function pick(timed: Timed): Pick<Row, 'topPassage' | 'answeredFromTarget' | 'answeredRate' | 'byKind'> {
  return {
    topPassage: timed.topPassage,
    answeredFromTarget: timed.answeredFromTarget,
    answeredRate: timed.answeredRate,
    byKind: timed.byKind,
  };
}

function benchBaseline(name: string, size: number, build: () => Baseline, questions: BenchQuestion[]): Row {
  const before = heapMb();
  const started = performance.now();
  const baseline = build();
  const buildMs = performance.now() - started;
  const memoryMb = heapMb() - before;
  // A baseline never declines: whatever it ranks first is its answer.
  const result = timeQuestions(
    questions,
    (question) => baseline.search(question.question),
    (question, top) => {
      const hit = top !== undefined && top.file === question.target.file && top.text.includes(question.target.contains);
      return { top: hit, answered: top !== undefined, answeredFromTarget: hit };
    },
  );
  return {
    engine: name,
    paragraphs: size,
    buildMs,
    memoryMb,
    questions: questions.length,
    p50Ms: result.p50,
    p99Ms: result.p99,
    ...pick(result),
  };
}

/** Naive fuse.js takes seconds a question at scale; it gets fewer questions so the run ends in minutes. */
function naiveFuseQuestionCount(size: number, questions: number): number {
  return Math.max(2, Math.min(questions, Math.round(30_000 / size)));
}

/**
 * A fixed CPU task timed before and after the run: on a shared machine the same code runs up to twice as slow from
 * one minute to the next, and this says how fast the machine was while the figures were taken.
 */
function referenceLoopMs(): number {
  const started = performance.now();
  let sum = 0;
  for (let index = 0; index < 300_000_000; index++) sum += index % 7;
  if (sum < 0) throw new Error('unreachable');
  return performance.now() - started;
}

const referenceBefore = referenceLoopMs();
const sizes = flag('sizes', '1000,10000,100000').split(',').map(Number);
const questionCount = Number(flag('questions', '200'));
const baselines = flag('baselines', 'all');
const rows: Row[] = [];
for (const size of sizes) {
  const corpus = generateCorpus({ paragraphs: size });
  const questions = generateQuestions(corpus, { count: questionCount });
  const paragraphs = splitParagraphs(corpus.sources);
  process.stderr.write(`${size} paragraphs, ${questions.length} questions…\n`);
  rows.push(await benchDossier(size, corpus.sources, questions));
  if (baselines !== 'none')
    rows.push(benchBaseline('plain MiniSearch (fuzzy+prefix)', size, () => buildPlainMiniSearch(paragraphs), questions));
  if (baselines === 'all') {
    rows.push(
      benchBaseline(
        'naive fuse.js',
        size,
        () => buildNaiveFuse(paragraphs),
        questions.slice(0, naiveFuseQuestionCount(size, questions.length)),
      ),
    );
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const percent = (value: number | undefined) => (value === undefined ? '' : `${fixed(value * 100)}%`);
const kinds: BenchQuestionKind[] = ['keyword', 'typo', 'paraphrase', 'reworded'];
const table = [
  `| engine | paragraphs | build s | heap MB | questions | p50 ms | p99 ms | top passage | answered | answered from target | ${kinds.join(' | ')} |`,
  `|---|${'---:|'.repeat(9 + kinds.length)}`,
  ...rows.map(
    (row) =>
      `| ${row.engine} | ${row.paragraphs} | ${fixed(row.buildMs / 1000, 2)} | ${fixed(row.memoryMb, 0)} | ${row.questions} | ${fixed(row.p50Ms, 2)} | ${fixed(row.p99Ms, 2)} | ${percent(row.topPassage)} | ${percent(row.answeredRate)} | ${percent(row.answeredFromTarget)} | ${kinds.map((kind) => percent(row.byKind[kind])).join(' | ')} |`,
  ),
];
const ratios = sizes.map((size) => {
  const dossier = rows.find((row) => row.paragraphs === size && row.engine === 'dossier')!;
  const mini = rows.find((row) => row.paragraphs === size && row.engine.startsWith('plain MiniSearch'));
  if (!mini)
    return `${size} paragraphs: dossier p50 ${fixed(dossier.p50Ms, 2)} ms, answered from target ${percent(dossier.answeredFromTarget)}`;
  const fuse = rows.find((row) => row.paragraphs === size && row.engine === 'naive fuse.js');
  const versusFuse = fuse
    ? ` and ${fixed(fuse.p50Ms / dossier.p50Ms, 0)}× faster than naive fuse.js (top passage ${percent(fuse.topPassage)})`
    : '';
  return `${size} paragraphs: dossier p50 is ${fixed(mini.p50Ms / dossier.p50Ms)}× faster than plain MiniSearch${versusFuse}; answered from target ${percent(dossier.answeredFromTarget)} vs MiniSearch's top hit ${percent(mini.topPassage)}; top passage ${percent(dossier.topPassage)}`;
});
const referenceAfter = referenceLoopMs();
const reference = `reference loop (a fixed CPU task; slower means a busier machine): ${fixed(referenceBefore, 0)} ms before, ${fixed(referenceAfter, 0)} ms after`;
process.stdout.write(`${table.join('\n')}\n\n${ratios.join('\n')}\n${reference}\n`);
const outDir = path.resolve(import.meta.dirname, '../../bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  path.join(outDir, 'latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, referenceLoopMs: [referenceBefore, referenceAfter], rows }, null, 2)}\n`,
);
