import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { subjectQuestion } from '../src/answer/subject-question.ts';
import { knowledgeOfReports } from './helpers/knowledge.ts';

/**
 * A declined question's suggestions ask who did what a close paragraph says, when its sentence opens with a name:
 * a question a reader would type, not a list of key phrases.
 */

const ask = (sentence: string, name: string) => subjectQuestion(sentence, sentence.indexOf(name) + name.length);

describe('a question asking who a sentence is about', () => {
  it('keeps the verb and what follows up to the next clause, past an apposition', () => {
    expect(ask('Beverly Jones, from Newington, was crowned curry queen after she managed to finish nine spoonfuls.', 'Beverly Jones')).toBe(
      'Who was crowned curry queen?',
    );
    expect(ask('McDonald joined the band in 1975 and initially remained in the lineup until 1982.', 'McDonald')).toBe(
      'Who joined the band in 1975?',
    );
  });

  it('gives the verb the singular "who" takes', () => {
    expect(ask('Spurs have won just five matches this season and currently lie 14th in the table.', 'Spurs')).toBe(
      'Who has won just five matches this season?',
    );
  });

  it('cut at its length, ends before the phrase it would cut in the middle', () => {
    const question = ask('Cook was quickly named CEO of the company Jobs co-founded 35 years ago in a Silicon Valley garage.', 'Cook');
    expect(question).toBe('Who was quickly named CEO?');
    expect(ask('Seddique Mateen met with reporters Monday at his home in Port St. Lucie.', 'Seddique Mateen')).toBe(
      'Who met with reporters Monday at his home?',
    );
  });

  it('keeps a name with "and" in it and a number with its thousands', () => {
    expect(ask('Apple was swept up in a Securities and Exchange Commission inquiry into backdating.', 'Apple')).toBe(
      'Who was swept up in a Securities and Exchange Commission inquiry into backdating?',
    );
    expect(ask('Quebec has recorded about 157,000 cases of the virus.', 'Quebec')).toBe(
      'Who has recorded about 157,000 cases of the virus?',
    );
  });

  it('asks nothing of a sentence whose subject is not the name, whose verb reports words, or of a headline', () => {
    expect(ask("Jobs' health has long been a concern for investors.", 'Jobs')).toBeNull();
    expect(ask('Apple stock quickly fell 5.4 percent in after-hours trading.', 'Apple')).toBeNull();
    expect(ask('Tottenham said in a statement: "Jose is one of the best."', 'Tottenham')).toBeNull();
    expect(ask('Clark in October revealed plans to expand the fleet.', 'Clark')).toBeNull();
    expect(ask('Mourinho accused of timing his exit', 'Mourinho')).toBeNull();
    expect(ask('Saban, Meyer and other coaches claim they are speaking out.', 'Saban')).toBeNull();
  });
});

describe('suggestions that ask who', () => {
  const kb = knowledgeOfReports({
    'contest.txt':
      'Curry contest ends in hospital\n\nThe annual chilli contest was held on Saturday at a restaurant in Edinburgh.\n\n' +
      'Beverly Jones, from Newington, was crowned curry queen after she finished nine spoonfuls of the chilli.\n\n' +
      'Two competitors were taken to hospital after the contest.',
  });

  it('are offered for a declined question and answered from the paragraph they were made from', () => {
    const declined = answerQuestion(kb, 'who won the chilli contest');
    expect(declined.answered).toBe(false);
    expect(declined.suggestions, JSON.stringify(declined)).toContain('Who was crowned curry queen?');
    const answer = answerQuestion(kb, 'Who was crowned curry queen?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('Beverly Jones');
  });
});
