import type { CommandContext, CommandOptions, CommandUser, Confirmation, ReplyPayload, ShardRefresh } from './command.ts';
import type { Curation } from '../curation/curation.ts';
import type { ModalSpec } from '../curation/qa-modal.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import type { Confirmations } from './confirmations.ts';
import type { InteractionReplies } from './interaction-replies.ts';
import type { Paginator } from './paginator.ts';

/** A slash command as the shared command modules see it, whichever transport delivered it. */

export interface InteractionServices {
  knowledge: KnowledgeStore;
  curation: Curation;
  paginator: Paginator;
  confirmations: Confirmations;
  /** Rebuilds the knowledge wherever it is served: every shard, or every replica. */
  refreshKnowledge(): Promise<ShardRefresh[]>;
}

export interface CommandInvocation {
  interactionId: string;
  user: CommandUser;
  guildId: string | null;
  options: CommandOptions;
  moderator: boolean;
  replies: InteractionReplies;
}

export class InteractionCommandContext implements CommandContext {
  readonly knowledge: KnowledgeStore;
  readonly curation: Curation;
  readonly user: CommandUser;
  readonly guildId: string | null;
  readonly options: CommandOptions;

  constructor(
    private readonly invocation: CommandInvocation,
    private readonly services: InteractionServices,
  ) {
    this.knowledge = services.knowledge;
    this.curation = services.curation;
    this.user = invocation.user;
    this.guildId = invocation.guildId;
    this.options = invocation.options;
  }

  isModerator(): boolean {
    return this.invocation.moderator;
  }

  defer(options: { ephemeral?: boolean } = {}): Promise<void> {
    return this.invocation.replies.defer(options);
  }

  reply(payload: ReplyPayload): Promise<void> {
    return this.invocation.replies.reply(payload);
  }

  async replyPaged(pages: ReplyPayload[]): Promise<void> {
    if (pages.length <= 1) return this.reply(pages[0] ?? { content: 'Nothing to show.' });
    await this.services.paginator.start(this.invocation.interactionId, this.user.id, this.invocation.replies, pages);
  }

  async showModal(modal: ModalSpec): Promise<boolean> {
    await this.invocation.replies.showModal(modal);
    return true;
  }

  async confirm(confirmation: Confirmation): Promise<void> {
    await this.reply(await this.services.confirmations.ask(this.invocation.interactionId, this.user.id, confirmation));
  }

  refreshKnowledge(): Promise<ShardRefresh[]> {
    return this.services.refreshKnowledge();
  }
}
