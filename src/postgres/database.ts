import pg from 'pg';
import { StorageUnavailableError } from '../curation/records.ts';

/**
 * The shared PostgreSQL database (DATABASE_URL): curation records, knowledge revisions, cooldowns, and the refresh
 * signal. The schema is created on first start and migrated by version, under an advisory lock so that replicas
 * starting together migrate once.
 */

export type PgPool = pg.Pool;

/** Advisory lock keys: one for migrations, one for knowledge changes (any two fixed 64-bit numbers). */
export const LOCKS = { migrate: 4_242_001, knowledgeChange: 4_242_002 } as const;

const MIGRATIONS: string[] = [
  `CREATE TABLE dossier_meta (key text PRIMARY KEY, value text NOT NULL);
   CREATE TABLE answers (
     id text PRIMARY KEY,
     guild_id text,
     question text NOT NULL,
     normalized text NOT NULL,
     answer text NOT NULL,
     answered boolean NOT NULL,
     confidence double precision NOT NULL,
     created_at bigint NOT NULL
   );
   CREATE INDEX answers_by_time ON answers (created_at);
   CREATE TABLE votes (
     answer_id text NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
     user_hash text NOT NULL,
     vote smallint NOT NULL CHECK (vote IN (-1, 1)),
     voted_at bigint NOT NULL,
     PRIMARY KEY (answer_id, user_hash)
   );
   CREATE TABLE audit (
     id bigserial PRIMARY KEY,
     at bigint NOT NULL,
     actor_id text NOT NULL,
     actor_name text NOT NULL,
     guild_id text,
     action text NOT NULL,
     detail text NOT NULL,
     result text NOT NULL
   );
   CREATE TABLE cooldowns (key text PRIMARY KEY, until_ms bigint NOT NULL);
   CREATE TABLE knowledge_blobs (sha256 text PRIMARY KEY, bytes bytea NOT NULL);
   CREATE TABLE knowledge_revisions (
     revision bigserial PRIMARY KEY,
     created_at timestamptz NOT NULL DEFAULT now(),
     summary text NOT NULL
   );
   CREATE TABLE knowledge_files (
     revision bigint NOT NULL REFERENCES knowledge_revisions (revision) ON DELETE CASCADE,
     path text NOT NULL,
     sha256 text NOT NULL REFERENCES knowledge_blobs (sha256),
     PRIMARY KEY (revision, path)
   );
   CREATE TABLE knowledge_acks (
     replica text NOT NULL,
     revision bigint NOT NULL,
     ok boolean NOT NULL,
     result jsonb NOT NULL,
     took_ms integer NOT NULL,
     at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (replica, revision)
   );
   CREATE TABLE replicas (replica text PRIMARY KEY, revision bigint, seen_at timestamptz NOT NULL DEFAULT now());`,
  `CREATE TABLE seen_signatures (signature text PRIMARY KEY, expires_at bigint NOT NULL);
   CREATE INDEX seen_signatures_by_expiry ON seen_signatures (expires_at);`,
  `CREATE TABLE interaction_state (key text PRIMARY KEY, value jsonb NOT NULL, expires_at bigint NOT NULL);`,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

export async function migrate(pool: PgPool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrate]);
    const hasMeta = await client.query(`SELECT to_regclass('dossier_meta') IS NOT NULL AS present`);
    let version = 0;
    if (hasMeta.rows[0].present) {
      const row = await client.query(`SELECT value FROM dossier_meta WHERE key = 'schema_version'`);
      version = Number(row.rows[0]?.value ?? 0);
    }
    for (let step = version; step < MIGRATIONS.length; step++) await client.query(MIGRATIONS[step]!);
    await client.query(
      `INSERT INTO dossier_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(Math.max(version, MIGRATIONS.length))],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A pool for DATABASE_URL. Connection errors surface on the query that meets them, never as a crash. */
export function createPool(databaseUrl: string): PgPool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection (PostgreSQL restarted) emits here; the pool replaces it on next use.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction; rolled back on any error. */
export async function inTransaction<T>(pool: PgPool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Error codes that mean "PostgreSQL is not there" (refused, reset, shutting down, connection failure classes). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && UNREACHABLE_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(
    message ?? '',
  );
}

/** Runs a database operation; "PostgreSQL is not there" becomes StorageUnavailableError, anything else passes. */
export async function reachable<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw isUnreachable(error) ? new StorageUnavailableError(error) : error;
  }
}
