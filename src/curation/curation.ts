import { MemoryCooldowns } from '../app/cooldowns.ts';
import { MemoryInteractionState } from '../app/interaction-state.ts';
import type { KnowledgeWriter } from '../kb/writer.ts';
import { FolderKnowledge } from '../kb/folder-knowledge.ts';
import { KnowledgeWriter as Writer } from '../kb/writer.ts';
import { SqliteAudit } from './audit.ts';
import { openCurationDatabase } from './database.ts';
import { SqliteFeedback } from './feedback.ts';
import type { Records } from './records.ts';

/** Everything moderators curate with: the knowledge's writer, feedback and gaps, the audit log, cooldowns. */
export interface Curation extends Records {
  writer: KnowledgeWriter;
}

/** The embedded default: the knowledge folder and SQLite under DATA_DIR, for one machine. */
export function openCuration(knowledgeDir: string, dataDir: string): Curation {
  const db = openCurationDatabase(dataDir);
  return {
    writer: new Writer(new FolderKnowledge(knowledgeDir)),
    feedback: new SqliteFeedback(db),
    audit: new SqliteAudit(db),
    cooldowns: new MemoryCooldowns(),
    interactionState: new MemoryInteractionState(),
    close: async () => {
      db.close();
    },
  };
}
