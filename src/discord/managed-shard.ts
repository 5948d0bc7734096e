/** Tells main.ts it is one shard of a ShardingManager, not a process that runs every shard itself. */
export const MANAGED_SHARD_ARG = '--managed-shard';
