import { REST } from 'discord.js';
import { answerQuestion } from './answer/answer.ts';
import type { DispatchServices } from './app/dispatch.ts';
import { createDispatchServices } from './app/services.ts';
import { runConsole, CONSOLE_BANNER } from './cli/console.ts';
import { openKnowledgeOrExit } from './cli/open-knowledge.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { ShardRefresh } from './app/command.ts';
import { openCuration, type Curation } from './curation/curation.ts';
import { KnowledgeBuildError } from './kb/errors.ts';
import type { KnowledgeStore } from './kb/store.ts';
import { openSharedReplica } from './postgres/shared.ts';
import { startBot, type RunningBot } from './discord/bot.ts';
import { startInteractionsServer, type RunningInteractionsServer } from './interactions/server.ts';
import type { SeenSignatures } from './interactions/replay-guard.ts';
import { publicKeyFromHex } from './interactions/signature.ts';
import { log, setLogLevel } from './log.ts';
import { MANAGED_SHARD_ARG } from './discord/managed-shard.ts';

/**
 * `npm start`: the Discord bot over the gateway when DISCORD_TOKEN is set, HTTP interactions when INTERACTIONS_PORT
 * and DISCORD_PUBLIC_KEY are set (both in one process, or HTTP alone with DISCORD_GATEWAY=off), and the offline
 * console when neither is.
 */

/** Where knowledge and records live: the folder and SQLite (one machine), or PostgreSQL shared by every replica. */
interface Backends {
  store: KnowledgeStore;
  curation: Curation;
  refreshKnowledge?: () => Promise<ShardRefresh[]>;
  seenSignatures?: SeenSignatures;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function openBackends(config: Config): Promise<Backends> {
  if (config.DATABASE_URL) {
    try {
      return await openSharedReplica(config.DATABASE_URL, config.KNOWLEDGE_DIR, config.DATA_DIR, {
        fetchAllowHosts: config.FETCH_ALLOW_HOSTS,
      });
    } catch (error) {
      const detail = error instanceof KnowledgeBuildError ? error.message : redactUrl((error as Error).message);
      return fail(`Could not open the shared knowledge in PostgreSQL (DATABASE_URL): ${detail}`);
    }
  }
  const store = await openKnowledgeOrExit(config.KNOWLEDGE_DIR);
  try {
    return { store, curation: openCuration(config.KNOWLEDGE_DIR, config.DATA_DIR, { fetchAllowHosts: config.FETCH_ALLOW_HOSTS }) };
  } catch (error) {
    return fail(`Could not open the database in ${config.DATA_DIR}: ${(error as Error).message}`);
  }
}

/** A connection error may quote the URL, password included. */
function redactUrl(message: string): string {
  return message.replace(/postgres(?:ql)?:\/\/[^\s]+/g, 'postgres://…');
}

async function serve(config: Config, useGateway: boolean): Promise<void> {
  let services: DispatchServices | null = null;
  let backends: Backends | null = null;
  let server: RunningInteractionsServer | null = null;
  if (config.INTERACTIONS_PORT !== undefined && config.DISCORD_PUBLIC_KEY) {
    // Listening before the knowledge loads lets a load balancer see "not ready yet" instead of "down".
    server = await startInteractionsServer({
      port: config.INTERACTIONS_PORT,
      publicKey: publicKeyFromHex(config.DISCORD_PUBLIC_KEY),
      services: () => services,
      seenSignatures: () => backends?.seenSignatures ?? null,
      describe: () => ({ revision: backends?.store.revision ?? null }),
    }).catch((error: Error) => fail(`Could not listen on INTERACTIONS_PORT ${config.INTERACTIONS_PORT}: ${error.message}`));
    log.info(`Serving HTTP interactions on port ${server.port}`);
  }
  backends = await openBackends(config);
  const { store, curation, refreshKnowledge } = backends;
  // The search engine (and the word vectors it reads) is built now, not on the first question, which would
  // otherwise spend Discord's three seconds on it.
  answerQuestion(store.current, 'warm up');
  let bot: RunningBot | null = null;
  if (useGateway)
    bot = await startBot(config, store, curation, { refreshKnowledge, managedShard: process.argv.includes(MANAGED_SHARD_ARG) }).catch(
      (error: Error) => fail(error.message),
    );
  const rest = bot?.client.rest ?? new REST({ api: config.DISCORD_API_BASE });
  if (!bot && config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  const shared = bot?.services ?? createDispatchServices(config, store, curation, rest, refreshKnowledge);
  services = shared;
  if (!bot) {
    const { sources, passages } = store.current.counts();
    log.info(`HTTP interactions only (no gateway); answering from ${sources} reports (${passages} paragraphs)`);
  }
  process.on('unhandledRejection', (reason) => log.error('Unhandled rejection', reason));
  const shutdown = (signal: string) => {
    log.info(`${signal} received; shutting down`);
    void Promise.allSettled([bot?.stop(), server?.close()])
      .then(() => curation.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = await loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  setLogLevel(config.LOG_LEVEL);
  const useGateway = config.DISCORD_GATEWAY === 'on' && config.DISCORD_TOKEN !== undefined;
  const useHttp = config.INTERACTIONS_PORT !== undefined;
  if (config.DISCORD_GATEWAY === 'off' && !useHttp)
    fail(
      'DISCORD_GATEWAY=off needs INTERACTIONS_PORT and DISCORD_PUBLIC_KEY: with neither, nothing would reach the bot. See .env.example.',
    );
  if (useGateway || useHttp) return serve(config, useGateway);
  const { store, curation, refreshKnowledge } = await openBackends(config);
  process.stderr.write(`${CONSOLE_BANNER}\n`);
  await runConsole(store, curation, process.stdin, process.stdout, Boolean(process.stdin.isTTY), refreshKnowledge);
  await curation.close();
}

await main();
