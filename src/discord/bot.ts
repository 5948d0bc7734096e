import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Config } from '../config.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import { log } from '../log.ts';
import type { Curation } from '../curation/curation.ts';
import { Confirmations } from './confirmations.ts';
import { Cooldown } from './cooldown.ts';
import type { RefreshableClient } from './interaction-context.ts';
import { createMessageHandler } from './messages.ts';
import { Paginator } from './paginator.ts';
import { NO_MENTIONS } from './payload.ts';
import { createInteractionHandler } from './router.ts';

/** The Discord bot: one client serving the engine through the shared command modules. */

export const QUESTION_COOLDOWN_MS = 3_000;

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
  stop(): Promise<void>;
}

function explainLoginFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/TokenInvalid|401|invalid token/i.test(message)) return 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).';
  if (/disallowed intents|4014/i.test(message)) return 'Discord refused the Message Content intent: enable it in the Developer Portal (Bot → Privileged Gateway Intents) or leave ANSWER_CHANNEL_IDS empty.';
  return `Could not connect to Discord: ${message}`;
}

export async function startBot(config: Config, store: KnowledgeStore, curation: Curation, options: { clientOptions?: Partial<ClientOptions> } = {}): Promise<RunningBot> {
  const client = new Client({
    intents: intentsFor(config),
    allowedMentions: NO_MENTIONS,
    rest: { api: config.DISCORD_API_BASE },
    ...options.clientOptions,
  });
  const paginator = new Paginator();
  const confirmations = new Confirmations();
  const cooldown = new Cooldown(QUESTION_COOLDOWN_MS);
  (client as RefreshableClient).dossierRefresh = () => store.refresh();

  client.once(Events.ClientReady, (ready) => {
    const { sources, passages } = store.current.counts();
    log.info(`Logged in as ${ready.user.tag} in ${ready.guilds.cache.size} server(s); answering from ${sources} reports (${passages} paragraphs)`);
  });
  client.on(Events.InteractionCreate, createInteractionHandler({ config, store, curation, paginator, confirmations, cooldown }));
  client.on(Events.MessageCreate, createMessageHandler(client, { config, store, curation, cooldown }));
  client.on(Events.Error, (error) => log.error('Discord client error', error));
  client.on(Events.ShardDisconnect, (_event, shard) => log.warn(`Gateway connection of shard ${shard} closed; reconnecting`));
  client.on(Events.ShardResume, (shard) => log.info(`Shard ${shard} resumed`));
  client.rest.on('rateLimited', (info) => log.warn(`Rate limited on ${info.route}; retrying in ${info.retryAfter} ms`));

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    await client.destroy();
    throw new Error(explainLoginFailure(error));
  }
  return {
    client,
    async stop() {
      paginator.stop();
      await client.destroy();
    },
  };
}
