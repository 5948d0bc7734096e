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
  normaliseEmbeds,
  partialMemberObject,
  textChannelObject,
  userObject,
  type FakeMember,
  type FakeUser,
} from './fixtures.ts';
import {
  guildChannels,
  guildCreatePayload,
  guildObject,
  guildRoles,
  memberChunks,
  permissionsOf,
  readyPayload,
  type FakeRole,
  type GuildState,
} from './guild-payloads.ts';
import { applyEdit, buildMessage } from './messages.ts';
import { commandData, type CommandOption, type CommandRegistry } from './command-data.ts';
import { GatewayIntents, GatewayServer, sessionOwns, type DispatchTransform, type GatewayHooks } from './gateway.ts';
import { botToken, interactionToken, shardOf, snowflake } from './ids.ts';
import { postInteraction, type HttpDelivery } from './http-interactions.ts';
import { readRequest, takeInjection, writeResponse, type InjectedResponse, type Injection } from './http-exchange.ts';
import { callbackRefusal, DEFAULT_TIMEOUT_MS, interactionHandle, type InteractionHandle } from './interactions.ts';
import { applyInteractionCallback, interactionPayload } from './interaction-callback.ts';
import type { UploadedFile } from './multipart.ts';
import {
  EPHEMERAL,
  error,
  RouteTable,
  type InteractionState,
  type Message,
  type RecordedRequest,
  type RegisteredCommand,
  type Response,
} from './rest.ts';
import { applicationRoutes } from './routes-application.ts';
import { channelRoutes } from './routes-channels.ts';
import { interactionRoutes } from './routes-interactions.ts';

/** A message's or an edit's arguments after the guild, as the route modules pass them. */
type MessageArguments = Parameters<typeof buildMessage> extends [unknown, ...infer Rest] ? Rest : never;
type EditArguments = Parameters<typeof applyEdit> extends [unknown, ...infer Rest] ? Rest : never;

export { DEFAULT_MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS } from './fixtures.ts';
export type { UploadedFile } from './multipart.ts';
export type { InteractionEvent, RecordedRequest } from './rest.ts';
export type { InteractionHandle } from './interactions.ts';

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

export type { CommandOption } from './command-data.ts';

export type { InjectedResponse } from './http-exchange.ts';

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

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
  private readonly roles: FakeRole[];
  /** The guild's state, shared with the modules that build payloads and messages from it. */
  private readonly guild: GuildState;
  private readonly channels = new Map<string, Record<string, any>>();
  private readonly dmChannels = new Map<string, string>();
  private readonly messages = new Map<string, Map<string, Message>>();
  private readonly interactionsById = new Map<string, InteractionState>();
  private httpDelivery: HttpDelivery | null = null;
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly commands = new Map<string, RegisteredCommand>();
  private readonly unregisteredCommandIds = new Map<string, string>();
  private readonly attachments = new Map<string, Record<string, unknown>>();
  private readonly commandRegistry: CommandRegistry = {
    commands: this.commands,
    unregisteredCommandIds: this.unregisteredCommandIds,
    attachments: this.attachments,
  };
  private readonly injections: Injection[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly routes: RouteTable;
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
    this.guild = {
      guildId: this.guildId,
      ownerId: this.ownerId,
      channelId: this.channelId,
      applicationId: this.applicationId,
      botUser: this.botUser,
      joinedAt: this.guildJoinedAt,
      roles: this.roles,
      users: this.users,
      members: this.members,
      channels: this.channels,
    };
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
      ready: (session, url) => readyPayload(this.guild, session, url),
      guildCreates: (session) => (sessionOwns(session, this.guildId) ? [guildCreatePayload(this.guild)] : []),
      memberChunks: (request) => memberChunks(this.guild, request),
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

  sendCommand(name: string, options?: CommandOption[], as: ActAs = {}): InteractionHandle {
    return this.sendInteraction(2, commandData(this.guild, this.commandRegistry, name, options), as);
  }

  sendAutocomplete(name: string, options: CommandOption[], as: ActAs = {}): InteractionHandle {
    return this.sendInteraction(4, commandData(this.guild, this.commandRegistry, name, options), as);
  }

  sendButton(
    customId: string,
    message: { id: string; content?: string; embeds?: unknown[]; components?: unknown[] },
    as: ActAs = {},
  ): InteractionHandle {
    const source = this.componentMessage(message, as.channelId ?? this.channelId);
    return this.sendInteraction(3, { custom_id: customId, component_type: 2 }, as, { message: source }, source);
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
    const message = buildMessage(this.guild, channelId, author.user, { content: text }, [], { allowAllMentions: true });
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

  /** The messages the fake holds for a channel (user posts, bot posts, interaction responses), oldest first. */
  /** How many gateway clients are connected and past READY/RESUMED right now. */
  get readyClients(): number {
    return this.gateway.readyConnections.length;
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

  messagesIn(channelId: string = this.channelId): Message[] {
    return [...(this.messages.get(channelId)?.values() ?? [])];
  }

  /** Commands registered through PUT/POST, global or for a guild. */
  registeredCommands(guildId?: string): Array<Record<string, any>> {
    const scope = guildId ?? 'global';
    return [...this.commands.values()].filter((command) => command.scope === scope).map((command) => command.body);
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

  // ───────────────────────────── messages ─────────────────────────────

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
      message = buildMessage(this.guild, channelId, this.users.get(this.botUser.id)!, {}, []);
      message.id = partial.id;
      this.storeMessage(message);
    }
    if (partial.content !== undefined) message.content = partial.content;
    if (partial.embeds !== undefined) message.embeds = normaliseEmbeds(partial.embeds);
    if (partial.components !== undefined) message.components = partial.components;
    return message;
  }

  // ───────────────────────────── interactions ─────────────────────────────

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
    const permissions = as.permissions !== undefined ? String(as.permissions) : permissionsOf(this.guild, member).toString();
    const channel = this.channels.get(channelId) ?? { id: channelId, type: 0, guild_id: this.guildId };
    const payload = interactionPayload(this.guild, { id, token, type, data, channelId, channel, member, permissions, extra });
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
      return interactionHandle(state, this.waitUntil.bind(this));
    }
    void this.gateway.dispatch('INTERACTION_CREATE', payload).then((delivered) => {
      if (delivered > 0) state.deliveredAt = Date.now();
      this.notify();
    });
    return interactionHandle(state, this.waitUntil.bind(this));
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
    const refusal = callbackRefusal(state, body, files.length);
    if (refusal) return refusal;
    const withResponse = new URLSearchParams(url.search).get('with_response') === 'true';
    return applyInteractionCallback(this.guild, state, body, files, withResponse, {
      store: (message) => this.storeMessage(message),
      echo: (t, message) => this.echo(t, message),
    });
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
    const read = await readRequest(incoming);
    if (!read) return;
    const { request, files, url, badJson } = read;
    this.requests.push(request);

    // Discord applies an HTTP interaction's response before its webhook answers for it.
    const webhookToken = /^\/api(?:\/v\d+)?\/webhooks\/\d+\/([^/]+)/.exec(request.path)?.[1];
    if (webhookToken) await this.interactionsByToken.get(webhookToken)?.httpExchange;
    let response: Response;
    const injected = takeInjection(this.injections, request);
    if (injected) response = injected;
    else if (badJson) response = error(400, 50109, 'The request body contains invalid JSON.');
    else {
      try {
        response = this.routes.route(request, files, url, this.token);
      } catch (caught) {
        response = { status: 500, body: { message: `fake-discord crashed: ${(caught as Error).stack ?? String(caught)}`, code: 0 } };
      }
    }
    request.status = response.status;
    writeResponse(outgoing, response);
    this.notify();
  }

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

  /** The REST API, by concern; each part sees only what its interface names. */
  private buildRoutes(): RouteTable {
    const table = new RouteTable();
    const bot = () => this.users.get(this.botUser.id)!;
    const messageParts = {
      bot,
      messages: this.messages,
      buildMessage: (...args: MessageArguments) => buildMessage(this.guild, ...args),
      storeMessage: this.storeMessage.bind(this),
      applyEdit: (...args: EditArguments) => applyEdit(this.guild, ...args),
      echo: this.echo.bind(this),
    };
    applicationRoutes(table, {
      applicationId: this.applicationId,
      guildId: this.guildId,
      ownerId: this.ownerId,
      botUser: this.botUser,
      shards: this.options.shards,
      gatewayUrl: () => this.gateway.url,
      users: this.users,
      channels: this.channels,
      dmChannels: this.dmChannels,
      commands: this.commands,
      registeredCommands: this.registeredCommands.bind(this),
    });
    interactionRoutes(table, {
      ...messageParts,
      applicationId: this.applicationId,
      interactionCallback: this.interactionCallback.bind(this),
      notify: this.notify.bind(this),
      webhookState: this.webhookState.bind(this),
      webhookMessage: this.webhookMessage.bind(this),
      recordEvent: this.recordEvent.bind(this),
    });
    channelRoutes(table, {
      ...messageParts,
      guildId: this.guildId,
      botUser: this.botUser,
      channels: this.channels,
      members: this.members,
      messagesIn: this.messagesIn.bind(this),
      findMessage: this.findMessage.bind(this),
      attachReference: this.attachReference.bind(this),
      guildObject: () => guildObject(this.guild),
      guildChannels: () => guildChannels(this.guild),
      guildRoles: () => guildRoles(this.guild),
    });
    return table;
  }
}

/** Discord's rules for command definitions (the parts a bot can get wrong). */
