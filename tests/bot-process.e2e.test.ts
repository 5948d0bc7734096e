import { ApplicationCommandOptionType as Option } from 'discord.js';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/index.ts';
import { startProcess as start } from './helpers/process.ts';

/** `npm start` with a token, as a real process: it serves, and stops cleanly on SIGTERM. */

let fake: FakeDiscord | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await fake?.stop();
  fake = undefined;
  child = undefined;
});

describe('npm start with DISCORD_TOKEN', () => {
  it('logs in, answers, never logs the token, and exits 0 on SIGTERM', async () => {
    fake = await FakeDiscord.start({ interactionDeadlineMs: 0 });
    const bot = start('src/main.ts', { DISCORD_TOKEN: fake.token, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: 'info' });
    child = bot.child;
    await fake.waitForReady(30_000);
    const callback = await fake
      .sendCommand('ask', [{ name: 'question', type: Option.String, value: 'who is john sipher' }])
      .callback(15_000);
    expect(callback.type).toBe(4);
    child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
    expect(bot.output()).toContain('Logged in as');
    expect(bot.output()).toContain('SIGTERM received');
    expect(bot.output()).not.toContain(fake.token);
  }, 60_000);

  it('explains a refused token in one line and exits 1', async () => {
    fake = await FakeDiscord.start();
    const bot = start('src/main.ts', {
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Gwrong.wrongwrongwrongwrongwrongwrongwrong12',
      DISCORD_API_BASE: fake.apiBase,
    });
    child = bot.child;
    expect(await bot.exit).toBe(1);
    expect(bot.output()).toMatch(/Discord refused the token/);
    expect(bot.output()).not.toMatch(/^\s+at /m);
  }, 60_000);
});

describe('npm start with several shards', () => {
  it('connects every shard Discord recommends in one process, holding the knowledge once', async () => {
    fake = await FakeDiscord.start({ shards: 2, interactionDeadlineMs: 0 });
    const bot = start('src/main.ts', {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_BASE: fake.apiBase,
      MODERATOR_ROLE_IDS: fake.moderatorRoleId,
      LOG_LEVEL: 'info',
    });
    child = bot.child;
    await fake.waitForReady(60_000);
    expect(fake.readyShards()).toEqual([0, 1]);
    const answer = await fake.sendCommand('ask', [{ name: 'question', type: Option.String, value: 'who is john sipher' }]).callback(15_000);
    expect(answer.type).toBe(4);
    const handle = fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], { roles: [fake.moderatorRoleId] });
    const final = await handle.finalMessage(30_000);
    // One process, one knowledge base: one refresh, not one per shard.
    expect(final.embeds.map((embed: { title: string }) => embed.title)).toEqual(['Knowledge refreshed: nothing had changed']);
    child.kill('SIGTERM');
    expect(await bot.exit).toBe(0);
  }, 90_000);
});

describe('npm run start:sharded', () => {
  it('runs one process per recommended shard; /kb refresh on one shard refreshes every shard and reports each', async () => {
    fake = await FakeDiscord.start({ shards: 2, interactionDeadlineMs: 0 });
    const manager = start('src/sharded.ts', {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_BASE: fake.apiBase,
      MODERATOR_ROLE_IDS: fake.moderatorRoleId,
      LOG_LEVEL: 'info',
    });
    child = manager.child;
    await fake.waitForReady(60_000);
    expect(fake.readyShards()).toEqual([0, 1]);
    const handle = fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], { roles: [fake.moderatorRoleId] });
    expect((await handle.callback(15_000)).type).toBe(5);
    const final = await handle.finalMessage(30_000);
    expect(final.embeds.map((embed: { title: string }) => embed.title).sort()).toEqual([
      'Knowledge refreshed (shard 0): nothing had changed',
      'Knowledge refreshed (shard 1): nothing had changed',
    ]);
    child.kill('SIGTERM');
    expect(await manager.exit).toBe(0);
    expect(manager.output()).toContain('Launched shard 1 of 2');
  }, 90_000);
});
