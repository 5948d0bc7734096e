import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { searchEngineFor } from '../src/search/engine.ts';
import { PassageWordCache } from '../src/search/passage-words.ts';
import { knowledgeOfReports } from './helpers/knowledge.ts';

/**
 * A paragraph's words are read once and kept for the paragraphs used most recently, so the memory they take is
 * bounded however many paragraphs questions reach, and an answer is the same whether they were kept or read anew.
 */

const kb = knowledgeOfReports({
  'harbour.txt':
    'Harbour news\n\nDock workers returned to the harbour on Monday after a deal on pay.\n\n' +
    'The strike had lasted nine days, according to port officials.\n\nThe ferry to the island sailed again on Tuesday.',
});

describe("a paragraph's words", () => {
  it('are kept for the most recently used paragraphs only', () => {
    const cache = new PassageWordCache(kb, searchEngineFor(kb).context, 2);
    const [first, second, third] = kb.passages.filter((passage) => passage.sourceId === 'harbour.txt');
    const kept = cache.wordsOf(first!);
    expect(cache.wordsOf(first!)).toBe(kept);
    cache.wordsOf(second!);
    cache.wordsOf(first!);
    // The second paragraph is now the least recently used, so the third takes its place and the first stays.
    cache.wordsOf(third!);
    expect(cache.wordsOf(first!)).toBe(kept);
    expect([...cache.wordsOf(third!).passage.stems]).toContain('ferri');
  });

  it('of each sentence include a word an earlier sentence used too, for word similarity', () => {
    const engine = searchEngineFor(kb);
    const twice = knowledgeOfReports({
      'port.txt': 'Port news\n\nThe port reopened on Monday. Officials said the port strike cost millions.',
    });
    const twiceCache = new PassageWordCache(twice, searchEngineFor(twice).context);
    const [paragraph] = twice.passages.filter((passage) => passage.sourceId === 'port.txt' && passage.text.includes('strike'));
    const port = engine.context.vectors.idOf('port');
    const [first, second] = twiceCache.wordsOf(paragraph!).sentences;
    expect(first!.vectorIds).toContain(port);
    expect(second!.vectorIds).toContain(port);
  });

  it('give the same answer asked again, from the kept words', () => {
    const asked = () => answerQuestion(kb, 'how long did the strike last?', { suggest: false });
    const fresh = asked();
    expect(fresh.answered).toBe(true);
    expect(fresh.answer).toContain('nine days');
    expect(asked()).toEqual(fresh);
  });

  it('of a sentence opening with she are about the person named before it', () => {
    const medal = knowledgeOfReports({
      'medal.txt':
        'Rescue at sea\n\nMaria Keel, a lifeboat volunteer from Cork, pulled two swimmers from the water last week.\n\n' +
        'She was given a medal on Friday. The harbour master, Tom Brady, praised the crew.',
    });
    const answer = answerQuestion(medal, 'when was maria keel given a medal', { suggest: false });
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('She was given a medal on Friday');
    // Without the name the sentence is not about her, and the question reads as one about someone else.
    const stranger = answerQuestion(medal, 'when was john smith given a medal', { suggest: false });
    expect(stranger.answered).toBe(false);
  });
});
