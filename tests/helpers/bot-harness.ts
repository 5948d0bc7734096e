import { Events } from 'discord.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig } from '../../src/config.ts';
import { openCuration, type Curation } from '../../src/curation/curation.ts';
import { startBot, type RunningBot } from '../../src/discord/bot.ts';
import { KnowledgeStore } from '../../src/kb/store.ts';
import { searchEngineFor } from '../../src/search/engine.ts';
import { FakeDiscord } from '../fake-discord/index.ts';
import { copyKnowledge } from './knowledge.ts';

/** The real bot, in this process, logged in to a fresh fake Discord, over a scratch copy of knowledge/. */
export interface BotHarness {
  fake: FakeDiscord;
  bot: RunningBot;
  knowledge: ReturnType<typeof copyKnowledge>;
  curation: Curation;
  store: KnowledgeStore;
  /** A new user id each call, so per-user cooldowns apply only where a test wants them. */
  freshUser(): string;
  stop(): Promise<void>;
}

let users = 0;

/** `fetchAllowHosts`: local servers a `/kb add-source url` may reach (FETCH_ALLOW_HOSTS). */
export async function startBotHarness(options: { fetchAllowHosts?: string[] } = {}): Promise<BotHarness> {
  const knowledge = copyKnowledge();
  // Discord's three-second deadline is a timing figure, measured by `npm run soak`; tests on a busy CI machine hold
  // behaviour instead (and check that slow work is deferred).
  const fake = await FakeDiscord.start({ interactionDeadlineMs: 0 });
  const config = readConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DISCORD_API_BASE: fake.apiBase,
    MODERATOR_ROLE_IDS: fake.moderatorRoleId,
    ANSWER_CHANNEL_IDS: fake.otherChannelId,
    KNOWLEDGE_DIR: knowledge.dir,
    LOG_LEVEL: 'error',
  });
  const { store } = await KnowledgeStore.open(knowledge.dir);
  // Built before the first interaction, so Discord's three seconds are not spent on it.
  searchEngineFor(store.current);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dossier-data-'));
  const curation = openCuration(knowledge.dir, dataDir, { fetchAllowHosts: options.fetchAllowHosts });
  const bot = await startBot(config, store, curation);
  if (!bot.client.isReady() || bot.client.guilds.cache.size === 0) {
    await new Promise((resolve) => bot.client.once(Events.GuildCreate, resolve));
  }
  await fake.waitForReady();
  return {
    fake,
    bot,
    knowledge,
    curation,
    store,
    freshUser: () => `90000000000${String(++users).padStart(7, '0')}`,
    async stop() {
      await bot.stop();
      await fake.stop();
      await curation.close();
      knowledge.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function embedText(message: { embeds?: Array<Record<string, unknown>> } | undefined): string {
  return JSON.stringify(message?.embeds ?? []);
}
