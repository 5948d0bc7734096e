import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { ReplyPayload } from '../app/command.ts';
import type { AuditEntry } from '../curation/audit.ts';
import type { Gap } from '../curation/gaps.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { buildEmbed, COLORS } from './embed.ts';
import { escapeText, withoutMentions } from './limits.ts';

/** Replies for moderators' curation commands, and the vote buttons under answers. */

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;
export const VOTE_PREFIX = 'dossier-vote';
export const GAP_PREFIX = 'dossier-gap';
const BUTTON = 2;
const ROW = 1;

export function voteButtons(answerId: string): Row[] {
  return [
    {
      type: ROW,
      components: [
        { type: BUTTON, style: 2, custom_id: `${VOTE_PREFIX}:${answerId}:up`, emoji: { name: '👍' }, label: 'Helpful' },
        { type: BUTTON, style: 2, custom_id: `${VOTE_PREFIX}:${answerId}:down`, emoji: { name: '👎' }, label: 'Not helpful' },
      ],
    },
  ];
}

export function voteThanks(vote: 1 | -1, changed: boolean): ReplyPayload {
  const what = vote === 1 ? 'helpful 👍' : 'not helpful 👎';
  const note = vote === -1 ? ' Moderators see answers voted down and can improve them.' : '';
  return {
    ephemeral: true,
    content: `${changed ? 'Changed your vote to' : 'Thanks, recorded as'} ${what}. You can change it any time.${note}`,
  };
}

export function renderSourceAdded(file: string, kb: KnowledgeBase): ReplyPayload {
  const source = kb.source(file);
  const passages = kb.passagesOf(file);
  const claims = kb.claims.filter((claim) => claim.sourceId === file);
  const entities = [...new Set(passages.flatMap((passage) => passage.entityIds))].map((id) => kb.entity(id)?.name ?? id);
  return {
    ephemeral: true,
    embeds: [
      buildEmbed({
        title: `Report added: ${escapeText(source?.title ?? file)}`,
        description: `Stored as \`${file}\` and live now.`,
        color: COLORS.answer,
        fields: [
          { name: 'Outlet', value: escapeText(source?.outlet ?? 'not stated'), inline: true },
          { name: 'Paragraphs', value: String(passages.length), inline: true },
          { name: 'Claims', value: `${claims.length} (${claims.filter((claim) => claim.cue !== null).length} attributed)`, inline: true },
          {
            name: 'People, organisations and places named',
            value:
              entities.length > 0
                ? `${escapeText(entities.slice(0, 20).join(', '))}${entities.length > 20 ? ` and ${entities.length - 20} more` : ''} (for /claims; entities.json adds aliases)`
                : 'none found (entities.json can name them for /claims)',
          },
        ],
      }),
    ],
  };
}

export function renderRefused(action: string, reason: string): ReplyPayload {
  return {
    ephemeral: true,
    embeds: [buildEmbed({ title: `${action}: nothing was changed`, description: escapeText(reason), color: COLORS.error })],
  };
}

export function renderDone(title: string, description: string): ReplyPayload {
  return { ephemeral: true, embeds: [buildEmbed({ title, description, color: COLORS.answer })] };
}

export function renderGaps(gaps: Gap[], days: number): ReplyPayload {
  if (gaps.length === 0) {
    return { ephemeral: true, content: `No unanswered or voted-down questions in the last ${days} day${days === 1 ? '' : 's'}.` };
  }
  const lines = gaps.map((gap, index) => {
    const kinds = [gap.unanswered ? `${gap.unanswered} unanswered` : null, gap.downvoted ? `${gap.downvoted} voted down` : null]
      .filter(Boolean)
      .join(', ');
    return `**${index + 1}.** ${escapeText(gap.question)} — ×${gap.count} (${kinds})`;
  });
  const withButtons = gaps.slice(0, 5);
  return {
    ephemeral: true,
    embeds: [
      buildEmbed({
        title: `What people could not get answered (last ${days} day${days === 1 ? '' : 's'})`,
        description: `${lines.join('\n')}\n\nSimilar questions are counted together. “Write Q&A” opens the form with the question filled in.`,
        color: COLORS.info,
      }),
    ],
    components: [
      {
        type: ROW,
        components: withButtons.map((gap, index) => ({
          type: BUTTON,
          style: 1,
          custom_id: `${GAP_PREFIX}:${gap.answerId}`,
          label: `Write Q&A ${index + 1}`,
        })),
      },
    ],
  };
}

export function renderAudit(entries: AuditEntry[]): ReplyPayload {
  if (entries.length === 0) return { ephemeral: true, content: 'No moderator actions recorded yet.' };
  const lines = entries.map((entry) => {
    const when = new Date(entry.at).toISOString().replace('T', ' ').slice(0, 16);
    return `\`${when}\` **${escapeText(entry.actorName)}** ${entry.action} ${escapeText(entry.detail)} → ${escapeText(entry.result)}`;
  });
  return {
    ephemeral: true,
    embeds: [
      buildEmbed({
        title: 'Recent moderator actions',
        description: lines.join('\n'),
        color: COLORS.info,
        footer: withoutMentions('Times in UTC'),
      }),
    ],
  };
}
