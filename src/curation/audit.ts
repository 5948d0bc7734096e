import type { CurationDatabase } from './database.ts';

/** Every moderator action: who, when, what, and how it ended. */

export interface AuditEntry {
  at: number;
  actorId: string;
  actorName: string;
  guildId: string | null;
  action: string;
  detail: string;
  result: string;
}

export class AuditLog {
  constructor(private readonly db: CurationDatabase) {}

  record(entry: Omit<AuditEntry, 'at'> & { at?: number }): void {
    this.db
      .prepare('INSERT INTO audit (at, actor_id, actor_name, guild_id, action, detail, result) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.at ?? Date.now(), entry.actorId, entry.actorName.slice(0, 100), entry.guildId, entry.action, entry.detail.slice(0, 500), entry.result.slice(0, 500));
  }

  recent(limit = 15): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT at, actor_id, actor_name, guild_id, action, detail, result FROM audit ORDER BY id DESC LIMIT ?')
      .all(limit) as Array<{ at: number; actor_id: string; actor_name: string; guild_id: string | null; action: string; detail: string; result: string }>;
    return rows.map((row) => ({ at: row.at, actorId: row.actor_id, actorName: row.actor_name, guildId: row.guild_id, action: row.action, detail: row.detail, result: row.result }));
  }
}
