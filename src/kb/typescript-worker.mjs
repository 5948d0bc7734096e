// A worker thread starts without its parent's TypeScript loader when the parent was not started by tsx (a test
// runner, say), so it registers the loader before loading the TypeScript module that does the work: the one the
// parent names in `workerData.module` (load-worker.ts, prepare-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(new URL(workerData.module, import.meta.url).href);
