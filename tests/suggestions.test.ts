import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { salientPhrase } from '../src/answer/passage-phrase.ts';
import type { KnowledgeBase } from '../src/kb/knowledge-base.ts';
import { comparableText } from '../src/kb/text.ts';
import { buildKnowledgeBase } from '../src/kb/build.ts';
import { readKnowledgeFolder } from '../src/kb/read-folder.ts';
import { knowledgeOfReports, PROJECT_ROOT } from './helpers/knowledge.ts';

/**
 * A declined question on reports nobody curated is offered questions in the closest paragraphs' own words, each
 * one the bot answers from the paragraph it came from.
 */

const ROOF_FILE = path.join(PROJECT_ROOT, 'tests/eval/real/test/sources/npr-dylann-roof-convicted.txt');

describe('key phrases of a quote', () => {
  const kb = knowledgeOfReports({
    'contest.txt':
      'Curry contest\n\nThe contest was held on Saturday and the contest drew a crowd.\n\n' +
      'Beverly Jones, from Newington, was crowned "curry queen" at the contest.\n\nThe contest raised money on Saturday.',
  });

  it('keeps the two phrases of rarest words, in the quote’s order, each ended by punctuation and stop words', () => {
    expect(salientPhrase(kb, 'Beverly Jones, from Newington, was crowned "curry queen" at the contest.')).toBe(
      'Beverly Jones and curry queen',
    );
  });

  it('cuts a long run of content words, so the suggestion stays a short question', () => {
    const phrase = salientPhrase(kb, 'Guests included Alba Brun, Cato Dell, Edda Finn, Gus Hale, Ida Jovi Kell Lind Mora Nils Opal Pim.')!;
    for (const part of phrase.split(' and ')) expect(part.split(' ').length).toBeLessThanOrEqual(6);
    expect(phrase).toContain('Ida Jovi Kell Lind');
  });

  it('leaves out a verb or adverb at a phrase’s edge, which says how rather than what', () => {
    expect(salientPhrase(kb, 'She was crowned curry queen quickly.')).toBe('curry queen');
  });

  it('ends a phrase at a word that joins or places ("even though", "despite"), as at a stop word', () => {
    const phrase = salientPhrase(kb, 'The crowd stayed even though heavy rain fell, despite warnings, at the curry contest.')!;
    expect(phrase).not.toMatch(/\b(?:even|though|despite)\b/);
  });

  it('leaves out a verb standing alone between stop words, which names nothing to ask about', () => {
    expect(salientPhrase(kb, 'The annual curry contest was held on Saturday.')).toBe('annual curry contest and Saturday');
  });

  it('keeps a sum whole, with its currency sign, and never opens a phrase inside a number', () => {
    const phrase = salientPhrase(kb, 'Hollman was held on a $326,000 bond at the county jail.')!;
    expect(phrase).toContain('$326,000 bond');
    expect(phrase).not.toMatch(/(?:^| )000/);
  });

  it('ends a phrase at a word that tells when, or at a verb inside it, and drops an amount standing alone', () => {
    const phrase = salientPhrase(kb, 'Sandado later told reporters the curry contest drew 40.')!;
    expect(phrase).not.toMatch(/\b(?:later|told)\b/);
    expect(phrase.split(' and ')).not.toContain('40');
  });

  it('has none for a quote of stop words only', () => {
    expect(salientPhrase(kb, 'It was, and then it is.')).toBeNull();
  });
});

describe('suggestions for a declined question on a report with no curated Q&A', () => {
  let kb: KnowledgeBase;
  beforeAll(() => {
    kb = knowledgeOfReports({ 'npr-dylann-roof-convicted.txt': readFileSync(ROOF_FILE) });
  });

  it('offers the closest paragraphs in their own words, each answered from a paragraph that says them', () => {
    const declined = answerQuestion(kb, 'what punishment is the shooter facing');
    expect(declined.answered).toBe(false);
    const inOwnWords = declined.suggestions.filter((suggestion) => suggestion.startsWith('What about '));
    expect(inOwnWords.length).toBeGreaterThanOrEqual(1);
    for (const suggestion of inOwnWords) {
      const answer = answerQuestion(kb, suggestion);
      expect(answer.answered, suggestion).toBe(true);
      const phrases = suggestion
        .replace(/^What about /, '')
        .replace(/\?$/, '')
        .split(' and ');
      const cited = answer.citations[0]!;
      const paragraph = kb.passagesOf(cited.sourceId).find((passage) => passage.paragraph === cited.paragraph)!;
      for (const phrase of phrases) expect(comparableText(paragraph.text), suggestion).toContain(comparableText(phrase));
    }
  });
});

describe('suggestions among several reports', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = buildKnowledgeBase(await readKnowledgeFolder(path.join(PROJECT_ROOT, 'tests/eval/real/dev3')));
  });

  it('come from the report the question is about, not from another that shares a word with it', () => {
    const declined = answerQuestion(kb, 'who was riding with jonathan blair');
    expect(declined.answered).toBe(false);
    expect(declined.suggestions.length).toBeGreaterThanOrEqual(2);
    for (const suggestion of declined.suggestions) {
      expect(answerQuestion(kb, suggestion, { suggest: false }).citations[0]?.sourceId, suggestion).toBe(
        'therepublic-columbus-police-six-drug-arrests.txt',
      );
    }
  });

  it('are the same when the same question is declined again', () => {
    const first = answerQuestion(kb, 'how many got locked up in total').suggestions;
    expect(first.length).toBeGreaterThan(0);
    expect(answerQuestion(kb, 'how many got locked up in total').suggestions).toEqual(first);
  });
});
