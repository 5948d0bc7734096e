/**
 * A local fake of Discord — REST over HTTP and the gateway over WebSocket, both on 127.0.0.1 —
 * that the real discord.js Client logs in to with `new Client({ intents, rest: { api: fake.apiBase } })`.
 *
 * Tests drive it: send slash commands, buttons, modal submits and channel messages, then await what the
 * bot answered over REST. It behaves like Discord where bots usually go wrong: the 3 s deadline to
 * acknowledge an interaction, "already acknowledged", message and embed size limits, empty messages,
 * Message Content intent, duplicate component ids, invalid command definitions, and it can inject
 * 429 / 5xx / 404 answers and drop the gateway connection.
 *
 * Sharding works like Discord's: `shards` is the count GET /gateway/bot recommends, and each gateway
 * connection gets only what its IDENTIFY `shard: [id, count]` owns — the guild (READY, GUILD_CREATE) and its
 * events if `(guild_id >> 22) % count === id`, plus every event without a guild_id if `id === 0`.
 * `fake.guildShard(count)` tells a test which shard that is.
 *
 * ```ts
 * const fake = await FakeDiscord.start();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
 * const ready = once(client, Events.ClientReady);
 * await client.login(fake.token);
 * await ready;                       // fake.waitForReady() only knows READY + GUILD_CREATE were *sent*
 * const reply = await fake.sendCommand('ask', [{ name: 'question', type: 3, value: 'Who?' }]).finalMessage();
 * await client.destroy();
 * await fake.stop();
 * ```
 */
import type { KeyObject } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_MEMBER_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  memberObject,
  normaliseEmbeds,
  partialMemberObject,
  roleObject,
  textChannelObject,
  userObject,
  type FakeMember,
  type FakeUser,
} from './fixtures.ts';
import { GatewayIntents, GatewayServer, sessionOwns, type DispatchTransform, type GatewayHooks, type GatewaySession } from './gateway.ts';
import { botToken, interactionToken, shardOf, snowflake } from './ids.ts';
import { postInteraction, type HttpDelivery } from './http-interactions.ts';
import { parseMultipart, type UploadedFile } from './multipart.ts';
import {
  autocompleteProblems,
  emptyMessage,
  invalidFormBody,
  isEmptyMessage,
  messageProblems,
  modalProblems,
  type DiscordError,
  type FieldProblem,
} from './validate.ts';

export { DEFAULT_MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS } from './fixtures.ts';
export type { UploadedFile } from './multipart.ts';

export interface RecordedRequest {
  method: string;
  /** The decoded path, e.g. `/api/v10/webhooks/1/tok/messages/@original` (Discord's `%40original` decoded). */
  path: string;
  /** The raw query string without `?`, e.g. `with_response=false`. */
  query: string;
  /** Parsed JSON; for multipart requests the parsed `payload_json` plus `files: UploadedFile[]`; null when empty. */
  body: any;
  headers: Record<string, string | string[] | undefined>;
  at: number;
  /** The HTTP status the fake answered with (set once answered). */
  status?: number;
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (default: a random realistic one). */
  token?: string;
  /**
   * Discord rejects an interaction callback that comes more than 3 s after the interaction was
   * created (404, code 10062 "Unknown interaction"). The fake does the same; 0 disables the check.
   */
  interactionDeadlineMs?: number;
  /** HELLO heartbeat interval (default 41 250 ms, like Discord). */
  heartbeatIntervalMs?: number;
  /**
   * Like Discord, send MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE over the gateway for the
   * bot's own messages and non-ephemeral interaction responses (default true).
   */
  echoBotMessages?: boolean;
  /**
   * The shard count GET /gateway/bot recommends (`shards`, default 1), and the number of shards
   * `waitForReady()` waits for at least. Routing always follows each connection's IDENTIFY `shard`.
   */
  shards?: number;
}

export interface ActAs {
  /** The user who acts (default: the fake's ordinary member `tester`). Unknown ids become new members. */
  userId?: string;
  /** Role ids of the member for this interaction (e.g. `[fake.moderatorRoleId]`); default: the member's stored roles. */
  roles?: string[];
  /** `member.permissions` (a bitfield); default: what @everyone plus the member's roles grant. */
  permissions?: bigint | string;
  channelId?: string;
}

export interface CommandOption {
  name: string;
  type: number;
  value?: unknown;
  options?: unknown[];
  focused?: boolean;
}

export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface InteractionEvent {
  method: string;
  body: any;
  /** `@original` or the follow-up message id. */
  messageId: string;
  path: string;
  at: number;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** The INTERACTION_CREATE `d` sent to the client. */
  readonly payload: any;
  /** Resolves with the first callback (POST …/callback) body: { type, data }. */
  callback(timeoutMs?: number): Promise<{ type: number; data?: any }>;
  /** Resolves with the next (not yet consumed) edit / follow-up / delete for this interaction token. */
  nextMessage(timeoutMs?: number): Promise<InteractionEvent>;
  /**
   * The final visible message body: the callback data for type 4/7, or the latest PATCH @original after a
   * deferral (5/6). Waits until no further @original edit arrived for `settleMs`.
   */
  finalMessage(timeoutMs?: number, settleMs?: number): Promise<any>;
  /** The fake's current full message object behind @original (merged edits), or null. */
  originalMessage(): any;
  /** Resolves once the INTERACTION_CREATE was written to a client socket. */
  delivered(timeoutMs?: number): Promise<void>;
}

type Message = Record<string, any>;

interface RegisteredCommand {
  scope: string;
  body: Record<string, any>;
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  payload: any;
  channelId: string;
  deliveredAt: number | null;
  callback: { type: number; data?: any } | null;
  /** The message `@original` refers to: the response for 4/5, the component's message for 6/7. */
  original: Message | null;
  followups: Map<string, Message>;
  events: InteractionEvent[];
  /** Delivered over HTTP: the exchange in flight (webhook calls wait for it, as Discord's do) and how it ended. */
  httpExchange?: Promise<void>;
  http?: { endpoint: string; status: number; body: unknown; problem?: unknown };
}

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

interface Response {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: string[];
  auth: boolean;
  handle(params: Record<string, string>, request: RecordedRequest, files: UploadedFile[], url: URL): Response;
}

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const DEFAULT_TIMEOUT_MS = 5_000;

const ok = (body: unknown): Response => ({ status: 200, body });
const noContent = (): Response => ({ status: 204 });
const error = (status: number, code: number, message: string): Response => ({ status, body: { message, code } });
const fromDiscordError = (problem: DiscordError): Response => ({ status: problem.status, body: problem.body });

export class FakeDiscord {
  readonly apiBase: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly botUser: { id: string; username: string };
  /** The ordinary human member interactions and messages come from by default. */
  readonly testerUser: { id: string; username: string };
  readonly ownerId: string;
  readonly moderatorRoleId: string;
  /** Every REST request, in order (recorded on arrival; `status` is filled in when answered). */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload sent to clients (uncompressed form). */
  readonly gatewayPayloadsSent: unknown[] = [];
  /** Every gateway payload received from clients (IDENTIFY carries the token). */
  readonly gatewayPayloadsReceived: unknown[] = [];
  identifies = 0;
  resumes = 0;

  private readonly options: Required<Omit<FakeDiscordOptions, 'token'>>;
  private readonly server: http.Server;
  private gateway!: GatewayServer;
  private readonly users = new Map<string, FakeUser>();
  private readonly members = new Map<string, FakeMember>();
  private readonly roles: Array<{ id: string; name: string; position: number; permissions: bigint }>;
  private readonly channels = new Map<string, Record<string, any>>();
  private readonly dmChannels = new Map<string, string>();
  private readonly messages = new Map<string, Map<string, Message>>();
  private readonly interactionsById = new Map<string, InteractionState>();
  private httpDelivery: HttpDelivery | null = null;
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly commands = new Map<string, RegisteredCommand>();
  private readonly unregisteredCommandIds = new Map<string, string>();
  private readonly injections: Array<{ match: (request: RecordedRequest) => boolean; responses: InjectedResponse[] }> = [];
  private readonly waiters = new Set<Waiter>();
  private readonly routes: Route[];
  private readonly guildJoinedAt: string;
  private stopped = false;

  private constructor(server: http.Server, options: FakeDiscordOptions) {
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.apiBase = `http://127.0.0.1:${port}/api`;
    this.options = {
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      echoBotMessages: options.echoBotMessages ?? true,
      shards: options.shards ?? 1,
    };
    this.guildJoinedAt = new Date(Date.now() - 86_400_000).toISOString();
    // Like Discord, the application id is the bot user's id.
    this.applicationId = snowflake(Date.now() - 90 * 86_400_000);
    this.botUser = { id: this.applicationId, username: 'Dossier' };
    this.token = options.token ?? botToken(this.applicationId);
    this.guildId = snowflake(Date.now() - 80 * 86_400_000);
    this.channelId = snowflake(Date.now() - 79 * 86_400_000);
    this.otherChannelId = snowflake(Date.now() - 78 * 86_400_000);
    this.moderatorRoleId = snowflake(Date.now() - 77 * 86_400_000);
    this.ownerId = snowflake(Date.now() - 400 * 86_400_000);
    const testerId = snowflake(Date.now() - 300 * 86_400_000);
    this.testerUser = { id: testerId, username: 'tester' };
    this.roles = [
      { id: this.guildId, name: '@everyone', position: 0, permissions: DEFAULT_MEMBER_PERMISSIONS },
      { id: this.moderatorRoleId, name: 'Moderator', position: 1, permissions: MODERATOR_PERMISSIONS },
    ];
    this.channels.set(this.channelId, textChannelObject(this.channelId, this.guildId, 'general', 0));
    this.channels.set(this.otherChannelId, textChannelObject(this.otherChannelId, this.guildId, 'news-desk', 1));
    this.addMember({ id: this.applicationId, username: 'Dossier', bot: true });
    this.addMember({ id: this.ownerId, username: 'owner' });
    this.addMember({ id: testerId, username: 'tester' });
    this.gatewayUrl = '';
    this.routes = this.buildRoutes();
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    if (options.shards !== undefined && !(Number.isInteger(options.shards) && options.shards >= 1)) {
      throw new RangeError(`FakeDiscord: shards must be a positive integer, got ${options.shards}`);
    }
    // eslint-disable-next-line prefer-const -- assigned once the server listens; until then the request handler finds it unset
    let fake: FakeDiscord | undefined;
    const server = http.createServer((request, response) => {
      if (!fake) {
        response.writeHead(503).end();
        return;
      }
      void fake.onRequest(request, response);
    });
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake = new FakeDiscord(server, options);
    const created = fake;
    try {
      created.gateway = await GatewayServer.start(created.gatewayHooks());
    } catch (caught) {
      server.close();
      throw caught;
    }
    (created as { gatewayUrl: string }).gatewayUrl = created.gateway.url;
    return created;
  }

  private gatewayHooks(): GatewayHooks {
    return {
      token: () => this.token,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      ready: (session, url) => this.readyPayload(session, url),
      guildCreates: (session) => (sessionOwns(session, this.guildId) ? [this.guildCreatePayload()] : []),
      memberChunks: (request) => this.memberChunks(request),
      identified: () => {
        this.identifies += 1;
      },
      resumed: () => {
        this.resumes += 1;
      },
      becameReady: () => this.notify(),
      sent: (payload) => {
        this.gatewayPayloadsSent.push(payload);
      },
      received: (payload) => {
        this.gatewayPayloadsReceived.push(payload);
      },
    };
  }

  // ───────────────────────────── test-facing API ─────────────────────────────

  /**
   * Resolves when every shard is identified (or resumed) and its READY (+ GUILD_CREATE) went out; at once if
   * they are. "Every shard" means ids 0 … N-1 of N = the highest shard count any IDENTIFY asked for, or the
   * `shards` option if larger — with one client at shard [0, 1]: as soon as that client is ready.
   */
  waitForReady(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const allReady = () => {
      const count = this.expectedShardCount();
      return this.gateway.readyShardIds(count).length === count ? true : undefined;
    };
    return this.waitUntil(allReady, timeoutMs, 'every shard to identify').then(
      () => {},
      (caught: Error) => {
        const count = this.expectedShardCount();
        caught.message = caught.message.replace(
          'every shard to identify',
          `every shard to identify (expected ${count}, ready: [${this.gateway.readyShardIds(count).join(', ')}])`,
        );
        throw caught;
      },
    );
  }

  /** The shard ids (IDENTIFY `shard[0]`) that have a ready gateway connection right now, ascending. */
  readyShards(): number[] {
    return this.gateway.readyShardIds();
  }

  /** The shard that receives the fake guild and its events when the bot runs `shardCount` shards. */
  guildShard(shardCount: number): number {
    return shardOf(this.guildId, shardCount);
  }

  /** How many gateway clients are connected and past READY/RESUMED right now. */
  get readyClients(): number {
    return this.gateway.readyConnections.length;
  }

  sendCommand(name: string, options?: CommandOption[], as: ActAs = {}): InteractionHandle {
    return this.sendInteraction(2, this.commandData(name, options), as);
  }

  sendAutocomplete(name: string, options: CommandOption[], as: ActAs = {}): InteractionHandle {
    return this.sendInteraction(4, this.commandData(name, options), as);
  }

  sendButton(
    customId: string,
    message: { id: string; content?: string; embeds?: unknown[]; components?: unknown[] },
    as: ActAs = {},
  ): InteractionHandle {
    const source = this.componentMessage(message, as.channelId ?? this.channelId);
    return this.sendInteraction(3, { custom_id: customId, component_type: 2 }, as, { message: source }, source);
  }

  /** A string select menu choice (component_type 3). */
  sendSelect(
    customId: string,
    values: string[],
    message: { id: string; content?: string; embeds?: unknown[]; components?: unknown[] },
    as: ActAs = {},
  ): InteractionHandle {
    const source = this.componentMessage(message, as.channelId ?? this.channelId);
    return this.sendInteraction(3, { custom_id: customId, component_type: 3, values }, as, { message: source }, source);
  }

  sendModalSubmit(customId: string, fields: Record<string, string>, as: ActAs = {}): InteractionHandle {
    let id = 1;
    const components = Object.entries(fields).map(([fieldId, value]) => ({
      type: 1,
      id: id++,
      components: [{ type: 4, id: id++, custom_id: fieldId, value }],
    }));
    return this.sendInteraction(5, { custom_id: customId, components }, as);
  }

  /**
   * A member posts in a channel (MESSAGE_CREATE). Resolves with the message id once the event was written
   * to the client of the guild's shard — or dropped because the client lacks the GuildMessages intent. Without the
   * MessageContent intent the client gets empty content unless the bot is mentioned, as on Discord.
   */
  async sendMessage(
    content: string,
    opts: { channelId?: string; authorId?: string; mentionBot?: boolean; replyTo?: string } = {},
  ): Promise<string> {
    const channelId = opts.channelId ?? this.channelId;
    const author = this.ensureMember(opts.authorId ?? this.testerUser.id);
    let text = content;
    if (opts.mentionBot && !new RegExp(`<@!?${this.botUser.id}>`).test(text)) text = `<@${this.botUser.id}> ${text}`;
    const message = this.buildMessage(channelId, author.user, { content: text }, [], { allowAllMentions: true });
    if (opts.replyTo) this.attachReference(message, channelId, opts.replyTo);
    this.storeMessage(message);
    await this.dispatchMessage('MESSAGE_CREATE', message);
    return message.id as string;
  }

  /**
   * Sends any dispatch event to the client of the shard that owns it — the shard of its `guild_id` (or of `id`
   * for GUILD_CREATE / GUILD_UPDATE / GUILD_DELETE), shard 0 when there is none — queued until that shard
   * is ready. Resolves with the number of connections it was written to.
   */
  dispatch(t: string, d: unknown): Promise<number> {
    return this.gateway.dispatch(t, d);
  }

  /** Resolves with the first recorded request (from index `fromIndex` on) matching the predicate, once answered. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    fromIndex = 0,
  ): Promise<RecordedRequest> {
    return this.waitUntil(
      () => this.requests.slice(fromIndex).find((request) => request.status !== undefined && predicate(request)),
      timeoutMs,
      `a request matching ${predicate.toString().slice(0, 200)}`,
    );
  }

  /**
   * The next requests matching `match` get these answers instead of being handled (one each, in order).
   * 429 without headers gets `retry-after: 0.1` and `{ message, retry_after, global: false }`.
   */
  failNextRequests(match: (request: RecordedRequest) => boolean, responses: InjectedResponse[]): void {
    this.injections.push({ match, responses: [...responses] });
  }

  /**
   * Drops every gateway connection with a close code. 4000 (default) makes discord.js RESUME within ~0.5 s;
   * 1000 makes it re-IDENTIFY (which discord.js throttles to one per 5 s). Events sent meanwhile are queued.
   */
  closeGateway(code = 4000): void {
    this.gateway.closeAll(code, 'fake-discord closed the connection');
  }

  /** Sends op 7 RECONNECT: discord.js closes and resumes. */
  requestReconnect(): void {
    this.gateway.sendOpcode(7, null);
  }

  /** Sends op 9 INVALID_SESSION: `resumable` false makes discord.js re-identify. */
  invalidateSession(resumable = false): void {
    this.gateway.sendOpcode(9, resumable);
  }

  /** Adds (or updates) a guild member; returns its user id. */
  addMember(spec: { id?: string; username?: string; roles?: string[]; bot?: boolean } = {}): string {
    const id = spec.id ?? snowflake();
    const existing = this.members.get(id);
    if (existing) {
      if (spec.roles) existing.roles = [...spec.roles];
      return id;
    }
    const user = userObject(id, spec.username ?? `user${id.slice(-4)}`, { bot: spec.bot });
    this.users.set(id, user);
    this.members.set(id, { user, roles: [...(spec.roles ?? [])], joined_at: this.guildJoinedAt });
    return id;
  }

  /** The messages the fake holds for a channel (user posts, bot posts, interaction responses), oldest first. */
  messagesIn(channelId: string = this.channelId): Message[] {
    return [...(this.messages.get(channelId)?.values() ?? [])];
  }

  /** Commands registered through PUT/POST, global or for a guild. */
  registeredCommands(guildId?: string): Array<Record<string, any>> {
    const scope = guildId ?? 'global';
    return [...this.commands.values()].filter((command) => command.scope === scope).map((command) => command.body);
  }

  /** The full interaction payloads sent so far, keyed by id (to inspect what the bot received). */
  interaction(id: string): any {
    return this.interactionsById.get(id)?.payload;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const waiter of [...this.waiters]) waiter.fail(new Error('FakeDiscord stopped'));
    await this.gateway.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ───────────────────────────── waiting ─────────────────────────────

  private expectedShardCount(): number {
    return Math.max(this.options.shards, this.gateway.highestShardCount);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  private waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    if (this.stopped) return Promise.reject(new Error('FakeDiscord stopped'));
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          const value = check();
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        fail: (reason) => {
          finish();
          reject(reason);
        },
      };
      const timer = setTimeout(() => {
        waiter.fail(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}.\n${this.describeRecentRequests()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private describeRecentRequests(): string {
    const recent = this.requests.slice(-12);
    if (recent.length === 0) return 'No REST requests were made.';
    return `Last REST requests:\n${recent.map((request) => `  ${request.method} ${request.path}${request.query ? `?${request.query}` : ''} → ${request.status ?? '…'}`).join('\n')}`;
  }

  // ───────────────────────────── world state ─────────────────────────────

  private ensureMember(userId: string): FakeMember {
    this.addMember({ id: userId });
    return this.members.get(userId)!;
  }

  private permissionsOf(member: FakeMember): bigint {
    if (member.user.id === this.ownerId) return (1n << 53n) - 1n;
    let bits = this.roles[0]!.permissions;
    for (const role of this.roles) if (member.roles.includes(role.id)) bits |= role.permissions;
    if (bits & (1n << 3n)) return (1n << 53n) - 1n;
    return bits;
  }

  private guildRoles(): Array<Record<string, unknown>> {
    return this.roles.map((role) => roleObject(role.id, role.name, role.position, role.permissions));
  }

  private guildChannels(): Array<Record<string, any>> {
    return [...this.channels.values()].filter((channel) => channel.guild_id === this.guildId);
  }

  private guildObject(): Record<string, unknown> {
    return {
      id: this.guildId,
      name: 'Dossier Test Newsroom',
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.ownerId,
      application_id: null,
      region: 'deprecated',
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      system_channel_id: this.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: 'en-US',
      max_members: 500_000,
      max_presences: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      features: [],
      roles: this.guildRoles(),
      emojis: [],
      stickers: [],
      incidents_data: null,
      hub_type: null,
      latest_onboarding_question_id: null,
    };
  }

  private readyPayload(session: GatewaySession, resumeUrl: string): unknown {
    return {
      v: 10,
      user: userObject(this.botUser.id, this.botUser.username, { bot: true }),
      user_settings: {},
      guilds: sessionOwns(session, this.guildId) ? [{ id: this.guildId, unavailable: true }] : [],
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['rotterdam'],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: resumeUrl,
      application: { id: this.applicationId, flags: 0 },
      shard: session.shard,
      auth: {},
      _trace: ['fake-discord'],
    };
  }

  private guildCreatePayload(): unknown {
    const bot = this.members.get(this.botUser.id)!;
    return {
      ...this.guildObject(),
      joined_at: this.guildJoinedAt,
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: [memberObject(bot)],
      channels: this.guildChannels().map(({ guild_id: _guildId, ...channel }) => channel),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      activity_instances: [],
      lazy: true,
    };
  }

  private memberChunks(request: any): unknown[] {
    let members = [...this.members.values()];
    if (Array.isArray(request.user_ids)) members = members.filter((member) => request.user_ids.includes(member.user.id));
    else if (typeof request.user_ids === 'string') members = members.filter((member) => member.user.id === request.user_ids);
    else if (typeof request.query === 'string' && request.query !== '') {
      members = members.filter((member) => member.user.username.toLowerCase().startsWith(String(request.query).toLowerCase()));
    }
    if (typeof request.limit === 'number' && request.limit > 0) members = members.slice(0, request.limit);
    return [
      {
        guild_id: this.guildId,
        members: members.map(memberObject),
        chunk_index: 0,
        chunk_count: 1,
        not_found: [],
        ...(request.presences ? { presences: [] } : {}),
        ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      },
    ];
  }

  // ───────────────────────────── messages ─────────────────────────────

  private buildMessage(
    channelId: string,
    author: FakeUser,
    body: any,
    files: UploadedFile[],
    options: { type?: number; allowAllMentions?: boolean; extra?: Record<string, unknown> } = {},
  ): Message {
    const id = snowflake();
    const channel = this.channels.get(channelId);
    const content = typeof body?.content === 'string' ? body.content : '';
    const message: Message = {
      id,
      channel_id: channelId,
      ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: Boolean(body?.tts),
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      mention_channels: [],
      attachments: this.attachmentsFor(body, files, []),
      embeds: normaliseEmbeds(body?.embeds),
      components: Array.isArray(body?.components) ? body.components : [],
      pinned: false,
      type: options.type ?? 0,
      flags: Number(body?.flags ?? 0),
      ...(body?.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(body?.poll ? { poll: body.poll } : {}),
      ...options.extra,
    };
    this.computeMentions(message, options.allowAllMentions ? undefined : body?.allowed_mentions, Boolean(options.allowAllMentions));
    return message;
  }

  /** Fills mentions / mention_roles / mention_everyone from the content, honouring allowed_mentions like Discord. */
  private computeMentions(message: Message, allowed: any, everything: boolean): void {
    const content: string = message.content ?? '';
    const parse: string[] | undefined = everything ? ['users', 'roles', 'everyone'] : allowed?.parse;
    const allowUser = (id: string) =>
      !allowed || everything || parse?.includes('users') || (Array.isArray(allowed.users) && allowed.users.includes(id));
    const allowRole = (id: string) =>
      !allowed || everything || parse?.includes('roles') || (Array.isArray(allowed.roles) && allowed.roles.includes(id));
    const userIds = new Set([...content.matchAll(/<@!?(\d{15,21})>/g)].map((match) => match[1]!));
    message.mentions = [...userIds]
      .filter((id) => this.users.has(id) && allowUser(id))
      .map((id) => {
        const member = this.members.get(id);
        return { ...this.users.get(id)!, ...(member && message.guild_id ? { member: partialMemberObject(member) } : {}) };
      });
    const roleIds = new Set([...content.matchAll(/<@&(\d{15,21})>/g)].map((match) => match[1]!));
    message.mention_roles = [...roleIds].filter((id) => this.roles.some((role) => role.id === id) && allowRole(id));
    message.mention_everyone = /@(everyone|here)\b/.test(content) && (!allowed || everything || Boolean(parse?.includes('everyone')));
  }

  private attachmentsFor(body: any, files: UploadedFile[], existing: Message[]): Message[] {
    const described: any[] = Array.isArray(body?.attachments) ? body.attachments : [];
    const kept = existing.filter((attachment) => described.some((entry) => String(entry?.id) === attachment.id));
    const uploaded = files.map((file, index) => {
      const fieldIndex = /\[(\d+)\]/.exec(file.field)?.[1] ?? String(index);
      const description = described.find((entry) => String(entry?.id) === fieldIndex);
      const id = snowflake();
      return {
        id,
        filename: description?.filename ?? file.filename,
        ...(description?.description ? { description: description.description } : {}),
        size: file.size,
        url: `https://cdn.discordapp.com/attachments/fake/${id}/${encodeURIComponent(file.filename)}`,
        proxy_url: `https://media.discordapp.net/attachments/fake/${id}/${encodeURIComponent(file.filename)}`,
        ...(file.contentType ? { content_type: file.contentType } : {}),
      };
    });
    return [...kept, ...uploaded];
  }

  private applyEdit(message: Message, body: any, files: UploadedFile[]): void {
    if (body && 'content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if (body && 'embeds' in body) message.embeds = normaliseEmbeds(body.embeds);
    if (body && 'components' in body) message.components = Array.isArray(body.components) ? body.components : [];
    if (body && 'attachments' in body) message.attachments = this.attachmentsFor(body, files, message.attachments);
    else if (files.length > 0) message.attachments = [...message.attachments, ...this.attachmentsFor({}, files, [])];
    if (body && body.flags != null) message.flags = (message.flags & EPHEMERAL) | (Number(body.flags) & ~EPHEMERAL & ~LOADING);
    message.flags &= ~LOADING;
    if (body && 'poll' in body) message.poll = body.poll;
    message.edited_timestamp = new Date().toISOString();
    if (body && 'content' in body) this.computeMentions(message, body.allowed_mentions, false);
  }

  private storeMessage(message: Message): void {
    if (message.flags & EPHEMERAL) return;
    const channelId = message.channel_id as string;
    let store = this.messages.get(channelId);
    if (!store) this.messages.set(channelId, (store = new Map()));
    store.set(message.id as string, message);
    const channel = this.channels.get(channelId);
    if (channel) channel.last_message_id = message.id;
  }

  private findMessage(channelId: string, messageId: string): Message | undefined {
    return this.messages.get(channelId)?.get(messageId);
  }

  private attachReference(message: Message, channelId: string, referencedId: string): boolean {
    const referenced = this.findMessage(channelId, referencedId);
    if (!referenced) return false;
    message.type = 19;
    message.message_reference = {
      type: 0,
      message_id: referenced.id,
      channel_id: channelId,
      ...(message.guild_id ? { guild_id: message.guild_id } : {}),
    };
    message.referenced_message = { ...referenced };
    return true;
  }

  /** What a client with the given intents receives for a message event, or null if nothing. */
  private messageTransform(): DispatchTransform {
    return (d, session) => {
      const message = d as Message;
      const intent = message.guild_id ? GatewayIntents.GuildMessages : GatewayIntents.DirectMessages;
      if (!(session.intents & intent)) return null;
      const exempt =
        session.intents & GatewayIntents.MessageContent ||
        !message.guild_id ||
        message.author?.id === this.botUser.id ||
        (Array.isArray(message.mentions) && message.mentions.some((user: any) => user.id === this.botUser.id));
      if (exempt || !('content' in message)) return message;
      return { ...message, content: '', embeds: [], attachments: [], components: [], ...(message.poll ? { poll: undefined } : {}) };
    };
  }

  private dispatchMessage(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: Message): Promise<number> {
    const author = this.members.get(message.author?.id);
    const d = { ...message, ...(message.guild_id && author && !message.webhook_id ? { member: partialMemberObject(author) } : {}) };
    return this.gateway.dispatch(t, d, this.messageTransform());
  }

  private echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE', message: Message): void {
    if (!this.options.echoBotMessages || message.flags & EPHEMERAL) return;
    if (t === 'MESSAGE_DELETE') {
      const d = { id: message.id, channel_id: message.channel_id, ...(message.guild_id ? { guild_id: message.guild_id } : {}) };
      void this.gateway.dispatch(t, d, (payload, session) =>
        session.intents & (message.guild_id ? GatewayIntents.GuildMessages : GatewayIntents.DirectMessages) ? payload : null,
      );
      return;
    }
    void this.dispatchMessage(t, message);
  }

  private componentMessage(
    partial: { id: string; content?: string; embeds?: unknown[]; components?: unknown[] },
    channelId: string,
  ): Message {
    let message = this.findMessage(channelId, partial.id);
    if (!message) {
      for (const state of this.interactionsById.values()) {
        if (state.original?.id === partial.id) message = state.original;
        const followup = state.followups.get(partial.id);
        if (followup) message = followup;
      }
    }
    if (!message) {
      message = this.buildMessage(channelId, this.users.get(this.botUser.id)!, {}, []);
      message.id = partial.id;
      this.storeMessage(message);
    }
    if (partial.content !== undefined) message.content = partial.content;
    if (partial.embeds !== undefined) message.embeds = normaliseEmbeds(partial.embeds);
    if (partial.components !== undefined) message.components = partial.components;
    return message;
  }

  // ───────────────────────────── interactions ─────────────────────────────

  private commandData(name: string, options?: CommandOption[]): Record<string, unknown> {
    const registered =
      [...this.commands.values()].find(
        (command) => command.scope === this.guildId && command.body.name === name && (command.body.type ?? 1) === 1,
      ) ??
      [...this.commands.values()].find(
        (command) => command.scope === 'global' && command.body.name === name && (command.body.type ?? 1) === 1,
      );
    let id = registered?.body.id as string | undefined;
    if (!id) {
      id = this.unregisteredCommandIds.get(name) ?? snowflake();
      this.unregisteredCommandIds.set(name, id);
    }
    const resolved = this.resolveOptions(options ?? []);
    return {
      id,
      name,
      type: 1,
      ...(options && options.length > 0 ? { options } : {}),
      ...(resolved ? { resolved } : {}),
      ...(registered?.scope === this.guildId ? { guild_id: this.guildId } : {}),
    };
  }

  /** Builds `resolved` for user / channel / role / mentionable options, like Discord does. */
  private resolveOptions(options: CommandOption[]): Record<string, Record<string, unknown>> | undefined {
    const resolved: Record<string, Record<string, unknown>> = {};
    const add = (kind: string, id: string, value: unknown) => ((resolved[kind] ??= {})[id] = value);
    const visit = (list: unknown[]) => {
      for (const raw of list) {
        const option = raw as CommandOption;
        if (Array.isArray(option.options)) visit(option.options);
        if (typeof option.value !== 'string') continue;
        const id = option.value;
        if (option.type === 6 || option.type === 9) {
          const member = this.members.get(id);
          if (member) {
            add('users', id, member.user);
            add('members', id, { ...partialMemberObject(member), permissions: this.permissionsOf(member).toString() });
          }
        }
        if (option.type === 8 || option.type === 9) {
          const role = this.roles.find((candidate) => candidate.id === id);
          if (role) add('roles', id, roleObject(role.id, role.name, role.position, role.permissions));
        }
        if (option.type === 11) {
          const attachment = this.attachments.get(id);
          if (attachment) add('attachments', id, attachment);
        }
        if (option.type === 7) {
          const channel = this.channels.get(id);
          if (channel)
            add('channels', id, {
              id,
              name: channel.name,
              type: channel.type,
              permissions: DEFAULT_MEMBER_PERMISSIONS.toString(),
              parent_id: null,
            });
        }
      }
    };
    visit(options);
    return Object.keys(resolved).length > 0 ? resolved : undefined;
  }

  private sendInteraction(
    type: number,
    data: Record<string, unknown>,
    as: ActAs,
    extra: Record<string, unknown> = {},
    source: Message | null = null,
  ): InteractionHandle {
    const id = snowflake();
    const token = interactionToken(id);
    const channelId = as.channelId ?? this.channelId;
    // `as.roles` applies to this interaction only; the stored member keeps its own roles.
    const stored = this.ensureMember(as.userId ?? this.testerUser.id);
    const member: FakeMember = as.roles ? { ...stored, roles: [...as.roles] } : stored;
    const permissions = as.permissions !== undefined ? String(as.permissions) : this.permissionsOf(member).toString();
    const channel = this.channels.get(channelId) ?? { id: channelId, type: 0, guild_id: this.guildId };
    const bot = this.members.get(this.botUser.id)!;
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: { ...channel, permissions },
      member: { ...memberObject(member), permissions },
      token,
      version: 1,
      app_permissions: this.permissionsOf(bot).toString(),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...extra,
    };
    const state: InteractionState = {
      id,
      token,
      type,
      payload,
      channelId,
      deliveredAt: null,
      callback: null,
      original: source,
      followups: new Map(),
      events: [],
    };
    this.interactionsById.set(id, state);
    this.interactionsByToken.set(token, state);
    if (this.httpDelivery) {
      state.httpExchange = this.deliverOverHttp(this.httpDelivery, state);
      return this.handleFor(state);
    }
    void this.gateway.dispatch('INTERACTION_CREATE', payload).then((delivered) => {
      if (delivered > 0) state.deliveredAt = Date.now();
      this.notify();
    });
    return this.handleFor(state);
  }

  private handleFor(state: InteractionState): InteractionHandle {
    let cursor = 0;
    const originalEdits = () => state.events.filter((event) => event.messageId === '@original' && event.method === 'PATCH');
    const handle: InteractionHandle = {
      id: state.id,
      token: state.token,
      payload: state.payload,
      callback: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
        this.waitUntil(
          () => state.callback ?? undefined,
          timeoutMs,
          `the callback for interaction ${state.id} (${describeInteraction(state)})`,
        ),
      nextMessage: async (timeoutMs = DEFAULT_TIMEOUT_MS) => {
        const event = await this.waitUntil(
          () => state.events[cursor],
          timeoutMs,
          `an edit or follow-up for interaction ${state.id} (${describeInteraction(state)})`,
        );
        cursor += 1;
        return event;
      },
      finalMessage: async (timeoutMs = DEFAULT_TIMEOUT_MS, settleMs = 150) => {
        const deadline = Date.now() + timeoutMs;
        const callback = await handle.callback(timeoutMs);
        if (callback.type === 5 || callback.type === 6) {
          await this.waitUntil(
            () => (originalEdits().length > 0 ? true : undefined),
            Math.max(1, deadline - Date.now()),
            `an edit of @original after the deferral of interaction ${state.id} (${describeInteraction(state)})`,
          );
        }
        let seen = originalEdits().length;
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, settleMs));
          const now = originalEdits().length;
          if (now === seen || Date.now() > deadline) break;
          seen = now;
        }
        const edits = originalEdits();
        return edits.length > 0 ? edits[edits.length - 1]!.body : callback.data;
      },
      originalMessage: () => state.original,
      delivered: (timeoutMs = DEFAULT_TIMEOUT_MS) =>
        this.waitUntil(() => (state.deliveredAt !== null ? true : undefined), timeoutMs, `interaction ${state.id} to reach a client`).then(
          () => {},
        ),
    };
    return handle;
  }

  /**
   * From now on interactions go to these endpoints over signed HTTP instead of the gateway, each to the next in turn,
   * and the HTTP response is the interaction's callback, checked like one.
   */
  deliverInteractionsOverHttp(endpoints: string[], privateKey: KeyObject): void {
    this.httpDelivery = { endpoints, privateKey, next: 0 };
  }

  private async deliverOverHttp(delivery: HttpDelivery, state: InteractionState): Promise<void> {
    state.deliveredAt = Date.now();
    try {
      const { endpoint, status, body } = await postInteraction(delivery, state.payload);
      state.http = { endpoint, status, body };
      const deadline = this.options.interactionDeadlineMs;
      if (status !== 200) return;
      if (deadline > 0 && Date.now() - state.deliveredAt > deadline) {
        state.http.problem = 'answered after the 3 s deadline';
        return;
      }
      const response = this.applyCallback(state, (body ?? {}) as Record<string, any>, [], new URL('http://fake/'));
      if (response.status >= 400) state.http.problem = response.body;
    } catch (caught) {
      state.http = { endpoint: '', status: 0, body: String(caught) };
    } finally {
      this.notify();
    }
  }

  /** How an HTTP-delivered interaction's POST ended; waits for it. */
  async httpOutcome(id: string): Promise<NonNullable<InteractionState['http']>> {
    const state = this.interactionsById.get(id);
    await state?.httpExchange;
    return state?.http ?? { endpoint: '', status: 0, body: 'not delivered over HTTP' };
  }

  private interactionCallback(params: Record<string, string>, request: RecordedRequest, files: UploadedFile[], url: URL): Response {
    const state = this.interactionsById.get(params.id!);
    if (!state || state.token !== params.token) return error(404, 10062, 'Unknown interaction');
    if (state.httpExchange) return error(400, 40060, 'Interaction has already been acknowledged.');
    const deadline = this.options.interactionDeadlineMs;
    if (deadline > 0 && state.deliveredAt !== null && Date.now() - state.deliveredAt > deadline)
      return error(404, 10062, 'Unknown interaction');
    return this.applyCallback(state, request.body ?? {}, files, url);
  }

  private applyCallback(state: InteractionState, body: Record<string, any>, files: UploadedFile[], url: URL): Response {
    if (state.callback) return error(400, 40060, 'Interaction has already been acknowledged.');
    const type = Number(body.type);
    const data = body.data;
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    if (!allowed[state.type]?.includes(type)) {
      return fromDiscordError(
        invalidFormBody([
          {
            path: ['type'],
            code: 'INTERACTION_RESPONSE_TYPE_INVALID',
            message: `Interaction response type ${type} is not valid for interaction type ${state.type}`,
          },
        ]),
      );
    }
    if ((type === 6 || type === 7) && !state.original) return error(400, 50035, 'Invalid Form Body');
    let problems: FieldProblem[] = [];
    if (type === 4 || type === 7) problems = messageProblems(data, ['data']);
    if (type === 8) problems = autocompleteProblems(data);
    if (type === 9) problems = modalProblems(data);
    if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
    if (type === 4 && isEmptyMessage(data, files.length)) return fromDiscordError(emptyMessage());

    const bot = this.users.get(this.botUser.id)!;
    const responseMeta = () => ({
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      interaction_metadata: {
        id: state.id,
        type: state.type,
        user: state.payload.member.user,
        authorizing_integration_owners: { '0': this.guildId },
        ...(state.type === 2 ? { name: state.payload.data.name } : {}),
        ...(state.type === 3 ? { interacted_message_id: state.original?.id } : {}),
      },
      ...(state.type === 2
        ? { interaction: { id: state.id, type: state.type, name: state.payload.data.name, user: state.payload.member.user } }
        : {}),
    });
    let resourceMessage: Message | undefined;
    if (type === 4 || type === 5) {
      const messageBody = type === 4 ? (data ?? {}) : { flags: (Number(data?.flags ?? 0) & EPHEMERAL) | LOADING };
      const message = this.buildMessage(state.channelId, bot, messageBody, type === 4 ? files : [], {
        type: state.type === 2 ? 20 : 0,
        extra: responseMeta(),
      });
      if (type === 5) message.flags = (Number(data?.flags ?? 0) & EPHEMERAL) | LOADING;
      state.original = message;
      this.storeMessage(message);
      this.echo('MESSAGE_CREATE', message);
      resourceMessage = message;
    }
    if (type === 7 && state.original) {
      this.applyEdit(state.original, data ?? {}, files);
      this.echo('MESSAGE_UPDATE', state.original);
      resourceMessage = state.original;
    }
    state.callback = { type, ...(data !== undefined ? { data } : {}) };
    if (new URLSearchParams(url.search).get('with_response') === 'true') {
      return ok({
        interaction: {
          id: state.id,
          type: state.type,
          activity_instance_id: null,
          response_message_id: resourceMessage?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: Boolean(resourceMessage && resourceMessage.flags & EPHEMERAL),
        },
        resource: { type, ...(resourceMessage ? { message: resourceMessage } : {}) },
      });
    }
    return noContent();
  }

  private webhookState(params: Record<string, string>): InteractionState | Response {
    const state = this.interactionsByToken.get(params.token!);
    if (!state || params.appId !== this.applicationId) return error(404, 10015, 'Unknown Webhook');
    if (!state.callback) return error(404, 10015, 'Unknown Webhook');
    return state;
  }

  private webhookMessage(state: InteractionState, messageId: string): { message: Message; key: string } | undefined {
    if (messageId === '@original' || messageId === state.original?.id)
      return state.original ? { message: state.original, key: '@original' } : undefined;
    const followup = state.followups.get(messageId);
    return followup ? { message: followup, key: messageId } : undefined;
  }

  private recordEvent(state: InteractionState, request: RecordedRequest, messageId: string): void {
    state.events.push({ method: request.method, body: request.body, messageId, path: request.path, at: Date.now() });
  }

  // ───────────────────────────── REST ─────────────────────────────

  private async onRequest(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    const raw = Buffer.concat(chunks);
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const contentType = String(incoming.headers['content-type'] ?? '');
    let body: any = null;
    let files: UploadedFile[] = [];
    let badJson = false;
    if (raw.length > 0) {
      if (contentType.startsWith('multipart/form-data')) {
        const parts = parseMultipart(raw, contentType);
        files = parts.files;
        try {
          body = parts.fields.payload_json !== undefined ? JSON.parse(parts.fields.payload_json) : { ...parts.fields };
        } catch {
          badJson = true;
          body = { ...parts.fields };
        }
        body.files = files;
      } else {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          badJson = contentType.includes('json');
          body = raw.toString('utf8');
        }
      }
    }
    const request: RecordedRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: url.pathname
        .split('/')
        .map((segment) => {
          try {
            return decodeURIComponent(segment);
          } catch {
            return segment;
          }
        })
        .join('/'),
      query: url.search.replace(/^\?/, ''),
      body,
      headers: { ...incoming.headers },
      at: Date.now(),
    };
    this.requests.push(request);

    // Discord applies an HTTP interaction's response before its webhook answers for it.
    const webhookToken = /^\/api(?:\/v\d+)?\/webhooks\/\d+\/([^/]+)/.exec(request.path)?.[1];
    if (webhookToken) await this.interactionsByToken.get(webhookToken)?.httpExchange;
    let response: Response;
    const injected = this.takeInjection(request);
    if (injected) response = injected;
    else if (badJson) response = error(400, 50109, 'The request body contains invalid JSON.');
    else {
      try {
        response = this.route(request, files, url);
      } catch (caught) {
        response = { status: 500, body: { message: `fake-discord crashed: ${(caught as Error).stack ?? String(caught)}`, code: 0 } };
      }
    }
    request.status = response.status;
    const headers: Record<string, string> = { 'x-fake-discord': '1', ...response.headers };
    if (response.body !== undefined && response.status !== 204) {
      const text = JSON.stringify(response.body);
      outgoing.writeHead(response.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text).toString(),
        ...headers,
      });
      outgoing.end(text);
    } else {
      outgoing.writeHead(response.status, headers);
      outgoing.end();
    }
    this.notify();
  }

  private takeInjection(request: RecordedRequest): Response | undefined {
    for (const injection of this.injections) {
      if (injection.responses.length === 0 || !injection.match(request)) continue;
      const next = injection.responses.shift()!;
      const headers: Record<string, string> = { ...next.headers };
      let body = next.body;
      if (next.status === 429) {
        const key = Object.keys(headers).find((name) => name.toLowerCase() === 'retry-after');
        if (!key) headers['retry-after'] = '0.1';
        const retryAfter = Number(headers[key ?? 'retry-after']);
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'x-ratelimit-scope')) headers['x-ratelimit-scope'] = 'user';
        body ??= { message: 'You are being rate limited.', retry_after: retryAfter, global: false };
      }
      body ??=
        next.status === 404
          ? { message: '404: Not Found', code: 0 }
          : next.status >= 500
            ? { message: `${next.status}: Server Error`, code: 0 }
            : undefined;
      return { status: next.status, body, headers };
    }
    return undefined;
  }

  private readonly attachments = new Map<string, Record<string, unknown>>();

  /**
   * An uploaded file as Discord resolves it for an attachment option: pass the returned id as the option's value.
   * The file itself is served from `url` (a server of the test's own on 127.0.0.1, as Discord's CDN would).
   */
  addAttachment(file: { filename: string; url: string; size: number; contentType?: string }): string {
    const id = snowflake();
    this.attachments.set(id, {
      id,
      filename: file.filename,
      size: file.size,
      url: file.url,
      proxy_url: file.url,
      ...(file.contentType ? { content_type: file.contentType } : {}),
    });
    return id;
  }

  private route(request: RecordedRequest, files: UploadedFile[], url: URL): Response {
    const prefix = /^\/api(?:\/v(\d+))?(\/.*)?$/.exec(request.path);
    if (!prefix) return error(404, 0, '404: Not Found');
    const segments = (prefix[2] ?? '/').split('/').filter(Boolean);
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.pattern.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.pattern.every((part, index) => {
        const segment = segments[index]!;
        if (part.startsWith(':')) {
          params[part.slice(1)] = segment;
          return true;
        }
        return part === segment;
      });
      if (!matches) continue;
      if (route.method !== request.method) {
        methodMismatch = true;
        continue;
      }
      if (route.auth) {
        const authorization = request.headers.authorization;
        if (authorization !== `Bot ${this.token}`) return error(401, 0, '401: Unauthorized');
      }
      return route.handle(params, request, files, url);
    }
    return methodMismatch ? error(405, 0, '405: Method Not Allowed') : error(404, 0, '404: Not Found');
  }

  private buildRoutes(): Route[] {
    const routes: Route[] = [];
    const add = (method: string, path: string, auth: boolean, handle: Route['handle']) =>
      routes.push({ method, pattern: path.split('/').filter(Boolean), auth, handle });
    const bot = () => this.users.get(this.botUser.id)!;

    // Gateway discovery.
    add('GET', 'gateway', false, () => ok({ url: this.gateway.url }));
    add('GET', 'gateway/bot', true, () =>
      ok({
        url: this.gateway.url,
        shards: this.options.shards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      }),
    );

    // Users and the application.
    add('GET', 'users/@me', true, () => ok(bot()));
    add('PATCH', 'users/@me', true, () => ok(bot()));
    add('GET', 'users/:id', true, ({ id }) => {
      const user = this.users.get(id!);
      return user ? ok(user) : error(404, 10013, 'Unknown User');
    });
    add('POST', 'users/@me/channels', true, (_params, request) => {
      const recipient = this.users.get(String(request.body?.recipient_id));
      if (!recipient) return error(400, 50007, 'Cannot send messages to this user');
      let channelId = this.dmChannels.get(recipient.id);
      if (!channelId) {
        channelId = snowflake();
        this.dmChannels.set(recipient.id, channelId);
        this.channels.set(channelId, { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [recipient] });
      }
      return ok(this.channels.get(channelId));
    });
    const application = () => ({
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      owner: this.users.get(this.ownerId),
      team: null,
      bot: bot(),
      approximate_guild_count: 1,
      install_params: null,
      integration_types_config: { '0': {} },
      tags: [],
    });
    add('GET', 'applications/@me', true, () => ok(application()));
    add('PATCH', 'applications/@me', true, () => ok(application()));
    add('GET', 'oauth2/applications/@me', true, () => ok(application()));

    // Application commands, global and guild.
    for (const scoped of [true, false]) {
      const base = scoped ? 'applications/:appId/guilds/:guildId/commands' : 'applications/:appId/commands';
      const scopeOf = (params: Record<string, string>): string | Response => {
        if (params.appId !== this.applicationId) return error(403, 50001, 'Missing Access');
        if (scoped && params.guildId !== this.guildId) return error(403, 50001, 'Missing Access');
        return scoped ? params.guildId! : 'global';
      };
      add('GET', base, true, (params) => {
        const scope = scopeOf(params);
        return typeof scope === 'string' ? ok(this.registeredCommands(scope === 'global' ? undefined : scope)) : scope;
      });
      add('PUT', base, true, (params, request) => {
        const scope = scopeOf(params);
        if (typeof scope !== 'string') return scope;
        if (!Array.isArray(request.body))
          return fromDiscordError(invalidFormBody([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]));
        const problems = request.body.flatMap((command: any, index: number) => commandProblems(command, [index]));
        const keys = request.body.map((command: any) => `${command?.type ?? 1}:${command?.name}`);
        keys.forEach((key: string, index: number) => {
          if (keys.indexOf(key) !== index)
            problems.push({
              path: [index, 'name'],
              code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
              message: `Application command names must be unique`,
            });
        });
        if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
        const previous = new Map([...this.commands.entries()].filter(([, command]) => command.scope === scope));
        for (const key of previous.keys()) this.commands.delete(key);
        const stored = request.body.map((command: any) => {
          const key = `${scope}:${command.type ?? 1}:${command.name}`;
          const body = this.commandObject(command, scope, previous.get(key)?.body.id);
          this.commands.set(key, { scope, body });
          return body;
        });
        return ok(stored);
      });
      add('POST', base, true, (params, request) => {
        const scope = scopeOf(params);
        if (typeof scope !== 'string') return scope;
        const problems = commandProblems(request.body, []);
        if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
        const key = `${scope}:${request.body.type ?? 1}:${request.body.name}`;
        const existing = this.commands.get(key);
        const body = this.commandObject(request.body, scope, existing?.body.id);
        this.commands.set(key, { scope, body });
        return { status: existing ? 200 : 201, body };
      });
      const byId = (scope: string, id: string) =>
        [...this.commands.entries()].find(([, command]) => command.scope === scope && command.body.id === id);
      add('GET', `${base}/:commandId`, true, (params) => {
        const scope = scopeOf(params);
        if (typeof scope !== 'string') return scope;
        const found = byId(scope, params.commandId!);
        return found ? ok(found[1].body) : error(404, 10063, 'Unknown application command');
      });
      add('PATCH', `${base}/:commandId`, true, (params, request) => {
        const scope = scopeOf(params);
        if (typeof scope !== 'string') return scope;
        const found = byId(scope, params.commandId!);
        if (!found) return error(404, 10063, 'Unknown application command');
        const merged = { ...found[1].body, ...request.body };
        const problems = commandProblems(merged, []);
        if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
        this.commands.delete(found[0]);
        const body = this.commandObject(merged, scope, found[1].body.id);
        this.commands.set(`${scope}:${body.type}:${body.name}`, { scope, body });
        return ok(body);
      });
      add('DELETE', `${base}/:commandId`, true, (params) => {
        const scope = scopeOf(params);
        if (typeof scope !== 'string') return scope;
        const found = byId(scope, params.commandId!);
        if (!found) return error(404, 10063, 'Unknown application command');
        this.commands.delete(found[0]);
        return noContent();
      });
    }

    // Interaction responses (no bot auth: the token in the path is the credential).
    add('POST', 'interactions/:id/:token/callback', false, (params, request, files, url) => {
      const response = this.interactionCallback(params, request, files, url);
      this.notify();
      return response;
    });
    add('POST', 'webhooks/:appId/:token', false, (params, request, files, url) => {
      const state = this.webhookState(params);
      if (!('id' in state)) return state;
      const problems = messageProblems(request.body);
      if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
      if (isEmptyMessage(request.body, files.length)) return fromDiscordError(emptyMessage());
      const message = this.buildMessage(state.channelId, bot(), request.body, files, {
        extra: { webhook_id: this.applicationId, application_id: this.applicationId },
      });
      message.flags = Number(request.body?.flags ?? 0) & (EPHEMERAL | (1 << 2) | (1 << 12) | (1 << 15));
      state.followups.set(message.id, message);
      this.storeMessage(message);
      this.recordEvent(state, request, message.id);
      this.echo('MESSAGE_CREATE', message);
      return new URLSearchParams(url.search).get('wait') === 'true' ? ok(message) : noContent();
    });
    add('GET', 'webhooks/:appId/:token/messages/:messageId', false, (params) => {
      const state = this.webhookState(params);
      if (!('id' in state)) return state;
      const found = this.webhookMessage(state, params.messageId!);
      return found ? ok(found.message) : error(404, 10008, 'Unknown Message');
    });
    add('PATCH', 'webhooks/:appId/:token/messages/:messageId', false, (params, request, files) => {
      const state = this.webhookState(params);
      if (!('id' in state)) return state;
      const found = this.webhookMessage(state, params.messageId!);
      if (!found) return error(404, 10008, 'Unknown Message');
      const problems = messageProblems(request.body);
      if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
      const wasLoading = Boolean(found.message.flags & LOADING);
      this.applyEdit(found.message, request.body ?? {}, files);
      if (isEmptyMessage(found.message, 0)) {
        if (wasLoading) found.message.flags |= LOADING;
        return fromDiscordError(emptyMessage());
      }
      this.recordEvent(state, request, found.key);
      this.echo('MESSAGE_UPDATE', found.message);
      return ok(found.message);
    });
    add('DELETE', 'webhooks/:appId/:token/messages/:messageId', false, (params, request) => {
      const state = this.webhookState(params);
      if (!('id' in state)) return state;
      const found = this.webhookMessage(state, params.messageId!);
      if (!found) return error(404, 10008, 'Unknown Message');
      this.messages.get(found.message.channel_id)?.delete(found.message.id);
      if (found.key === '@original') state.original = null;
      else state.followups.delete(found.key);
      this.recordEvent(state, request, found.key);
      this.echo('MESSAGE_DELETE', found.message);
      return noContent();
    });

    // Channels and messages.
    const channelOr404 = (id: string) => this.channels.get(id);
    add('GET', 'channels/:id', true, ({ id }) => {
      const channel = channelOr404(id!);
      return channel ? ok(channel) : error(404, 10003, 'Unknown Channel');
    });
    add('POST', 'channels/:id/typing', true, ({ id }) => (channelOr404(id!) ? noContent() : error(404, 10003, 'Unknown Channel')));
    add('GET', 'channels/:id/messages', true, ({ id }, _request, _files, url) => {
      if (!channelOr404(id!)) return error(404, 10003, 'Unknown Channel');
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 50) || 50);
      return ok(this.messagesIn(id!).reverse().slice(0, limit));
    });
    add('POST', 'channels/:id/messages', true, ({ id }, request, files) => {
      if (!channelOr404(id!)) return error(404, 10003, 'Unknown Channel');
      const problems = messageProblems(request.body);
      if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
      if (isEmptyMessage(request.body, files.length)) return fromDiscordError(emptyMessage());
      const message = this.buildMessage(id!, bot(), request.body, files);
      message.flags = Number(request.body?.flags ?? 0) & ((1 << 2) | (1 << 12) | (1 << 15));
      const reference = request.body?.message_reference;
      if (reference?.message_id) {
        const found = this.attachReference(message, id!, String(reference.message_id));
        if (!found && reference.fail_if_not_exists !== false) {
          return fromDiscordError(
            invalidFormBody([{ path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }]),
          );
        }
        const repliedTo = message.referenced_message?.author;
        // Without allowed_mentions a reply pings its author; with it, only if replied_user is true.
        const pingReplied = !request.body?.allowed_mentions || request.body.allowed_mentions.replied_user === true;
        if (repliedTo && pingReplied && !message.mentions.some((user: any) => user.id === repliedTo.id)) message.mentions.push(repliedTo);
      }
      this.storeMessage(message);
      this.echo('MESSAGE_CREATE', message);
      return ok(message);
    });
    add('GET', 'channels/:id/messages/:messageId', true, ({ id, messageId }) => {
      const message = this.findMessage(id!, messageId!);
      return message ? ok(message) : error(404, 10008, 'Unknown Message');
    });
    add('PATCH', 'channels/:id/messages/:messageId', true, ({ id, messageId }, request, files) => {
      const message = this.findMessage(id!, messageId!);
      if (!message) return error(404, 10008, 'Unknown Message');
      if (message.author?.id !== this.botUser.id) return error(403, 50005, 'Cannot edit a message authored by another user');
      const problems = messageProblems(request.body);
      if (problems.length > 0) return fromDiscordError(invalidFormBody(problems));
      this.applyEdit(message, request.body ?? {}, files);
      this.echo('MESSAGE_UPDATE', message);
      return ok(message);
    });
    add('DELETE', 'channels/:id/messages/:messageId', true, ({ id, messageId }) => {
      const message = this.findMessage(id!, messageId!);
      if (!message) return error(404, 10008, 'Unknown Message');
      this.messages.get(id!)?.delete(messageId!);
      this.echo('MESSAGE_DELETE', message);
      return noContent();
    });
    for (const method of ['PUT', 'DELETE']) {
      add(method, 'channels/:id/messages/:messageId/reactions/:emoji/@me', true, ({ id, messageId }) =>
        this.findMessage(id!, messageId!) ? noContent() : error(404, 10008, 'Unknown Message'),
      );
    }

    // Guild reads.
    const guildOr404 = (id: string): Response | undefined => (id === this.guildId ? undefined : error(404, 10004, 'Unknown Guild'));
    add('GET', 'guilds/:guildId', true, ({ guildId }, _request, _files, url) => {
      const missing = guildOr404(guildId!);
      if (missing) return missing;
      const counts =
        url.searchParams.get('with_counts') === 'true'
          ? { approximate_member_count: this.members.size, approximate_presence_count: 0 }
          : {};
      return ok({ ...this.guildObject(), ...counts });
    });
    add('GET', 'guilds/:guildId/channels', true, ({ guildId }) => guildOr404(guildId!) ?? ok(this.guildChannels()));
    add('GET', 'guilds/:guildId/roles', true, ({ guildId }) => guildOr404(guildId!) ?? ok(this.guildRoles()));
    add('GET', 'guilds/:guildId/members', true, ({ guildId }) => guildOr404(guildId!) ?? ok([...this.members.values()].map(memberObject)));
    add('GET', 'guilds/:guildId/members/:userId', true, ({ guildId, userId }) => {
      const missing = guildOr404(guildId!);
      if (missing) return missing;
      const member = this.members.get(userId === '@me' ? this.botUser.id : userId!);
      return member ? ok(memberObject(member)) : error(404, 10007, 'Unknown Member');
    });

    return routes;
  }

  private commandObject(command: any, scope: string, existingId: string | undefined): Record<string, any> {
    const type = command.type ?? 1;
    return {
      id: existingId ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      default_member_permissions: command.default_member_permissions ?? null,
      type,
      name: command.name,
      name_localizations: command.name_localizations ?? null,
      description: type === 1 ? (command.description ?? '') : '',
      description_localizations: command.description_localizations ?? null,
      ...(Array.isArray(command.options) && command.options.length > 0 ? { options: command.options } : {}),
      dm_permission: command.dm_permission ?? true,
      contexts: command.contexts ?? null,
      integration_types: command.integration_types ?? [0],
      nsfw: command.nsfw ?? false,
      ...(scope !== 'global' ? { guild_id: scope } : {}),
    };
  }
}

/** Discord's rules for command definitions (the parts a bot can get wrong). */
function commandProblems(command: any, at: Array<string | number>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!command || typeof command !== 'object')
    return [{ path: at, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }];
  const type = command.type ?? 1;
  const name = command.name;
  const chatName = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
  if (typeof name !== 'string' || name.length === 0)
    problems.push({ path: [...at, 'name'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  else if (type === 1 && (!chatName.test(name) || name !== name.toLowerCase())) {
    problems.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  } else if ([...name].length > 32)
    problems.push({ path: [...at, 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' });
  if (type === 1) {
    const length = typeof command.description === 'string' ? [...command.description].length : 0;
    if (length < 1 || length > 100)
      problems.push({ path: [...at, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  const visit = (options: unknown, path: Array<string | number>) => {
    if (options === undefined || options === null) return;
    if (!Array.isArray(options)) return;
    if (options.length > 25) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    let sawOptional = false;
    const names = new Set<string>();
    options.forEach((option: any, index) => {
      const here = [...path, index];
      if (typeof option?.name !== 'string' || !chatName.test(option.name) || option.name !== option.name.toLowerCase()) {
        problems.push({ path: [...here, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
      } else if (names.has(option.name)) {
        problems.push({
          path: [...here, 'name'],
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
      }
      if (typeof option?.name === 'string') names.add(option.name);
      const descriptionLength = typeof option?.description === 'string' ? [...option.description].length : 0;
      if (descriptionLength < 1 || descriptionLength > 100) {
        problems.push({ path: [...here, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
      }
      if (option?.type !== 1 && option?.type !== 2) {
        if (option?.required) {
          if (sawOptional)
            problems.push({
              path: [...here, 'required'],
              code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
              message: 'Required options must be placed before non-required options',
            });
        } else sawOptional = true;
      }
      if (Array.isArray(option?.choices)) {
        if (option.choices.length > 25)
          problems.push({ path: [...here, 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
        if (option.autocomplete)
          problems.push({
            path: [...here, 'autocomplete'],
            code: 'AUTOCOMPLETE_CHOICES',
            message: 'Autocomplete and choices cannot both be set',
          });
      }
      visit(option?.options, [...here, 'options']);
    });
  };
  visit(command.options, [...at, 'options']);
  return problems;
}

function describeInteraction(state: InteractionState): string {
  const kind = { 2: 'command', 3: 'component', 4: 'autocomplete', 5: 'modal submit' }[state.type] ?? `type ${state.type}`;
  const name = state.payload?.data?.name ?? state.payload?.data?.custom_id ?? '?';
  const delivered = state.deliveredAt === null ? 'not yet delivered to a client' : 'delivered';
  return `${kind} "${name}", ${delivered}, callback ${state.callback ? `type ${state.callback.type}` : 'none'}`;
}
