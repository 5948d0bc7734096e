import type { APIEmbed } from 'discord.js';
import type { ReplyPayload, ShardRefresh } from '../app/command.ts';
import { describeProblem } from '../kb/errors.ts';
import type { KnowledgeStore, RefreshResult } from '../kb/store.ts';
import { buildEmbed, COLORS } from './embed.ts';
import { escapeText } from './limits.ts';

/** Replies for the moderators' /kb commands. */

function list(items: string[], max = 10): string {
  const shown = items.slice(0, max).map((item) => `• ${escapeText(item)}`);
  if (items.length > max) shown.push(`• … and ${items.length - max} more`);
  return shown.join('\n');
}

function refreshEmbed(result: RefreshResult | null, shard: number | null, replica: string | undefined): APIEmbed {
  const where = replica !== undefined ? ` (replica ${escapeText(replica)})` : shard === null ? '' : ` (shard ${shard})`;
  if (result === null) {
    return buildEmbed({
      title: `Not confirmed${where}`,
      description:
        'This replica did not confirm the new knowledge in time. It checks again on its own; if it is down, it loads the current knowledge when it starts.',
      color: COLORS.info,
    });
  }
  if (!result.ok) {
    return buildEmbed({
      title: `Refresh failed${where}: the knowledge was not changed`,
      description: `The previous knowledge keeps serving. Fix these and refresh again:\n${list(result.problems.map(describeProblem), 15)}`,
      color: COLORS.error,
      footer: `Checked in ${result.tookMs} ms`,
    });
  }
  const { change } = result;
  const fields = [
    { name: 'Reports', value: `${change.before.sources} → ${change.after.sources}`, inline: true },
    {
      name: 'Paragraphs',
      value: `${change.before.passages} → ${change.after.passages} (+${change.passagesAdded} / −${change.passagesRemoved})`,
      inline: true,
    },
    { name: 'Curated Q&A', value: `${change.before.qa} → ${change.after.qa}`, inline: true },
    { name: 'Claims', value: `${change.before.claims} → ${change.after.claims}`, inline: true },
  ];
  if (change.sourcesAdded.length) fields.push({ name: 'Reports added', value: list(change.sourcesAdded), inline: false });
  if (change.sourcesRemoved.length) fields.push({ name: 'Reports removed', value: list(change.sourcesRemoved), inline: false });
  if (change.qaAdded.length) fields.push({ name: 'Q&A added', value: list(change.qaAdded), inline: false });
  if (change.qaRemoved.length) fields.push({ name: 'Q&A removed', value: list(change.qaRemoved), inline: false });
  if (result.warnings.length) fields.push({ name: 'Warnings', value: list([...result.warnings]), inline: false });
  return buildEmbed({
    title: result.changed ? `Knowledge refreshed${where}` : `Knowledge refreshed${where}: nothing had changed`,
    fields,
    color: COLORS.answer,
    footer: result.changed ? `Rebuilt and swapped in ${result.tookMs} ms` : `Checked in ${result.tookMs} ms`,
  });
}

/** One embed per process that refreshed (Discord allows ten per message; more shards are summarised). */
export function renderRefresh(refreshes: ShardRefresh[]): ReplyPayload {
  const embeds = refreshes.slice(0, 10).map(({ shard, replica, result }) => refreshEmbed(result, shard, replica));
  const content =
    refreshes.length > 10 ? `${refreshes.filter((item) => item.result?.ok).length} of ${refreshes.length} processes refreshed.` : undefined;
  return { ephemeral: true, embeds, content };
}

export function renderStatus(store: KnowledgeStore): ReplyPayload {
  const kb = store.current;
  const counts = kb.counts();
  const last = store.lastRefreshResult;
  const fields = [
    { name: 'Reports', value: String(counts.sources), inline: true },
    { name: 'Paragraphs', value: String(counts.passages), inline: true },
    { name: 'Curated Q&A', value: String(counts.qa), inline: true },
    { name: 'Entities', value: `${counts.entities} (${counts.curatedEntities} from entities.json)`, inline: true },
    { name: 'Claims', value: `${counts.claims} (${counts.attributedClaims} attributed)`, inline: true },
    { name: 'Built', value: `${kb.builtAt} (version ${kb.fingerprint.slice(0, 12)})`, inline: false },
  ];
  if (store.revision !== null) fields.push({ name: 'Revision', value: `${store.revision} (shared through PostgreSQL)`, inline: true });
  if (last) {
    fields.push({
      name: 'Last refresh',
      value: `${last.at}: ${last.result.ok ? 'succeeded' : `failed (${last.result.problems.length} problems); previous knowledge kept`}`,
      inline: false,
    });
  }
  if (store.refreshInProgress) fields.push({ name: 'Now', value: 'A refresh is running.', inline: false });
  if (kb.warnings.length) fields.push({ name: 'Warnings', value: list([...kb.warnings]), inline: false });
  return { ephemeral: true, embeds: [buildEmbed({ title: 'Knowledge base status', fields, color: COLORS.info })] };
}
