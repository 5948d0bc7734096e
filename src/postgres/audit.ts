import { auditEntryFrom, auditRow, type AuditEntry, type AuditRecords } from '../curation/records.ts';
import { reachable, type PgPool } from './database.ts';

/** The audit log in PostgreSQL: every replica's moderators in one log. */
export class PgAudit implements AuditRecords {
  constructor(private readonly pool: PgPool) {}

  private query(text: string, values?: unknown[]) {
    return reachable(() => this.pool.query(text, values));
  }

  async record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<void> {
    await this.query(
      'INSERT INTO audit (at, actor_id, actor_name, guild_id, action, detail, result) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      auditRow(entry),
    );
  }

  async recent(limit = 15): Promise<AuditEntry[]> {
    const result = await this.query(
      'SELECT at, actor_id, actor_name, guild_id, action, detail, result FROM audit ORDER BY id DESC LIMIT $1',
      [limit],
    );
    return result.rows.map(auditEntryFrom);
  }
}
