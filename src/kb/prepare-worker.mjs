// A worker thread starts without its parent's TypeScript loader when the parent was not started by tsx (a test
// runner, say), so it registers the loader before loading the TypeScript module that does the work.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
