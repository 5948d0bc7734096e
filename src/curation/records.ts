import type { Answer } from '../answer/answer.ts';
import type { Cooldowns } from '../app/cooldowns.ts';
import type { InteractionState } from '../app/interaction-state.ts';

/**
 * Dossier's own records, behind one interface for both engines: SQLite under DATA_DIR (one machine) or PostgreSQL
 * (DATABASE_URL, shared by every replica). The same tests run against both.
 */

export type Vote = 1 | -1;

export interface Miss {
  answerId: string;
  question: string;
  normalized: string;
  answered: boolean;
  at: number;
}

/**
 * What users could not get answered: every answer shown with vote buttons is recorded (the question, the answer
 * given, time and server; nothing else of the message), and each person's vote on it. User ids are stored only as
 * keyed hashes, the key kept in the database, so a vote can be changed but not traced back to an account.
 */
export interface FeedbackRecords {
  /** Records an answer as shown; returns the id its vote buttons carry. */
  recordAnswer(answer: Answer, guildId: string | null, now?: number): Promise<string>;
  /** One vote per person per answer; voting again changes it. `recorded` is false when the answer is unknown. */
  vote(answerId: string, userId: string, vote: Vote, now?: number): Promise<{ recorded: boolean; changed: boolean }>;
  /** Questions since `since` that went unanswered, or whose answer more people voted down than up. */
  misses(since: number): Promise<Miss[]>;
  questionOf(answerId: string): Promise<string | null>;
}

export interface AuditEntry {
  at: number;
  actorId: string;
  actorName: string;
  guildId: string | null;
  action: string;
  detail: string;
  result: string;
}

/** Every moderator action: who, when, what, and how it ended. */
export interface AuditRecords {
  record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<void>;
  recent(limit?: number): Promise<AuditEntry[]>;
}

export interface Records {
  feedback: FeedbackRecords;
  audit: AuditRecords;
  cooldowns: Cooldowns;
  /** Pages and pending confirmations behind buttons. */
  interactionState: InteractionState;
  close(): Promise<void>;
}

/** The shape every engine stores a question in, so gaps group alike whichever engine holds them. */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s']/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The limits every engine cuts stored text to. */
export const STORED_LIMITS = { question: 500, answer: 2000, actorName: 100, detail: 500, result: 500 } as const;

/** The shared store cannot be reached: nothing was saved, and saying so is the whole answer. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(cause: unknown) {
    super(
      'The shared database cannot be reached right now, so nothing was saved. Questions are still answered from the knowledge already loaded; try again in a few minutes.',
      { cause },
    );
  }
}

/** An audit entry as the columns both engines store, cut to the stored limits. */
export function auditRow(entry: Omit<AuditEntry, 'at'> & { at?: number }): [number, string, string, string | null, string, string, string] {
  return [
    entry.at ?? Date.now(),
    entry.actorId,
    entry.actorName.slice(0, STORED_LIMITS.actorName),
    entry.guildId,
    entry.action,
    entry.detail.slice(0, STORED_LIMITS.detail),
    entry.result.slice(0, STORED_LIMITS.result),
  ];
}

/** The columns both engines store an audit entry in. */
export interface AuditRow {
  at: number | string;
  actor_id: string;
  actor_name: string;
  guild_id: string | null;
  action: string;
  detail: string;
  result: string;
}

export function auditEntryFrom(row: AuditRow): AuditEntry {
  return {
    at: Number(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    guildId: row.guild_id,
    action: row.action,
    detail: row.detail,
    result: row.result,
  };
}
