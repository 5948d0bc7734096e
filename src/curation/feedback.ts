import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Answer } from '../answer/answer.ts';
import type { CurationDatabase } from './database.ts';
import { normalizeQuestion, STORED_LIMITS, type FeedbackRecords, type Miss, type Vote } from './records.ts';

/** Feedback in the SQLite database. */

/** A short random id for an answer's vote buttons. */
export function newAnswerId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 20);
}

export function hashUser(key: Buffer, userId: string): string {
  return createHmac('sha256', key).update(userId).digest('hex');
}

export class SqliteFeedback implements FeedbackRecords {
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

  async recordAnswer(answer: Answer, guildId: string | null, now = Date.now()): Promise<string> {
    const id = newAnswerId();
    this.db
      .prepare(
        'INSERT INTO answers (id, guild_id, question, normalized, answer, answered, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        guildId,
        answer.question.slice(0, STORED_LIMITS.question),
        normalizeQuestion(answer.question).slice(0, STORED_LIMITS.question),
        answer.answer.slice(0, STORED_LIMITS.answer),
        answer.answered ? 1 : 0,
        answer.confidence,
        now,
      );
    return id;
  }

  async vote(answerId: string, userId: string, vote: Vote, now = Date.now()): Promise<{ recorded: boolean; changed: boolean }> {
    const exists = this.db.prepare('SELECT 1 FROM answers WHERE id = ?').get(answerId);
    if (!exists) return { recorded: false, changed: false };
    const userHash = hashUser(this.hashKey, userId);
    const previous = this.db.prepare('SELECT vote FROM votes WHERE answer_id = ? AND user_hash = ?').get(answerId, userHash) as
      { vote: number } | undefined;
    this.db
      .prepare(
        'INSERT INTO votes (answer_id, user_hash, vote, voted_at) VALUES (?, ?, ?, ?) ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at',
      )
      .run(answerId, userHash, vote, now);
    return { recorded: true, changed: previous !== undefined && previous.vote !== vote };
  }

  async misses(since: number): Promise<Miss[]> {
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
    return rows.map((row) => ({
      answerId: row.id,
      question: row.question,
      normalized: row.normalized,
      answered: row.answered === 1,
      at: row.created_at,
    }));
  }

  async questionOf(answerId: string): Promise<string | null> {
    const row = this.db.prepare('SELECT question FROM answers WHERE id = ?').get(answerId) as { question: string } | undefined;
    return row?.question ?? null;
  }
}
