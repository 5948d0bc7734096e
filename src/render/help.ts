import type { ReplyPayload } from '../app/command.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { buildEmbed, COLORS } from './embed.ts';
import { escapeText } from './limits.ts';

export function renderHelp(kb: KnowledgeBase, moderator: boolean): ReplyPayload {
  const examples = kb.qa.slice(0, 3).map((pair) => `• ${escapeText(pair.question)}`);
  const fields = [
    {
      name: 'Ask',
      value:
        '`/ask question` answers from the reports and quotes the article, paragraph and exact words it used. ' +
        'Mentioning me with a question works too. When the reports do not cover something, I say so.',
    },
    {
      name: 'Claims',
      value:
        '`/claims subject` lists what the reports claim about a person or organisation (or what they claim), who claims it and how the article frames it.',
    },
    { name: 'Reports', value: '`/sources` lists the reports I answer from. 👍 / 👎 under an answer tells the moderators how it did.' },
  ];
  if (examples.length > 0) fields.push({ name: 'Try', value: examples.join('\n') });
  if (moderator) {
    fields.push({
      name: 'Moderators',
      value:
        '`/kb refresh` reloads the knowledge folder (the old knowledge keeps serving if the new one is invalid); `/kb status` shows what is loaded. ' +
        '`/kb add-source`, `/kb add-qa`, `/kb remove-source`, `/kb remove-qa` curate; `/kb gaps` shows what people could not get answered; `/kb audit` the latest moderator actions.',
    });
  }
  return {
    embeds: [
      buildEmbed({
        title: 'Dossier: answers from the news reports, with sources',
        description: 'Every answer cites its source: the article, its outlet, the paragraph and the quoted words.',
        fields,
        color: COLORS.info,
      }),
    ],
  };
}
