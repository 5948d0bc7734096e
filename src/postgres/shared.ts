import path from 'node:path';
import type { ShardRefresh } from '../app/command.ts';
import { FallbackCooldowns } from '../app/cooldowns.ts';
import { attachmentFetcher, linkFetcher, type Curation, type CurationOptions } from '../curation/curation.ts';
import { readKnowledgeFolder } from '../kb/read-folder.ts';
import { KnowledgeStore } from '../kb/store.ts';
import { KnowledgeWriter } from '../kb/writer.ts';
import { log } from '../log.ts';
import { PgAudit } from './audit.ts';
import { PgCooldowns } from './cooldowns.ts';
import { createPool, migrate } from './database.ts';
import { PgFeedback } from './feedback.ts';
import { PgInteractionState } from './interaction-state.ts';
import { currentRevision, PgKnowledge } from './knowledge-revisions.ts';
import { KnowledgeSync } from './knowledge-sync.ts';
import { PgSignatures } from './seen-signatures.ts';
import type { SeenSignatures } from '../interactions/replay-guard.ts';

/**
 * A replica that shares everything through PostgreSQL (DATABASE_URL): knowledge revisions, curation records and
 * cooldowns. The knowledge being served is the current revision, written out under DATA_DIR/revisions/; the
 * knowledge folder is read only once, to seed an empty database.
 */

export interface SharedReplica {
  store: KnowledgeStore;
  curation: Curation;
  sync: KnowledgeSync;
  /** A change reaches every replica: this one at once, then each live one confirms. */
  refreshKnowledge(): Promise<ShardRefresh[]>;
  seenSignatures: SeenSignatures;
}

export async function openSharedReplica(
  databaseUrl: string,
  knowledgeDir: string,
  dataDir: string,
  options: CurationOptions = {},
): Promise<SharedReplica> {
  const pool = createPool(databaseUrl);
  try {
    await migrate(pool);
    const knowledge = new PgKnowledge(pool);
    const revision = (await currentRevision(pool)) ?? (await knowledge.importIfEmpty(await readKnowledgeFolder(knowledgeDir)));
    const revisionsDir = path.join(dataDir, 'revisions');
    const dir = await KnowledgeSync.writeRevision(pool, revision, revisionsDir);
    const { store } = await KnowledgeStore.open(dir, { revision });
    const sync = new KnowledgeSync(pool, databaseUrl, store, revisionsDir);
    await sync.start();
    let warned = 0;
    const curation: Curation = {
      writer: new KnowledgeWriter(knowledge),
      feedback: new PgFeedback(pool),
      audit: new PgAudit(pool),
      interactionState: new PgInteractionState(pool),
      fetchLink: linkFetcher(options),
      fetchAttachment: attachmentFetcher(options),
      cooldowns: new FallbackCooldowns(new PgCooldowns(pool), (error) => {
        // Once a minute is enough to say the database is away; every question would flood the log.
        if (Date.now() - warned > 60_000) log.warn('Shared cooldowns are out of reach; pausing askers per replica meanwhile', error);
        warned = Date.now();
      }),
      close: async () => {
        await sync.stop();
        await pool.end();
      },
    };
    log.info(`Sharing knowledge and records through PostgreSQL as replica ${sync.replica}; serving revision ${revision}`);
    return { store, curation, sync, refreshKnowledge: () => sync.rollOut(), seenSignatures: new PgSignatures(pool) };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
