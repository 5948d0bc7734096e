import { runConsole, CONSOLE_BANNER } from './cli/console.ts';
import { openKnowledgeOrExit } from './cli/open-knowledge.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openCuration, type Curation } from './curation/curation.ts';
import { startBot } from './discord/bot.ts';
import type { KnowledgeStore } from './kb/store.ts';
import { log, setLogLevel } from './log.ts';

/** `npm start`: the Discord bot when DISCORD_TOKEN is set, the offline console otherwise. */

function openCurationOrExit(config: Config): Curation {
  try {
    return openCuration(config.KNOWLEDGE_DIR, config.DATA_DIR);
  } catch (error) {
    process.stderr.write(`Could not open the database in ${config.DATA_DIR}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

async function runBot(config: Config, store: KnowledgeStore, curation: Curation): Promise<void> {
  let bot;
  try {
    bot = await startBot(config, store, curation);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  process.on('unhandledRejection', (reason) => log.error('Unhandled rejection', reason));
  const shutdown = (signal: string) => {
    log.info(`${signal} received; disconnecting from Discord`);
    bot.stop().finally(() => {
      curation.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = await loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  setLogLevel(config.LOG_LEVEL);
  const store = await openKnowledgeOrExit(config.KNOWLEDGE_DIR);
  const curation = openCurationOrExit(config);
  if (config.DISCORD_TOKEN) {
    await runBot(config, store, curation);
    return;
  }
  process.stderr.write(`${CONSOLE_BANNER}\n`);
  await runConsole(store, curation, process.stdin, process.stdout, Boolean(process.stdin.isTTY));
  curation.close();
}

await main();
