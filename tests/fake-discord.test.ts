import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelType, Client, DiscordAPIError, Events, GatewayIntentBits, MessageFlags, type Message } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/index.ts';

interface Harness {
  fake: FakeDiscord;
  client: Client;
  handlerErrors: unknown[];
  received: Message[];
  lateErrors: unknown[];
}

const running: Harness[] = [];
/** Extra teardown steps (run last-in first-out after the harnesses). */
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (running.length > 0) {
    const { fake, client } = running.pop()!;
    await client.destroy();
    await fake.stop();
  }
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Starts a fake, and a plain discord.js client with a tiny bot wired to it, logged in and ready. */
async function start(
  options: Parameters<typeof FakeDiscord.start>[0] = {},
  intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
): Promise<Harness> {
  const fake = await FakeDiscord.start(options);
  const client = new Client({ intents, rest: { api: fake.apiBase } });
  const harness: Harness = { fake, client, handlerErrors: [], received: [], lateErrors: [] };
  running.push(harness);

  client.on(Events.InteractionCreate, async (interaction) => {
    try {
      if (interaction.isAutocomplete()) {
        const focused = String(interaction.options.getFocused());
        await interaction.respond(
          ['alpha', 'beta', 'gamma'].filter((value) => value.startsWith(focused)).map((value) => ({ name: value.toUpperCase(), value })),
        );
      } else if (interaction.isChatInputCommand()) {
        switch (interaction.commandName) {
          case 'ping':
            await interaction.reply({ content: 'pong', allowedMentions: { parse: [] } });
            break;
          case 'slow':
            await interaction.deferReply();
            await sleep(50);
            await interaction.editReply({ content: 'done' });
            break;
          case 'echo':
            await interaction.reply({ content: `echo: ${interaction.options.getString('text', true)} from ${interaction.user.username}` });
            break;
          case 'late':
            await sleep(400);
            await interaction.reply({ content: 'too late' }).catch((caught: unknown) => harness.lateErrors.push(caught));
            break;
          case 'long':
            await interaction.reply({ content: 'x'.repeat(2001) }).catch((caught: unknown) => harness.lateErrors.push(caught));
            break;
          case 'mod':
            await interaction.reply({
              content: interaction.memberPermissions?.has('ManageMessages') ? 'moderator' : 'member',
              flags: MessageFlags.Ephemeral,
            });
            break;
        }
      } else if (interaction.isButton()) {
        await interaction.update({ content: `clicked ${interaction.customId}`, components: [] });
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({ content: `asked: ${interaction.fields.getTextInputValue('question')}`, flags: MessageFlags.Ephemeral });
      }
    } catch (caught) {
      harness.handlerErrors.push(caught);
    }
  });

  client.on(Events.MessageCreate, async (message) => {
    if (message.author.bot) return;
    harness.received.push(message);
    try {
      if (client.user && message.mentions.has(client.user)) {
        await message.reply({ content: 'I heard you', allowedMentions: { repliedUser: false } });
      }
    } catch (caught) {
      harness.handlerErrors.push(caught);
    }
  });

  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await fake.waitForReady();
  await ready;
  return harness;
}

describe('FakeDiscord with a real discord.js Client', () => {
  it('lets the client log in and fills its guild cache from GUILD_CREATE', async () => {
    const { fake, client, handlerErrors } = await start();
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(fake.channelId)?.type).toBe(ChannelType.GuildText);
    expect(guild?.channels.cache.get(fake.otherChannelId)?.type).toBe(ChannelType.GuildText);
    expect(guild?.roles.cache.get(fake.moderatorRoleId)?.name).toBe('Moderator');
    expect(guild?.members.me?.id).toBe(fake.botUser.id);
    expect(fake.identifies).toBe(1);
    const identify = fake.gatewayPayloadsReceived.find((payload: any) => payload.op === 2) as any;
    expect(identify.d.token).toBe(fake.token);
    expect(identify.d.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(fake.requests.some((request) => request.path === '/api/v10/gateway/bot' && request.status === 200)).toBe(true);
    expect(handlerErrors).toEqual([]);
  });

  it('rejects a wrong token over REST with 401', async () => {
    const fake = await FakeDiscord.start();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
    running.push({ fake, client, handlerErrors: [], received: [], lateErrors: [] });
    await expect(client.login('not-the-token')).rejects.toThrow(/token/i);
    expect(fake.requests[0]?.status).toBe(401);
  });

  it('delivers a slash command and records the reply callback', async () => {
    const { fake, handlerErrors } = await start();
    const handle = fake.sendCommand('ping');
    const callback = await handle.callback();
    expect(callback.type).toBe(4);
    expect(callback.data.content).toBe('pong');
    expect(callback.data.allowed_mentions).toEqual({ parse: [] });
    expect(await handle.finalMessage()).toMatchObject({ content: 'pong' });
    expect(handle.originalMessage()).toMatchObject({ content: 'pong', type: 20, author: { id: fake.botUser.id } });
    const request = fake.requests.find((candidate) => candidate.path.endsWith('/callback'))!;
    expect(request.path).toBe(`/api/v10/interactions/${handle.id}/${handle.token}/callback`);
    expect(request.query).toBe('with_response=false');
    expect(request.status).toBe(204);
    expect(handlerErrors).toEqual([]);
  });

  it('passes options and the acting member through', async () => {
    const { fake, handlerErrors } = await start();
    const echo = fake.sendCommand('echo', [{ name: 'text', type: 3, value: 'hello' }]);
    expect((await echo.finalMessage()).content).toBe('echo: hello from tester');
    const asModerator = fake.sendCommand('mod', [], { roles: [fake.moderatorRoleId] });
    expect(await asModerator.finalMessage()).toMatchObject({ content: 'moderator', flags: MessageFlags.Ephemeral });
    const asMember = fake.sendCommand('mod');
    expect((await asMember.finalMessage()).content).toBe('member');
    expect(typeof asMember.payload.member.permissions).toBe('string');
    expect(handlerErrors).toEqual([]);
  });

  it('sees a deferred reply and its PATCH @original', async () => {
    const { fake, handlerErrors } = await start();
    const handle = fake.sendCommand('slow');
    expect((await handle.callback()).type).toBe(5);
    const edit = await handle.nextMessage();
    expect(edit.method).toBe('PATCH');
    expect(edit.messageId).toBe('@original');
    expect(edit.body.content).toBe('done');
    expect(edit.path).toBe(`/api/v10/webhooks/${fake.applicationId}/${handle.token}/messages/@original`);
    expect((await handle.finalMessage()).content).toBe('done');
    expect(handle.originalMessage().flags & MessageFlags.Loading).toBe(0);
    expect(handlerErrors).toEqual([]);
  });

  it('answers autocomplete with choices', async () => {
    const { fake, handlerErrors } = await start();
    const handle = fake.sendAutocomplete('search', [{ name: 'topic', type: 3, value: 'b', focused: true }]);
    expect(await handle.callback()).toEqual({ type: 8, data: { choices: [{ name: 'BETA', value: 'beta' }] } });
    expect(handlerErrors).toEqual([]);
  });

  it('handles a button (update, type 7) and a modal submit', async () => {
    const { fake, handlerErrors } = await start();
    const button = fake.sendButton('more:1', {
      id: '1300000000000000001',
      content: 'Answer',
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'more:1', label: 'More' }] }],
    });
    expect(await button.callback()).toMatchObject({ type: 7, data: { content: 'clicked more:1', components: [] } });
    expect(fake.messagesIn().find((message) => message.id === '1300000000000000001')?.content).toBe('clicked more:1');
    const modal = fake.sendModalSubmit('ask', { question: 'Who?' });
    expect(await modal.finalMessage()).toMatchObject({ content: 'asked: Who?', flags: MessageFlags.Ephemeral });
    expect(handlerErrors).toEqual([]);
  });

  it('delivers a mention as messageCreate and records message.reply', async () => {
    const { fake, received, handlerErrors } = await start();
    const messageId = await fake.sendMessage('what happened in Kyiv?', { mentionBot: true });
    const reply = await fake.waitForRequest(
      (request) => request.method === 'POST' && request.path === `/api/v10/channels/${fake.channelId}/messages`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.content).toBe('I heard you');
    expect(reply.body.message_reference.message_id).toBe(messageId);
    expect(received).toHaveLength(1);
    expect(received[0]!.content).toBe(`<@${fake.botUser.id}> what happened in Kyiv?`);
    expect(received[0]!.mentions.users.has(fake.botUser.id)).toBe(true);
    expect(received[0]!.member?.id).toBe(fake.testerUser.id);
    expect(fake.messagesIn().map((message) => message.content)).toEqual([`<@${fake.botUser.id}> what happened in Kyiv?`, 'I heard you']);
    expect(handlerErrors).toEqual([]);
  });

  it('hides message content without the MessageContent intent unless the bot is mentioned', async () => {
    const { fake, received } = await start();
    await fake.sendMessage('just chatting');
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]!.content).toBe('');
  });

  it('lets discord.js retry after an injected 429 and still deliver the reply', async () => {
    const { fake, client, handlerErrors } = await start();
    const rateLimits: unknown[] = [];
    client.rest.on('rateLimited', (info) => rateLimits.push(info));
    fake.failNextRequests((request) => request.path.endsWith('/callback'), [{ status: 429, headers: { 'retry-after': '0.2' } }]);
    const started = Date.now();
    const handle = fake.sendCommand('ping');
    expect((await handle.callback()).data.content).toBe('pong');
    const callbacks = fake.requests.filter((request) => request.path.endsWith('/callback'));
    expect(callbacks.map((request) => request.status)).toEqual([429, 204]);
    expect(callbacks[1]!.at - callbacks[0]!.at).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(handlerErrors).toEqual([]);
  });

  it('survives a dropped gateway: the client resumes and gets the next interaction', async () => {
    const { fake, client, handlerErrors } = await start();
    const resumed = once(client, Events.ShardResume);
    fake.closeGateway();
    // Sent while the client is disconnected: queued and delivered after the RESUME.
    const handle = fake.sendCommand('ping');
    await resumed;
    expect(fake.resumes).toBe(1);
    expect(fake.identifies).toBe(1);
    expect((await handle.callback()).data.content).toBe('pong');
    expect((await fake.sendCommand('ping').callback()).type).toBe(4);
    expect(handlerErrors).toEqual([]);
  });

  it('rejects callbacks after the interaction deadline, and oversize messages, like Discord', async () => {
    const { fake, lateErrors } = await start({ interactionDeadlineMs: 200 });
    const late = fake.sendCommand('late');
    await expect.poll(() => lateErrors.length, { timeout: 3_000 }).toBe(1);
    expect(lateErrors[0]).toBeInstanceOf(DiscordAPIError);
    expect((lateErrors[0] as DiscordAPIError).code).toBe(10062);
    await expect(late.callback(100)).rejects.toThrow(/timed out/);

    const long = fake.sendCommand('long');
    await expect.poll(() => lateErrors.length, { timeout: 3_000 }).toBe(2);
    expect((lateErrors[1] as DiscordAPIError).code).toBe(50035);
    expect((lateErrors[1] as DiscordAPIError).message).toMatch(/2000 or fewer/);
    expect(long.originalMessage()).toBeNull();
  });

  it('routes the guild and its events only to the owning shard when the bot runs 2 shards', async () => {
    const fake = await FakeDiscord.start({ shards: 2 });
    cleanups.push(() => fake.stop());
    const owner = fake.guildShard(2);
    const other = 1 - owner;
    expect(fake.guildShard(1)).toBe(0);

    const clients: Client[] = [];
    const raw: string[][] = [[], []];
    const interactions: string[][] = [[], []];
    const handlerErrors: unknown[] = [];
    for (const shard of [0, 1]) {
      const client = new Client({
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
        rest: { api: fake.apiBase },
        shards: [shard],
        shardCount: 2,
      });
      cleanups.push(() => client.destroy());
      client.on(Events.Raw, (packet: { t?: string | null }) => {
        if (packet.t) raw[shard]!.push(packet.t);
      });
      client.on(Events.InteractionCreate, async (interaction) => {
        interactions[shard]!.push(interaction.id);
        try {
          if (interaction.isChatInputCommand()) await interaction.reply({ content: `pong from shard ${interaction.guild?.shardId}` });
        } catch (caught) {
          handlerErrors.push(caught);
        }
      });
      clients.push(client);
    }
    const login = async (shard: number) => {
      const ready = once(clients[shard]!, Events.ClientReady);
      await clients[shard]!.login(fake.token);
      await ready;
    };

    // Only the shard without the guild is up: a command waits for the owning shard, and so does waitForReady.
    await login(other);
    expect(fake.readyShards()).toEqual([other]);
    await expect(fake.waitForReady(200)).rejects.toThrow(/every shard/);
    const early = fake.sendCommand('ping');
    await expect(early.delivered(200)).rejects.toThrow(/timed out/);

    await login(owner);
    await fake.waitForReady();
    expect(fake.readyShards()).toEqual([0, 1]);
    expect(fake.readyClients).toBe(2);
    expect((await early.callback()).data.content).toBe(`pong from shard ${owner}`);

    const gatewayBot = fake.requests.find((request) => request.path === '/api/v10/gateway/bot' && request.status === 200);
    expect(gatewayBot).toBeDefined();
    const identifies = fake.gatewayPayloadsReceived.filter((payload: any) => payload.op === 2) as any[];
    expect(identifies.map((payload) => payload.d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const readies = (fake.gatewayPayloadsSent as any[]).filter((payload) => payload.t === 'READY');
    expect(readies.find((payload) => payload.d.shard[0] === owner).d.guilds).toEqual([{ id: fake.guildId, unavailable: true }]);
    expect(readies.find((payload) => payload.d.shard[0] === other).d.guilds).toEqual([]);

    // The guild cache: only on the owning shard's client.
    expect(clients[owner]!.guilds.cache.get(fake.guildId)?.available).toBe(true);
    expect(clients[owner]!.guilds.cache.get(fake.guildId)?.shardId).toBe(owner);
    expect(clients[other]!.guilds.cache.size).toBe(0);

    // A command, its reply's MESSAGE_CREATE echo and a member's message reach only the owning shard.
    const handle = fake.sendCommand('ping');
    expect((await handle.finalMessage()).content).toBe(`pong from shard ${owner}`);
    await fake.sendMessage('hello shards');
    await expect.poll(() => raw[owner]!.filter((t) => t === 'MESSAGE_CREATE').length).toBe(3);

    // A dispatch without a guild goes to shard 0 only.
    expect(
      await fake.dispatch('USER_UPDATE', {
        id: fake.botUser.id,
        username: 'Dossier',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      }),
    ).toBe(1);
    await expect.poll(() => raw[0]!.includes('USER_UPDATE')).toBe(true);

    await sleep(100);
    expect(interactions[owner]).toEqual([early.id, handle.id]);
    expect(interactions[other]).toEqual([]);
    expect(raw[other]!.filter((t) => t !== 'READY' && t !== 'USER_UPDATE')).toEqual([]);
    expect(raw[1]!.includes('USER_UPDATE')).toBe(false);
    expect(raw[owner]!.filter((t) => t === 'GUILD_CREATE')).toHaveLength(1);
    expect(handlerErrors).toEqual([]);
  });
});
