import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledge } from './built-index.ts';
import { toLoadReply } from './off-thread.ts';

/** A worker thread that loads (building if needed) one knowledge folder and posts the result back once. */

const { dir } = workerData as { dir: string };
const { reply, transfer } = toLoadReply(await loadKnowledge(dir).catch((error: unknown) => error as Error));
parentPort!.postMessage(reply, transfer);
