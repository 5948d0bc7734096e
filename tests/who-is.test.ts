import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { knowledgeOfReports } from './helpers/knowledge.ts';

/**
 * "Who is X?" is answered from the sentence that says who X is: where the report names them in full with their
 * role, or, when it never does, where it describes them by another name they go by (their surname alone).
 */

describe('who is someone', () => {
  it('is answered where the report says who they are by their surname, when it never does by their full name', () => {
    // A real article as scraped: it names Michelle Hege in full once, where it does not say who she is.
    const file = 'spokesman-south-dakota-meth-campaign-ad-agencies.txt';
    const kb = knowledgeOfReports({ [file]: readFileSync(join(import.meta.dirname, 'eval/real/dev3/sources', file)) });
    const answer = answerQuestion(kb, 'who is michelle hege', { suggest: false });
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('Hege is the CEO of DH');
  });

  it('prefers where the report introduces them in full over a later mention by their surname', () => {
    const kb = knowledgeOfReports({
      'museum.txt':
        'Museum closes for a day\n\nLaurence Moreau, the museum’s president, said the doors would stay shut on Monday.\n\n' +
        'Staff met on Sunday to talk about pay. Moreau, who has run it since 2021, spoke to them for an hour.',
    });
    const answer = answerQuestion(kb, 'who is laurence moreau', { suggest: false });
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('the museum’s president');
  });
});
