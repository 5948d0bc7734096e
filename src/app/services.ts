import type { REST } from 'discord.js';
import type { Config } from '../config.ts';
import type { Curation } from '../curation/curation.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import type { ShardRefresh } from './command.ts';
import { Confirmations } from './confirmations.ts';
import type { DispatchServices } from './dispatch.ts';
import { Paginator } from './paginator.ts';

/** Everything the dispatcher needs, made once per process and shared by the gateway and HTTP adapters. */
export function createDispatchServices(
  config: Config,
  knowledge: KnowledgeStore,
  curation: Curation,
  rest: REST,
  refreshKnowledge: () => Promise<ShardRefresh[]> = async () => [{ shard: null, result: await knowledge.refresh() }],
): DispatchServices & { stop(): void } {
  const paginator = new Paginator(curation.interactionState);
  return {
    config,
    knowledge,
    curation,
    paginator,
    confirmations: new Confirmations(curation.interactionState),
    cooldowns: curation.cooldowns,
    rest,
    refreshKnowledge,
    stop: () => paginator.stop(),
  };
}
