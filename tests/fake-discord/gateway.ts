import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as zlibConstants, createDeflate, deflateSync, type Deflate } from 'node:zlib';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { randomText, shardOf } from './ids.ts';

/** A gateway payload as Discord frames it. */
export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface GatewaySession {
  id: string;
  /** The last sequence number sent on this session. */
  seq: number;
  /** Every dispatch sent on this session, for replay on RESUME. */
  log: GatewayPayload[];
  shard: [number, number];
  intents: number;
  identify: Record<string, unknown>;
}

export interface GatewayConnection {
  id: number;
  ws: WebSocket;
  query: URLSearchParams;
  session: GatewaySession | null;
  /** True once READY+GUILD_CREATE (or RESUMED) went out: dispatches may flow. */
  ready: boolean;
  compression: 'zlib-stream' | 'identify' | null;
  deflate: Deflate | null;
  /** Serialises compressed sends (the zlib stream is shared). */
  chain: Promise<void>;
}

/** Per-connection rewrite of a dispatch: return null to not send it on that connection. */
export type DispatchTransform = (d: unknown, session: GatewaySession) => unknown | null;

export interface GatewayHooks {
  token(): string;
  heartbeatIntervalMs: number;
  /** The READY `d` for a fresh session. */
  ready(session: GatewaySession, resumeUrl: string): unknown;
  /** The GUILD_CREATE `d`s sent right after READY. */
  guildCreates(session: GatewaySession): unknown[];
  /** GUILD_MEMBERS_CHUNK `d`s answering an op 8 request. */
  memberChunks(request: any): unknown[];
  identified(session: GatewaySession): void;
  resumed(session: GatewaySession): void;
  /** A connection turned ready (after identify or resume). */
  becameReady(connection: GatewayConnection): void;
  sent(payload: GatewayPayload): void;
  received(payload: unknown): void;
}

interface PendingDispatch {
  t: string;
  d: unknown;
  /** The guild the dispatch is about (decides the shard), or null: shard 0. */
  guildId: string | null;
  transform: DispatchTransform | undefined;
  resolve: (delivered: number) => void;
}

export const GatewayIntents = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

/**
 * The guild a dispatch belongs to: its `guild_id`, or the `id` of GUILD_CREATE / GUILD_UPDATE / GUILD_DELETE.
 * null for everything else (DMs, USER_UPDATE, …), which Discord sends on shard 0.
 */
export function dispatchGuildId(t: string, d: unknown): string | null {
  if (typeof d !== 'object' || d === null) return null;
  const record = d as Record<string, unknown>;
  if (typeof record.guild_id === 'string') return record.guild_id;
  if ((t === 'GUILD_CREATE' || t === 'GUILD_UPDATE' || t === 'GUILD_DELETE') && typeof record.id === 'string') return record.id;
  return null;
}

/** Whether a session (IDENTIFY `shard: [id, count]`) is the one Discord sends this guild's events to. */
export function sessionOwns(session: GatewaySession, guildId: string | null): boolean {
  const [id, count] = session.shard;
  return (guildId === null ? 0 : shardOf(guildId, count)) === id;
}

const OP = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/**
 * The WebSocket half of the fake: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME with replay,
 * and dispatches routed by shard like Discord (a guild's events only to the connection whose IDENTIFY
 * `shard` owns the guild, everything else to shard 0), queued while no owning connection is ready and
 * delivered once one is (again).
 */
export class GatewayServer {
  readonly url: string;
  readonly sessions = new Map<string, GatewaySession>();
  readonly connections = new Set<GatewayConnection>();
  private readonly pending: PendingDispatch[] = [];
  private nextConnectionId = 1;

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly hooks: GatewayHooks,
  ) {
    const { port } = wss.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}`;
    wss.on('connection', (ws, request) => this.accept(ws, request));
    wss.on('error', () => {});
  }

  static async start(hooks: GatewayHooks): Promise<GatewayServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    return new GatewayServer(wss, hooks);
  }

  get readyConnections(): GatewayConnection[] {
    return [...this.connections].filter((connection) => connection.ready && connection.ws.readyState === WebSocket.OPEN);
  }

  /** The shard ids (IDENTIFY `shard[0]`) that have a ready connection, ascending and without repeats. */
  readyShardIds(shardCount?: number): number[] {
    const ids = new Set<number>();
    for (const connection of this.readyConnections) {
      const shard = connection.session?.shard;
      if (shard && (shardCount === undefined || shard[1] === shardCount)) ids.add(shard[0]);
    }
    return [...ids].sort((a, b) => a - b);
  }

  /** The highest shard count any IDENTIFY asked for so far (0 before the first). */
  get highestShardCount(): number {
    let highest = 0;
    for (const session of this.sessions.values()) highest = Math.max(highest, session.shard[1]);
    return highest;
  }

  /**
   * Sends a dispatch to the ready connection(s) of the shard that owns it (resolving with how many got
   * it), or queues it until such a connection is ready. The transform may rewrite or drop it per
   * connection (intents); a dropped dispatch still counts as handled, not as queued.
   */
  dispatch(t: string, d: unknown, transform?: DispatchTransform): Promise<number> {
    return new Promise((resolve) => {
      this.pending.push({ t, d, guildId: dispatchGuildId(t, d), transform, resolve });
      this.flush();
    });
  }

  /** Sends a non-dispatch opcode (e.g. 7 Reconnect, 9 Invalid Session) to every open connection. */
  sendOpcode(op: number, d: unknown): void {
    for (const connection of this.connections) {
      if (connection.ws.readyState !== WebSocket.OPEN) continue;
      if (op === OP.Reconnect || op === OP.InvalidSession) connection.ready = false;
      void this.send(connection, { op, d, s: null, t: null });
    }
  }

  /** Closes every connection with the given close code; sessions survive so the client can RESUME. */
  closeAll(code: number, reason: string): void {
    for (const connection of this.connections) {
      connection.ready = false;
      if (connection.ws.readyState === WebSocket.OPEN || connection.ws.readyState === WebSocket.CONNECTING) {
        // Close after queued compressed frames are out, so nothing is cut mid-stream.
        void connection.chain.then(() => connection.ws.close(code, reason));
      }
    }
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) {
      connection.ready = false;
      connection.ws.terminate();
      connection.deflate?.destroy();
    }
    this.connections.clear();
    for (const item of this.pending.splice(0)) item.resolve(0);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private targets(item: PendingDispatch): GatewayConnection[] {
    return this.readyConnections.filter((connection) => connection.session !== null && sessionOwns(connection.session, item.guildId));
  }

  private async deliver(item: PendingDispatch, targets: GatewayConnection[]): Promise<void> {
    const sends: Array<Promise<void>> = [];
    for (const connection of targets) {
      const session = connection.session;
      if (!session) continue;
      const d = item.transform ? item.transform(item.d, session) : item.d;
      if (d === null || d === undefined) continue;
      sends.push(this.sendDispatch(connection, item.t, d));
    }
    await Promise.all(sends);
    item.resolve(sends.length);
  }

  /** Delivers, in order, every queued dispatch whose shard has a ready connection; the rest keep waiting. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const waiting: PendingDispatch[] = [];
    for (const item of this.pending.splice(0)) {
      const targets = this.targets(item);
      if (targets.length > 0) void this.deliver(item, targets);
      else waiting.push(item);
    }
    this.pending.push(...waiting);
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    const connection: GatewayConnection = {
      id: this.nextConnectionId++,
      ws,
      query,
      session: null,
      ready: false,
      compression: query.get('compress') === 'zlib-stream' ? 'zlib-stream' : null,
      deflate: null,
      chain: Promise.resolve(),
    };
    if (connection.compression === 'zlib-stream') connection.deflate = createDeflate({ chunkSize: 65535 });
    this.connections.add(connection);
    ws.on('error', () => {});
    ws.on('close', () => {
      connection.ready = false;
      connection.deflate?.destroy();
      this.connections.delete(connection);
    });
    ws.on('message', (data) => {
      void this.onMessage(connection, data).catch(() => ws.close(4000, 'Unknown error'));
    });
    void this.send(connection, {
      op: OP.Hello,
      d: { heartbeat_interval: this.hooks.heartbeatIntervalMs, _trace: ['fake-discord'] },
      s: null,
      t: null,
    });
  }

  private async onMessage(connection: GatewayConnection, data: RawData): Promise<void> {
    let payload: any;
    try {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      payload = JSON.parse(text);
    } catch {
      connection.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    this.hooks.received(payload);
    const op = payload?.op;
    if (op === OP.Heartbeat) {
      await this.send(connection, { op: OP.HeartbeatAck, d: null, s: null, t: null });
      return;
    }
    if (op === OP.Identify) return this.identify(connection, payload.d ?? {});
    if (op === OP.Resume) return this.resume(connection, payload.d ?? {});
    if (!connection.session) {
      connection.ws.close(4003, 'Not authenticated.');
      return;
    }
    switch (op) {
      case OP.PresenceUpdate:
      case OP.VoiceStateUpdate:
        return;
      case OP.RequestGuildMembers:
        for (const chunk of this.hooks.memberChunks(payload.d ?? {})) await this.sendDispatch(connection, 'GUILD_MEMBERS_CHUNK', chunk);
        return;
      default:
        connection.ws.close(4001, 'Unknown opcode.');
    }
  }

  /** Closes the connection as Discord does when it is already authenticated or the token is wrong. */
  private refuseAuthentication(connection: GatewayConnection, d: any): boolean {
    if (connection.session) {
      connection.ws.close(4005, 'Already authenticated.');
      return true;
    }
    if (d.token !== this.hooks.token()) {
      connection.ws.close(4004, 'Authentication failed.');
      return true;
    }
    return false;
  }

  private async identify(connection: GatewayConnection, d: any): Promise<void> {
    if (this.refuseAuthentication(connection, d)) return;
    if (typeof d.intents !== 'number') {
      connection.ws.close(4013, 'Invalid intent(s).');
      return;
    }
    const shard: [number, number] = Array.isArray(d.shard) && d.shard.length === 2 ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      connection.ws.close(4010, 'Invalid shard.');
      return;
    }
    if (d.compress === true && connection.compression === null) connection.compression = 'identify';
    const session: GatewaySession = { id: randomText(16), seq: 0, log: [], shard, intents: d.intents, identify: d };
    this.sessions.set(session.id, session);
    connection.session = session;
    this.hooks.identified(session);
    await this.sendDispatch(connection, 'READY', this.hooks.ready(session, this.url));
    for (const guild of this.hooks.guildCreates(session)) await this.sendDispatch(connection, 'GUILD_CREATE', guild);
    this.markReady(connection);
  }

  private async resume(connection: GatewayConnection, d: any): Promise<void> {
    if (this.refuseAuthentication(connection, d)) return;
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session) {
      await this.send(connection, { op: OP.InvalidSession, d: false, s: null, t: null });
      return;
    }
    // One live connection per session: a resumed session detaches from any older socket.
    for (const other of this.connections) {
      if (other !== connection && other.session === session) {
        other.ready = false;
        other.ws.close(4009, 'Session superseded.');
      }
    }
    connection.session = session;
    this.hooks.resumed(session);
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    for (const missed of session.log.filter((payload) => (payload.s ?? 0) > seq)) await this.send(connection, missed);
    await this.sendDispatch(connection, 'RESUMED', { _trace: ['fake-discord'] });
    this.markReady(connection);
  }

  private markReady(connection: GatewayConnection): void {
    connection.ready = true;
    this.flush();
    this.hooks.becameReady(connection);
  }

  private sendDispatch(connection: GatewayConnection, t: string, d: unknown): Promise<void> {
    const session = connection.session!;
    session.seq += 1;
    const payload: GatewayPayload = { op: OP.Dispatch, d, s: session.seq, t };
    session.log.push(payload);
    return this.send(connection, payload);
  }

  private send(connection: GatewayConnection, payload: GatewayPayload): Promise<void> {
    this.hooks.sent(payload);
    const json = JSON.stringify(payload);
    const { ws } = connection;
    const write = (data: string | Buffer) =>
      new Promise<void>((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve();
        ws.send(data, { binary: typeof data !== 'string' }, () => resolve());
      });
    if (connection.compression === 'zlib-stream' && connection.deflate) {
      const deflate = connection.deflate;
      const next = connection.chain.then(
        () =>
          new Promise<void>((resolve) => {
            deflate.write(json);
            deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
              const chunks: Buffer[] = [];
              let chunk: Buffer | null;
              while ((chunk = deflate.read() as Buffer | null) !== null) chunks.push(chunk);
              void write(Buffer.concat(chunks)).then(resolve);
            });
          }),
      );
      connection.chain = next;
      return next;
    }
    // "identify" compression: every payload after IDENTIFY {compress:true} is its own zlib blob.
    if (connection.compression === 'identify') return write(deflateSync(json));
    return write(json);
  }
}
