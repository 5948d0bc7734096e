import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { checkQuestion } from '../src/answer/question-input.ts';
import { projectKnowledge } from './helpers/knowledge.ts';

/** What Discord puts around a question (mentions, links, markdown, emoji, a greeting) does not change its answer. */

const QUESTION = 'who is John Sipher?';
const NOISY = [
  `<@123456789012345678> ${QUESTION}`,
  `<@!123456789012345678> ${QUESTION} <@&234567890123456789>`,
  `@everyone @here ${QUESTION}`,
  `<#345678901234567890> **${QUESTION}**`,
  `\`\`\`\n${QUESTION}\n\`\`\``,
  `> ${QUESTION} <:thinking:456789012345678901> <a:wave:567890123456789012>`,
  `${QUESTION} https://example.com/some/article?id=1 <https://example.org/x>`,
  `||${QUESTION}|| ~~ignore~~`,
  // A mention and an emoji typed as text, where Discord did not turn them into one; a greeting and thanks.
  `hey @Dossier ${QUESTION} :thinking:`,
  `hi, ${QUESTION} thanks!`,
];

describe('noise around a question', () => {
  it('is removed before the question is read', () => {
    expect(checkQuestion(NOISY[0]!)).toEqual({ ok: true, question: QUESTION });
    expect(checkQuestion('<@123456789012345678>')).toMatchObject({ ok: false });
    expect(checkQuestion('https://example.com')).toMatchObject({ ok: false });
  });

  it('does not change the answer or its citation', async () => {
    const kb = await projectKnowledge();
    const plain = answerQuestion(kb, QUESTION);
    expect(plain.answered).toBe(true);
    for (const noisy of NOISY) {
      const answer = answerQuestion(kb, noisy);
      expect(answer.answered, noisy).toBe(true);
      expect(answer.citations[0], noisy).toEqual(plain.citations[0]);
    }
  });
});
