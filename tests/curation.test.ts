import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCurationDatabase, SCHEMA_VERSION } from '../src/curation/database.ts';
import { SqliteFeedback } from '../src/curation/feedback.ts';
import { writeFileAtomic } from '../src/kb/atomic-write.ts';
import { loadKnowledge } from '../src/kb/built-index.ts';
import { FolderKnowledge } from '../src/kb/folder-knowledge.ts';
import { KnowledgeWriter } from '../src/kb/writer.ts';
import { answerFixture } from './helpers/answers.ts';
import { copyKnowledge, REPORT_003 } from './helpers/knowledge.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const answer = answerFixture;

describe('the curation database', () => {
  it('is created on first start in WAL mode at the current schema version, and reopens without migrating twice', () => {
    const dir = tempDir();
    const db = openCurationDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const again = openCurationDatabase(dir);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('stores a keyed hash of the voter, never the user id, in the file', async () => {
    const dir = tempDir();
    const db = openCurationDatabase(dir);
    const feedback = new SqliteFeedback(db);
    const id = await feedback.recordAnswer(answer('who is john sipher', true), '123456789012345678');
    expect(await feedback.vote(id, '555555555555555555', -1)).toEqual({ recorded: true, changed: false });
    expect(await feedback.vote(id, '555555555555555555', 1)).toEqual({ recorded: true, changed: true });
    db.close();
    const raw = new Database(path.join(dir, 'dossier.sqlite'), { readonly: true });
    const votes = raw.prepare('SELECT * FROM votes').all() as Array<{ user_hash: string; vote: number }>;
    raw.close();
    expect(votes).toHaveLength(1);
    expect(votes[0]!.vote).toBe(1);
    expect(votes[0]!.user_hash).not.toContain('555555555555555555');
    expect(readFileSync(path.join(dir, 'dossier.sqlite')).includes('555555555555555555')).toBe(false);
  });
});

describe('writing the knowledge folder', () => {
  it('never leaves a torn file: a failed write keeps the previous file and no temporary file', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'qa.json');
    await writeFileAtomic(target, '["before"]');
    // A directory where the temporary file's rename must land makes the final step fail.
    mkdirSync(path.join(dir, 'blocked.json'));
    await expect(writeFileAtomic(path.join(dir, 'blocked.json'), 'x')).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('["before"]');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the changed folder built: the refresh after a change loads it instead of building it again', async () => {
    const copy = copyKnowledge();
    cleanups.push(copy.cleanup);
    const writer = new KnowledgeWriter(new FolderKnowledge(copy.dir));
    const quote = 'Putin was re-elected in an election that many people dismissed as grossly flawed';
    await writer.addQa({
      question: 'Was the 2011 election flawed?',
      alternatives: [],
      answer: 'Many dismissed it as grossly flawed.',
      source: REPORT_003,
      quote,
    });
    const afterAdd = await loadKnowledge(copy.dir);
    expect(afterAdd.rebuilt).toBe(false);
    expect(afterAdd.kb.qa.map((pair) => pair.id)).toContain('was-the-2011-election-flawed');

    await writer.removeSource(REPORT_003);
    const afterRemove = await loadKnowledge(copy.dir);
    expect(afterRemove.rebuilt).toBe(false);
    expect(afterRemove.kb.sources.map((source) => source.id)).not.toContain(REPORT_003);
    expect(afterRemove.kb.qa.map((pair) => pair.id)).not.toContain('was-the-2011-election-flawed');
  });
});
