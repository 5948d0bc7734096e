import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SourceAnalyzer, type SourceAnalysis } from './analyze-source.ts';
import { collectPrepared, finishBuild, planBuild, prepareReport, type KnowledgeInput, type PreparedReport } from './build.ts';
import type { Claim } from './claims.ts';
import type { IngestedSource } from './ingest.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { TYPESCRIPT_WORKER } from './off-thread.ts';
import type { IndexablePassage } from './passage-index-builder.ts';
import { log } from '../log.ts';

/**
 * buildKnowledgeBase on two threads when the machine has a second core. A worker takes the later half of the
 * reports' text through both per-report steps: preparing (cleaning, sentences, names) and, once every report's
 * names are known, analysing (stems, mentions, claims). This thread does the earlier half meanwhile, then indexes
 * all of them in order, so the result is the knowledge base the one-thread build makes. Should the worker fail,
 * this thread does its share.
 */

type Outcome = ReturnType<typeof prepareReport>;

/** What the worker sends back of its reports' analyses; the reports themselves this thread already has. */
export interface WorkerAnalyses {
  analyses: Array<{ entityIds: string[][]; indexable: IndexablePassage[]; claims: Claim[] }>;
  wordFrequency: Map<string, number>;
}

export interface ParallelBuildOptions {
  /** Threads the machine can run at once; one means no worker. */
  threads?: number;
  /** Below this much report text a second thread costs more to start than it saves. */
  minBytes?: number;
}

const PARALLEL_BUILD_MIN_BYTES = 4_000_000;
/**
 * The worker's share of the text: a little under half, since its results still have to be copied across
 * (at 100,000 paragraphs an even split left this thread waiting about 2 s for each half).
 */
const WORKER_SHARE = 0.45;

/** The worker's next message, or a rejection if it fails or stops first. */
function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      worker.off('error', onError).off('exit', onExit);
      resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage).off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number) => {
      worker.off('message', onMessage).off('error', onError);
      reject(new Error(`the build worker stopped with code ${code}`));
    };
    worker.once('message', onMessage).once('error', onError).once('exit', onExit);
  });
}

/** The build goes on without the worker, only slower; an operator should know why. */
function workerFailed(error: unknown): null {
  log.warn('The build worker failed; this thread builds its share instead:', error);
  return null;
}

/**
 * One copy of each repeated string. A message arrives with its own copy of every string in it, where the
 * one-thread build shares one ("said", an entity's id, a report's id in each of its paragraphs): without this, the
 * knowledge base held about 85 MB more at 100,000 paragraphs.
 */
class StringPool {
  private readonly pool = new Map<string, string>();

  get<T extends string | null>(text: T): T {
    if (text === null) return text;
    const pooled = this.pool.get(text);
    if (pooled !== undefined) return pooled as T;
    this.pool.set(text, text);
    return text;
  }
}

/** A report prepared by the worker, its paragraphs' text cut from the report's again and its strings shared. */
function restorePrepared(report: IngestedSource, pool: StringPool): void {
  const { text, id } = report.source;
  for (const passage of report.passages) {
    passage.text = text.slice(passage.start, passage.end);
    passage.sourceId = id;
    passage.kind = pool.get(passage.kind);
    passage.heading = pool.get(passage.heading);
  }
}

function analysisFrom(report: PreparedReport, sent: WorkerAnalyses['analyses'][number], pool: StringPool): SourceAnalysis {
  const { source, passages } = report.report;
  passages.forEach((passage, index) => (passage.entityIds = (sent.entityIds[index] ?? []).map((id) => pool.get(id))));
  const passageById = new Map(passages.map((passage) => [passage.id, passage]));
  for (const claim of sent.claims) {
    claim.sourceId = source.id;
    claim.passageId = passageById.get(claim.passageId)?.id ?? claim.passageId;
    // What is claimed is cut from the sentence, as the one-thread build cuts it, rather than kept as a copy.
    const at = source.text.indexOf(claim.text, claim.start);
    if (at >= 0 && at + claim.text.length <= claim.end) claim.text = source.text.slice(at, at + claim.text.length);
    claim.claimant = pool.get(claim.claimant);
    claim.claimantRole = pool.get(claim.claimantRole);
    claim.claimantEntityId = pool.get(claim.claimantEntityId);
    claim.cue = pool.get(claim.cue);
    claim.hedge = pool.get(claim.hedge);
    for (const subject of claim.subjects) {
      subject.entityId = pool.get(subject.entityId);
      subject.via = pool.get(subject.via);
    }
  }
  return { source, passages, indexable: sent.indexable, claims: sent.claims };
}

export async function buildKnowledgeBaseInParallel(input: KnowledgeInput, options: ParallelBuildOptions = {}): Promise<KnowledgeBase> {
  const { threads = availableParallelism(), minBytes = PARALLEL_BUILD_MIN_BYTES } = options;
  const plan = planBuild(input);
  const bytes = plan.reports.reduce((total, report) => total + report.bytes.length, 0);
  let split = plan.reports.length;
  if (threads >= 2 && bytes >= minBytes) {
    split = 0;
    for (let seen = 0; split < plan.reports.length && seen < bytes * (1 - WORKER_SHARE); split++) seen += plan.reports[split]!.bytes.length;
  }
  let worker: Worker | null = null;
  let preparedAway: Promise<Outcome[] | null> = Promise.resolve(null);
  if (split < plan.reports.length) {
    try {
      worker = new Worker(TYPESCRIPT_WORKER, { workerData: { module: './prepare-worker.ts', reports: plan.reports.slice(split) } });
      preparedAway = nextMessage<Outcome[]>(worker).catch(workerFailed);
    } catch (error) {
      worker = workerFailed(error);
    }
  }
  try {
    const here = plan.reports.slice(0, split).map(prepareReport);
    const sent = await preparedAway;
    const there = sent ?? plan.reports.slice(split).map(prepareReport);
    const pool = new StringPool();
    for (const { prepared } of sent ?? []) if (prepared) restorePrepared(prepared.report, pool);
    const { prepared, entities } = collectPrepared(plan, [...here, ...there]);
    for (const entity of entities) pool.get(entity.id);
    const preparedHere = here.filter((outcome) => outcome.prepared).length;
    const analysedAway = sent && worker ? nextMessage<WorkerAnalyses>(worker).catch(workerFailed) : Promise.resolve(null);
    if (sent && worker) worker.postMessage({ entities });
    const analyzer = new SourceAnalyzer(entities);
    const analyses = prepared.slice(0, preparedHere).map((report) => analyzer.analyze(report.report));
    const away = await analysedAway;
    const rest = prepared.slice(preparedHere);
    if (away && away.analyses.length === rest.length) {
      rest.forEach((report, index) => analyses.push(analysisFrom(report, away.analyses[index]!, pool)));
      for (const [word, count] of away.wordFrequency) analyzer.wordFrequency.set(word, (analyzer.wordFrequency.get(word) ?? 0) + count);
    } else {
      for (const report of rest) analyses.push(analyzer.analyze(report.report));
    }
    return finishBuild(plan, entities, analyses, analyzer.wordFrequency);
  } finally {
    // Awaited: until it has stopped, the worker still holds its copy of its share of the reports.
    await worker?.terminate();
  }
}
