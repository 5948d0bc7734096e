import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { SpellingCorrector } from '../src/search/spelling.ts';
import { knowledgeOfReports, reportText } from './helpers/knowledge.ts';

describe('reading a misspelt word', () => {
  const speller = new SpellingCorrector(
    new Map([
      ['first', 40],
      ['fritz', 3],
      ['fitter', 2],
      ['intelligence', 9],
      ['hotel', 5],
    ]),
  );

  it('takes two swapped letters for one slip, not two', () => {
    expect(speller.correct('frist')).toBe('first');
  });

  it('prefers the word one letter away to a stop word two away', () => {
    // "after" is two edits from "fiter"; "fitter" is one.
    expect(speller.correct('fiter')).toBe('fitter');
  });

  it('still reads a shortened word as the whole word', () => {
    expect(speller.correct('intel')).toBe('intelligence');
  });

  it('shows the reading it made and answers from it', () => {
    const kb = knowledgeOfReports({
      'boiler.txt': reportText(
        'Plumber Jailed Over Boiler Death | Example News',
        'Registered gas fitter Andrew Hartley, 37, fitted the boiler flue twelve days before the leak.',
        'Fritz Weber, a neighbour, said he had smelt nothing unusual that week.',
      ),
    });
    const answer = answerQuestion(kb, 'who was the gas fiter');
    expect(answer.corrections).toContainEqual({ from: 'fiter', to: 'fitter' });
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('Registered gas fitter Andrew Hartley');
  });
});
