import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { answerQuestion } from '../answer/answer.ts';
import { buildKnowledgeBase } from '../kb/build.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { searchEngineFor } from '../search/engine.ts';
import { buildNaiveFuse, buildPlainMiniSearch, splitParagraphs, type Baseline } from './baselines.ts';
import { generateCorpus, generateQuestions, type BenchQuestion } from './corpus.ts';

/**
 * `npm run bench`: build time, memory, answer latency and hit@1 of Dossier's engine on synthetic news corpora of
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
  hitAt1: number;
  answeredRate?: number;
}

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** Questions asked before timing starts, so JIT compilation is not billed to the first questions. */
const WARM_UP_QUESTIONS = 10;

interface Outcome {
  hit: boolean;
  answered?: boolean;
}

function timeQuestions<T>(questions: BenchQuestion[], ask: (question: BenchQuestion) => T, judge: (question: BenchQuestion, result: T) => Outcome): { p50: number; p99: number; hits: number; answered: number } {
  for (const question of questions.slice(0, Math.min(WARM_UP_QUESTIONS, questions.length - 1))) ask(question);
  const times: number[] = [];
  let hits = 0;
  let answered = 0;
  for (const question of questions) {
    const started = performance.now();
    const result = ask(question);
    times.push(performance.now() - started);
    // Judged outside the timed part: only the engine is measured.
    const outcome = judge(question, result);
    if (outcome.hit) hits++;
    if (outcome.answered) answered++;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), hits, answered };
}

function citesTarget(kb: KnowledgeBase, question: BenchQuestion, sourceId: string | undefined, paragraph: number | undefined): boolean {
  if (sourceId !== question.target.file || paragraph === undefined) return false;
  return kb.passagesOf(sourceId).find((passage) => passage.paragraph === paragraph)?.text.includes(question.target.contains) ?? false;
}

function benchDossier(size: number, sources: Array<{ file: string; text: string }>, questions: BenchQuestion[]): Row[] {
  const before = heapMb();
  const started = performance.now();
  const kb = buildKnowledgeBase({ sources: sources.map((source) => ({ file: source.file, bytes: Buffer.from(source.text) })), catalog: null, qa: null, entities: null });
  searchEngineFor(kb);
  const buildMs = performance.now() - started;
  const memoryMb = heapMb() - before;
  // Cited answers: what a user gets, abstentions included (an abstention is a miss here).
  const cited = timeQuestions(
    questions,
    (question) => answerQuestion(kb, question.question),
    (question, answer) => ({ hit: citesTarget(kb, question, answer.citations[0]?.sourceId, answer.citations[0]?.paragraph), answered: answer.answered }),
  );
  // Ranking alone, as the baselines are measured: the top passage whatever its confidence.
  const ranked = timeQuestions(
    questions,
    (question) => searchEngineFor(kb).search(question.question).passages[0],
    (question, top) => ({ hit: citesTarget(kb, question, top?.passage.sourceId, top?.passage.paragraph) }),
  );
  const common = { paragraphs: size, buildMs, memoryMb, questions: questions.length };
  return [
    { engine: 'dossier (answer)', ...common, p50Ms: cited.p50, p99Ms: cited.p99, hitAt1: cited.hits / questions.length, answeredRate: cited.answered / questions.length },
    { engine: 'dossier (top passage)', ...common, p50Ms: ranked.p50, p99Ms: ranked.p99, hitAt1: ranked.hits / questions.length },
  ];
}

function benchBaseline(name: string, size: number, build: () => Baseline, questions: BenchQuestion[]): Row {
  const before = heapMb();
  const started = performance.now();
  const baseline = build();
  const buildMs = performance.now() - started;
  const memoryMb = heapMb() - before;
  const result = timeQuestions(
    questions,
    (question) => baseline.search(question.question),
    (question, top) => ({ hit: top !== undefined && top.file === question.target.file && top.text.includes(question.target.contains) }),
  );
  return { engine: name, paragraphs: size, buildMs, memoryMb, questions: questions.length, p50Ms: result.p50, p99Ms: result.p99, hitAt1: result.hits / questions.length };
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
  rows.push(...benchDossier(size, corpus.sources, questions));
  if (baselines !== 'none') rows.push(benchBaseline('plain MiniSearch (fuzzy+prefix)', size, () => buildPlainMiniSearch(paragraphs), questions));
  if (baselines === 'all') {
    rows.push(benchBaseline('naive fuse.js', size, () => buildNaiveFuse(paragraphs), questions.slice(0, naiveFuseQuestionCount(size, questions.length))));
  }
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const header = '| engine | paragraphs | build s | heap MB | questions | p50 ms | p99 ms | hit@1 | answered |';
const table = [
  header,
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((row) =>
    `| ${row.engine} | ${row.paragraphs} | ${fixed(row.buildMs / 1000, 2)} | ${fixed(row.memoryMb, 0)} | ${row.questions} | ${fixed(row.p50Ms, 2)} | ${fixed(row.p99Ms, 2)} | ${fixed(row.hitAt1 * 100)}% | ${row.answeredRate === undefined ? '' : `${fixed(row.answeredRate * 100)}%`} |`,
  ),
];
const ratios = sizes.map((size) => {
  const dossier = rows.find((row) => row.paragraphs === size && row.engine === 'dossier (top passage)')!;
  const mini = rows.find((row) => row.paragraphs === size && row.engine.startsWith('plain MiniSearch'));
  if (!mini) return `${size} paragraphs: dossier p50 ${fixed(dossier.p50Ms, 2)} ms, hit@1 ${fixed(dossier.hitAt1 * 100)}%`;
  const fuse = rows.find((row) => row.paragraphs === size && row.engine === 'naive fuse.js');
  const versusFuse = fuse ? ` and ${fixed(fuse.p50Ms / dossier.p50Ms, 0)}× faster than naive fuse.js (hit@1 ${fixed(fuse.hitAt1 * 100)}%)` : '';
  return `${size} paragraphs: dossier p50 is ${fixed(mini.p50Ms / dossier.p50Ms)}× faster than plain MiniSearch${versusFuse}; hit@1 ${fixed(dossier.hitAt1 * 100)}% vs ${fixed(mini.hitAt1 * 100)}% (MiniSearch)`;
});
const referenceAfter = referenceLoopMs();
const reference = `reference loop (a fixed CPU task; slower means a busier machine): ${fixed(referenceBefore, 0)} ms before, ${fixed(referenceAfter, 0)} ms after`;
process.stdout.write(`${table.join('\n')}\n\n${ratios.join('\n')}\n${reference}\n`);
const outDir = path.resolve(import.meta.dirname, '../../bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, referenceLoopMs: [referenceBefore, referenceAfter], rows }, null, 2)}\n`);
