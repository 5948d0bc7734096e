import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { expectedAnswerType, holdsAnswerType } from '../src/answer/answer-type.ts';
import { buildKnowledgeBase } from '../src/kb/build.ts';
import { knowledgeOfReports, reportText } from './helpers/knowledge.ts';

/** An invented harbour report, with or without the date and the count its paragraphs could give. */
function harbourReport(withFacts: boolean) {
  const text = [
    'Harbour Board Opens Northern Pier | Coastal Herald',
    '',
    `The Lindqvist harbour board opened the northern pier to cargo ships${withFacts ? ' in March 2019' : ' and fishing boats'}.`,
    '',
    `The ferry company said its boats carried ${withFacts ? '40,000' : 'fishermen and tourists as'} passengers across the bay.`,
    '',
    'Dock workers welcomed the new cranes, which the board bought from a shipyard abroad.',
  ].join('\n');
  return buildKnowledgeBase({ sources: [{ file: 'harbour.txt', bytes: Buffer.from(text) }], catalog: null, qa: null, entities: null });
}

describe('questions that ask for a name', () => {
  it('knows which questions ask for one', () => {
    expect(expectedAnswerType('what was the name of the orlando nightclub')).toBe('name');
    expect(expectedAnswerType("what's the boat called?")).toBe('name');
    expect(expectedAnswerType('what did the harbour master name as the cause')).toBeNull();
  });

  it('holds a name given to what is asked about, not a name the question already has', () => {
    const question = 'what was the name of the orlando nightclub';
    expect(holdsAnswerType('The gunman opened fire at the Pulse nightclub in Orlando.', 'name', question)).toBe(true);
    expect(holdsAnswerType('He walked into a nightclub called Pulse.', 'name', question)).toBe(true);
    expect(holdsAnswerType('The father of the Orlando nightclub gunman came to the U.S. from Afghanistan.', 'name', question)).toBe(false);
    const spy = 'what was the name of the russian spy who got poisoned';
    expect(holdsAnswerType('The former Russian spy Sergei Skripal was poisoned in Salisbury.', 'name', spy)).toBe(true);
    expect(holdsAnswerType('A former Russian intelligence officer was poisoned in the UK.', 'name', spy)).toBe(false);
  });
});

describe('questions that ask for a time or a number', () => {
  it('knows which questions ask for one', () => {
    expect(expectedAnswerType('When did the board open the pier?')).toBe('time');
    expect(expectedAnswerType('in what year did the ferry sail')).toBe('time');
    expect(expectedAnswerType('by what year will the ferry run on electricity')).toBe('time');
    expect(expectedAnswerType('how much are tickets for the ferry')).toBe('amount');
    expect(expectedAnswerType('how much oil went into the harbour')).toBe('quantity');
    expect(expectedAnswerType('in what year was the pier opened')).toBe('founding');
    expect(expectedAnswerType('when was the harbour board founded?')).toBe('founding');
    expect(expectedAnswerType('How old is the harbour master?')).toBe('age');
    expect(expectedAnswerType('who won the regatta')).toBe('winner');
    expect(expectedAnswerType('how much did the pier cost')).toBe('amount');
    expect(expectedAnswerType('How many passengers did the ferry carry?')).toBe('count');
    expect(expectedAnswerType('how much power does the board have')).toBeNull();
    expect(expectedAnswerType('who opened the pier')).toBeNull();
  });

  it('recognises times and numbers however loosely they are written', () => {
    expect(holdsAnswerType('opened in March', 'time')).toBe(true);
    expect(holdsAnswerType('testified last year', 'time')).toBe(true);
    expect(holdsAnswerType('three weeks ago', 'time')).toBe(true);
    expect(holdsAnswerType('who worked as the ambassador to Russia', 'time')).toBe(false);
    expect(holdsAnswerType('several sources', 'count')).toBe(true);
    expect(holdsAnswerType('a source close to the president', 'count')).toBe(false);
    expect(holdsAnswerType('he was re-elected in 2011', 'count')).toBe(false);
    // "Many" or "some" is no answer to "how many": they are in most sentences ("an election many people dismissed").
    expect(holdsAnswerType('re-elected in an election that many people dismissed as flawed', 'count')).toBe(false);
    expect(holdsAnswerType('some staff, and most of all the teachers, left', 'count')).toBe(false);
    expect(holdsAnswerType('a handful of staff', 'count')).toBe(true);
    expect(holdsAnswerType('he won 2,011 votes on March 4', 'count')).toBe(true);
    // A number must count what is counted, where the text names it: not "23 percent … states", but "11 states".
    const states = 'how many states allow recreational marijuana';
    expect(holdsAnswerType('use rose by 23 percent when compared with states where it is not legal', 'count', states)).toBe(false);
    expect(holdsAnswerType('it is legal in 11 states and the District of Columbia', 'count', states)).toBe(true);
    expect(holdsAnswerType('the jets on order, down by 30 to 126', 'count', 'how many jets are on order')).toBe(true);
    // A text that does not name what is counted is left to its number.
    expect(holdsAnswerType('a third of its 12,000 employees', 'count', 'how many people work there')).toBe(true);
    // "How much aid has the UN delivered?" wants a quantity, which "allow the U.N. to deliver aid" does not give.
    expect(holdsAnswerType('allow the U.N. to deliver aid', 'quantity')).toBe(false);
    expect(holdsAnswerType('officers found 14 grams of meth in the car', 'quantity')).toBe(true);
    expect(expectedAnswerType('who founded the harbour board')).toBe('founder');
    expect(holdsAnswerType('the board, which Lindqvist set up', 'founder')).toBe(true);
    expect(holdsAnswerType('the harbour master, 54, said', 'age')).toBe(true);
    expect(holdsAnswerType('a five-year-old boy', 'age')).toBe(true);
    expect(holdsAnswerType('the harbour master said on Monday, 3 May', 'age')).toBe(false);
  });

  it('takes a time to be a date, a clock time or a span, not any number or "previously"', () => {
    expect(holdsAnswerType('the tour resumes February 7th in Las Vegas', 'time')).toBe(true);
    expect(holdsAnswerType('she went to hospital at around 4pm', 'time')).toBe(true);
    expect(holdsAnswerType('the pier opens in the spring', 'time')).toBe(true);
    expect(holdsAnswerType('a concert that May', 'time')).toBe(true);
    expect(holdsAnswerType('The Doobie Brothers Unite for 50th Anniversary Tour', 'time')).toBe(false);
    expect(holdsAnswerType('He had previously received a liver transplant.', 'time')).toBe(false);
    expect(holdsAnswerType('Apple stock fell 5.4 percent', 'time')).toBe(false);
    expect(holdsAnswerType('the board may open the pier', 'time')).toBe(false);
    // An age is no time, nor a span: "when was the hunter shot" is not answered by "the 54-year-old hunter".
    expect(holdsAnswerType('they heard when the 54-year-old hunter was shot', 'time')).toBe(false);
    expect(holdsAnswerType('a two-year-old boy', 'duration')).toBe(false);
    expect(holdsAnswerType('two days after the vote', 'time')).toBe(true);
  });

  it('knows "where" asks for a place or a position, and finds one named however it is written', () => {
    expect(expectedAnswerType('where is blue origin based')).toBe('place');
    expect(expectedAnswerType('in which city is the pier')).toBe('place');
    expect(expectedAnswerType('what did the board say about the pier')).toBe('statement');
    expect(holdsAnswerType('The tour continues November 19th in Greenville.', 'place')).toBe(true);
    expect(holdsAnswerType('Blue Origin, Kent, Washington', 'place')).toBe(true);
    expect(holdsAnswerType('Spurs are 14th in the table.', 'place')).toBe(true);
    expect(holdsAnswerType("Blue Origin's lander concept is based on its Blue Moon vehicle.", 'place')).toBe(false);
    // An ordinal word is not a position: this says nothing of where the team stands.
    expect(holdsAnswerType('less than six months after leading the club to their first ever final', 'place')).toBe(false);
    expect(holdsAnswerType('the club sits bottom of the league', 'place')).toBe(true);
  });

  it('wants the age of the one asked about, not any age in the sentence', () => {
    const asked = 'how old is Maren Koss?';
    expect(holdsAnswerType('Maren Koss, 54, runs the port.', 'age', asked)).toBe(true);
    expect(holdsAnswerType('The 54-year-old Maren Koss runs the port.', 'age', asked)).toBe(true);
    expect(holdsAnswerType('Koss, aged 54, runs the port.', 'age', asked)).toBe(true);
    expect(holdsAnswerType('An analyst said Koss, who is about 70, is from the north.', 'age', asked)).toBe(true);
    expect(holdsAnswerType('An analyst said Koss, who is from the north, left.', 'age', asked)).toBe(false);
    expect(holdsAnswerType('Maren Koss hid with her 11-year-old granddaughter.', 'age', asked)).toBe(false);
    expect(holdsAnswerType('Maren Koss said the 29-year-old pilot had left.', 'age', asked)).toBe(false);
    expect(holdsAnswerType('The board, founded in 1871, runs the pier', 'founding')).toBe(true);
    expect(holdsAnswerType('The board opened an inquiry in May', 'founding')).toBe(true);
    expect(holdsAnswerType('The board was attacked in May', 'founding')).toBe(false);
    expect(holdsAnswerType('Kingston beat Ryde in the final', 'winner')).toBe(true);
    expect(holdsAnswerType('Kingston and Ryde met in the final', 'winner')).toBe(false);
    expect(holdsAnswerType('Beverly Jones, from Newington, was crowned curry queen', 'winner')).toBe(true);
    expect(holdsAnswerType('The Vale of Glamorgan team came first in the relay', 'winner')).toBe(true);
  });

  it('answers with the paragraph that holds the date, and declines the same paragraph without it', () => {
    const question = 'When did the harbour board open the northern pier?';
    const dated = answerQuestion(harbourReport(true), question);
    expect(dated.answered).toBe(true);
    expect(dated.citations[0]!.quote).toContain('March 2019');
    const undated = answerQuestion(harbourReport(false), question);
    expect(undated.answered).toBe(false);
    expect(undated.answer).toBe("The reports don't cover this.");
  });

  it('answers a count from the paragraph with the number, and declines it otherwise', () => {
    const question = 'How many passengers did the ferry boats carry across the bay?';
    expect(answerQuestion(harbourReport(true), question).citations[0]?.quote).toContain('40,000');
    expect(answerQuestion(harbourReport(false), question).answered).toBe(false);
  });

  it('wants a statement when asked what someone said, told or claimed', () => {
    expect(expectedAnswerType('What did Sipher tell the Times?')).toBe('statement');
    expect(expectedAnswerType('how did the company respond to the hack')).toBe('statement');
    expect(expectedAnswerType("what was the minister's reaction")).toBe('statement');
    // The report itself is not a speaker, and what someone thought may be told without a reporting verb.
    expect(expectedAnswerType('what does the report say about MI6')).toBeNull();
    expect(expectedAnswerType('what did dock workers think of the new cranes')).toBeNull();
    expect(holdsAnswerType('Vice-President Mike Pence stressed on Thursday that it was three times as contagious', 'statement')).toBe(true);
    expect(holdsAnswerType('“We are not leaving,” the union leader told reporters', 'statement')).toBe(true);
    expect(holdsAnswerType('Bill Gates co-founded the company in 1975', 'statement')).toBe(false);
  });

  it('declines what someone said when the paragraph that names them reports nothing they said', () => {
    const report = (sentence: string) =>
      buildKnowledgeBase({
        sources: [
          {
            file: 'cranes.txt',
            bytes: Buffer.from(
              `New Cranes for the Harbour | Coastal Herald\n\n${sentence}\n\nThe cranes arrived by barge from a shipyard abroad.\n`,
            ),
          },
        ],
        catalog: null,
        qa: null,
        entities: null,
      });
    const question = 'what did Ulla Berg say about the new cranes';
    expect(answerQuestion(report('Harbour master Ulla Berg inspected the new cranes on Monday.'), question).answered).toBe(false);
    const said = answerQuestion(report('Harbour master Ulla Berg said the new cranes would halve loading times.'), question);
    expect(said.citations[0]?.quote).toContain('Ulla Berg said');
  });

  it('still answers questions that ask for neither', () => {
    const answer = answerQuestion(harbourReport(false), 'what did dock workers think of the new cranes');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('Dock workers welcomed the new cranes');
  });
});

describe('"how long" questions', () => {
  it('ask for a span of time, which a date alone is not', () => {
    expect(expectedAnswerType('how long will the expedition last')).toBe('duration');
    expect(expectedAnswerType('how long ago did the pier open')).toBeNull();
    expect(holdsAnswerType('a two-month-long expedition to the Gulf', 'duration')).toBe(true);
    expect(holdsAnswerType('sacked after five-and-a-half years in charge', 'duration')).toBe(true);
    expect(holdsAnswerType('manager until the end of the 2022/23 season', 'duration')).toBe(true);
    expect(holdsAnswerType('banned for life', 'duration')).toBe(true);
    expect(holdsAnswerType('seeking to bar him from doing business in the state', 'duration')).toBe(false);
    expect(holdsAnswerType('the pier opened in March 2019', 'duration')).toBe(false);
  });

  it('are declined when the paragraph that matches gives no span', () => {
    const kb = knowledgeOfReports({
      'ban.txt':
        'Harbour Ban | Coastal Herald\n\nThe harbour board is seeking to bar the ferry company from the northern pier.\n\nDock workers welcomed the decision.',
    });
    expect(answerQuestion(kb, 'how long will the harbour board bar the ferry company from the northern pier').answered).toBe(false);
    expect(answerQuestion(kb, 'who is the harbour board seeking to bar from the northern pier').answered).toBe(true);
  });
});

describe('what the question itself says is no answer', () => {
  it('does not take the name of what was won for its winner', () => {
    const question = 'who won the champions league final';
    expect(holdsAnswerType('Spurs reached their first ever Champions League final in June.', 'winner', question)).toBe(false);
    expect(holdsAnswerType('Liverpool won the Champions League final in Madrid.', 'winner', question)).toBe(true);
    expect(holdsAnswerType('Liverpool were crowned champions of Europe.', 'winner', question)).toBe(true);
  });

  it('does not take a number the question names for the number it asks', () => {
    const question = 'how many 787-9 jets did emirates order';
    expect(holdsAnswerType("Emirates ordered Boeing's 787-9 Dreamliner.", 'count', question)).toBe(false);
    expect(holdsAnswerType("Emirates ordered 30 of Boeing's 787-9 Dreamliners.", 'count', question)).toBe(true);
    expect(holdsAnswerType('The airline said in 2019 it would buy more jets.', 'time', 'when did the airline buy jets after 2019')).toBe(
      false,
    );
  });
});

describe('whose age, and which amounts', () => {
  it("does not take a namesake's age for the age asked", () => {
    const question = 'how old is chris anderson';
    expect(holdsAnswerType('Zoe Anderson, 24, was overcome at the home of her father, Chris Anderson.', 'age', question)).toBe(false);
    expect(holdsAnswerType('Chris Anderson, 62, said the family was devastated.', 'age', question)).toBe(true);
    expect(holdsAnswerType('Mr Anderson, 62, said the family was devastated.', 'age', question)).toBe(true);
  });

  it('knows an amount is asked of money however it is named, and of a spending in progress', () => {
    expect(expectedAnswerType('how much are the parties spending on digital ads')).toBe('amount');
    expect(expectedAnswerType('how much bitcoin does the ransom note ask for')).toBe('amount');
    expect(expectedAnswerType('how much prize money do the winners get')).toBe('amount');
    expect(expectedAnswerType('how much power does the board have')).toBeNull();
  });
});

describe('what someone said', () => {
  const kb = knowledgeOfReports({
    'account.txt': reportText(
      'Party Renames Its Account | Example News',
      'Prime Minister Anna Berg visited the harbour on Tuesday.',
      'The ruling party, led by Anna Berg, is misleading voters with its renamed account, opposition leader Tom Hale said.',
      'Anna Berg said the account had been renamed as a joke.',
    ),
  });

  it('is answered from their words', () => {
    const answer = answerQuestion(kb, 'what did anna berg say about the renamed account');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('renamed as a joke');
  });

  it('takes a place before the verb for where the speaker is from', () => {
    const kb = knowledgeOfReports({
      'release.txt': reportText(
        'Hostages Freed In Prisoner Swap | Example News',
        'The two professors were flown out of Afghanistan on Tuesday after three years in captivity.',
        'The prime minister of Australia, Scott Reid, said the release was a relief to both families.',
      ),
    });
    const answer = answerQuestion(kb, 'what did the prime minister of australia say about the release');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('relief to both families');
  });

  it('is not answered from what someone else said near their name', () => {
    expect(answerQuestion(kb, 'what did anna berg say about misleading voters').answered).toBe(false);
    expect(answerQuestion(kb, 'what did tom hale say about misleading voters').answered).toBe(true);
  });
});

describe('who holds a role', () => {
  const kb = knowledgeOfReports({
    'study.txt': reportText(
      'Cannabis Disorder Rises Where Drug Is Legal | Example Health',
      'Rates of cannabis use disorder have risen in states where the drug has been legalised, a study found.',
      'The chairman of the health board described the findings as worrying.',
      'The study was paid for by the National Institute on Drug Abuse, said its author Silvia Marten.',
    ),
  });

  it('is answered only by a quote that names them', () => {
    expect(answerQuestion(kb, 'who is the chairman of the health board').answered).toBe(false);
    const author = answerQuestion(kb, 'who is the author of the study');
    expect(author.answered).toBe(true);
    expect(author.citations[0]?.quote).toContain('Silvia Marten');
  });

  it('leaves "who is" a name to the name', () => {
    const answer = answerQuestion(kb, 'who is silvia marten');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('its author Silvia Marten');
  });
});

describe('who did something', () => {
  const kb = knowledgeOfReports({
    'pier.txt': reportText(
      'Northern Pier Reopens | Example Coast',
      'The northern pier reopened to cargo ships in March after the storm damage was repaired.',
      'Engineers found the cracks in the pier in 2019, the harbour board said.',
      'Mayor Ingrid Solberg appointed Tomas Berg to lead the harbour board last year.',
    ),
  });

  it('is answered by a quote that names who did it, and declined where the quote names no one', () => {
    const appointed = answerQuestion(kb, 'who appointed tomas berg to lead the harbour board');
    expect(appointed.answered).toBe(true);
    expect(appointed.citations[0]?.quote).toContain('Mayor Ingrid Solberg');
    // "Engineers" is who found them, but no one is named: the question asks for someone.
    expect(answerQuestion(kb, 'who found the cracks in the pier in 2019').answered).toBe(false);
  });

  it('leaves questions with a form of be, have or do after "who" to the other rules', () => {
    expect(answerQuestion(kb, 'who is tomas berg').answered).toBe(true);
  });
});

describe('questions that ask for a share', () => {
  it('know a percentage, proportion or fraction is asked, and find one however it is written', () => {
    for (const question of [
      'what percentage of voters approved it',
      'What proportion of the ships were damaged?',
      'how many percent said yes',
    ])
      expect(expectedAnswerType(question), question).toBe('share');
    expect(holdsAnswerType('Voters approved it by 64% to 36%.', 'share')).toBe(true);
    expect(holdsAnswerType('Two-thirds of the ships were damaged.', 'share')).toBe(true);
    expect(holdsAnswerType('Voters approved the amendment on Tuesday.', 'share')).toBe(false);
  });

  it('are declined by a paragraph that says what happened but not how many shared in it', () => {
    const kb = knowledgeOfReports({
      'vote.txt': reportText(
        'Voters Back Pension Amendment | Example State',
        'State voters approved the teacher pension amendment on Tuesday, giving retired teachers a raise.',
      ),
    });
    expect(answerQuestion(kb, 'what percentage of voters approved the teacher pension amendment').answered).toBe(false);
    expect(answerQuestion(kb, 'when did voters approve the teacher pension amendment').answered).toBe(true);
  });
});

describe('questions that ask for a score', () => {
  it('want a score, not the news that someone won', () => {
    expect(expectedAnswerType('what was the scor in nadals match against khachanov')).toBe('score');
    expect(expectedAnswerType('what was the result of the vote')).toBeNull();
    expect(holdsAnswerType('The top-ranked Nadal earlier defeated Khachanov 6-3, 7-6 (7).', 'score')).toBe(true);
    expect(holdsAnswerType('Russia beat Croatia on Monday.', 'score')).toBe(false);
  });

  it('are answered from the paragraph with the score, though others name the same players', () => {
    const kb = knowledgeOfReports({
      'cup.txt': reportText(
        'Spain Level Tie Against Russia | Example Sport',
        "Spain's Rafael Nadal celebrates a point against Russia's Karen Khachanov during their match in Madrid",
        'The top-ranked Nadal earlier defeated Khachanov 6-3, 7-6 (7) to level the series.',
        'Nadal and Khachanov had met twice before this season.',
        'The finals are played by eighteen teams in a single arena for the first time.',
        'Organisers said ticket sales had been slower than expected during the week.',
        'The arena holds twelve thousand people and was half empty on Monday.',
        'Canada and Australia reached the quarter-finals earlier in the day.',
      ),
    });
    const answer = answerQuestion(kb, 'what was the score between nadal and khachanov');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('6-3, 7-6 (7)');
  });
});

describe('questions that ask for an amount of money', () => {
  it('want money, not any number', () => {
    const question = 'how much prize money do the winners get';
    expect(holdsAnswerType('Teams play only two singles and a doubles in each tie.', 'amount', question)).toBe(false);
    expect(holdsAnswerType('The winners take home $2.5 million.', 'amount', question)).toBe(true);
    expect(holdsAnswerType('The winners get a trophy worth three million pounds.', 'amount', question)).toBe(true);
  });

  it('do not take the currency the question names for the amount', () => {
    const question = 'how much bitcoin does the ransom note ask for';
    expect(holdsAnswerType('The note asks for a payment in Bitcoin.', 'amount', question)).toBe(false);
    expect(holdsAnswerType('The note asks for 0.5 Bitcoin within three days.', 'amount', question)).toBe(true);
  });
});

describe('spans of time', () => {
  it('include a span written as one word and one that has not ended', () => {
    expect(holdsAnswerType('Johnson and Corbyn clashed in the hourlong encounter.', 'duration')).toBe(true);
    expect(holdsAnswerType('The professors had been held by the Taliban since 2016.', 'duration')).toBe(true);
    expect(holdsAnswerType('The professors were kidnapped in August 2016.', 'duration')).toBe(false);
  });
});
