import { MemoryCooldowns } from '../app/cooldowns.ts';
import { MemoryInteractionState } from '../app/interaction-state.ts';
import { KnowledgeWriter, MAX_PAGE_BYTES } from '../kb/writer.ts';
import { FolderKnowledge } from '../kb/folder-knowledge.ts';
import { SqliteAudit } from './audit.ts';
import { openCurationDatabase } from './database.ts';
import { SqliteFeedback } from './feedback.ts';
import type { Records } from './records.ts';
import { fetchPage, type FetchedPage } from '../fetch/fetch-page.ts';
import { downloadAttachment } from './download.ts';

/** Everything moderators curate with: the knowledge's writer, feedback and gaps, the audit log, cooldowns. */
export interface Curation extends Records {
  writer: KnowledgeWriter;
  /** Fetches a page a moderator linked to, refusing any address that is not public (see src/fetch/). */
  fetchLink(link: string): Promise<FetchedPage>;
  /** Downloads an uploaded attachment, up to `maxBytes`, under the same address rules as a link. */
  fetchAttachment(url: string, maxBytes: number): Promise<Buffer>;
}

/** What a curation needs besides where it keeps things. */
export interface CurationOptions {
  /** host or host:port a link may reach even when not public (FETCH_ALLOW_HOSTS; tests only). */
  fetchAllowHosts?: readonly string[];
}

export function linkFetcher(options: CurationOptions): (link: string) => Promise<FetchedPage> {
  // No more is downloaded than the writer would store.
  return (link) => fetchPage(link, { allowHosts: options.fetchAllowHosts ?? [], limits: { maxBytes: MAX_PAGE_BYTES } });
}

export function attachmentFetcher(options: CurationOptions): (url: string, maxBytes: number) => Promise<Buffer> {
  return (url, maxBytes) => downloadAttachment(url, maxBytes, { allowHosts: options.fetchAllowHosts ?? [] });
}

/** The embedded default: the knowledge folder and SQLite under DATA_DIR, for one machine. */
export function openCuration(knowledgeDir: string, dataDir: string, options: CurationOptions = {}): Curation {
  const db = openCurationDatabase(dataDir);
  return {
    writer: new KnowledgeWriter(new FolderKnowledge(knowledgeDir)),
    feedback: new SqliteFeedback(db),
    audit: new SqliteAudit(db),
    cooldowns: new MemoryCooldowns(),
    interactionState: new MemoryInteractionState(),
    fetchLink: linkFetcher(options),
    fetchAttachment: attachmentFetcher(options),
    close: async () => {
      db.close();
    },
  };
}
