import { runConsole, CONSOLE_BANNER } from './cli/console.ts';
import { openKnowledgeOrExit } from './cli/open-knowledge.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { setLogLevel } from './log.ts';

/** `npm start`: the Discord bot when DISCORD_TOKEN is set, the offline console otherwise. */

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
  if (config.DISCORD_TOKEN) {
    process.stderr.write('This version of Dossier has only the offline console; remove DISCORD_TOKEN from the environment to use it.\n');
    process.exit(1);
  }
  process.stderr.write(`${CONSOLE_BANNER}\n`);
  await runConsole(store, process.stdin, process.stdout, Boolean(process.stdin.isTTY));
}

await main();
