import { MessageFlags, type ChatInputCommandInteraction, type Client } from 'discord.js';
import type { CommandContext, CommandOptions, ReplyPayload, ShardRefresh } from '../app/command.ts';
import type { KnowledgeStore, RefreshResult } from '../kb/store.ts';
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

export class InteractionCommandContext implements CommandContext {
  readonly user: { id: string; name: string };
  readonly options: CommandOptions;
  private answeredDeferral = false;

  constructor(
    private readonly interaction: ChatInputCommandInteraction,
    readonly knowledge: KnowledgeStore,
    private readonly paginator: Paginator,
    private readonly moderator: boolean,
  ) {
    this.user = { id: interaction.user.id, name: interaction.user.username };
    this.options = {
      getString: (name) => interaction.options.getString(name),
      getBoolean: (name) => interaction.options.getBoolean(name),
      getSubcommand: () => interaction.options.getSubcommand(false),
    };
  }

  isModerator(): boolean {
    return this.moderator;
  }

  async defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    if (this.interaction.deferred || this.interaction.replied) return;
    await this.interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  }

  /** First answer: reply, or fill the deferred reply; later answers are follow-ups. */
  async reply(payload: ReplyPayload & { components?: unknown[] }): Promise<void> {
    const options = { ...toInteractionReply(payload), components: payload.components as never };
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
    await this.paginator.start(this.interaction, pages, (payload) => this.reply(payload));
  }

  refreshKnowledge(): Promise<ShardRefresh[]> {
    return refreshEverywhere(this.interaction.client, this.knowledge);
  }
}
