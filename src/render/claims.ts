import type { APIEmbed } from 'discord.js';
import type { ReplyPayload } from '../app/command.ts';
import type { ClaimsResult, ClaimView } from '../search/claims-lookup.ts';
import { quoted } from './answer.ts';
import { buildEmbed, COLORS } from './embed.ts';
import { escapeText } from './limits.ts';

/**
 * Claims as embeds, in the manner of schema.org Claim and Google Fact Check: the claim, who makes it, and where
 * it appears (article, outlet, paragraph, exact words), grouped by report. Framing is described, never rated.
 */

export const CLAIMS_PER_PAGE = 5;

const MATCH_LABEL: Record<ClaimView['match'], string> = {
  alias: 'about them',
  coreference: 'about them ("he", "the president"…)',
  claimant: 'made by them',
};

function framing(claim: ClaimView): string {
  const who = claim.claimant
    ? `**${escapeText(claim.claimant)}**${claim.claimantRole ? ` (${escapeText(claim.claimantRole)})` : ''}`
    : '**The article itself**';
  const cue = claim.cue ? ` (${escapeText(claim.cue)})` : '';
  const hedge = claim.hedge ? ` · framed as: _${escapeText(claim.hedge)}_` : '';
  return `${who}${cue}${hedge}`;
}

export function claimsPageCount(result: ClaimsResult): number {
  return Math.max(1, Math.ceil(result.claims.length / CLAIMS_PER_PAGE));
}

function pageEmbed(result: ClaimsResult, page: number): APIEmbed {
  const pages = claimsPageCount(result);
  const shown = result.claims.slice(page * CLAIMS_PER_PAGE, (page + 1) * CLAIMS_PER_PAGE);
  const sources = new Set(result.claims.map((claim) => claim.citation.sourceId)).size;
  let previousSource: string | null = null;
  const fields = shown.map((claim) => {
    const { citation } = claim;
    const newSource = citation.sourceId !== previousSource;
    previousSource = citation.sourceId;
    const article = `${citation.title}${citation.outlet ? ` — ${citation.outlet}` : ''}`;
    return {
      name: `${newSource ? `${article} · ` : ''}paragraph ${citation.paragraph} · ${MATCH_LABEL[claim.match]}`,
      value: `${framing(claim)}\n> ${quoted(escapeText(citation.quote))}`,
    };
  });
  return buildEmbed({
    title: `What the reports claim about ${result.entity!.name}`,
    description:
      `${result.claims.length} claim${result.claims.length === 1 ? '' : 's'} in ${sources} report${sources === 1 ? '' : 's'}. ` +
      'Each shows who makes it and how the article frames it; Dossier does not rate claims true or false.',
    fields,
    color: COLORS.info,
    footer: pages > 1 ? `Page ${page + 1} of ${pages}` : undefined,
  });
}

export function renderClaimsPage(result: ClaimsResult, page: number): ReplyPayload {
  if (!result.entity) {
    const closest = result.suggestions.length ? ` Closest known: ${result.suggestions.map(escapeText).join(', ')}.` : '';
    return { content: `I don't know anyone or anything called “${escapeText(result.query.slice(0, 100))}” in the reports.${closest}` };
  }
  if (result.claims.length === 0) {
    return { content: `The reports mention ${escapeText(result.entity.name)}, but make no claims about them.` };
  }
  return { embeds: [pageEmbed(result, Math.min(Math.max(0, page), claimsPageCount(result) - 1))] };
}

/** Every page, one after another: what the console and the CLI print. */
export function renderAllClaims(result: ClaimsResult): ReplyPayload[] {
  if (!result.entity || result.claims.length === 0) return [renderClaimsPage(result, 0)];
  return Array.from({ length: claimsPageCount(result) }, (_, page) => renderClaimsPage(result, page));
}
