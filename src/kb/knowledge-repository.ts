import type { KnowledgeBase } from './knowledge-base.ts';
import type { KnowledgeFiles } from './read-folder.ts';

/**
 * Where the knowledge's files live: a folder on this machine, or numbered revisions in PostgreSQL shared by every
 * replica. Moderators' changes go through one of these, one change at a time.
 */

export interface KnowledgeEdit {
  /** Files to write, by path inside the knowledge ('sources/x.txt', 'qa.json'), in the order given. */
  writes: Array<{ path: string; bytes: Buffer }>;
  /** Files to remove, after the writes: were a change to stop half-way, what was written still builds. */
  removes: string[];
  /** One line for the history. */
  summary: string;
}

export interface ChangeOutcome<T> {
  edit: KnowledgeEdit;
  /** The knowledge as it is after the edit, already built and validated. */
  kb?: KnowledgeBase;
  result: T;
}

export interface KnowledgeRepository {
  /** Where a change lands, for moderators' replies: a folder, or a revision. */
  describe(): string;
  read(): Promise<KnowledgeFiles>;
  /**
   * Runs `work` on the files as they are now and applies the edit it returns, as one step: no other change (on
   * this machine or, when shared, on any replica) runs in between. Nothing is written when `work` throws.
   */
  change<T>(work: (files: KnowledgeFiles) => Promise<ChangeOutcome<T>>): Promise<T & { revision: number | null }>;
}
