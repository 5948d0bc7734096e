import { generateKeyPairSync } from 'node:crypto';
import { ApplicationCommandOptionType as Option } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/index.ts';
import { signInteraction } from './fake-discord/http-interactions.ts';
import { startProcess, type StartedProcess } from './helpers/process.ts';
import { signingKeys } from './helpers/replicas.ts';

/**
 * HTTP interactions end to end: `npm start` with DISCORD_GATEWAY=off as a real process serving POST /interactions,
 * the fake Discord delivering signed interactions to it over real sockets and taking follow-ups on its REST API,
 * exactly as Discord does for an application with an Interactions Endpoint URL.
 */

const { privateKey, publicKeyHex: PUBLIC_KEY_HEX } = signingKeys();

let fake: FakeDiscord;
let bot: StartedProcess;
let endpoint: string;

function embedText(data: { content?: string; embeds?: Array<Record<string, any>> }): string {
  return [
    data.content ?? '',
    ...(data.embeds ?? []).flatMap((embed) => [
      embed.title,
      embed.description,
      ...(embed.fields ?? []).flatMap((field: any) => [field.name, field.value]),
      embed.footer?.text,
    ]),
  ]
    .filter(Boolean)
    .join('\n');
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
  bot = startProcess('src/main.ts', {
    DISCORD_GATEWAY: 'off',
    INTERACTIONS_PORT: '0',
    DISCORD_PUBLIC_KEY: PUBLIC_KEY_HEX,
    DISCORD_API_BASE: fake.apiBase,
    MODERATOR_ROLE_IDS: fake.moderatorRoleId,
    LOG_LEVEL: 'info',
  });
  const [, port] = await bot.waitFor(/Serving HTTP interactions on port (\d+)/);
  endpoint = `http://127.0.0.1:${port}`;
  await bot.waitFor(/HTTP interactions only/, 60_000);
  fake.deliverInteractionsOverHttp([`${endpoint}/interactions`], privateKey);
}, 90_000);

afterAll(async () => {
  bot?.child.kill('SIGTERM');
  await bot?.exit;
  await fake?.stop();
});

async function post(body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${endpoint}/interactions`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('GET /healthz', () => {
  it('is 200 once the knowledge is loaded', async () => {
    const response = await fetch(`${endpoint}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});

describe('signed interactions', () => {
  it('answers PING with PONG', async () => {
    const request = signInteraction(
      privateKey,
      JSON.stringify({ id: '1', application_id: fake.applicationId, type: 1, token: 'ping-token', version: 1 }),
    );
    expect(await post(request.body, request.headers)).toEqual({ status: 200, body: { type: 1 } });
  });

  it('answers /ask through the same command module as the gateway bot, citing its source, pinging nobody', async () => {
    const callback = await fake
      .sendCommand('ask', [{ name: 'question', type: Option.String, value: 'Was Puttin personaly involvd in the hacks?' }])
      .callback();
    expect(callback.type).toBe(4);
    expect(embedText(callback.data)).toContain('Putin was Personally Involved in Hacks: US Officials, paragraph 1');
    expect(callback.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('holds the cooldown between questions', async () => {
    const userId = '300000000000000001';
    await fake.sendCommand('ask', [{ name: 'question', type: Option.String, value: 'who is john sipher' }], { userId }).callback();
    const second = await fake
      .sendCommand('ask', [{ name: 'question', type: Option.String, value: 'who is john sipher' }], { userId })
      .callback();
    expect(second.data.content).toMatch(/Please wait \d+ s/);
    expect(second.data.flags & 64).toBe(64);
  });

  it('suggests subjects as /claims is typed', async () => {
    const callback = await fake
      .sendAutocomplete('claims', [{ name: 'subject', type: Option.String, value: 'put', focused: true }])
      .callback();
    expect(callback.type).toBe(8);
    expect(callback.data.choices.map((choice: { name: string }) => choice.name).join(' ')).toMatch(/Putin/);
  });

  it('records a vote from a button under an answer', async () => {
    const answer = await fake
      .sendCommand('ask', [{ name: 'question', type: Option.String, value: 'who is john sipher' }], { userId: '300000000000000002' })
      .callback();
    const voteId = answer.data.components[0].components[0].custom_id as string;
    const original = fake.messagesIn().at(-1)!;
    const vote = await fake.sendButton(voteId, { id: original.id }, { userId: '300000000000000003' }).callback();
    expect(vote.data.content).toMatch(/helpful/);
  });

  it('keeps /kb for moderators, defers a refresh and fills it in through the webhook', async () => {
    const refused = await fake.sendCommand('kb', [{ name: 'status', type: Option.Subcommand, options: [] }]).callback();
    expect(refused.data.content).toBe('Only moderators can manage the knowledge base.');
    const handle = fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], { roles: [fake.moderatorRoleId] });
    expect((await handle.callback()).type).toBe(5);
    const final = await handle.finalMessage(30_000);
    expect(final.embeds[0].title).toMatch(/Knowledge refreshed/);
  });

  it('retries a follow-up Discord answered with 429, so the reply is never lost', async () => {
    fake.failNextRequests(
      (request) => request.method === 'PATCH' && /\/webhooks\/.+\/messages\/@original$/.test(request.path),
      [
        {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: 0.3, global: false },
          headers: { 'retry-after': '0.3' },
        },
      ],
    );
    const handle = fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], { roles: [fake.moderatorRoleId] });
    const final = await handle.finalMessage(30_000);
    expect(final.embeds[0].title).toMatch(/Knowledge refreshed/);
    const edits = fake.requests.filter((request) => request.method === 'PATCH' && request.path.includes(handle.token));
    expect(edits.map((request) => request.status)).toEqual([429, 200]);
  });

  it('opens the add-Q&A form for a moderator', async () => {
    const callback = await fake
      .sendCommand('kb', [{ name: 'add-qa', type: Option.Subcommand, options: [] }], { roles: [fake.moderatorRoleId] })
      .callback();
    expect(callback.type).toBe(9);
    expect(callback.data.components).toHaveLength(5);
  });
});

describe('requests Discord did not sign', () => {
  const ping = () => JSON.stringify({ id: '2', application_id: '1', type: 1, token: 'forged', version: 1 });
  const command = () =>
    JSON.stringify({
      id: '3',
      application_id: '1',
      type: 2,
      token: 'forged-token',
      member: { user: { id: '300000000000000009', username: 'mallory' }, roles: [fake.moderatorRoleId], permissions: '8' },
      data: { name: 'kb', options: [{ name: 'refresh', type: 1, options: [] }] },
    });

  it('refuses a missing, wrong, stale or replayed signature with 401 and runs nothing', async () => {
    const before = fake.requests.length;
    expect((await post(command(), { 'content-type': 'application/json' })).status).toBe(401);
    const signed = signInteraction(privateKey, command());
    expect((await post(command().replace('refresh', 'status'), signed.headers)).status).toBe(401);
    const { privateKey: otherKey } = generateKeyPairSync('ed25519');
    const forged = signInteraction(otherKey, command());
    expect((await post(forged.body, forged.headers)).status).toBe(401);
    const stale = signInteraction(privateKey, command(), Math.floor(Date.now() / 1000) - 6 * 60);
    expect((await post(stale.body, stale.headers)).status).toBe(401);
    const once = signInteraction(privateKey, ping());
    expect((await post(once.body, once.headers)).status).toBe(200);
    expect((await post(once.body, once.headers)).status).toBe(401);
    // Nothing reached Discord's API: no follow-up, no refresh reply.
    expect(fake.requests.length).toBe(before);
  });

  it('refuses an oversized body, malformed JSON and an unknown type with 400', async () => {
    const huge = signInteraction(privateKey, JSON.stringify({ type: 2, padding: 'x'.repeat(400_000) }));
    expect((await post(huge.body, huge.headers)).status).toBe(400);
    const malformed = signInteraction(privateKey, '{"type": 2, ');
    expect((await post(malformed.body, malformed.headers)).status).toBe(400);
    const unknown = signInteraction(privateKey, JSON.stringify({ id: '4', application_id: '1', type: 99, token: 't' }));
    expect((await post(unknown.body, unknown.headers)).status).toBe(400);
    const notAnInteraction = signInteraction(privateKey, JSON.stringify([1, 2, 3]));
    expect((await post(notAnInteraction.body, notAnInteraction.headers)).status).toBe(400);
  });

  it('answers nothing but POST on /interactions', async () => {
    expect((await fetch(`${endpoint}/interactions`)).status).toBe(405);
    expect((await fetch(`${endpoint}/elsewhere`)).status).toBe(404);
  });
});
