import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ChangeOutcome, KnowledgeRepository } from '../kb/knowledge-repository.ts';
import type { KnowledgeFiles } from '../kb/read-folder.ts';
import { inTransaction, LOCKS, reachable, type PgPool } from './database.ts';

/**
 * The knowledge as numbered revisions in PostgreSQL: each revision is the full set of files (reports, catalog,
 * Q&A, entities), stored by content hash so a revision costs only what changed. A moderator's change takes a
 * transaction-level advisory lock, so changes run one at a time across every machine, and announces its revision
 * number with NOTIFY, which PostgreSQL delivers only if the change commits.
 */

export const KNOWLEDGE_CHANNEL = 'dossier_knowledge';

type Queryable = Pick<pg.PoolClient, 'query'>;

const TOP_LEVEL = { 'catalog.json': 'catalog', 'qa.json': 'qa', 'entities.json': 'entities' } as const;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** KnowledgeFiles ↔ the path → bytes map a revision stores. */
export function filesToMap(files: KnowledgeFiles): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const source of files.sources) map.set(`sources/${source.file}`, source.bytes);
  for (const [name, key] of Object.entries(TOP_LEVEL)) {
    const bytes = files[key];
    if (bytes) map.set(name, bytes);
  }
  return map;
}

export function mapToFiles(map: ReadonlyMap<string, Buffer>, dir: string): KnowledgeFiles {
  const sources = [...map.entries()]
    .filter(([file]) => file.startsWith('sources/'))
    .map(([file, bytes]) => ({ file: file.slice('sources/'.length), bytes }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    dir,
    sources,
    catalog: map.get('catalog.json') ?? null,
    qa: map.get('qa.json') ?? null,
    entities: map.get('entities.json') ?? null,
  };
}

export async function currentRevision(db: Queryable): Promise<number | null> {
  const result = await db.query('SELECT max(revision) AS revision FROM knowledge_revisions');
  const value = result.rows[0]?.revision;
  return value === null || value === undefined ? null : Number(value);
}

export async function filesAt(db: Queryable, revision: number): Promise<Map<string, Buffer>> {
  const result = await db.query(
    'SELECT f.path, b.bytes FROM knowledge_files f JOIN knowledge_blobs b ON b.sha256 = f.sha256 WHERE f.revision = $1',
    [revision],
  );
  return new Map(result.rows.map((row) => [row.path as string, row.bytes as Buffer]));
}

async function saveRevision(client: Queryable, files: ReadonlyMap<string, Buffer>, summary: string): Promise<number> {
  const inserted = await client.query('INSERT INTO knowledge_revisions (summary) VALUES ($1) RETURNING revision', [summary.slice(0, 500)]);
  const revision = Number(inserted.rows[0].revision);
  for (const [file, bytes] of files) {
    const hash = sha256(bytes);
    await client.query('INSERT INTO knowledge_blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [hash, bytes]);
    await client.query('INSERT INTO knowledge_files (revision, path, sha256) VALUES ($1, $2, $3)', [revision, file, hash]);
  }
  await client.query('SELECT pg_notify($1, $2)', [KNOWLEDGE_CHANNEL, String(revision)]);
  return revision;
}

export class PgKnowledge implements KnowledgeRepository {
  constructor(private readonly pool: PgPool) {}

  describe(): string {
    return 'the shared knowledge in PostgreSQL';
  }

  read(): Promise<KnowledgeFiles> {
    return reachable(async () => {
      const revision = await currentRevision(this.pool);
      return mapToFiles(revision === null ? new Map() : await filesAt(this.pool, revision), 'postgresql');
    });
  }

  change<T>(work: (files: KnowledgeFiles) => Promise<ChangeOutcome<T>>): Promise<T & { revision: number | null }> {
    return reachable(() =>
      inTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.knowledgeChange]);
        const base = await currentRevision(client);
        const files = base === null ? new Map<string, Buffer>() : await filesAt(client, base);
        const { edit, result } = await work(mapToFiles(files, 'postgresql'));
        for (const write of edit.writes) files.set(write.path, write.bytes);
        for (const file of edit.removes) files.delete(file);
        const revision = await saveRevision(client, files, edit.summary);
        return { ...result, revision };
      }),
    );
  }

  /**
   * The first replica to start with an empty database brings in the knowledge folder it was given, as revision 1;
   * every other replica, then and later, finds a revision there and uses it.
   */
  async importIfEmpty(files: KnowledgeFiles): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.knowledgeChange]);
      const existing = await currentRevision(client);
      if (existing !== null) return existing;
      return saveRevision(client, filesToMap(files), `imported from ${files.dir}`);
    });
  }
}
