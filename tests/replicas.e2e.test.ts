import { ApplicationCommandOptionType as Option } from 'discord.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_QA_MODAL_ID } from '../src/curation/qa-modal.ts';
import { FakeDiscord } from './fake-discord/index.ts';
import { signInteraction } from './fake-discord/http-interactions.ts';
import { startFileServer, type FileServer } from './helpers/file-server.ts';
import { startRestProxy, type RestProxy } from './helpers/rest-proxy.ts';
import { copyKnowledge, REPORT_003 } from './helpers/knowledge.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { startProcess, type StartedProcess } from './helpers/process.ts';
import { revisionOf as revisionAt, signingKeys, startReplica as startReplicaProcess, type Replica } from './helpers/replicas.ts';

/**
 * Past one machine, on one machine: a real PostgreSQL started here, three HTTP replicas (`npm start` with
 * DISCORD_GATEWAY=off) and one gateway process sharing it, and the fake Discord delivering signed interactions to
 * the replicas in turn, as a load balancer would, and taking their follow-ups over REST.
 */

const keys = signingKeys();
const { privateKey } = keys;
const ELECTION_QUOTE = 'Putin was re-elected in an election that many people dismissed as grossly flawed';

let postgres: TestPostgres;
let databaseUrl: string;
let db: pg.Pool;
let fake: FakeDiscord;
const knowledge = copyKnowledge();
const replicas: Replica[] = [];
const startReplica = () =>
  startReplicaProcess(fake, keys, {
    DATABASE_URL: databaseUrl,
    KNOWLEDGE_DIR: knowledge.dir,
    DISCORD_API_BASE: proxy.apiBase,
    // Attachments are served from loopback here, which only an allowed host may reach, as for links.
    FETCH_ALLOW_HOSTS: new URL(files.url('x')).host,
  });
const revisionOf = (endpoint: string) => revisionAt(fake, keys, endpoint);
let gateway: StartedProcess;
let files: FileServer;
/** Every HTTP replica's REST traffic goes through one proxy, as it would through a shared REST proxy in production. */
let proxy: RestProxy;

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase();
  db = new pg.Pool({ connectionString: databaseUrl });
  db.on('error', () => undefined);
  fake = await FakeDiscord.start();
  files = await startFileServer();
  proxy = await startRestProxy(fake.apiBase);
  // The first replica seeds the empty database from the knowledge folder; the others find that revision.
  replicas.push(await startReplica());
  replicas.push(...(await Promise.all([startReplica(), startReplica()])));
  gateway = startProcess('src/main.ts', {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
    DATABASE_URL: databaseUrl,
    KNOWLEDGE_DIR: knowledge.dir,
    LOG_LEVEL: 'info',
  });
  await fake.waitForReady(60_000);
  fake.deliverInteractionsOverHttp(
    replicas.map((replica) => replica.endpoint),
    privateKey,
  );
}, 180_000);

afterAll(async () => {
  for (const started of [...replicas.map((replica) => replica.process), gateway]) {
    started?.child.kill('SIGCONT');
    started?.child.kill('SIGTERM');
  }
  await Promise.all([...replicas.map((replica) => replica.process.exit), gateway?.exit]);
  await db?.end();
  await fake?.stop();
  await files?.stop();
  await proxy?.stop();
  await postgres?.destroy();
  knowledge.cleanup();
});

const moderator = { roles: [] as string[] };
async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const ask = (question: string, userId: string) =>
  fake.sendCommand('ask', [{ name: 'question', type: Option.String, value: question }], { userId });
const text = (data: { content?: string; embeds?: unknown[] }) => JSON.stringify(data);

function addQa(question: string, answer: string) {
  moderator.roles = [fake.moderatorRoleId];
  return fake.sendModalSubmit(
    ADD_QA_MODAL_ID,
    { question, alternatives: '', answer, source: REPORT_003, quote: ELECTION_QUOTE },
    { roles: moderator.roles },
  );
}

describe('replicas sharing PostgreSQL', () => {
  it('serve one knowledge revision, named by /kb status on each', async () => {
    for (const replica of replicas) expect(await revisionOf(replica.endpoint)).toMatch(/^1 /);
  });

  it('hold a cooldown across replicas: the next replica in turn makes the same person wait', async () => {
    // finalMessage: an answer slower than 2 s (a busy machine) is deferred, then filled in.
    const first = await ask('who is john sipher', '500000000000000001').finalMessage(15_000);
    const second = await ask('who is john sipher', '500000000000000001').finalMessage(15_000);
    expect(text(first)).toContain('Sipher');
    expect(second.content).toMatch(/Please wait \d+ s/);
  });

  it('record each vote exactly once, whichever replica each press reaches', async () => {
    const answered = await ask('who is john sipher', '500000000000000002').finalMessage(15_000);
    const voteUp = answered.components[0].components[0].custom_id as string;
    const original = fake.messagesIn().at(-1)!;
    for (let press = 0; press < 3; press++) {
      const reply = await fake.sendButton(voteUp, { id: original.id }, { userId: '500000000000000003' }).callback();
      expect(reply.data.content).toMatch(/helpful/);
    }
    const answerId = voteUp.split(':')[1];
    const votes = await db.query('SELECT count(*)::int AS n FROM votes WHERE answer_id = $1', [answerId]);
    expect(votes.rows[0].n).toBe(1);
  });

  it('answer a Q&A added through one replica from every other within seconds, and list each replica in the reply', async () => {
    const started = Date.now();
    const final = await addQa(
      'What did critics say about the 2011 vote?',
      'Many people dismissed the election as grossly flawed, the report says.',
    ).finalMessage(30_000);
    const tookMs = Date.now() - started;
    expect(text(final)).toContain('Q&A added');
    // Four processes serve the knowledge: three HTTP replicas and the gateway process.
    expect(text(final).match(/✓/g)).toHaveLength(4);
    for (let turn = 0; turn < replicas.length; turn++) {
      const answer = await ask('what did critics say about the 2011 vote?', `50000000000000010${turn}`).finalMessage(15_000);
      expect(text(answer)).toContain('grossly flawed');
    }
    for (const replica of replicas) expect(await revisionOf(replica.endpoint)).toMatch(/^2 /);
    expect(tookMs).toBeLessThan(15_000);
    // The deferred reply was filled in through the shared REST proxy, not straight at Discord.
    expect(
      proxy.forwarded.some(
        (request) =>
          request.method === 'PATCH' && decodeURIComponent(request.path).includes('/messages/@original') && request.status === 200,
      ),
    ).toBe(true);
  });

  it('answer a report added through one replica from the others', async () => {
    const harbour =
      'Port strike ends | Harbour Times\n\nDock workers returned to the harbour on Monday after a deal on pay, the union said.\n\nThe strike had lasted nine days, according to port officials.\n';
    const attachment = fake.addAttachment({
      filename: 'harbour.txt',
      url: files.put('harbour.txt', harbour),
      size: Buffer.byteLength(harbour),
    });
    moderator.roles = [fake.moderatorRoleId];
    const added = await fake
      .sendCommand(
        'kb',
        [{ name: 'add-source', type: Option.Subcommand, options: [{ name: 'file', type: Option.Attachment, value: attachment }] }],
        { roles: moderator.roles },
      )
      .finalMessage(30_000);
    expect(text(added)).toContain('Report added: Port strike ends');
    for (let turn = 0; turn < replicas.length; turn++) {
      const answer = await ask('when did the dock workers return to the harbour?', `50000000000000040${turn}`).finalMessage(15_000);
      expect(text(answer)).toContain('Port strike ends');
    }
  });

  it('refuse a request replayed to another replica, and unsigned or oversized ones, changing nothing', async () => {
    const payload = JSON.stringify({
      id: '7100000000000000001',
      application_id: fake.applicationId,
      type: 1,
      token: 'replayed',
      version: 1,
    });
    const signed = signInteraction(privateKey, payload);
    const post = (endpoint: string, body: string, headers: Record<string, string>) =>
      fetch(endpoint, { method: 'POST', headers, body }).then((response) => response.status);
    const revisions = await db.query('SELECT count(*)::int AS n FROM knowledge_revisions');
    expect(await post(replicas[0]!.endpoint, signed.body, signed.headers)).toBe(200);
    expect(await post(replicas[1]!.endpoint, signed.body, signed.headers)).toBe(401);
    expect(await post(replicas[2]!.endpoint, payload, { 'content-type': 'application/json' })).toBe(401);
    const huge = signInteraction(privateKey, JSON.stringify({ type: 2, padding: 'x'.repeat(400_000) }));
    expect(await post(replicas[2]!.endpoint, huge.body, huge.headers)).toBe(400);
    expect((await db.query('SELECT count(*)::int AS n FROM knowledge_revisions')).rows[0].n).toBe(revisions.rows[0].n);
  });

  it('let a replica stopped during a change catch up when it resumes', async () => {
    const [a, b, c] = replicas;
    c!.process.child.kill('SIGSTOP');
    fake.deliverInteractionsOverHttp([a!.endpoint, b!.endpoint], privateKey);
    try {
      const final = await addQa('Was the 2011 election called flawed?', 'Many people dismissed it as grossly flawed.').finalMessage(40_000);
      expect(text(final)).toMatch(/not confirmed yet/);
    } finally {
      c!.process.child.kill('SIGCONT');
      fake.deliverInteractionsOverHttp(
        replicas.map((replica) => replica.endpoint),
        privateKey,
      );
    }
    expect(
      await eventually(
        () => revisionOf(c!.endpoint),
        (revision) => revision.startsWith('4 '),
      ),
    ).toMatch(/^4 /);
  }, 60_000);

  it('start a late replica on the current revision', async () => {
    const late = await startReplica();
    try {
      expect(await revisionOf(late.endpoint)).toMatch(/^4 /);
    } finally {
      late.process.child.kill('SIGTERM');
      await late.process.exit;
    }
  }, 60_000);

  it('keep answering while PostgreSQL is down, refuse changes clearly, and recover when it is back', async () => {
    await postgres.stop();
    try {
      const answer = await ask('who is john sipher', '500000000000000200').finalMessage(15_000);
      expect(text(answer)).toContain('Sipher');
      const refused = await addQa('Is this saved while the database is down?', 'It should not be.').finalMessage(30_000);
      expect(text(refused)).toMatch(/cannot be reached right now, so nothing was saved/);
    } finally {
      await postgres.start();
    }
    const final = await eventually(
      () => addQa('What was said of the 2011 election once more?', 'That it was grossly flawed.').finalMessage(30_000),
      (message) => text(message).includes('Q&A added'),
      30_000,
    );
    expect(text(final)).toContain('Q&A added');
    const revisions = await db.query('SELECT max(revision)::int AS revision, count(*)::int AS n FROM knowledge_revisions');
    // Nothing half-written: the refused change left no revision behind.
    expect(revisions.rows[0]).toEqual({ revision: 5, n: 5 });
    for (const replica of replicas)
      expect(
        await eventually(
          () => revisionOf(replica.endpoint),
          (revision) => revision.startsWith('5 '),
        ),
      ).toMatch(/^5 /);
  }, 90_000);

  it('answer mentions in the gateway process from the same shared knowledge', async () => {
    const before = fake.requests.length;
    await fake.sendMessage(`<@${fake.botUser.id}> what did critics say about the 2011 vote?`, {
      mentionBot: true,
      authorId: '500000000000000300',
    });
    const reply = await fake.waitForRequest(
      (request) => request.method === 'POST' && request.path.endsWith(`/channels/${fake.channelId}/messages`),
      15_000,
      before,
    );
    expect(JSON.stringify(reply.body)).toContain('grossly flawed');
  });
  it('turn /claims pages and confirm a removal on whichever replica each press reaches', async () => {
    const owner = '500000000000000500';
    const first = await fake
      .sendCommand('claims', [{ name: 'subject', type: Option.String, value: 'putin' }], { userId: owner })
      .callback();
    const next = (first.data.components[0].components as Array<{ custom_id: string; label: string }>).find((button) =>
      button.label.startsWith('Next'),
    )!;
    const message = { id: '1111111111111111111', embeds: first.data.embeds, components: first.data.components };
    // The rotation sends the press to the next replica, not the one that showed the pages.
    const turned = await fake.sendButton(next.custom_id, message, { userId: owner }).callback();
    expect(turned.type).toBe(7);
    expect(turned.data.embeds[0].footer.text).toMatch(/^Page 2 of \d+$/);

    const asker = { userId: '500000000000000501', roles: [fake.moderatorRoleId] };
    const prompt = await fake
      .sendCommand(
        'kb',
        [
          {
            name: 'remove-qa',
            type: Option.Subcommand,
            options: [{ name: 'qa', type: Option.String, value: 'was-the-2011-election-called-flawed' }],
          },
        ],
        asker,
      )
      .callback();
    const [confirm] = prompt.data.components[0].components;
    const pressed = fake.sendButton(
      confirm.custom_id,
      { id: '1111111111111111113', content: prompt.data.content, components: prompt.data.components },
      asker,
    );
    expect(text(await pressed.finalMessage(30_000))).toContain('Q&A removed');
    const again = await fake
      .sendButton(confirm.custom_id, { id: '1111111111111111113', content: prompt.data.content, components: prompt.data.components }, asker)
      .callback();
    expect(again.data.content).toMatch(/expired/);
  }, 60_000);
});
