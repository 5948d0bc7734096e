import { describe, expect, it } from 'vitest';
import { checkedSuggestion, KEPT_SUGGESTION_CHECKS } from '../src/answer/suggestion-checks.ts';
import type { Citation } from '../src/kb/types.ts';
import { knowledgeOfReports } from './helpers/knowledge.ts';

/** A suggested question is checked by answering it once per knowledge base and scoring, not once per declined question. */

const citation: Citation = { sourceId: 'a.txt', title: 'A', outlet: null, url: null, paragraph: 1, quote: 'A quote.' };

describe('suggestion checks', () => {
  const report = { 'a.txt': 'Report A\n\nThe harbour reopened on Monday after the storm.' };

  it('answers a suggested question once, and gives the same citation after', () => {
    const kb = knowledgeOfReports(report);
    let answered = 0;
    const check = () => checkedSuggestion(kb, '', 'Who is X?', () => (answered++, citation));
    expect(check()).toBe(citation);
    expect(check()).toBe(citation);
    expect(answered).toBe(1);
  });

  it('remembers a declined check too, and checks again for another knowledge base or other scoring', () => {
    const kb = knowledgeOfReports(report);
    let answered = 0;
    const declined = () => (answered++, null);
    expect(checkedSuggestion(kb, '', 'What about the harbour?', declined)).toBeNull();
    expect(checkedSuggestion(kb, '', 'What about the harbour?', declined)).toBeNull();
    expect(answered).toBe(1);
    checkedSuggestion(kb, '{"threshold":0.6}', 'What about the harbour?', declined);
    checkedSuggestion(knowledgeOfReports(report), '', 'What about the harbour?', declined);
    expect(answered).toBe(3);
  });

  it('keeps a bounded number, the most recently used', () => {
    const kb = knowledgeOfReports(report);
    let answered = 0;
    const check = (question: string) => checkedSuggestion(kb, '', question, () => (answered++, null));
    check('first');
    for (let index = 0; index < KEPT_SUGGESTION_CHECKS; index++) check(`question ${index}`);
    expect(answered).toBe(KEPT_SUGGESTION_CHECKS + 1);
    check('first');
    expect(answered).toBe(KEPT_SUGGESTION_CHECKS + 2);
  });
});
