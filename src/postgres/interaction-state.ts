import type { InteractionState } from '../app/interaction-state.ts';
import { reachable, type PgPool } from './database.ts';

/** Button state in PostgreSQL, so a press on any replica finds the pages or the change it belongs to. */
export class PgInteractionState implements InteractionState {
  private writes = 0;

  constructor(private readonly pool: PgPool) {}

  async put(key: string, value: unknown, ttlMs: number): Promise<void> {
    await reachable(() =>
      this.pool.query(
        `INSERT INTO interaction_state (key, value, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [key, JSON.stringify(value), Date.now() + ttlMs],
      ),
    );
    // Expired entries are swept now and then, not on every write.
    if (++this.writes % 100 === 0)
      void this.pool.query('DELETE FROM interaction_state WHERE expires_at < $1', [Date.now()]).catch(() => undefined);
  }

  async get<T>(key: string): Promise<T | null> {
    const result = await reachable(() =>
      this.pool.query('SELECT value FROM interaction_state WHERE key = $1 AND expires_at > $2', [key, Date.now()]),
    );
    return (result.rows[0]?.value as T | undefined) ?? null;
  }

  async take<T>(key: string): Promise<T | null> {
    const result = await reachable(() =>
      this.pool.query('DELETE FROM interaction_state WHERE key = $1 AND expires_at > $2 RETURNING value', [key, Date.now()]),
    );
    return (result.rows[0]?.value as T | undefined) ?? null;
  }
}
