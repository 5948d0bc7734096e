import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { searchEngineFor } from '../src/search/engine.ts';
import { knowledgeOfReports } from './helpers/knowledge.ts';

/** An invented council report: hyphenated and spaced compounds, and words one letter from a stop word. */
function councilReport() {
  const text = [
    'Council Vote in Harlow | Essex Courier',
    '',
    'Mayor Edith Crane was re-elected on Thursday with 61 percent of the vote in Harlow.',
    '',
    'A local think tank, the Harlow Forum, published a report on housing the day before.',
    '',
    'The band’s setlist at the victory party included songs by the Kinks.',
    '',
    'Crane said the budget would be published in the spring.',
  ].join('\n');
  return knowledgeOfReports({ 'council.txt': text });
}

const analysed = (question: string) => searchEngineFor(councilReport()).search(question).analyzed.concepts;
const conceptsOf = (question: string) => analysed(question).map((concept) => concept.label);

describe('a compound written another way than in the reports', () => {
  it('is found: "reelected" for "re-elected", "thinktank" for "think tank"', () => {
    const kb = councilReport();
    const reelected = answerQuestion(kb, 'when was edith crane reelected');
    expect(reelected.answered).toBe(true);
    expect(reelected.citations[0]!.quote).toContain('re-elected on Thursday');
    expect(reelected.corrections).toContainEqual({ from: 'reelected', to: 're elected' });
    const thinkTank = answerQuestion(kb, 'what did the thinktank publish');
    expect(thinkTank.citations[0]?.quote).toContain('think tank');
  });

  it('is found the other way round: "set list" for "setlist"', () => {
    const answer = answerQuestion(councilReport(), 'what was on the set list at the victory party');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('setlist');
  });

  it('is not made of an English word the reports do not use: "understand" is not "under stand"', () => {
    expect(conceptsOf('do they understand housing')).toContain('understand');
  });
});

describe('words that ask about nothing', () => {
  it('are dropped when typed as in chat or without the apostrophe', () => {
    expect(conceptsOf('wat did theyre mayor say abt housing')).toEqual(['mayor', 'housing']);
  });

  it('include the chat that frames a question ("ok so", "rn", "tbh", "wen" for "when")', () => {
    expect(conceptsOf('ok so what did the mayor say rn tbh')).toEqual(['mayor']);
    expect(conceptsOf('wen did the mayor speak')).toEqual(['mayor', 'speak']);
  });

  it('do not include a short word the reports do not use, which the question still asks about', () => {
    // "T'd up" is slang the reports do not use: a paragraph that merely names Crane does not answer it.
    expect(conceptsOf("why did crane get T'd up")).toEqual(['crane', 'td']);
    expect(answerQuestion(councilReport(), "why did crane get T'd up").answered).toBe(false);
  });

  it('include "get" in its forms, which asks about nothing but the words around it ("getting pushed out")', () => {
    expect(conceptsOf('what did crane do after getting pushed out')).toEqual(['crane', 'pushed']);
    expect(conceptsOf('who got the housing report')).toEqual(['housing']);
  });

  it('are dropped when misspelt ("reprot" is "report"), but a real word is not read as one ("mist" is not "most")', () => {
    expect(conceptsOf('harlow forum reprot')).toEqual(['harlow forum']);
    const mist = analysed('was there mist in harlow').find((concept) => concept.label === 'mist');
    expect(mist?.stems).toEqual(['mist']);
  });
});

describe('a word typed without its final g ("startin")', () => {
  it('is the -ing word, shown as that correction, and finds the word in its other forms', () => {
    const question = 'what was the harlow forum publishin';
    expect(searchEngineFor(councilReport()).search(question).analyzed.corrections).toContainEqual({ from: 'publishin', to: 'publishing' });
    expect(answerQuestion(councilReport(), question).citations[0]?.quote).toContain('published a report on housing');
  });
});

describe('a word that names a kind of value', () => {
  const festivalReport = () =>
    knowledgeOfReports({
      'festival.txt': [
        'Chilli Festival in Leith | Lothian Herald',
        '',
        'The chilli eating contest at the Leith festival raised hundreds of pounds for a local food bank.',
        '',
        'Organisers of the Leith festival thanked the volunteers who ran the food stalls on the harbour.',
      ].join('\n'),
    });

  it('is found in a text that states such a value: "raise money" in "raised hundreds of pounds"', () => {
    const answer = answerQuestion(festivalReport(), 'what did the chilli contest at the leith festival raise money for');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('hundreds of pounds');
  });

  it('counts for nothing when the option is off, so the same question is declined', () => {
    const answer = answerQuestion(festivalReport(), 'what did the chilli contest at the leith festival raise money for', {
      scoring: { valueWordCertainty: 0 },
    });
    expect(answer.answered).toBe(false);
  });

  it('finds "quote" in a quotation', () => {
    const answer = answerQuestion(festivalReport(), 'leith festival organisers quote');
    expect(answer.answered).toBe(false);
    const quoted = knowledgeOfReports({
      'festival.txt':
        'Chilli Festival in Leith | Lothian Herald\n\nOrganisers of the Leith festival said: “We could not have done it without the volunteers.”\n\nThe contest raised money for a food bank.',
    });
    expect(answerQuestion(quoted, 'leith festival organisers quote').citations[0]?.quote).toContain('“We could not have done it');
  });
});

describe('"how old is X"', () => {
  it('is answered from the paragraph that gives X’s age, however many others name X', () => {
    const mentions = Array.from({ length: 30 }, (_, index) => `Mayor Edith Crane opened hall number ${index + 1}.`);
    const kb = knowledgeOfReports({
      'crane.txt': [
        'Edith Crane in office | Essex Courier',
        '',
        ...mentions.flatMap((line) => [line, '']),
        'The council met on Thursday in the town hall, where the budget for roads, schools, parks and libraries ' +
          'was debated for three hours before the vote; Crane, 61, said the spending plan would be published in the spring.',
      ].join('\n'),
    });
    const answer = answerQuestion(kb, 'how old is edith crane?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('Crane, 61, said');
    expect(answerQuestion(kb, 'how old is the town hall?').answered).toBe(false);
  });
});

describe('words that only frame a question', () => {
  it('are not looked for: "what is known about", "what was her role", "how was she connected to", "is she behind"', () => {
    expect(conceptsOf('what is known about crane publishing the budget')).not.toContain('known');
    expect(conceptsOf("the budget - what was crane's role?")).not.toContain('role');
    expect(conceptsOf('how was edith crane connected to the harlow forum')).not.toContain('connected');
    expect(conceptsOf('is crane behind the housing report')).not.toContain('behind');
    expect(conceptsOf('how long did the housing debate last')).not.toContain('long');
    expect(conceptsOf('the long debate on housing')).toContain('long');
    expect(conceptsOf('what was the scor in the housing vote')).not.toContain('scor');
    expect(conceptsOf('crane wants to score points in the housing debate')).toContain('score');
    const kb = councilReport();
    const framed = answerQuestion(kb, 'what is known about crane publishing the budget');
    expect(framed.answered).toBe(true);
    expect(framed.citations[0]!.quote).toContain('budget would be published');
  });

  it('keep their meaning outside those phrasings', () => {
    expect(conceptsOf('what did the forum say about the role of the council')).toContain('role');
    expect(conceptsOf('what is crane known for')).toContain('known');
    expect(conceptsOf('who stood behind the mayor at the party')).toContain('behind');
  });
});
