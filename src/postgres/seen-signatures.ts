import { MemorySignatures, type SeenSignatures } from '../interactions/replay-guard.ts';
import type { PgPool } from './database.ts';

/**
 * Signatures of HTTP interactions already received, shared by every replica, so a request replayed to another
 * replica is refused as well. While PostgreSQL is out of reach each replica falls back to its own memory: a replay
 * to the same replica is still refused, and answering goes on.
 */
export class PgSignatures implements SeenSignatures {
  private readonly local = new MemorySignatures();
  private admitted = 0;

  constructor(private readonly pool: PgPool) {}

  async firstSighting(signature: string, expiresAtSeconds: number): Promise<boolean> {
    try {
      const result = await this.pool.query(
        'INSERT INTO seen_signatures (signature, expires_at) VALUES ($1, $2) ON CONFLICT (signature) DO NOTHING',
        [signature, expiresAtSeconds],
      );
      // Expired signatures are swept now and then, not on every request.
      if (++this.admitted % 200 === 0)
        void this.pool.query('DELETE FROM seen_signatures WHERE expires_at < $1', [Date.now() / 1000]).catch(() => undefined);
      return result.rowCount === 1;
    } catch {
      return this.local.firstSighting(signature, expiresAtSeconds);
    }
  }
}
