import { KnowledgeWriter } from '../kb/writer.ts';
import { AuditLog } from './audit.ts';
import { openCurationDatabase } from './database.ts';
import { FeedbackStore } from './feedback.ts';

/** Everything moderators curate with: the knowledge folder's writer, feedback and gaps, the audit log. */
export interface Curation {
  writer: KnowledgeWriter;
  feedback: FeedbackStore;
  audit: AuditLog;
  close(): void;
}

export function openCuration(knowledgeDir: string, dataDir: string): Curation {
  const db = openCurationDatabase(dataDir);
  return { writer: new KnowledgeWriter(knowledgeDir), feedback: new FeedbackStore(db), audit: new AuditLog(db), close: () => db.close() };
}
