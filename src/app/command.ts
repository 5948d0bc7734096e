import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Curation } from '../curation/curation.ts';
import type { ModalSpec } from '../curation/qa-modal.ts';
import type { KnowledgeStore, RefreshResult } from '../kb/store.ts';
import type { Precondition } from './checks.ts';

/**
 * The contract every module in commands/ implements, shared by the Discord bot and the offline console: a command
 * reads its options, calls the engine and hands the result to a renderer. Neither adapter's details leak in.
 */

export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  /** Only the person who asked sees it. */
  ephemeral?: boolean;
  /** Buttons (votes, pages, gaps); the console does not show them. */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

export interface AttachmentInfo {
  name: string;
  url: string;
  size: number;
}

export interface CommandOptions {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
  getInteger(name: string): number | null;
  getAttachment(name: string): AttachmentInfo | null;
  getSubcommand(): string | null;
}

export interface CommandUser {
  id: string;
  name: string;
}

/** One process's refresh: with sharding every shard reports its own, with shared knowledge every replica. */
export interface ShardRefresh {
  shard: number | null;
  /** The replica (host:pid) that reported, when replicas share PostgreSQL. */
  replica?: string;
  /** null: the replica did not confirm in time (it catches up on its own, or is down). */
  result: RefreshResult | null;
}

/**
 * A change waiting for "are you sure?", described as data rather than a closure, so that whichever process receives
 * the Confirm press (another replica, say) can carry it out.
 */
export interface PendingChange {
  kind: 'remove-source' | 'remove-qa';
  target: string;
}

export interface Confirmation {
  prompt: ReplyPayload;
  change: PendingChange;
}

export interface CommandContext {
  readonly knowledge: KnowledgeStore;
  readonly curation: Curation;
  readonly user: CommandUser;
  /** The server the command came from; null at the console. */
  readonly guildId: string | null;
  readonly options: CommandOptions;
  /** Whether the caller may run moderator commands, checked on every call (not only by Discord's UI). */
  isModerator(): boolean;
  /** Acknowledge now, answer later: for work that may take longer than Discord's three seconds. */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  reply(payload: ReplyPayload): Promise<void>;
  /** Several pages of one answer: Discord shows one at a time with buttons, the console prints them all. */
  replyPaged(pages: ReplyPayload[]): Promise<void>;
  /** Rebuilds the knowledge in every process serving it (every shard), each swapping only if its build is valid. */
  refreshKnowledge(): Promise<ShardRefresh[]>;
  /** Opens a form; false where forms cannot be shown (the console). */
  showModal(modal: ModalSpec): Promise<boolean>;
  /** Shows the prompt with Confirm / Cancel; runs the change only when the same person confirms. */
  confirm(confirmation: Confirmation): Promise<void>;
}

export interface AutocompleteContext {
  readonly knowledge: KnowledgeStore;
  readonly curation: Curation;
  readonly focused: { name: string; value: string };
  readonly subcommand: string | null;
}

export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface CommandModule {
  /** A discord.js builder; its JSON is what deploy-commands registers. */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Checked, in order, before execute runs (moderator only, cooldown, …). */
  checks?: readonly Precondition[];
  execute(context: CommandContext): Promise<void>;
  autocomplete?(context: AutocompleteContext): Promise<AutocompleteChoice[]>;
}
