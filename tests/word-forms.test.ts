import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { knowledgeOfReports } from './helpers/knowledge.ts';
import { otherFormStems } from '../src/search/word-forms.ts';
import { derivedStems } from '../src/kb/derivations.ts';

/** An invented shipyard report: irregular verbs in the text, a manager whose first name is one letter from "lose". */
function shipyardReport() {
  const text = [
    'Shipyard Reports a Loss | Coastal Herald',
    '',
    'The Lindqvist shipyard lost $40 million in 2019, when orders for ferries fell sharply.',
    '',
    'Its manager, Jose Marren, said the yard had sold two dredgers to a port in the south.',
    '',
    'Dock workers went on strike for a week over the closure of the northern slipway.',
  ].join('\n');
  return knowledgeOfReports({ 'shipyard.txt': text });
}

describe('irregular forms of a word', () => {
  it('are one word: "lose" and "lost", "fall" and "fell", "sell" and "sold", "man" and "men"', () => {
    expect(otherFormStems('lose')).toContain('lost');
    expect(otherFormStems('fell')).toContain('fall');
    expect(otherFormStems('sold')).toContain('sell');
    expect(otherFormStems('men')).toContain('man');
    // A verb's forms and a noun's plural are kept apart: "left" (leave) is not "leaf".
    expect(otherFormStems('left')).not.toContain('leaf');
    expect(otherFormStems('harbour')).toEqual([]);
  });

  it('answer a question in one form from a paragraph that uses another', () => {
    const kb = shipyardReport();
    const lose = answerQuestion(kb, 'how much money did the lindqvist shipyard lose in 2019');
    expect(lose.answered).toBe(true);
    expect(lose.citations[0]!.quote).toContain('lost $40 million');
    // "lose" is an English word, so it is not read as a misspelling of the manager's name.
    expect(lose.corrections).toEqual([]);
    const sell = answerQuestion(kb, 'what did the yard sell to a port in the south?');
    expect(sell.citations[0]?.quote).toContain('sold two dredgers');
  });

  it('leave a verb with a particle alone: "go after" is not "went on"', () => {
    const answer = answerQuestion(shipyardReport(), 'why did dock workers go after the manager');
    expect(answer.answered).toBe(false);
  });
});

describe('two paragraphs that fit a question about equally', () => {
  it('make the answer less sure than when one paragraph leads', () => {
    const report = (second: string) =>
      knowledgeOfReports({
        'ferries.txt': [
          'Ferry Timetable Changes | Coastal Herald',
          '',
          'The northern ferry to Ryde will leave the harbour at dawn from next month.',
          '',
          second,
          '',
          'Dock workers welcomed the new cranes, which the board bought abroad.',
        ].join('\n'),
      });
    const question = 'when will the ferry to ryde leave the harbour';
    const tied = report('The southern ferry to Ryde will leave the harbour at noon from next month.');
    const led = report('The harbour café will open at noon from next month.');
    expect(answerQuestion(led, question).citations[0]!.quote).toContain('northern ferry to Ryde');
    const confidence = (kb: typeof tied, ambiguityPenalty?: number) =>
      answerQuestion(kb, question, { scoring: ambiguityPenalty === undefined ? {} : { ambiguityPenalty } }).confidence;
    expect(confidence(tied)).toBeLessThan(confidence(led));
    expect(confidence(tied, 0)).toBe(confidence(led, 0));
  });
});

describe('words derived from one another', () => {
  /** An invented inquiry report: the question's verbs appear in it only as nouns. */
  const inquiryReport = () =>
    knowledgeOfReports({
      'inquiry.txt': [
        'Inquiry Into Ferry Fire Reports | Coastal Herald',
        '',
        "The inquiry's conclusion was that a faulty heater in the engine room started the fire on the Ryde ferry.",
        '',
        'Two crew members suffered minor injuries while they helped passengers off the burning vessel.',
      ].join('\n'),
    });

  it('are found as the word: "conclude" as "conclusion", "injure" as "injuries"', () => {
    const kb = inquiryReport();
    const conclude = answerQuestion(kb, 'what did the inquiry conclude about the ferry fire');
    expect(conclude.answered).toBe(true);
    expect(conclude.citations[0]!.quote).toContain('faulty heater');
    const injured = answerQuestion(kb, 'how were the crew members injured');
    expect(injured.citations[0]?.quote).toContain('minor injuries');
  });

  it('leave out the word for who does it: "sing" is not "singer", "found" is not "founder"', () => {
    expect(derivedStems('conclude')).toContain('conclus');
    expect(derivedStems('sing')).not.toContain('singer');
    expect(derivedStems('found')).not.toContain('founder');
  });
});
