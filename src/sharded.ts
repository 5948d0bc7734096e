import { REST, Routes, ShardingManager } from 'discord.js';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { MANAGED_SHARD_ARG } from './discord/managed-shard.ts';
import { log, setLogLevel } from './log.ts';

/**
 * `npm run start:sharded`: one process per shard, as many shards as Discord recommends ('auto'). Each process loads
 * the knowledge itself, so memory grows with the shard count; `npm start` runs every shard in one process with one
 * copy, and is the default. This stays for a bot whose gateway traffic outgrows one process's thread. /kb refresh
 * on any shard refreshes all of them (see refreshEverywhere).
 */

/** Discord allows one IDENTIFY per five seconds (max_concurrency 1); shards start that far apart. */
const SPAWN_DELAY_MS = 5_500;

try {
  const config = await loadConfig();
  setLogLevel(config.LOG_LEVEL);
  if (!config.DISCORD_TOKEN)
    throw new ConfigError('Sharding needs DISCORD_TOKEN (see .env.example); without it, use npm start for the console.');
  // totalShards 'auto' asks Discord for its recommendation; asked here through DISCORD_API_BASE, as everything is.
  const rest = new REST({ api: config.DISCORD_API_BASE }).setToken(config.DISCORD_TOKEN);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  const manager = new ShardingManager(path.join(import.meta.dirname, 'main.ts'), {
    token: config.DISCORD_TOKEN,
    totalShards: Math.max(1, shards),
    execArgv: ['--import', 'tsx'],
    shardArgs: [MANAGED_SHARD_ARG],
  });
  manager.on('shardCreate', (shard) => log.info(`Launched shard ${shard.id} of ${manager.totalShards}`));
  const shutdown = (signal: string) => {
    log.info(`${signal} received; stopping every shard`);
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  await manager.spawn({ delay: SPAWN_DELAY_MS });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
