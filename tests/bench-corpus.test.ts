import { describe, expect, it } from 'vitest';
import { buildPlainMiniSearch, splitParagraphs } from '../src/bench/baselines.ts';
import { generateCorpus, generateQuestions, MAX_PARAGRAPH_WORDS, MIN_PARAGRAPH_WORDS, type SyntheticCorpus } from '../src/bench/corpus.ts';

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

const corpus: SyntheticCorpus = generateCorpus({ paragraphs: 1000, seed: 7 });
const questions = generateQuestions(corpus, { count: 90, seed: 3 });

describe('generateCorpus', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateCorpus({ paragraphs: 1000, seed: 7 });
    expect(again.sources.map((s) => s.text).join('\u0000')).toBe(corpus.sources.map((s) => s.text).join('\u0000'));
    const other = generateCorpus({ paragraphs: 1000, seed: 8 });
    expect(other.sources[0]!.text).not.toBe(corpus.sources[0]!.text);
  });

  it('honours the paragraph count and report size', () => {
    expect(corpus.paragraphCount).toBe(1000);
    expect(corpus.sources).toHaveLength(50);
    expect(splitParagraphs(corpus.sources)).toHaveLength(1000);
    const odd = generateCorpus({ paragraphs: 47, paragraphsPerReport: 10, seed: 2 });
    expect(odd.paragraphCount).toBe(47);
    expect(odd.sources.map((s) => splitParagraphs([s]).length)).toEqual([10, 10, 10, 10, 7]);
    expect(odd.sources.map((s) => s.file)).toEqual([
      'bench_000000.txt',
      'bench_000001.txt',
      'bench_000002.txt',
      'bench_000003.txt',
      'bench_000004.txt',
    ]);
  });

  it('writes headline, blank line, then 25–80 word paragraphs', () => {
    for (const source of corpus.sources) {
      const [headline, blank] = source.text.split('\n');
      expect(headline!.length).toBeGreaterThan(10);
      expect(blank).toBe('');
    }
    const paragraphs = splitParagraphs(corpus.sources);
    for (const p of paragraphs) {
      const words = p.text.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(MIN_PARAGRAPH_WORDS);
      expect(words).toBeLessThanOrEqual(MAX_PARAGRAPH_WORDS);
    }
    expect(new Set(paragraphs.map((p) => p.text)).size).toBe(paragraphs.length);
  });
});

describe('generateQuestions', () => {
  it('produces the requested count with an even mix of kinds, deterministically', () => {
    expect(questions).toHaveLength(90);
    for (const kind of ['keyword', 'typo', 'paraphrase', 'reworded'] as const) {
      expect(questions.filter((q) => q.kind === kind)).toHaveLength(kind === 'keyword' || kind === 'typo' ? 23 : 22);
    }
    expect(generateQuestions(corpus, { count: 90, seed: 3 })).toEqual(questions);
    expect(generateQuestions(corpus, { count: 90, seed: 4 })).not.toEqual(questions);
  });

  it("targets a fragment of 6+ words that occurs exactly once in the corpus, in the target's file", () => {
    const all = corpus.sources.map((s) => s.text).join('\n\n');
    const byFile = new Map(corpus.sources.map((s) => [s.file, s.text]));
    const paragraphs = splitParagraphs(corpus.sources);
    for (const q of questions) {
      expect(q.target.contains.split(' ').length).toBeGreaterThanOrEqual(6);
      expect(occurrences(all, q.target.contains), q.target.contains).toBe(1);
      expect(occurrences(byFile.get(q.target.file)!, q.target.contains)).toBe(1);
      expect(paragraphs.filter((p) => p.text.includes(q.target.contains))).toHaveLength(1);
    }
  });

  it('rewords with verbs and nouns the target paragraph does not use, keeping only the name', () => {
    const paragraphs = splitParagraphs(corpus.sources);
    const templateWords = new Set(['why', 'did', 'the', 'is', 'behind', 'what', 'was', 's', 'role', 'known', 'about']);
    const reworded = questions.filter((q) => q.kind === 'reworded');
    expect(reworded.length).toBeGreaterThan(0);
    for (const q of reworded) {
      const target = paragraphs.find((p) => p.text.includes(q.target.contains))!;
      const targetWords = new Set(target.text.toLowerCase().match(/[a-z]+/g));
      // Names are the capitalised words of the paragraph; they are all a reworded question may share with it.
      const nameWords = new Set(target.text.match(/\b[A-Z][a-z]+/g)?.map((word) => word.toLowerCase()));
      const content = (q.question.toLowerCase().match(/[a-z]+/g) ?? []).filter((word) => !templateWords.has(word) && !nameWords.has(word));
      expect(content.length, q.question).toBeGreaterThanOrEqual(2);
      for (const word of content) expect(targetWords.has(word), `${word} in "${q.question}"`).toBe(false);
    }
  });

  it('plain MiniSearch answers a fair share of the questions (they are answerable)', () => {
    const paragraphs = splitParagraphs(corpus.sources);
    const baseline = buildPlainMiniSearch(paragraphs);
    let hits = 0;
    for (const q of questions) {
      const top = baseline.search(q.question);
      if (top && top.file === q.target.file && top.text.includes(q.target.contains)) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(questions.length * 0.3);
  });
});
