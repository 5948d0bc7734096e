import { MessageFlags, type ChatInputCommandInteraction, type Client } from 'discord.js';
import { z } from 'zod';
import type { CommandContext, CommandOptions, Confirmation, ReplyPayload, ShardRefresh } from '../app/command.ts';
import type { Curation } from '../curation/curation.ts';
import type { ModalSpec } from '../curation/qa-modal.ts';
import type { KnowledgeStore, RefreshResult } from '../kb/store.ts';
import type { Confirmations } from './confirmations.ts';
import { toModal } from './modals.ts';
import type { Paginator } from './paginator.ts';
import { toInteractionReply } from './payload.ts';

/** A slash command as the shared command modules see it. */

/** What every shard's client carries so that a refresh on one shard reaches all of them. */
export interface RefreshableClient {
  dossierRefresh?: () => Promise<RefreshResult>;
}

export async function refreshEverywhere(client: Client, store: KnowledgeStore): Promise<ShardRefresh[]> {
  if (!client.shard) return [{ shard: null, result: await store.refresh() }];
  const results = await client.shard.broadcastEval((shardClient) => (shardClient as unknown as RefreshableClient).dossierRefresh!());
  // broadcastEval answers in shard order; each process runs one shard.
  return results.map((result, shard) => ({ shard, result }));
}

export interface InteractionServices {
  knowledge: KnowledgeStore;
  curation: Curation;
  paginator: Paginator;
  confirmations: Confirmations;
}

const AttachmentSchema = z.object({ name: z.string(), url: z.string(), size: z.number() });

/**
 * Option values cross a schema here, once: a forged payload (a number where text belongs, a wrong type, an
 * option Discord would never send) reads as absent instead of reaching a command as the wrong type.
 */
function readOptions(interaction: ChatInputCommandInteraction): CommandOptions {
  const read = <T>(schema: z.ZodType<T>, get: () => unknown): T | null => {
    try {
      const parsed = schema.safeParse(get());
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  return {
    getString: (name) => read(z.string(), () => interaction.options.getString(name)),
    getBoolean: (name) => read(z.boolean(), () => interaction.options.getBoolean(name)),
    getInteger: (name) => read(z.number().int(), () => interaction.options.getInteger(name)),
    getAttachment: (name) => read(AttachmentSchema, () => {
      const file = interaction.options.getAttachment(name);
      return file ? { name: file.name, url: file.url, size: file.size } : null;
    }),
    getSubcommand: () => read(z.string(), () => interaction.options.getSubcommand(false)),
  };
}

export class InteractionCommandContext implements CommandContext {
  readonly user: { id: string; name: string };
  readonly options: CommandOptions;
  readonly knowledge: KnowledgeStore;
  readonly curation: Curation;
  readonly guildId: string | null;
  private answeredDeferral = false;

  constructor(
    private readonly interaction: ChatInputCommandInteraction,
    private readonly services: InteractionServices,
    private readonly moderator: boolean,
  ) {
    this.knowledge = services.knowledge;
    this.curation = services.curation;
    this.guildId = interaction.guildId;
    this.user = { id: interaction.user.id, name: interaction.user.username };
    this.options = readOptions(interaction);
  }

  isModerator(): boolean {
    return this.moderator;
  }

  async defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    if (this.interaction.deferred || this.interaction.replied) return;
    await this.interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  }

  /** First answer: reply, or fill the deferred reply; later answers are follow-ups. */
  async reply(payload: ReplyPayload): Promise<void> {
    const options = toInteractionReply(payload);
    if (!this.interaction.deferred && !this.interaction.replied) {
      await this.interaction.reply(options);
    } else if (this.interaction.deferred && !this.answeredDeferral) {
      this.answeredDeferral = true;
      const { flags: _flags, ...edit } = options;
      await this.interaction.editReply(edit);
    } else {
      await this.interaction.followUp(options);
    }
  }

  async replyPaged(pages: ReplyPayload[]): Promise<void> {
    if (pages.length <= 1) return this.reply(pages[0] ?? { content: 'Nothing to show.' });
    await this.services.paginator.start(this.interaction, pages, (payload) => this.reply(payload));
  }

  async showModal(modal: ModalSpec): Promise<boolean> {
    await this.interaction.showModal(toModal(modal));
    return true;
  }

  async confirm(confirmation: Confirmation): Promise<void> {
    await this.reply(this.services.confirmations.ask(this.interaction.id, this.user.id, confirmation));
  }

  refreshKnowledge(): Promise<ShardRefresh[]> {
    return refreshEverywhere(this.interaction.client, this.knowledge);
  }
}
