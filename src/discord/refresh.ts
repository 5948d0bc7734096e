import type { Client } from 'discord.js';
import type { ShardRefresh } from '../app/command.ts';
import type { KnowledgeStore, RefreshResult } from '../kb/store.ts';

/** What every shard's client carries so that a refresh on one shard reaches all of them. */
export interface RefreshableClient {
  dossierRefresh?: () => Promise<RefreshResult>;
}

export async function refreshEverywhere(client: Client, store: KnowledgeStore): Promise<ShardRefresh[]> {
  if (!client.shard) return [{ shard: null, result: await store.refresh() }];
  const results = await client.shard.broadcastEval((shardClient) => (shardClient as unknown as RefreshableClient).dossierRefresh!());
  // broadcastEval answers in shard order; each process runs one shard.
  return results.map((result, shard) => ({ shard, result }));
}
