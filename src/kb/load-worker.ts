import { parentPort, workerData } from 'node:worker_threads';
import { loadChangedKnowledge } from './built-index.ts';
import { toLoadReply } from './off-thread.ts';

/** A worker thread that loads (building if needed) one knowledge folder and posts the result back once. */

const { dir, unlessFingerprint } = workerData as { dir: string; unlessFingerprint?: string };
const { reply, transfer } = toLoadReply(await loadChangedKnowledge(dir, { unlessFingerprint }).catch((error: unknown) => error as Error));
parentPort!.postMessage(reply, transfer);
