import { ApplicationCommandOptionType as Option } from 'discord.js';
import { ADD_QA_MODAL_ID } from '../../src/curation/qa-modal.ts';
import { FakeDiscord } from '../fake-discord/index.ts';
import { copyKnowledge, REPORT_003 } from '../helpers/knowledge.ts';
import { startPostgres } from '../helpers/postgres.ts';
import { revisionOf, signingKeys, startReplica, type Replica } from '../helpers/replicas.ts';

/**
 * `npm run scaling`: /ask through HTTP interactions at many concurrent askers, for one replica and for three sharing
 * PostgreSQL, all on this machine with the fake Discord; and how long a moderator's change takes to reach every
 * replica. It prints figures; it asserts nothing, because timings on a shared machine are noisy.
 *
 * Options: --askers N (default 50), --questions N per asker (default 20), --replicas 1,3.
 */

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const askers = Number(flag('askers', '50'));
const perAsker = Number(flag('questions', '20'));
const replicaCounts = flag('replicas', '1,3').split(',').map(Number);
const QUESTIONS = [
  'who is john sipher',
  'Was Puttin personaly involvd in the hacks?',
  'what did the officials tell nbc?',
  'who is michael mcfaul',
  'What will the weather be in Paris tomorrow?',
];

const keys = signingKeys();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

interface Row {
  replicas: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  perSecond: number;
  changeReplyMs: number;
  changeEverywhereMs: number;
}

async function measure(replicaCount: number): Promise<Row> {
  const postgres = await startPostgres();
  const fake = await FakeDiscord.start();
  const knowledge = copyKnowledge();
  const databaseUrl = await postgres.createDatabase();
  const started: Replica[] = [];
  try {
    for (let index = 0; index < replicaCount; index++) {
      started.push(await startReplica(fake, keys, { DATABASE_URL: databaseUrl, KNOWLEDGE_DIR: knowledge.dir }));
    }
    // Ready once /healthz says so on every replica.
    for (const { endpoint } of started) {
      for (;;) {
        const health = await fetch(endpoint.replace('/interactions', '/healthz')).catch(() => null);
        if (health?.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    fake.deliverInteractionsOverHttp(
      started.map((replica) => replica.endpoint),
      keys.privateKey,
    );
    let user = 0;
    const times: number[] = [];
    let errors = 0;
    const begun = performance.now();
    await Promise.all(
      Array.from({ length: askers }, async (_, asker) => {
        for (let turn = 0; turn < perAsker; turn++) {
          // A different person each time: the pause between one person's questions is not what is measured.
          const userId = String(600_000_000_000_000_000n + BigInt(++user));
          const sent = performance.now();
          const handle = fake.sendCommand(
            'ask',
            [{ name: 'question', type: Option.String, value: QUESTIONS[(asker + turn) % QUESTIONS.length]! }],
            { userId },
          );
          try {
            const callback = await handle.callback(10_000);
            if (callback.type !== 4) errors++;
            times.push(performance.now() - sent);
          } catch {
            errors++;
          }
        }
      }),
    );
    const elapsed = (performance.now() - begun) / 1000;
    times.sort((a, b) => a - b);

    // A moderator's change: until the reply (which waits for every replica to confirm), and until each replica's
    // own /kb status names the new revision.
    const changeStarted = performance.now();
    const handle = fake.sendModalSubmit(
      ADD_QA_MODAL_ID,
      {
        question: 'What did critics say about the 2011 vote?',
        alternatives: '',
        answer: 'Many dismissed it as grossly flawed.',
        source: REPORT_003,
        quote: 'Putin was re-elected in an election that many people dismissed as grossly flawed',
      },
      { roles: [fake.moderatorRoleId] },
    );
    await handle.finalMessage(30_000);
    const changeReplyMs = performance.now() - changeStarted;
    for (const { endpoint } of started) {
      while (!(await revisionOf(fake, keys, endpoint)).startsWith('2 ')) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const changeEverywhereMs = performance.now() - changeStarted;
    return {
      replicas: replicaCount,
      requests: askers * perAsker,
      errors,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      perSecond: (askers * perAsker) / elapsed,
      changeReplyMs,
      changeEverywhereMs,
    };
  } finally {
    for (const { process: replica } of started) replica.child.kill('SIGTERM');
    await Promise.all(started.map(({ process: replica }) => replica.exit));
    await fake.stop();
    await postgres.destroy();
    knowledge.cleanup();
  }
}

const rows: Row[] = [];
for (const count of replicaCounts) {
  process.stderr.write(`${count} replica(s), ${askers} concurrent askers × ${perAsker} questions…\n`);
  rows.push(await measure(count));
}
const fixed = (value: number, digits = 0) => value.toFixed(digits);
process.stdout.write(
  [
    '| replicas | requests | errors | p50 ms | p99 ms | answers/s | change: reply ms | change: every replica ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.replicas} | ${row.requests} | ${row.errors} | ${fixed(row.p50, 1)} | ${fixed(row.p99, 1)} | ${fixed(row.perSecond)} | ${fixed(row.changeReplyMs)} | ${fixed(row.changeEverywhereMs)} |`,
    ),
  ].join('\n') + '\n',
);
