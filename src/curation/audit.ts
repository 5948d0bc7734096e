import type { CurationDatabase } from './database.ts';
import { auditEntryFrom, auditRow, type AuditEntry, type AuditRecords, type AuditRow } from './records.ts';

/** The audit log in the SQLite database. */

export type { AuditEntry } from './records.ts';

export class SqliteAudit implements AuditRecords {
  constructor(private readonly db: CurationDatabase) {}

  async record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<void> {
    this.db
      .prepare('INSERT INTO audit (at, actor_id, actor_name, guild_id, action, detail, result) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(...auditRow(entry));
  }

  async recent(limit = 15): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT at, actor_id, actor_name, guild_id, action, detail, result FROM audit ORDER BY id DESC LIMIT ?')
      .all(limit) as AuditRow[];
    return rows.map(auditEntryFrom);
  }
}
