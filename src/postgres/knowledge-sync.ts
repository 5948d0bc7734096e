import { mkdir, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { ShardRefresh } from '../app/command.ts';
import { writeFileAtomic } from '../kb/atomic-write.ts';
import type { KnowledgeStore, RefreshResult } from '../kb/store.ts';
import { log } from '../log.ts';
import type { PgPool } from './database.ts';
import { currentRevision, filesAt, KNOWLEDGE_CHANNEL } from './knowledge-revisions.ts';

/**
 * Keeps this replica on the current knowledge revision. A new revision arrives as a NOTIFY carrying only its number;
 * because a notification sent while the replica was away is lost, the replica also re-checks the current revision
 * on a timer and after every reconnect. Each revision is written out to a folder of its own beside the one being
 * served, built there, and swapped in only when valid; the replica then records an acknowledgement (revision, ok
 * or the problems, time taken) that the moderator's reply lists.
 */

export const SYNC_TIMINGS = {
  /** How often the current revision is re-checked, and the replica's liveness recorded, besides notifications. */
  recheckMs: 5_000,
  /** A replica not seen for this long is not waited for. */
  liveWithinMs: 20_000,
  /** How long a moderator's change waits for every live replica to confirm. */
  ackWaitMs: 10_000,
  /** The longest pause between attempts to reconnect the listener. */
  reconnectMaxMs: 5_000,
} as const;

export function replicaName(): string {
  return `${hostname()}:${process.pid}`;
}

export class KnowledgeSync {
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private catchingUp: Promise<void> = Promise.resolve();
  private reconnectDelay = 250;

  constructor(
    private readonly pool: PgPool,
    private readonly databaseUrl: string,
    private readonly store: KnowledgeStore,
    private readonly revisionsDir: string,
    readonly replica: string = replicaName(),
  ) {}

  /** Writes a revision's files to a folder of its own; the folder is complete before anything reads it. */
  static async writeRevision(pool: PgPool, revision: number, revisionsDir: string): Promise<string> {
    const dir = path.join(revisionsDir, String(revision));
    const files = await filesAt(pool, revision);
    await mkdir(path.join(dir, 'sources'), { recursive: true });
    for (const [file, bytes] of files) await writeFileAtomic(path.join(dir, file), bytes);
    return dir;
  }

  async start(): Promise<void> {
    await this.heartbeat();
    await this.listen();
    this.timer = setInterval(() => {
      void this.heartbeat().catch(() => undefined);
      void this.catchUp();
    }, SYNC_TIMINGS.recheckMs);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 3_000 });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners();
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      log.warn(`Lost the knowledge notifications (${error?.message ?? 'connection closed'}); reconnecting`);
      setTimeout(() => void this.listen(), this.reconnectDelay).unref();
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, SYNC_TIMINGS.reconnectMaxMs);
    };
    this.listener = client;
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === KNOWLEDGE_CHANNEL) void this.catchUp(Number(message.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${KNOWLEDGE_CHANNEL}`);
      this.reconnectDelay = 250;
      // Anything announced while the listener was away is found here.
      void this.catchUp();
    } catch (error) {
      lost(error as Error);
    }
  }

  private async heartbeat(): Promise<void> {
    await this.pool.query(
      `INSERT INTO replicas (replica, revision, seen_at) VALUES ($1, $2, now())
       ON CONFLICT (replica) DO UPDATE SET revision = excluded.revision, seen_at = now()`,
      [this.replica, this.store.revision],
    );
  }

  /** Moves to `announced` (or the current revision) if it is newer than what is served; one catch-up at a time. */
  catchUp(announced?: number): Promise<void> {
    this.catchingUp = this.catchingUp
      .then(() => this.moveTo(announced))
      .catch((error: unknown) => {
        log.warn('Could not check the shared knowledge revision; serving what is loaded', error);
      });
    return this.catchingUp;
  }

  private async moveTo(announced?: number): Promise<void> {
    const served = this.store.revision ?? 0;
    if (announced !== undefined && Number.isFinite(announced) && announced <= served) return;
    const target = await currentRevision(this.pool);
    if (target === null || target <= served) return;
    const started = performance.now();
    const dir = await KnowledgeSync.writeRevision(this.pool, target, this.revisionsDir);
    const result = await this.store.switchTo(dir, target);
    await this.acknowledge(target, result, Math.round(performance.now() - started));
    if (result.ok) {
      log.info(`Now serving knowledge revision ${target}`);
      await this.removeOldRevisions(dir);
    } else {
      log.warn(`Knowledge revision ${target} does not build here; the previous knowledge keeps serving: ${result.message}`);
    }
    await this.heartbeat().catch(() => undefined);
  }

  private async acknowledge(revision: number, result: RefreshResult, tookMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO knowledge_acks (replica, revision, ok, result, took_ms) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (replica, revision) DO UPDATE SET ok = excluded.ok, result = excluded.result, took_ms = excluded.took_ms, at = now()`,
      [this.replica, revision, result.ok, JSON.stringify(result), tookMs],
    );
  }

  /** Folders of revisions no longer served; the one being served stays. */
  private async removeOldRevisions(keep: string): Promise<void> {
    const names = await readdir(this.revisionsDir).catch(() => [] as string[]);
    for (const name of names) {
      const dir = path.join(this.revisionsDir, name);
      if (dir !== keep && /^\d+$/.test(name)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /**
   * After a change: this replica moves to the revision at once, then waits (a while) for every other live replica
   * to confirm it. One entry per replica; null for one that did not confirm in time.
   */
  async rollOut(revision?: number): Promise<ShardRefresh[]> {
    const target = revision ?? (await currentRevision(this.pool)) ?? 0;
    await this.catchUp(target);
    const deadline = Date.now() + SYNC_TIMINGS.ackWaitMs;
    for (;;) {
      const rows = await this.pool.query(
        `SELECT r.replica, a.result
           FROM replicas r
           LEFT JOIN LATERAL (SELECT result FROM knowledge_acks k WHERE k.replica = r.replica AND k.revision >= $1 ORDER BY k.revision LIMIT 1) a ON true
          WHERE r.seen_at > now() - make_interval(secs => $2)
          ORDER BY r.replica`,
        [target, SYNC_TIMINGS.liveWithinMs / 1000],
      );
      const acks = rows.rows.map((row) => ({
        shard: null,
        replica: row.replica as string,
        result: (row.result as RefreshResult | null) ?? null,
      }));
      if (acks.every((ack) => ack.result !== null) || Date.now() > deadline) return acks;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops listening, and leaves the list of live replicas so that no change waits for this one. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.catchingUp;
    await this.pool.query('DELETE FROM replicas WHERE replica = $1', [this.replica]).catch(() => undefined);
  }
}
