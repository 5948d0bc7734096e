import { rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { saveBuiltIndex } from './built-index.ts';
import type { ChangeOutcome, KnowledgeRepository } from './knowledge-repository.ts';
import { readKnowledgeFolder, type KnowledgeFiles } from './read-folder.ts';

/** The knowledge folder on this machine: changes run one at a time in this process, each file written atomically. */
export class FolderKnowledge implements KnowledgeRepository {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  describe(): string {
    return this.dir;
  }

  read(): Promise<KnowledgeFiles> {
    return readKnowledgeFolder(this.dir);
  }

  change<T>(work: (files: KnowledgeFiles) => Promise<ChangeOutcome<T>>): Promise<T & { revision: number | null }> {
    const run = async () => {
      const { edit, kb, result } = await work(await this.read());
      for (const write of edit.writes) await writeFileAtomic(this.resolve(write.path), write.bytes);
      for (const file of edit.removes) await rm(this.resolve(file), { force: true });
      // The candidate is already built: saving it lets the refresh that follows load it instead of building again.
      if (kb) await saveBuiltIndex(this.dir, kb).catch(() => undefined);
      return { ...result, revision: null };
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Paths come from the writer, never from users, but stay inside the folder regardless. */
  private resolve(file: string): string {
    const full = path.resolve(this.dir, file);
    if (!full.startsWith(path.resolve(this.dir) + path.sep)) throw new Error(`${file} is outside the knowledge folder`);
    return full;
  }
}
