import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_THRESHOLD, answerQuestion } from '../src/answer/answer.ts';
import { MAX_QUESTION_LENGTH, twoQuestions } from '../src/answer/question-input.ts';
import type { KnowledgeBase } from '../src/kb/knowledge-base.ts';
import { projectKnowledge, REPORT_000, REPORT_003 } from './helpers/knowledge.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await projectKnowledge();
});

function paragraphText(sourceId: string, paragraph: number): string {
  return kb.passagesOf(sourceId).find((passage) => passage.paragraph === paragraph)!.text;
}

describe('answers with citations', () => {
  it('reads past typos and cites the paragraph on Putin’s involvement', () => {
    const answer = answerQuestion(kb, 'Was Puttin personaly involvd in the hacks?');
    expect(answer.answered).toBe(true);
    expect(answer.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    const [citation] = answer.citations;
    expect(citation).toMatchObject({
      sourceId: REPORT_003,
      paragraph: 1,
      title: 'Putin was Personally Involved in Hacks: US Officials',
      outlet: null,
    });
    expect(citation!.quote).toContain('was personally involved in the US elections hacks');
    expect(answer.corrections).toEqual(expect.arrayContaining([{ from: 'puttin', to: 'Vladimir Putin' }]));
  });

  it('answers the first of two questions asked in one, and offers the second to ask next', () => {
    expect(twoQuestions('who is john sipher and what did mcfaul say')).toEqual({
      first: 'who is john sipher',
      second: 'What did mcfaul say?',
    });
    // "and" inside one question does not split it.
    expect(twoQuestions('when did trump and putin meet').second).toBeNull();
    const answer = answerQuestion(kb, 'who is john sipher and what did mcfaul say');
    expect(answer.answered).toBe(true);
    expect(answer.question).toBe('who is john sipher and what did mcfaul say');
    expect(answer.citations[0]!.quote).toContain('CIA veteran John Sipher');
    expect(answer.suggestions[0]).toBe('What did mcfaul say?');
    // The first declined, the second is still offered when the reports answer it.
    const declined = answerQuestion(kb, 'what is the weather in moscow and who is john sipher');
    expect(declined.answered).toBe(false);
    expect(declined.suggestions[0]).toBe('Who is john sipher?');
  });

  it('always quotes the exact words of the cited paragraph', () => {
    for (const question of [
      'who is john sipher',
      'What did McFaul say?',
      'when was putin re-elected',
      'what happened to the former russian intelligence officer in the uk',
      'Hilary Clinton',
    ]) {
      const answer = answerQuestion(kb, question);
      expect(answer.answered, question).toBe(true);
      for (const citation of answer.citations) {
        expect(paragraphText(citation.sourceId, citation.paragraph)).toContain(citation.quote);
        expect(kb.source(citation.sourceId)!.text).toContain(citation.quote);
      }
    }
  });

  it('finds the report’s own misspelling "Hilary" and the outlet of report 000', () => {
    const answer = answerQuestion(kb, 'what did the CIA veteran tell the times');
    expect(answer.citations[0]).toMatchObject({ sourceId: REPORT_000, outlet: 'Digital Asia', paragraph: 9 });
    const trump = answerQuestion(kb, 'did trump rubbish the claims about hilary');
    expect(trump.citations[0]).toMatchObject({ sourceId: REPORT_003, paragraph: 8 });
  });

  it('suggests related questions it can answer', () => {
    const answer = answerQuestion(kb, 'What did John Sipher tell the Times?');
    expect(answer.suggestions.length).toBeLessThanOrEqual(3);
    expect(answer.suggestions).not.toContain(answer.question);
  });
});

describe('questions about claims', () => {
  it('answers "what do officials claim about Putin?" from attributed claims, each cited', () => {
    const answer = answerQuestion(kb, 'What do officials claim about Putin?');
    expect(answer).toMatchObject({ answered: true, via: 'claims' });
    expect(answer.answer).toContain('US intelligence officials');
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) expect(kb.source(citation.sourceId)!.text).toContain(citation.quote);
  });

  it('keeps to the claimant the question names', () => {
    const answer = answerQuestion(kb, 'what does mcfaul say about putin');
    expect(answer.via).toBe('claims');
    expect(answer.citations.every((citation) => citation.paragraph === 5 && citation.sourceId === REPORT_003)).toBe(true);
  });
});

describe('honest abstention', () => {
  it.each([
    'What will the weather be in Moscow tomorrow?',
    'Who won the World Cup in 2018?',
    'How do I make borscht?',
    'asdkjh qwepoi zxmnb',
    'What is Putin’s favourite food?',
    'How tall is Donald Trump?',
    'What did Trump say about the weather?',
    'what do officials claim about the weather in moscow',
  ])('declines "%s" and suggests up to three questions it can answer', (question) => {
    const answer = answerQuestion(kb, question);
    expect(answer.answered).toBe(false);
    expect(answer.answer).toBe("The reports don't cover this.");
    expect(answer.citations).toEqual([]);
    expect(answer.confidence).toBeLessThan(ANSWER_THRESHOLD);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('puts confidence on the right side of the threshold', () => {
    const answered = answerQuestion(kb, 'Which outlet did US officials speak to about Putin being involved?');
    const declined = answerQuestion(kb, 'What is the population of Brazil?');
    expect(answered.confidence).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
    expect(declined.confidence).toBeLessThan(ANSWER_THRESHOLD);
  });
});

describe('bad questions get a clear message, never an exception', () => {
  it('asks for a question when given nothing', () => {
    for (const empty of ['', '   ', '\n\t']) {
      const answer = answerQuestion(kb, empty);
      expect(answer.answered).toBe(false);
      expect(answer.error).toMatch(/Please type a question/);
    }
  });

  it('refuses a 10,000-character question with its length', () => {
    const answer = answerQuestion(kb, 'putin '.repeat(2000));
    expect(answer.answered).toBe(false);
    expect(answer.error).toContain(`under ${MAX_QUESTION_LENGTH}`);
    expect(answer.question.length).toBeLessThanOrEqual(200);
  });

  it.each(['?!?!...', '🙂🙂🙂', 'Путин участвовал во взломе?', '習近平は誰ですか', '\u200b\u202e@everyone'])(
    'declines "%s" without answering',
    (question) => {
      const answer = answerQuestion(kb, question);
      expect(answer.answered).toBe(false);
      expect(answer.citations).toEqual([]);
    },
  );
});
