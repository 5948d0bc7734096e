import { Client, Events, GatewayIntentBits, Routes, type ClientOptions } from 'discord.js';
import type { ShardRefresh } from '../app/command.ts';
import { dispatchInteraction, type DispatchServices } from '../app/dispatch.ts';
import { ResponseType } from '../app/interaction-replies.ts';
import { createDispatchServices } from '../app/services.ts';
import { NO_MENTIONS, toMessageData } from '../app/reply-payload.ts';
import type { Config } from '../config.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import { log } from '../log.ts';
import type { Curation } from '../curation/curation.ts';
import { createMessageHandler } from './messages.ts';
import { refreshEverywhere, type RefreshableClient } from './refresh.ts';

/**
 * The Discord bot over the gateway: one client serving the engine through the shared command modules. Interactions
 * are taken as Discord's raw JSON and handled by the same dispatcher as HTTP interactions; their first response
 * goes back through the REST callback.
 */

/**
 * Guilds: slash commands and the channel list. GuildMessages: mentions of the bot (Discord sends a mention's text
 * without the privileged intent). MessageContent (privileged) only when ANSWER_CHANNEL_IDS asks for plain questions.
 */
export function intentsFor(config: Pick<Config, 'ANSWER_CHANNEL_IDS'>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (config.ANSWER_CHANNEL_IDS.length > 0) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

export interface RunningBot {
  client: Client;
  /** Shared with an HTTP interactions server in the same process, so both hold one set of pages and cooldowns. */
  services: DispatchServices;
  stop(): Promise<void>;
}

function explainLoginFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/TokenInvalid|401|invalid token/i.test(message))
    return 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).';
  if (/disallowed intents|4014/i.test(message))
    return 'Discord refused the Message Content intent: enable it in the Developer Portal (Bot → Privileged Gateway Intents) or leave ANSWER_CHANNEL_IDS empty.';
  return `Could not connect to Discord: ${message}`;
}

export interface BotOptions {
  clientOptions?: Partial<ClientOptions>;
  /** Spawned by ShardingManager (npm run start:sharded) as one shard of several processes. */
  managedShard?: boolean;
  /** How a change reaches every process serving knowledge; by default every shard of this bot (broadcastEval). */
  refreshKnowledge?: () => Promise<ShardRefresh[]>;
}

export async function startBot(config: Config, store: KnowledgeStore, curation: Curation, options: BotOptions = {}): Promise<RunningBot> {
  const client = new Client({
    intents: intentsFor(config),
    // Every shard Discord recommends, in this one process, answering from one copy of the index. A process spawned by
    // ShardingManager is given its own shard instead (discord.js reads it from the manager).
    ...(options.managedShard ? {} : { shards: 'auto' as const }),
    allowedMentions: NO_MENTIONS,
    rest: { api: config.DISCORD_API_BASE },
    ...options.clientOptions,
  });
  (client as RefreshableClient).dossierRefresh = () => store.refresh();
  const services = createDispatchServices(
    config,
    store,
    curation,
    client.rest,
    options.refreshKnowledge ?? (() => refreshEverywhere(client, store)),
  );

  client.once(Events.ClientReady, (ready) => {
    const { sources, passages } = store.current.counts();
    log.info(
      `Logged in as ${ready.user.tag} in ${ready.guilds.cache.size} server(s); answering from ${sources} reports (${passages} paragraphs)`,
    );
  });
  client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; token?: string } }) => {
    if (packet.t !== 'INTERACTION_CREATE' || !packet.d?.id || !packet.d.token) return;
    const { id, token } = packet.d;
    const transport = {
      respond: async (body: unknown) => void (await client.rest.post(Routes.interactionCallback(id, token), { body, auth: false })),
    };
    dispatchInteraction(packet.d, transport, services)
      .then(async (outcome) => {
        // Discord sent something this version cannot read (a newer interaction shape); say so rather than time out.
        if (outcome === 'refused')
          await transport.respond({
            type: ResponseType.Message,
            data: toMessageData({ content: 'I could not read that request; try /help.', ephemeral: true }),
          });
      })
      .catch((error: unknown) => log.error('Interaction failed', error));
  });
  client.on(Events.MessageCreate, createMessageHandler(client, { config, knowledge: store, curation, cooldowns: services.cooldowns }));
  client.on(Events.Error, (error) => log.error('Discord client error', error));
  client.on(Events.ShardDisconnect, (_event, shard) => log.warn(`Gateway connection of shard ${shard} closed; reconnecting`));
  client.on(Events.ShardResume, (shard) => log.info(`Shard ${shard} resumed`));
  client.rest.on('rateLimited', (info) => log.warn(`Rate limited on ${info.route}; retrying in ${info.retryAfter} ms`));

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    await client.destroy();
    throw new Error(explainLoginFailure(error), { cause: error });
  }
  return {
    client,
    services,
    async stop() {
      services.stop();
      await client.destroy();
    },
  };
}
