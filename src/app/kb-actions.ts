import type { Curation } from '../curation/curation.ts';
import { StorageUnavailableError } from '../curation/records.ts';
import { findGaps } from '../curation/gaps.ts';
import { CurationError, MAX_PAGE_BYTES, MAX_UPLOAD_BYTES, PAGE_EXTENSIONS, type NewQa, type SourceUpload } from '../kb/writer.ts';
import { FetchRefusedError } from '../fetch/fetch-page.ts';
import path from 'node:path';
import type { KnowledgeStore } from '../kb/store.ts';
import { renderAudit, renderDone, renderGaps, renderRefused, renderSourceAdded } from '../render/curation.ts';
import { renderRefresh } from '../render/knowledge-admin.ts';
import { escapeText } from '../render/limits.ts';
import { log } from '../log.ts';
import type { AttachmentInfo, CommandContext, Confirmation, PendingChange, ReplyPayload, ShardRefresh } from './command.ts';

/**
 * What moderators do to the knowledge, one function per action: validate, write (through KnowledgeWriter,
 * atomically), refresh every shard, audit, and say what happened. Shared by /kb subcommands, the add-Q&A form and
 * the confirmation buttons, so each path does exactly the same.
 */

export interface Moderator {
  id: string;
  name: string;
  guildId: string | null;
}

export interface KnowledgeServices {
  knowledge: KnowledgeStore;
  curation: Curation;
  refreshKnowledge(): Promise<ShardRefresh[]>;
}

async function audited(
  services: KnowledgeServices,
  moderator: Moderator,
  action: string,
  detail: string,
  run: () => Promise<ReplyPayload>,
): Promise<ReplyPayload> {
  let result = 'failed';
  try {
    const reply = await run();
    result = reply.embeds?.[0]?.title ?? reply.content ?? 'done';
    return reply;
  } catch (error) {
    if (!(error instanceof CurationError) && !(error instanceof StorageUnavailableError)) throw error;
    result = `refused: ${error.message}`;
    return renderRefused(action, error.message);
  } finally {
    await services.curation.audit
      .record({ actorId: moderator.id, actorName: moderator.name, guildId: moderator.guildId, action, detail, result })
      .catch((error: unknown) => {
        log.warn(`Could not write the audit entry for ${action}`, error);
      });
  }
}

/** How each replica took a change, for the moderator's reply: "a ✓ 120 ms, b ✗ kept the previous knowledge, c not confirmed". */
function replicaLine(refreshes: ShardRefresh[]): string {
  const replicas = refreshes.filter((refresh) => refresh.replica !== undefined);
  if (replicas.length === 0) return '';
  const state = ({ replica, result }: ShardRefresh) =>
    result === null
      ? `${replica} not confirmed yet (it catches up on its own)`
      : result.ok
        ? `${replica} ✓ ${result.tookMs} ms`
        : `${replica} ✗ kept the previous knowledge`;
  return `\nReplicas: ${replicas.map(state).join(', ')}.`;
}

/** After a write: every shard or replica reloads; one that fails to is reported, the others serve the change. */
async function refreshAfterWrite(services: KnowledgeServices): Promise<string> {
  const refreshes = await services.refreshKnowledge();
  const failed = refreshes.filter((refresh) => refresh.result?.ok === false && refresh.replica === undefined);
  const shardNote =
    failed.length === 0 ? '' : `\n${failed.length} shard(s) could not reload and keep the previous knowledge; run /kb refresh.`;
  return shardNote + replicaLine(refreshes);
}

export function refresh(services: KnowledgeServices, moderator: Moderator): Promise<ReplyPayload> {
  return audited(services, moderator, 'refresh', '', async () => renderRefresh(await services.refreshKnowledge()));
}

/** The upload behind /kb add-source: an attachment (a report or a saved page), or the page at a link. */
async function uploadFrom(
  services: KnowledgeServices,
  attachment: AttachmentInfo | null,
  metadata: Record<string, string | null>,
): Promise<SourceUpload> {
  if (attachment) {
    const isPage = PAGE_EXTENSIONS.includes(path.extname(attachment.name).toLowerCase());
    const limit = isPage ? MAX_PAGE_BYTES : MAX_UPLOAD_BYTES;
    if (attachment.size > limit)
      throw new CurationError(
        `The file is ${attachment.size} bytes; ${isPage ? 'pages' : 'reports'} may be at most ${limit} bytes (${limit / 1024 / 1024} MB).`,
      );
    return { originalName: attachment.name, bytes: await services.curation.fetchAttachment(attachment.url, limit), metadata };
  }
  return uploadOfLink(services.curation.fetchLink, metadata.url ?? '', metadata);
}

/** The page at a link, fetched safely, as an upload; the page's own address wins over the link typed. */
export async function uploadOfLink(
  fetchLink: (link: string) => Promise<{ url: string; contentType: string; bytes: Buffer }>,
  link: string,
  metadata: Record<string, string | null>,
): Promise<SourceUpload> {
  let page;
  try {
    page = await fetchLink(link);
  } catch (error) {
    if (error instanceof FetchRefusedError) throw new CurationError(`The link was not added: ${error.message}`);
    throw error;
  }
  const { url: _typedLink, ...typed } = metadata;
  return {
    originalName: page.contentType === 'text/plain' ? 'page.txt' : 'page.html',
    bytes: page.bytes,
    metadata: typed,
    pageUrl: page.url,
  };
}

export function addSource(
  services: KnowledgeServices,
  moderator: Moderator,
  attachment: AttachmentInfo | null,
  metadata: Record<string, string | null>,
): Promise<ReplyPayload> {
  return audited(services, moderator, 'add-source', (attachment?.name ?? metadata.url ?? '').slice(0, 100), async () => {
    const upload = await uploadFrom(services, attachment, metadata);
    const { file } = await services.curation.writer.addSource(upload);
    const warning = await refreshAfterWrite(services);
    const reply = renderSourceAdded(file, services.knowledge.current);
    return warning ? { ...reply, content: warning.trim() } : reply;
  });
}

export function addQa(services: KnowledgeServices, moderator: Moderator, entry: NewQa): Promise<ReplyPayload> {
  return audited(services, moderator, 'add-qa', entry.question.slice(0, 100), async () => {
    const { id } = await services.curation.writer.addQa(entry);
    const warning = await refreshAfterWrite(services);
    return renderDone('Q&A added', `\`${id}\`: “${escapeText(entry.question)}” is answered from now on.${warning}`);
  });
}

/** "Remove this report?", naming the Q&A that go with it. */
export async function confirmRemoveSource(services: KnowledgeServices, file: string): Promise<Confirmation> {
  const citing = await services.curation.writer.qaCiting(file);
  const also = citing.length ? `\nThe ${citing.length} Q&A citing it go too: ${citing.map((id) => `\`${id}\``).join(', ')}.` : '';
  return {
    prompt: { ephemeral: true, content: `Remove the report \`${escapeText(file)}\`?${also}` },
    change: { kind: 'remove-source', target: file },
  };
}

export function confirmRemoveQa(id: string): Confirmation {
  return { prompt: { ephemeral: true, content: `Remove the Q&A \`${escapeText(id)}\`?` }, change: { kind: 'remove-qa', target: id } };
}

/** Carries out a confirmed change, whichever process showed the prompt. */
export function runChange(services: KnowledgeServices, moderator: Moderator, change: PendingChange): Promise<ReplyPayload> {
  return change.kind === 'remove-source' ? removeSource(services, moderator, change.target) : removeQa(services, moderator, change.target);
}

export function removeSource(services: KnowledgeServices, moderator: Moderator, file: string): Promise<ReplyPayload> {
  return audited(services, moderator, 'remove-source', file, async () => {
    const { removedQa } = await services.curation.writer.removeSource(file);
    const warning = await refreshAfterWrite(services);
    const qa = removedQa.length ? ` and the ${removedQa.length} Q&A citing it (${removedQa.map((id) => `\`${id}\``).join(', ')})` : '';
    return renderDone('Report removed', `\`${escapeText(file)}\`${qa} removed.${warning}`);
  });
}

export function removeQa(services: KnowledgeServices, moderator: Moderator, id: string): Promise<ReplyPayload> {
  return audited(services, moderator, 'remove-qa', id, async () => {
    await services.curation.writer.removeQa(id);
    const warning = await refreshAfterWrite(services);
    return renderDone('Q&A removed', `\`${escapeText(id)}\` removed.${warning}`);
  });
}

export function gaps(services: KnowledgeServices, moderator: Moderator, days: number): Promise<ReplyPayload> {
  return audited(services, moderator, 'gaps', `${days} days`, async () =>
    renderGaps(await findGaps(services.curation.feedback, days), days),
  );
}

export function audit(services: KnowledgeServices, moderator: Moderator, limit: number): Promise<ReplyPayload> {
  return audited(services, moderator, 'audit', `last ${limit}`, async () => renderAudit(await services.curation.audit.recent(limit)));
}

export function moderatorOf(context: CommandContext): Moderator {
  return { id: context.user.id, name: context.user.name, guildId: context.guildId };
}
