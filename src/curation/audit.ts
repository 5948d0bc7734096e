import type { CurationDatabase } from './database.ts';
import { auditRow, type AuditEntry, type AuditRecords } from './records.ts';

/** The audit log in the SQLite database. */

export type { AuditEntry } from './records.ts';

export class SqliteAudit implements AuditRecords {
  constructor(private readonly db: CurationDatabase) {}

  async record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<void> {
    this.db.prepare('INSERT INTO audit (at, actor_id, actor_name, guild_id, action, detail, result) VALUES (?, ?, ?, ?, ?, ?, ?)').run(...auditRow(entry));
  }

  async recent(limit = 15): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT at, actor_id, actor_name, guild_id, action, detail, result FROM audit ORDER BY id DESC LIMIT ?')
      .all(limit) as Array<{ at: number; actor_id: string; actor_name: string; guild_id: string | null; action: string; detail: string; result: string }>;
    return rows.map((row) => ({ at: row.at, actorId: row.actor_id, actorName: row.actor_name, guildId: row.guild_id, action: row.action, detail: row.detail, result: row.result }));
  }
}
