import { KnowledgeBuildError } from '../kb/errors.ts';
import { KnowledgeStore } from '../kb/store.ts';
import { log } from '../log.ts';

/**
 * Opens a knowledge folder for a command-line tool, building it when missing or stale. An invalid folder ends
 * the process with its problems listed (exit 1), never a stack trace.
 */
export async function openKnowledgeOrExit(dir: string): Promise<KnowledgeStore> {
  try {
    const started = performance.now();
    const { store, rebuilt, saveError } = await KnowledgeStore.open(dir);
    if (rebuilt) log.info(`Built the knowledge base from ${dir} in ${Math.round(performance.now() - started)} ms`);
    if (saveError) log.warn(`Could not save the built index (${saveError}); it will be rebuilt next time`);
    for (const warning of store.current.warnings) log.warn(warning);
    return store;
  } catch (error) {
    const message =
      error instanceof KnowledgeBuildError ? error.message : `Could not load the knowledge folder ${dir}: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}
