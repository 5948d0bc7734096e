import type { Cooldowns } from '../app/cooldowns.ts';
import type { PgPool } from './database.ts';

/**
 * Cooldowns in PostgreSQL, so a pause holds whichever replica the next request reaches. The database's clock
 * decides, not each replica's own.
 */
export class PgCooldowns implements Cooldowns {
  constructor(private readonly pool: PgPool) {}

  async take(key: string, milliseconds: number): Promise<number> {
    const result = await this.pool.query(
      `WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)
       INSERT INTO cooldowns AS c (key, until_ms) SELECT $1, now.ms + $2 FROM now
       ON CONFLICT (key) DO UPDATE SET until_ms = excluded.until_ms WHERE c.until_ms <= (SELECT ms FROM now)
       RETURNING until_ms`,
      [key, milliseconds],
    );
    if (result.rowCount === 1) return 0;
    const left = await this.pool.query(
      `SELECT until_ms - (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS left FROM cooldowns WHERE key = $1`,
      [key],
    );
    return Math.max(1, Number(left.rows[0]?.left ?? 1));
  }
}
