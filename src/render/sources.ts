import type { ReplyPayload } from '../app/command.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { buildEmbed, COLORS } from './embed.ts';
import { escapeText, LIMITS } from './limits.ts';

/** The list of loaded reports for /sources. */
export function renderSources(kb: KnowledgeBase): ReplyPayload {
  const passageCount = new Map<string, number>();
  for (const passage of kb.passages) passageCount.set(passage.sourceId, (passageCount.get(passage.sourceId) ?? 0) + 1);
  const claimCount = new Map<string, number>();
  for (const claim of kb.claims) if (claim.cue !== null) claimCount.set(claim.sourceId, (claimCount.get(claim.sourceId) ?? 0) + 1);
  const shown = kb.sources.slice(0, LIMITS.fields - 1);
  const fields = shown.map((source) => {
    const facts = [
      source.outlet ? `Outlet: ${escapeText(source.outlet)}` : 'Outlet: not stated',
      source.published ? `Published: ${source.published}` : null,
      `${passageCount.get(source.id) ?? 0} paragraphs`,
      `${claimCount.get(source.id) ?? 0} attributed claims`,
      source.url ? `<${source.url}>` : null,
    ].filter(Boolean);
    return { name: escapeText(source.title), value: `${facts.join(' · ')}\nFile: \`${source.id}\`` };
  });
  if (kb.sources.length > shown.length) {
    fields.push({ name: `… and ${kb.sources.length - shown.length} more`, value: 'Ask a moderator for the full list (/kb status).' });
  }
  const { sources, passages, qa } = kb.counts();
  return {
    embeds: [
      buildEmbed({
        title: `Reports I answer from (${sources})`,
        description: `${passages} paragraphs and ${qa} curated questions in all. Every answer cites one of these.`,
        fields,
        color: COLORS.info,
      }),
    ],
  };
}
