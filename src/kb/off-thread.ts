import { Worker } from 'node:worker_threads';
import type { LoadResult } from './built-index.ts';
import { KnowledgeBuildError, type KnowledgeProblem } from './errors.ts';
import { KnowledgeBase, type KnowledgeBaseParts } from './knowledge-base.ts';
import { PassageIndex, type PassageIndexArrays } from './passage-index.ts';

/**
 * Loading a large knowledge folder in a worker thread. Building 100,000 paragraphs takes seconds; on the bot's own
 * thread that would hold every question (and Discord's 3-second deadline) until it finished. In a worker, the bot
 * keeps answering from the current knowledge, and only receiving the result (a second or two at that size) runs
 * on its thread. The index's arrays are moved across, not copied.
 */

/** The script every worker thread of the build starts with; it loads the TypeScript module named in workerData. */
export const TYPESCRIPT_WORKER = new URL('./typescript-worker.mjs', import.meta.url);

type TransferableParts = Omit<KnowledgeBaseParts, 'passageIndex'> & { passageIndex: PassageIndexArrays };

export type LoadReply =
  | { ok: true; unchanged: true }
  | { ok: true; unchanged?: false; parts: TransferableParts; rebuilt: boolean; saveError?: string }
  | { ok: false; problems: KnowledgeProblem[] | null; message: string };

/** A load's result (or failure) as a message, and the buffers to move with it. */
export function toLoadReply(result: LoadResult | null | Error): { reply: LoadReply; transfer: ArrayBuffer[] } {
  if (result === null) return { reply: { ok: true, unchanged: true }, transfer: [] };
  if (result instanceof Error) {
    const problems = result instanceof KnowledgeBuildError ? result.problems : null;
    return { reply: { ok: false, problems, message: result.message }, transfer: [] };
  }
  const { kb } = result;
  const index = kb.passageIndex.toArrays();
  const parts: TransferableParts = {
    fingerprint: kb.fingerprint,
    builtAt: kb.builtAt,
    sources: [...kb.sources],
    // A passage's text is cut from its report's again on arrival: sending it would copy every report twice.
    passages: kb.passages.map((passage) => ({ ...passage, text: '' })),
    qa: [...kb.qa],
    entities: [...kb.entities],
    claims: [...kb.claims],
    passageIndex: index,
    terms: kb.terms,
    warnings: [...kb.warnings],
  };
  const transfer = [index.offsets, index.positions, index.fieldAndFrequency, index.documentFrequency, index.lengths].map(
    (array) => array.buffer,
  ) as ArrayBuffer[];
  return { reply: { ok: true, parts, rebuilt: result.rebuilt, saveError: result.saveError }, transfer };
}

function fromLoadReply(reply: LoadReply): LoadResult | null {
  if (!reply.ok) throw reply.problems ? new KnowledgeBuildError(reply.problems) : new Error(reply.message);
  if (reply.unchanged) return null;
  const { parts } = reply;
  const textOf = new Map(parts.sources.map((source) => [source.id, source.text]));
  for (const passage of parts.passages) passage.text = textOf.get(passage.sourceId)?.slice(passage.start, passage.end) ?? '';
  const kb = new KnowledgeBase({ ...parts, passageIndex: PassageIndex.fromArrays(parts.passageIndex) });
  return { kb, rebuilt: reply.rebuilt, saveError: reply.saveError };
}

/** Thrown when no worker could do the load (the thread did not start or died), as opposed to a folder that does not build. */
export class WorkerUnavailableError extends Error {
  override name = 'WorkerUnavailableError';
}

/** loadChangedKnowledge(dir, { unlessFingerprint }), run in a worker thread. */
export function loadKnowledgeOffThread(dir: string, unlessFingerprint?: string): Promise<LoadResult | null> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(TYPESCRIPT_WORKER, { workerData: { module: './load-worker.ts', dir, unlessFingerprint } });
    } catch (error) {
      reject(new WorkerUnavailableError((error as Error).message));
      return;
    }
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      try {
        outcome();
      } catch (error) {
        reject(error);
      }
    };
    worker.once('message', (reply: LoadReply) => settle(() => resolve(fromLoadReply(reply))));
    worker.once('error', (error) => settle(() => reject(new WorkerUnavailableError(error.message))));
    worker.once('exit', (code) => settle(() => reject(new WorkerUnavailableError(`the knowledge worker stopped with code ${code}`))));
  });
}
