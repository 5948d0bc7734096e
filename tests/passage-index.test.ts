import { describe, expect, it } from 'vitest';
import { PassageIndex } from '../src/kb/passage-index.ts';
import { PassageIndexBuilder, type IndexablePassage } from '../src/kb/passage-index-builder.ts';
import { contentTerms } from '../src/kb/text.ts';
import { DEFAULT_SCORING } from '../src/answer/scoring-options.ts';
import { bm25Parameters } from '../src/search/passage-search.ts';
import { mulberry32 } from '../src/bench/corpus.ts';

const BM25 = bm25Parameters(DEFAULT_SCORING);

function indexOf(passages: Array<{ text: string; heading?: string; entityNames?: string[] }>): PassageIndex {
  const builder = new PassageIndexBuilder();
  for (const passage of passages) {
    const indexable: IndexablePassage = {
      stems: contentTerms(passage.text),
      heading: passage.heading ?? null,
      entityNames: passage.entityNames ?? [],
    };
    builder.add(indexable);
  }
  return builder.finish();
}

const query = (...words: string[]) => new Map(words.flatMap(contentTerms).map((stem) => [stem, 1]));

const passages = [
  { text: 'The senator discussed the budget with reporters on Tuesday.' },
  { text: 'Intelligence officials said the hacking campaign was directed from Moscow.' },
  { text: 'The weather in the capital was mild, and the budget talks resumed.' },
  { text: 'Officials said the sanctions would be announced soon.', heading: 'Hacking response' },
  { text: 'Hackers, hacking and more hacking: the campaign grew.' },
];

describe('passage index', () => {
  it('ranks the passage that uses the rare words of a question first', () => {
    const hits = indexOf(passages).search(query('hacking', 'Moscow'), 3, BM25);
    expect(hits[0]?.position).toBe(1);
    expect(hits.map((hit) => hit.position)).not.toContain(0);
  });

  it('returns hits best first, no more than asked, each passage once', () => {
    const hits = indexOf(passages).search(query('budget', 'officials', 'hacking', 'campaign'), 3, BM25);
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((hit) => hit.position)).size).toBe(3);
    for (let index = 1; index < hits.length; index++) expect(hits[index - 1]!.score).toBeGreaterThanOrEqual(hits[index]!.score);
  });

  it('weighs a term by the weight the question gives it', () => {
    const index = indexOf(passages);
    const [budgetStem] = contentTerms('budget');
    const [weatherStem] = contentTerms('weather');
    expect(
      index.search(
        new Map([
          [budgetStem!, 1],
          [weatherStem!, 0.01],
        ]),
        1,
        BM25,
      )[0]?.position,
    ).toBe(0);
    expect(
      index.search(
        new Map([
          [budgetStem!, 0.01],
          [weatherStem!, 1],
        ]),
        1,
        BM25,
      )[0]?.position,
    ).toBe(2);
  });

  it('finds a passage through its heading and the entities it names, below its own words', () => {
    const index = indexOf([
      { text: 'He met the minister.', entityNames: ['Vladimir Putin'] },
      { text: 'Putin met the minister.' },
      { text: 'The minister left.', heading: 'Putin visit' },
    ]);
    expect(index.search(query('Putin'), 3, BM25).map((hit) => hit.position)).toEqual([1, 0, 2]);
  });

  it('gives nothing for words no passage uses, and is clean for the next search', () => {
    const index = indexOf(passages);
    expect(index.search(query('zeppelin'), 5, BM25)).toEqual([]);
    const first = index.search(query('budget'), 5, BM25);
    index.search(query('hacking', 'officials'), 5, BM25);
    expect(index.search(query('budget'), 5, BM25)).toEqual(first);
  });

  it('counts the passages a stem occurs in', () => {
    const index = indexOf(passages);
    expect(index.postingsOf(contentTerms('hacking')[0]!)).toBe(3);
    expect(index.postingsOf('zeppelin')).toBe(0);
  });

  it('survives a round trip through JSON with the same results', () => {
    const index = indexOf(passages);
    const restored = PassageIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    const question = query('officials', 'hacking', 'budget');
    expect(restored.search(question, 5, BM25)).toEqual(index.search(question, 5, BM25));
  });

  it('refuses a saved index whose arrays do not agree', () => {
    const json = indexOf(passages).toJSON();
    expect(() => PassageIndex.fromJSON({ ...json, terms: json.terms.slice(1) })).toThrow(/do not agree/);
    expect(() => PassageIndex.fromJSON({ ...json, documentCount: 2 })).toThrow(/do not agree/);
    const arrays = indexOf(passages).toArrays();
    const pastTheEnd = Uint32Array.from(arrays.positions, (position, entry) => (entry === 0 ? 99 : position));
    expect(() => PassageIndex.fromArrays({ ...arrays, positions: pastTheEnd })).toThrow(/past its last passage/);
    const unknownField = Uint32Array.from(arrays.fieldAndFrequency, (value, entry) => (entry === 0 ? value | 3 : value));
    expect(() => PassageIndex.fromArrays({ ...arrays, fieldAndFrequency: unknownField })).toThrow(/field it does not have/);
    // "officials" is in two passages: its postings reversed name the later one first.
    const officials = arrays.terms.indexOf(contentTerms('officials')[0]!);
    const reversed = Uint32Array.from(arrays.positions);
    reversed.subarray(arrays.offsets[officials]!, arrays.offsets[officials + 1]!).reverse();
    expect(() => PassageIndex.fromArrays({ ...arrays, positions: reversed })).toThrow(/out of passage order/);
  });
});

describe('the early stop of a search', () => {
  // Words drawn with Zipf-like frequencies, as in news: a few in most passages, most in few. Questions that mix
  // them are the ones whose common words' postings a search stops reading.
  // Seeded, so a failing case can be replayed.
  const random = mulberry32(20261203);
  const vocabulary = Array.from({ length: 300 }, (_, rank) => `w${rank}x`);
  const zipfWord = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(1 / (random() + 1 / vocabulary.length)) - 1)]!;
  const corpus = Array.from({ length: 600 }, () => ({
    text: Array.from({ length: 4 + Math.floor(random() * 30) }, zipfWord).join(' '),
    heading: random() < 0.2 ? zipfWord() : undefined,
    entityNames: random() < 0.2 ? [zipfWord()] : [],
  }));
  const index = indexOf(corpus);

  /** Every passage's score as the plain sum, term by term, of what each term gives it alone. */
  function exhaustive(weights: Map<string, number>, limit: number) {
    const sums = new Map<number, number>();
    for (const [stem, weight] of weights) {
      for (const hit of index.search(new Map([[stem, weight]]), corpus.length, BM25)) {
        sums.set(hit.position, (sums.get(hit.position) ?? 0) + hit.score);
      }
    }
    return [...sums]
      .map(([position, score]) => ({ position, score }))
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .slice(0, limit);
  }

  it('gives the same passages and scores as reading every posting', () => {
    for (let trial = 0; trial < 300; trial++) {
      const weights = new Map<string, number>();
      const words = 2 + Math.floor(random() * 8);
      for (let word = 0; word < words; word++) {
        const stem = random() < 0.5 ? zipfWord() : vocabulary[Math.floor(random() * 40)]!;
        weights.set(stem, 0.05 + random() * 3);
      }
      const limit = 1 + Math.floor(random() * 20);
      const found = index.search(weights, limit, BM25);
      const expected = exhaustive(weights, limit);
      expect(found.map((hit) => hit.position)).toEqual(expected.map((hit) => hit.position));
      found.forEach((hit, at) => expect(hit.score).toBeCloseTo(expected[at]!.score, 9));
    }
  });
});

describe("the index's BM25+ parameters", () => {
  it('are given with the question, so the heading and entity fields weigh what the scoring options say', () => {
    const index = indexOf([
      { text: 'Officials met on Tuesday.', heading: 'Harbour strike' },
      { text: 'Dock workers went on strike over pay.' },
      { text: 'The minister spoke about the port.', entityNames: ['Harbour Board'] },
    ]);
    const strike = query('strike');
    expect(index.search(strike, 3, BM25).map((hit) => hit.position)).toEqual([1, 0]);
    // A heading weighed far above a passage's own words puts the passage under that heading first.
    expect(index.search(strike, 3, { ...BM25, fieldWeights: [1, 0.6, 5] })[0]?.position).toBe(0);
    expect(index.search(query('harbour'), 3, { ...BM25, fieldWeights: [1, 0, 0] })).toEqual([]);
    expect(index.search(query('harbour'), 3, BM25).map((hit) => hit.position)).toEqual([2, 0]);
  });
});
