import { ApplicationCommandOptionType as Option, MessageFlags } from 'discord.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../src/discord/bot.ts';
import type { FakeDiscord } from './fake-discord/index.ts';
import { embedText, startBotHarness, type BotHarness } from './helpers/bot-harness.ts';
import { outgoingMessage } from './helpers/outgoing.ts';
import { runScript } from './helpers/run.ts';

/**
 * End to end: the real bot (discord.js client, router, command modules, engine) against a local fake Discord
 * (REST over HTTP, the gateway over WebSocket, on 127.0.0.1).
 */

let harness: BotHarness;
let fake: FakeDiscord;
let bot: RunningBot;
let knowledge: BotHarness['knowledge'];
const freshUser = () => harness.freshUser();

beforeAll(async () => {
  harness = await startBotHarness();
  ({ fake, bot, knowledge } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

const ask = (question: string, extra: Array<{ name: string; type: number; value: unknown }> = [], userId = freshUser()) =>
  fake.sendCommand('ask', [{ name: 'question', type: Option.String, value: question }, ...extra], { userId });

describe('the bot logs in and registers its commands', () => {
  it('is in the fake guild with its channels', () => {
    expect(bot.client.user?.id).toBe(fake.botUser.id);
    expect(bot.client.guilds.cache.get(fake.guildId)?.channels.cache.size).toBeGreaterThan(0);
  });

  it('deploys every command to the guild with npm run deploy-commands', async () => {
    const result = await runScript('src/cli/deploy-commands.ts', [], {
      env: {
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guildId,
        DISCORD_API_BASE: fake.apiBase,
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Registered 5 commands/);
    expect(
      fake
        .registeredCommands(fake.guildId)
        .map((command) => command.name)
        .sort(),
    ).toEqual(['ask', 'claims', 'help', 'kb', 'sources']);
    const kb = fake.registeredCommands(fake.guildId).find((command) => command.name === 'kb')!;
    expect(kb.default_member_permissions).toBe('32');
  });
});

describe('/ask', () => {
  it('answers with an embed citing article, outlet, paragraph and quote', async () => {
    const handle = ask('Was Puttin personaly involvd in the hacks?');
    const callback = await handle.callback();
    expect(callback.type).toBe(4);
    const text = embedText(callback.data);
    expect(text).toContain('Putin was Personally Involved in Hacks: US Officials, paragraph 1');
    expect(text).toContain('was personally involved in the US elections hacks');
    expect(text).toMatch(/Confidence \d+%/);
    expect(callback.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('declines a question the reports do not cover, suggesting ones it can answer', async () => {
    const callback = await ask('What will the weather be in Paris tomorrow?').callback();
    expect(callback.data.embeds[0].title).toBe('Not covered by the reports');
    expect(callback.data.embeds[0].description).toContain('Questions I can answer');
  });

  it('answers privately with private:true', async () => {
    const callback = await ask('who is john sipher', [{ name: 'private', type: Option.Boolean, value: true }]).callback();
    expect(callback.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('makes a user wait between questions, privately', async () => {
    const user = freshUser();
    await ask('who is john sipher', [], user).callback();
    const second = await ask('who is michael mcfaul', [], user).callback();
    expect(second.data.content).toMatch(/^Please wait \d+ s before asking again\.$/);
    expect(second.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('echoes hostile text back inert', async () => {
    const callback = await ask('@everyone <@123456789012345678> [click](https://evil.example) **bold** what?').callback();
    const embed = callback.data.embeds[0];
    // Footers are plain text in Discord (no markdown, no links); only mention syntax needs breaking there.
    expect(embed.footer.text).not.toMatch(/@everyone|<@\d/);
    const rendered = JSON.stringify([embed.title, embed.description, embed.fields]);
    expect(rendered).not.toContain('[click](https://evil.example)');
    expect(rendered).not.toMatch(/@everyone/);
    expect(callback.data.allowed_mentions.parse).toEqual([]);
  });
});

describe('/claims', () => {
  it('autocompletes entity names, at most 25, best match first', async () => {
    const callback = await fake
      .sendAutocomplete('claims', [{ name: 'subject', type: Option.String, value: 'pu', focused: true }])
      .callback();
    expect(callback.type).toBe(8);
    expect(callback.data.choices.length).toBeLessThanOrEqual(25);
    expect(callback.data.choices[0]).toMatchObject({ value: 'putin' });
  });

  it('pages with buttons only the asker can use', async () => {
    const owner = freshUser();
    const handle = fake.sendCommand('claims', [{ name: 'subject', type: Option.String, value: 'putin' }], { userId: owner });
    const first = await handle.callback();
    expect(first.type).toBe(4);
    expect(first.data.embeds[0].title).toBe('What the reports claim about Vladimir Putin');
    expect(first.data.embeds[0].footer.text).toMatch(/^Page 1 of \d+$/);
    const buttons = first.data.components[0].components as Array<{ custom_id: string; label: string; disabled?: boolean }>;
    const next = buttons.find((button) => button.label.startsWith('Next'))!;
    const message = { id: '1111111111111111111', embeds: first.data.embeds, components: first.data.components };

    const stranger = await fake.sendButton(next.custom_id, message, { userId: freshUser() }).callback();
    expect(stranger.type).toBe(4);
    expect(stranger.data.content).toBe('Only the person who ran this command can turn its pages.');
    expect(stranger.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    const turned = await fake.sendButton(next.custom_id, message, { userId: owner }).callback();
    expect(turned.type).toBe(7);
    expect(turned.data.embeds[0].footer.text).toMatch(/^Page 2 of \d+$/);
  });

  it('says a page button has expired instead of failing', async () => {
    const callback = await fake.sendButton('dossier-page:404:1', { id: '1111111111111111112' }, { userId: freshUser() }).callback();
    expect(callback.type).toBe(7);
    const followUp = await fake.waitForRequest(
      (request) => request.method === 'POST' && /\/webhooks\//.test(request.path) && String(request.body?.content).includes('expired'),
    );
    expect(followUp.body.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });
});

describe('/sources and /help', () => {
  it('lists the reports', async () => {
    const callback = await fake.sendCommand('sources', [], { userId: freshUser() }).callback();
    expect(callback.data.embeds[0].title).toBe('Reports I answer from (2)');
    expect(embedText(callback.data)).toContain('Digital Asia');
  });

  it('explains usage privately', async () => {
    const callback = await fake.sendCommand('help', [], { userId: freshUser() }).callback();
    expect(callback.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(embedText(callback.data)).toContain('/ask');
  });
});

describe('questions in a channel', () => {
  it('answers a mention in a reply with citations', async () => {
    const before = fake.requests.length;
    const messageId = await fake.sendMessage(`<@${fake.botUser.id}> what did john sipher tell the times?`, {
      mentionBot: true,
      authorId: freshUser(),
    });
    const reply = await fake.waitForRequest(
      (request) => request.method === 'POST' && request.path.endsWith(`/channels/${fake.channelId}/messages`),
      10_000,
      before,
    );
    expect(reply.body.message_reference.message_id).toBe(messageId);
    expect(embedText(reply.body)).toContain('paragraph 9');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers a plain question in an answer channel, and lets other talk there be', async () => {
    const before = fake.requests.length;
    await fake.sendMessage('nice to see everyone here', { channelId: fake.otherChannelId, authorId: freshUser() });
    await fake.sendMessage('who is michael mcfaul?', { channelId: fake.otherChannelId, authorId: freshUser() });
    const reply = await fake.waitForRequest(
      (request) => request.method === 'POST' && request.path.endsWith(`/channels/${fake.otherChannelId}/messages`),
      10_000,
      before,
    );
    expect(embedText(reply.body)).toContain('McFaul');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requests.slice(before).filter((request) => request.method === 'POST' && request.path.endsWith('/messages'))).toHaveLength(
      1,
    );
  });

  it('ignores channel messages that do not mention it', async () => {
    const before = fake.requests.length;
    await fake.sendMessage('who is john sipher?', { authorId: freshUser() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requests.slice(before).filter((request) => request.path.includes('/messages') && request.method === 'POST')).toEqual([]);
  });
});

describe('/kb refresh', () => {
  const refresh = (as: { roles?: string[] } = {}) =>
    fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], { userId: freshUser(), ...as });

  it('refuses a member who is not a moderator, whatever Discord showed them', async () => {
    const callback = await refresh().callback();
    expect(callback.data.content).toBe('Only moderators can manage the knowledge base.');
    expect(callback.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('rebuilds for a moderator and reports what changed; the new report answers at once', async () => {
    knowledge.write(
      'sources/harbour.txt',
      'Port strike ends | Harbour Times\n\nDock workers returned to the harbour on Monday after a deal on pay, the union said.\n',
    );
    const handle = refresh({ roles: [fake.moderatorRoleId] });
    expect((await handle.callback()).type).toBe(5);
    const final = await handle.finalMessage();
    expect(final.embeds[0].title).toBe('Knowledge refreshed');
    expect(embedText(final)).toContain('harbour.txt');
    const answer = await ask('when did the dock workers return to the harbour?').callback();
    expect(embedText(answer.data)).toContain('Port strike ends — Harbour Times, paragraph 1');
  });

  it('keeps serving the old knowledge when a file is broken, and names the problem', async () => {
    const qa = readFileSync(path.join(knowledge.dir, 'qa.json'), 'utf8');
    knowledge.write('qa.json', qa.replace('"citations"', '"citationz"'));
    try {
      const handle = refresh({ roles: [fake.moderatorRoleId] });
      const final = await handle.finalMessage();
      expect(final.embeds[0].title).toBe('Refresh failed: the knowledge was not changed');
      expect(embedText(final)).toContain('qa.json, entry');
      const answer = await ask('when did the dock workers return to the harbour?').callback();
      expect(embedText(answer.data)).toContain('Harbour Times');
    } finally {
      knowledge.write('qa.json', qa);
    }
  });

  it('shows the status to a moderator', async () => {
    const callback = await fake
      .sendCommand('kb', [{ name: 'status', type: Option.Subcommand, options: [] }], { userId: freshUser(), roles: [fake.moderatorRoleId] })
      .callback();
    expect(callback.data.embeds[0].title).toBe('Knowledge base status');
    expect(embedText(callback.data)).toContain('failed');
  });
});

describe('Discord failures are survived', () => {
  it('retries a reply after a 429 with retry-after', async () => {
    fake.failNextRequests(
      (request) => request.path.endsWith('/callback'),
      [
        {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
          headers: { 'retry-after': '0.2' },
        },
      ],
    );
    const callback = await ask('who is john sipher').callback(10_000);
    expect(callback.type).toBe(4);
  });

  it('keeps serving after an interaction expired (unknown interaction) and after 500s', async () => {
    fake.failNextRequests(
      (request) => request.path.endsWith('/callback'),
      [{ status: 404, body: { message: 'Unknown interaction', code: 10062 } }],
    );
    const lost = ask('who is john sipher');
    await fake.waitForRequest((request) => request.path === `/api/v10/interactions/${lost.id}/${lost.token}/callback`);
    fake.failNextRequests(
      (request) => request.path.endsWith('/callback'),
      Array.from({ length: 4 }, () => ({ status: 500, body: { message: 'Internal Server Error' } })),
    );
    const failed = ask('who is michael mcfaul');
    await fake.waitForRequest(
      (request) => request.path === `/api/v10/interactions/${failed.id}/${failed.token}/callback` && request.status === 500,
    );
    const callback = await ask('what did the officials tell nbc?').callback(15_000);
    expect(callback.type).toBe(4);
  });

  it('resumes after the gateway drops and answers the next command', async () => {
    fake.closeGateway();
    const callback = await fake.sendCommand('sources', [], { userId: freshUser() }).callback(15_000);
    expect(callback.data.embeds[0].title).toMatch(/^Reports I answer from \(\d+\)$/);
  });
});

describe('every outgoing message', () => {
  it('carries allowed_mentions with an empty parse list', () => {
    const messages = fake.requests.filter((request) => outgoingMessage(request) !== null);
    expect(messages.length).toBeGreaterThan(10);
    for (const request of messages) {
      expect(outgoingMessage(request)!.allowed_mentions, `${request.method} ${request.path}`).toMatchObject({ parse: [] });
    }
  });
});
