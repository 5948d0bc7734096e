import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Dossier's own records (votes, answers shown, the moderators' audit log) in SQLite under DATA_DIR. WAL lets
 * shard processes read while one writes; the schema is created on first start and migrated by version
 * (PRAGMA user_version), one transaction per step.
 */

export type CurationDatabase = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE answers (
     id TEXT PRIMARY KEY,
     guild_id TEXT,
     question TEXT NOT NULL,
     normalized TEXT NOT NULL,
     answer TEXT NOT NULL,
     answered INTEGER NOT NULL,
     confidence REAL NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX answers_by_time ON answers (created_at);
   CREATE TABLE votes (
     answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
     user_hash TEXT NOT NULL,
     vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     voted_at INTEGER NOT NULL,
     PRIMARY KEY (answer_id, user_hash)
   );
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor_id TEXT NOT NULL,
     actor_name TEXT NOT NULL,
     guild_id TEXT,
     action TEXT NOT NULL,
     detail TEXT NOT NULL,
     result TEXT NOT NULL
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: CurationDatabase): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let step = version; step < MIGRATIONS.length; step++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}

export function openCurationDatabase(dataDir: string): CurationDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'dossier.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
