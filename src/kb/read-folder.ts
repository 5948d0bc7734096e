import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeBuildError } from './errors.ts';

/** The raw files of a knowledge folder, read once; building works on these bytes only. */
export interface KnowledgeFiles {
  dir: string;
  sources: Array<{ file: string; bytes: Buffer }>;
  catalog: Buffer | null;
  qa: Buffer | null;
  entities: Buffer | null;
}

export const SOURCE_EXTENSIONS = ['.txt', '.md'];
/** Far above any news report; a file this large is a mistake, and reading it would stall every refresh. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function isSourceFileName(name: string): boolean {
  return !name.startsWith('.') && SOURCE_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

export async function readKnowledgeFolder(dir: string): Promise<KnowledgeFiles> {
  const sourcesDir = path.join(dir, 'sources');
  let names: string[];
  try {
    names = (await readdir(sourcesDir)).filter(isSourceFileName).sort();
  } catch {
    throw new KnowledgeBuildError([
      { file: sourcesDir, reason: 'folder not found; a knowledge folder needs sources/ with .txt or .md reports' },
    ]);
  }
  const sources: KnowledgeFiles['sources'] = [];
  const problems = [];
  for (const file of names) {
    const full = path.join(sourcesDir, file);
    const info = await stat(full);
    if (!info.isFile()) continue;
    if (info.size > MAX_SOURCE_BYTES) {
      problems.push({ file: `sources/${file}`, reason: `too large (${info.size} bytes; at most ${MAX_SOURCE_BYTES})` });
      continue;
    }
    sources.push({ file, bytes: await readFile(full) });
  }
  if (problems.length > 0) throw new KnowledgeBuildError(problems);
  const [catalog, qa, entities] = await Promise.all(
    ['catalog.json', 'qa.json', 'entities.json'].map((name) => readOptional(path.join(dir, name))),
  );
  return { dir, sources, catalog: catalog ?? null, qa: qa ?? null, entities: entities ?? null };
}

/** How many bytes of reports a folder holds, from file sizes alone: enough to judge how long a build will take. */
export async function sourceBytes(dir: string): Promise<number> {
  const sourcesDir = path.join(dir, 'sources');
  let names: string[];
  try {
    names = (await readdir(sourcesDir)).filter(isSourceFileName);
  } catch {
    return 0;
  }
  let total = 0;
  for (const file of names)
    total += await stat(path.join(sourcesDir, file)).then(
      (info) => (info.isFile() ? info.size : 0),
      () => 0,
    );
  return total;
}
