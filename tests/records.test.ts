import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteAudit } from '../src/curation/audit.ts';
import { openCurationDatabase } from '../src/curation/database.ts';
import { SqliteFeedback } from '../src/curation/feedback.ts';
import { findGaps } from '../src/curation/gaps.ts';
import type { Records } from '../src/curation/records.ts';
import { MemoryCooldowns } from '../src/app/cooldowns.ts';
import { MemoryInteractionState } from '../src/app/interaction-state.ts';
import { PgInteractionState } from '../src/postgres/interaction-state.ts';
import { FolderKnowledge } from '../src/kb/folder-knowledge.ts';
import type { KnowledgeRepository } from '../src/kb/knowledge-repository.ts';
import { readKnowledgeFolder } from '../src/kb/read-folder.ts';
import { CurationError, KnowledgeWriter } from '../src/kb/writer.ts';
import { PgAudit } from '../src/postgres/audit.ts';
import { PgCooldowns } from '../src/postgres/cooldowns.ts';
import { createPool, migrate, type PgPool } from '../src/postgres/database.ts';
import { PgFeedback } from '../src/postgres/feedback.ts';
import { PgKnowledge } from '../src/postgres/knowledge-revisions.ts';
import { answerFixture } from './helpers/answers.ts';
import { copyKnowledge, REPORT_003 } from './helpers/knowledge.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { runScript } from './helpers/run.ts';

/**
 * The records and knowledge changes behave the same on both engines: SQLite and the knowledge folder on one machine,
 * PostgreSQL shared by replicas. Every test here runs against each.
 */

const answer = answerFixture;

interface Engine {
  records(): Promise<Records>;
  repository(): Promise<KnowledgeRepository & { contents(): Promise<{ qa: string }> }>;
}

let postgres: TestPostgres;
const pools: PgPool[] = [];
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  for (const pool of pools) await pool.end();
  await postgres?.destroy();
  for (const cleanup of cleanups) cleanup();
});

async function freshPool(): Promise<PgPool> {
  const pool = createPool(await postgres.createDatabase());
  pools.push(pool);
  await migrate(pool);
  return pool;
}

const engines: Record<string, Engine> = {
  sqlite: {
    async records() {
      const dir = mkdtempSync(path.join(tmpdir(), 'dossier-records-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const db = openCurationDatabase(dir);
      return {
        feedback: new SqliteFeedback(db),
        audit: new SqliteAudit(db),
        cooldowns: new MemoryCooldowns(),
        interactionState: new MemoryInteractionState(),
        close: async () => void db.close(),
      };
    },
    async repository() {
      const copy = copyKnowledge();
      cleanups.push(copy.cleanup);
      const repository = new FolderKnowledge(copy.dir);
      return Object.assign(repository, { contents: async () => ({ qa: readFileSync(path.join(copy.dir, 'qa.json'), 'utf8') }) });
    },
  },
  postgresql: {
    async records() {
      const pool = await freshPool();
      return {
        feedback: new PgFeedback(pool),
        audit: new PgAudit(pool),
        cooldowns: new PgCooldowns(pool),
        interactionState: new PgInteractionState(pool),
        close: async () => undefined,
      };
    },
    async repository() {
      const pool = await freshPool();
      const copy = copyKnowledge();
      cleanups.push(copy.cleanup);
      const repository = new PgKnowledge(pool);
      await repository.importIfEmpty(await readKnowledgeFolder(copy.dir));
      return Object.assign(repository, { contents: async () => ({ qa: (await repository.read()).qa?.toString('utf8') ?? '' }) });
    },
  },
};

describe.each(Object.entries(engines))('on %s', (_name, engine) => {
  it('keeps one changeable vote per person, and refuses a vote on an unknown answer', async () => {
    const { feedback } = await engine.records();
    const id = await feedback.recordAnswer(answer('who is john sipher', true), '123456789012345678');
    expect(await feedback.vote(id, '555555555555555555', -1)).toEqual({ recorded: true, changed: false });
    expect(await feedback.vote(id, '555555555555555555', 1)).toEqual({ recorded: true, changed: true });
    expect(await feedback.vote(id, '555555555555555555', 1)).toEqual({ recorded: true, changed: false });
    expect((await feedback.vote('no-such-answer', '555555555555555555', 1)).recorded).toBe(false);
    expect(await feedback.questionOf(id)).toBe('who is john sipher');
  });

  it('records each of many votes pressed at once exactly once', async () => {
    const { feedback } = await engine.records();
    const id = await feedback.recordAnswer(answer('who is john sipher', true), null);
    await Promise.all(Array.from({ length: 20 }, (_, index) => feedback.vote(id, `voter-${index % 5}`, -1)));
    const gaps = await findGaps(feedback, 7);
    // Five people voted it down (each once, however often they pressed): it is one gap, counted once.
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ question: 'who is john sipher', count: 1, downvoted: 1 });
  });

  it('groups near-duplicate gaps and keeps answers voted up out of them', async () => {
    const { feedback } = await engine.records();
    for (const question of [
      'Who won the 2018 World Cup?',
      'who won the 2018 world cup',
      'who won the world cup in 2018?',
      'How do I bake bread?',
    ]) {
      await feedback.recordAnswer(answer(question, false), null);
    }
    const liked = await feedback.recordAnswer(answer('who is john sipher', true), null);
    await feedback.vote(liked, '1', 1);
    const gaps = await findGaps(feedback, 7);
    expect(gaps.map((gap) => [gap.count, gap.unanswered])).toEqual([
      [3, 3],
      [1, 1],
    ]);
    expect(gaps.some((gap) => gap.question.includes('sipher'))).toBe(false);
  });

  it('lists the audit log newest first', async () => {
    const { audit } = await engine.records();
    await audit.record({ actorId: '1', actorName: 'mod', guildId: null, action: 'refresh', detail: '', result: 'done' });
    await audit.record({ actorId: '1', actorName: 'mod', guildId: '123', action: 'add-qa', detail: 'x', result: 'done' });
    expect((await audit.recent(5)).map((entry) => entry.action)).toEqual(['add-qa', 'refresh']);
  });

  it('makes a person wait between questions, and lets them ask again after the pause', async () => {
    const { cooldowns } = await engine.records();
    expect(await cooldowns.take('question:1', 300)).toBe(0);
    const wait = await cooldowns.take('question:1', 300);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(300);
    expect(await cooldowns.take('question:2', 300)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await cooldowns.take('question:1', 300)).toBe(0);
  });

  it('keeps button state for its time, and hands a pending change to only one of two presses at once', async () => {
    const { interactionState } = await engine.records();
    await interactionState.put('dossier-confirm:1', { ownerId: '9', change: { kind: 'remove-qa', target: 'x' } }, 60_000);
    expect(await interactionState.get('dossier-confirm:1')).toEqual({ ownerId: '9', change: { kind: 'remove-qa', target: 'x' } });
    const presses = await Promise.all([interactionState.take('dossier-confirm:1'), interactionState.take('dossier-confirm:1')]);
    expect(presses.filter((value) => value !== null)).toHaveLength(1);
    expect(await interactionState.get('dossier-confirm:1')).toBeNull();
    await interactionState.put('dossier-page:2', { pages: [] }, 50);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await interactionState.get('dossier-page:2')).toBeNull();
  });

  it('writes nothing when a change would not build', async () => {
    const repository = await engine.repository();
    const before = (await repository.contents()).qa;
    const writer = new KnowledgeWriter(repository);
    await expect(
      writer.addQa({ question: 'q?', alternatives: [], answer: 'a', source: REPORT_003, quote: 'not in the report' }),
    ).rejects.toThrow(CurationError);
    expect((await repository.contents()).qa).toBe(before);
  });

  it('runs concurrent changes one at a time, so none is lost', async () => {
    const repository = await engine.repository();
    const writer = new KnowledgeWriter(repository);
    const quote = 'Putin was re-elected in an election that many people dismissed as grossly flawed';
    const added = await Promise.all(
      Array.from({ length: 4 }, () =>
        writer.addQa({
          question: 'Was the 2011 election flawed?',
          alternatives: [],
          answer: 'Many people dismissed it as grossly flawed, the report says.',
          source: REPORT_003,
          quote,
        }),
      ),
    );
    expect(added.map((result) => result.id).sort()).toEqual([
      'was-the-2011-election-flawed',
      'was-the-2011-election-flawed-2',
      'was-the-2011-election-flawed-3',
      'was-the-2011-election-flawed-4',
    ]);
    const ids = JSON.parse((await repository.contents()).qa).map((entry: { id: string }) => entry.id);
    expect(ids.filter((id: string) => id.startsWith('was-the-2011-election-flawed'))).toHaveLength(4);
  });
});

describe('knowledge revisions in PostgreSQL', () => {
  it('takes a report from npm run -s kb:add as a new shared revision when DATABASE_URL is set', async () => {
    const databaseUrl = await postgres.createDatabase();
    const copy = copyKnowledge();
    cleanups.push(copy.cleanup);
    const report = path.join(copy.dir, '..', `${path.basename(copy.dir)}-harbour.txt`);
    writeFileSync(
      report,
      'Port strike ends | Harbour Times\n\nDock workers returned to the harbour on Monday after a deal on pay, the union said.\n',
    );
    cleanups.push(() => rmSync(report, { force: true }));
    const result = await runScript('src/cli/kb-add.ts', ['--knowledge', copy.dir, '--json', report], {
      env: { DATABASE_URL: databaseUrl },
    });
    expect(result.code).toBe(0);
    // Revision 1 is the folder, imported into the empty database; the report is revision 2.
    expect(JSON.parse(result.stdout)).toMatchObject({ added: true, revision: 2, outlet: 'Harbour Times' });
    const pool = createPool(databaseUrl);
    pools.push(pool);
    const files = await new PgKnowledge(pool).read();
    expect(files.sources.map((source) => source.file)).toContain(JSON.parse(result.stdout).file);
    // The folder itself is not written: the shared revisions are the knowledge.
    expect(readdirSync(path.join(copy.dir, 'sources')).some((name) => name.startsWith('port-strike-ends'))).toBe(false);
  }, 60_000);

  it('numbers each change, and removes a report with the Q&A citing it in one revision', async () => {
    const repository = (await engines.postgresql!.repository()) as unknown as PgKnowledge;
    const writer = new KnowledgeWriter(repository);
    const quote = 'Putin was re-elected in an election that many people dismissed as grossly flawed';
    const first = await writer.addQa({
      question: 'Was the 2011 election flawed?',
      alternatives: [],
      answer: 'Many dismissed it as grossly flawed.',
      source: REPORT_003,
      quote,
    });
    const second = await writer.removeSource(REPORT_003);
    expect(second.revision).toBe(first.revision! + 1);
    expect(second.removedQa).toContain('was-the-2011-election-flawed');
    const files = await repository.read();
    expect(files.sources.map((source) => source.file)).not.toContain(REPORT_003);
    expect(files.qa!.toString()).not.toContain('was-the-2011-election-flawed');
  });
});
