import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { uploadOfLink } from '../app/kb-actions.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { linkFetcher } from '../curation/curation.ts';
import { FolderKnowledge } from '../kb/folder-knowledge.ts';
import { CurationError, KnowledgeWriter, MAX_PAGE_BYTES, type SourceUpload } from '../kb/writer.ts';
import { setLogLevel } from '../log.ts';
import { StorageUnavailableError } from '../curation/records.ts';
import { readKnowledgeFolder } from '../kb/read-folder.ts';
import { createPool, migrate } from '../postgres/database.ts';
import { PgKnowledge } from '../postgres/knowledge-revisions.ts';

/**
 * `npm run -s kb:add -- [--knowledge DIR] [--json] <file.txt|.md|.html|URL> [--title T] [--outlet O] [--url U]
 * [--published YYYY-MM-DD]`: adds a report through the same writer and checks as /kb add-source (built and
 * validated before anything is written, atomic, one change at a time; with DATABASE_URL, a new shared revision). Exit 0 with what was added; 1 with the
 * reason when refused, nothing written; 2 for a usage mistake. A moderator with shell access can bulk-import.
 */

const USAGE =
  'Usage: npm run -s kb:add -- [--knowledge DIR] [--json] <file.txt|.md|.html|URL> [--title T] [--outlet O] [--url U] [--published YYYY-MM-DD]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const OPTIONS = {
  knowledge: { type: 'string' },
  json: { type: 'boolean', default: false },
  title: { type: 'string' },
  outlet: { type: 'string' },
  url: { type: 'string' },
  published: { type: 'string' },
} as const;

function readArgs() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return usage((error as Error).message);
  }
}

const parsed = readArgs();
const [target, ...extra] = parsed.positionals;
if (!target || extra.length > 0) usage(target ? `One report at a time; also given: ${extra.join(' ')}` : 'Name a report file or a link.');

async function readConfig(): Promise<Config> {
  try {
    return await loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) usage(error.message);
    throw error;
  }
}

const config = await readConfig();
setLogLevel(config.LOG_LEVEL);
const knowledgeDir = parsed.values.knowledge ?? config.KNOWLEDGE_DIR;
const metadata = {
  title: parsed.values.title ?? null,
  outlet: parsed.values.outlet ?? null,
  url: parsed.values.url ?? null,
  published: parsed.values.published ?? null,
};

function refuse(reason: string): never {
  process.stdout.write(parsed.values.json ? `${JSON.stringify({ added: false, reason })}\n` : `Not added: ${reason}\n`);
  process.exit(1);
}

async function uploadOfFile(file: string): Promise<SourceUpload> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) refuse(`${file} is not a file.`);
  if (info.size > MAX_PAGE_BYTES)
    refuse(`${file} is ${info.size} bytes; reports and pages may be at most ${MAX_PAGE_BYTES / 1024 / 1024} MB.`);
  return { originalName: path.basename(file), bytes: await readFile(file), metadata };
}

/**
 * With DATABASE_URL the report becomes a new shared revision (every replica loads it, as after /kb add-source);
 * without, it is written to the knowledge folder.
 */
async function addThroughWriter(upload: SourceUpload) {
  if (!config.DATABASE_URL) return new KnowledgeWriter(new FolderKnowledge(knowledgeDir)).addSource(upload);
  const pool = createPool(config.DATABASE_URL);
  try {
    await migrate(pool);
    const shared = new PgKnowledge(pool);
    await shared.importIfEmpty(await readKnowledgeFolder(knowledgeDir));
    return await new KnowledgeWriter(shared).addSource(upload);
  } catch (error) {
    if (error instanceof StorageUnavailableError) refuse(error.message);
    throw error;
  } finally {
    await pool.end();
  }
}

try {
  const upload = /^[a-z][a-z0-9+.-]*:\/\//i.test(target)
    ? await uploadOfLink(linkFetcher({ fetchAllowHosts: config.FETCH_ALLOW_HOSTS }), target, metadata)
    : await uploadOfFile(target);
  const { file, kb, revision } = await addThroughWriter(upload);
  const source = kb.source(file)!;
  const summary = {
    added: true,
    file,
    title: source.title,
    outlet: source.outlet,
    url: source.url,
    published: source.published,
    paragraphs: kb.passagesOf(file).length,
    claims: kb.claims.filter((claim) => claim.sourceId === file).length,
    revision,
  };
  process.stdout.write(
    parsed.values.json
      ? `${JSON.stringify(summary)}\n`
      : `Added ${file} to ${knowledgeDir}: “${summary.title}”${summary.outlet ? ` (${summary.outlet})` : ''}, ${summary.paragraphs} paragraphs, ${summary.claims} claims.\n`,
  );
} catch (error) {
  if (error instanceof CurationError) refuse(error.message);
  throw error;
}
