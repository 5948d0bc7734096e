import { randomBytes } from 'node:crypto';
import type { Answer } from '../answer/answer.ts';
import { hashUser, newAnswerId } from '../curation/feedback.ts';
import { normalizeQuestion, STORED_LIMITS, type FeedbackRecords, type Miss, type Vote } from '../curation/records.ts';
import { reachable, type PgPool } from './database.ts';

/** Feedback in PostgreSQL, shared by every replica; the voter-hash key is shared too, so a vote is one per person. */
export class PgFeedback implements FeedbackRecords {
  private hashKey: Promise<Buffer> | null = null;

  constructor(private readonly pool: PgPool) {}

  private query(text: string, values?: unknown[]) {
    return reachable(() => this.pool.query(text, values));
  }

  private key(): Promise<Buffer> {
    this.hashKey ??= (async () => {
      const fresh = randomBytes(32).toString('hex');
      // The first replica to ask stores its key; every other one reads that one.
      await this.query(`INSERT INTO dossier_meta (key, value) VALUES ('user-hash-key', $1) ON CONFLICT (key) DO NOTHING`, [fresh]);
      const row = await this.query(`SELECT value FROM dossier_meta WHERE key = 'user-hash-key'`);
      return Buffer.from(row.rows[0].value as string, 'hex');
    })().catch((error: unknown) => {
      this.hashKey = null;
      throw error;
    });
    return this.hashKey;
  }

  async recordAnswer(answer: Answer, guildId: string | null, now = Date.now()): Promise<string> {
    const id = newAnswerId();
    await this.query(
      'INSERT INTO answers (id, guild_id, question, normalized, answer, answered, confidence, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        id,
        guildId,
        answer.question.slice(0, STORED_LIMITS.question),
        normalizeQuestion(answer.question).slice(0, STORED_LIMITS.question),
        answer.answer.slice(0, STORED_LIMITS.answer),
        answer.answered,
        answer.confidence,
        now,
      ],
    );
    return id;
  }

  async vote(answerId: string, userId: string, vote: Vote, now = Date.now()): Promise<{ recorded: boolean; changed: boolean }> {
    const userHash = hashUser(await this.key(), userId);
    // One statement: the previous vote is read from the snapshot the upsert starts from, so two presses at once on
    // two replicas still leave one vote.
    const result = await this.query(
      `WITH previous AS (SELECT vote FROM votes WHERE answer_id = $1 AND user_hash = $2)
       INSERT INTO votes (answer_id, user_hash, vote, voted_at)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM answers WHERE id = $1)
       ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
       RETURNING (SELECT vote FROM previous) AS previous`,
      [answerId, userHash, vote, now],
    );
    if (result.rowCount === 0) return { recorded: false, changed: false };
    const previous = result.rows[0].previous as number | null;
    return { recorded: true, changed: previous !== null && previous !== vote };
  }

  async misses(since: number): Promise<Miss[]> {
    const result = await this.query(
      `SELECT a.id, a.question, a.normalized, a.answered, a.created_at
         FROM answers a LEFT JOIN votes v ON v.answer_id = a.id
        WHERE a.created_at >= $1
        GROUP BY a.id
       HAVING NOT a.answered OR COALESCE(SUM(v.vote), 0) < 0`,
      [since],
    );
    return result.rows.map((row) => ({
      answerId: row.id,
      question: row.question,
      normalized: row.normalized,
      answered: row.answered,
      at: Number(row.created_at),
    }));
  }

  async questionOf(answerId: string): Promise<string | null> {
    const result = await this.query('SELECT question FROM answers WHERE id = $1', [answerId]);
    return (result.rows[0]?.question as string | undefined) ?? null;
  }
}
