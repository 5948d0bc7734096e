import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Answer } from '../answer/answer.ts';
import type { CurationDatabase } from './database.ts';

/**
 * What users could not get answered: every answer shown with vote buttons is recorded (the question, the answer
 * given, time and server; nothing else of the message), and each person's vote on it. User ids are stored only as
 * keyed hashes, the key kept in the database, so a vote can be changed but not traced back to an account.
 */

export type Vote = 1 | -1;

export function normalizeQuestion(question: string): string {
  return question.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, ' ').replace(/\s+/g, ' ').trim();
}

export class FeedbackStore {
  private readonly hashKey: Buffer;

  constructor(private readonly db: CurationDatabase) {
    const stored = db.prepare('SELECT value FROM meta WHERE key = ?').get('user-hash-key') as { value: string } | undefined;
    if (stored) {
      this.hashKey = Buffer.from(stored.value, 'hex');
    } else {
      this.hashKey = randomBytes(32);
      db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('user-hash-key', this.hashKey.toString('hex'));
    }
  }

  hashUser(userId: string): string {
    return createHmac('sha256', this.hashKey).update(userId).digest('hex');
  }

  /** Records an answer as shown; returns the id its vote buttons carry. */
  recordAnswer(answer: Answer, guildId: string | null, now = Date.now()): string {
    const id = randomUUID().replace(/-/g, '').slice(0, 20);
    this.db
      .prepare('INSERT INTO answers (id, guild_id, question, normalized, answer, answered, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, guildId, answer.question.slice(0, 500), normalizeQuestion(answer.question).slice(0, 500), answer.answer.slice(0, 2000), answer.answered ? 1 : 0, answer.confidence, now);
    return id;
  }

  /** One vote per person per answer; voting again changes it. False when the answer is unknown. */
  vote(answerId: string, userId: string, vote: Vote, now = Date.now()): { recorded: boolean; changed: boolean } {
    const exists = this.db.prepare('SELECT 1 FROM answers WHERE id = ?').get(answerId);
    if (!exists) return { recorded: false, changed: false };
    const userHash = this.hashUser(userId);
    const previous = this.db.prepare('SELECT vote FROM votes WHERE answer_id = ? AND user_hash = ?').get(answerId, userHash) as { vote: number } | undefined;
    this.db
      .prepare('INSERT INTO votes (answer_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?) ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at')
      .run(answerId, userHash, vote, now);
    return { recorded: true, changed: previous !== undefined && previous.vote !== vote };
  }

  /** Questions since `since` that went unanswered, or whose answer more people voted down than up. */
  misses(since: number): Array<{ answerId: string; question: string; normalized: string; answered: boolean; at: number }> {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.question, a.normalized, a.answered, a.created_at,
                COALESCE(SUM(v.vote), 0) AS score, COUNT(v.vote) AS votes
           FROM answers a LEFT JOIN votes v ON v.answer_id = a.id
          WHERE a.created_at >= ?
          GROUP BY a.id
         HAVING a.answered = 0 OR score < 0`,
      )
      .all(since) as Array<{ id: string; question: string; normalized: string; answered: number; created_at: number }>;
    return rows.map((row) => ({ answerId: row.id, question: row.question, normalized: row.normalized, answered: row.answered === 1, at: row.created_at }));
  }

  questionOf(answerId: string): string | null {
    const row = this.db.prepare('SELECT question FROM answers WHERE id = ?').get(answerId) as { question: string } | undefined;
    return row?.question ?? null;
  }
}
