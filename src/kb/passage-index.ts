/**
 * The candidate index over passages: an inverted index from stem to the passages that use it, one posting per
 * field of a passage (its own words, the entities it names, its section heading) with the term's frequency there.
 * A question is scored with BM25+ over these, its parameters and the fields' weights given with the question, so
 * they are tuned like any scoring option; the postings' contributions under them are computed once and kept, so a
 * question costs one multiply-add per posting read, into one reused score array, with no per-result objects,
 * which is where a general-purpose search library spends its time on a 100,000-paragraph corpus (measured in
 * `npm run bench`, which runs MiniSearch beside this index). The postings of a question's commonest words are
 * mostly not read at all: src/kb/top-passages.ts stops reading a term once it can no longer change the top.
 *
 * Terms are stems from the engine's own tokenizer and stemmer, so the index and questions agree on every word.
 * Postings are stored in typed arrays (compressed sparse rows), a few bytes each, sorted by passage position.
 * src/kb/passage-index-builder.ts builds it.
 */

import { topPassages, type IndexHit, type ScoreScratch, type ScoredPostingLists } from './top-passages.ts';

/** Fields of a passage, in posting order: its own words, the entities it names, its section heading. */
export const FIELD_COUNT = 3;

export type { IndexHit } from './top-passages.ts';

/** BM25+ as a question is scored with it (ScoringOptions holds the values). */
export interface Bm25Parameters {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
  /** The floor every matching field earns, however long it is (BM25+). */
  delta: number;
  /** Weight of each field, in field order (text, entity names, heading). */
  fieldWeights: readonly [number, number, number];
}

/** The index's own arrays: what crosses to another thread, and what its JSON encodes. */
export interface PassageIndexArrays {
  documentCount: number;
  terms: string[];
  /** Postings of term t are entries offsets[t] … offsets[t + 1] - 1. */
  offsets: Uint32Array;
  positions: Uint32Array;
  /** Field index in the low 2 bits, the term's frequency in that field above them. */
  fieldAndFrequency: Uint32Array;
  /** In how many passages term t occurs in field f: entry t * FIELD_COUNT + f. */
  documentFrequency: Uint32Array;
  /** How many terms field f of passage p has: entry p * FIELD_COUNT + f. */
  lengths: Uint32Array;
}

interface ScoredPostings extends ScoredPostingLists {
  key: string;
}

type ArrayName = 'offsets' | 'positions' | 'fieldAndFrequency' | 'documentFrequency' | 'lengths';
const ARRAY_NAMES: ArrayName[] = ['offsets', 'positions', 'fieldAndFrequency', 'documentFrequency', 'lengths'];

/** The index as JSON: terms in id order, its arrays as base64. */
export type PassageIndexJson = { documentCount: number; terms: string[] } & Record<ArrayName, string>;

const toBase64 = (array: Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function fromBase64(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  // Copied into a fresh buffer: Buffer's pool may not be aligned for 4-byte elements.
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

export class PassageIndex {
  readonly documentCount: number;
  private readonly arrays: PassageIndexArrays;
  private readonly termIds: Map<string, number>;
  private readonly averageLength: Float64Array;
  /** Scratch score array, reused by every search; searches are synchronous, so no two ever share it. */
  private readonly scratch: ScoreScratch;
  private scored: ScoredPostings | null = null;

  constructor(arrays: PassageIndexArrays) {
    this.arrays = arrays;
    this.documentCount = arrays.documentCount;
    this.termIds = new Map(arrays.terms.map((term, id) => [term, id]));
    this.averageLength = new Float64Array(FIELD_COUNT);
    for (let position = 0; position < arrays.documentCount; position++) {
      for (let field = 0; field < FIELD_COUNT; field++) this.averageLength[field]! += arrays.lengths[position * FIELD_COUNT + field]!;
    }
    for (let field = 0; field < FIELD_COUNT; field++) {
      this.averageLength[field] = Math.max(1, this.averageLength[field]! / Math.max(1, arrays.documentCount));
    }
    this.scratch = { scores: new Float64Array(arrays.documentCount), touched: new Uint32Array(arrays.documentCount) };
  }

  /** How many postings a stem has: one for each field of each passage that uses it. */
  postingsOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.arrays.offsets[id + 1]! - this.arrays.offsets[id]!;
  }

  /** The `limit` passages with the highest weighted BM25+ over the given stems (stem → query weight), best first. */
  search(weights: ReadonlyMap<string, number>, limit: number, bm25: Bm25Parameters): IndexHit[] {
    const byId = new Map<number, number>();
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id !== undefined) byId.set(id, weight);
    }
    return topPassages(this.scoredFor(bm25), this.scratch, byId, limit);
  }

  /**
   * The postings scored under these parameters: one per (term, passage), its fields' BM25+ contributions (IDF,
   * saturated term frequency, length normalisation, field weight) summed into one number, so a question costs one
   * multiply-add per posting it reads. Computed on first use and kept for the parameters last asked for: the bot's
   * are always the same, and an eval trying others computes them once per value. A field weighed at nothing adds
   * no posting, so a passage only it names is not a candidate.
   */
  private scoredFor(bm25: Bm25Parameters): ScoredPostings {
    const key = `${bm25.k1} ${bm25.b} ${bm25.delta} ${bm25.fieldWeights.join(' ')}`;
    if (this.scored?.key === key) return this.scored;
    const { offsets, positions, fieldAndFrequency, documentFrequency, lengths, documentCount, terms } = this.arrays;
    const { k1, b, delta, fieldWeights } = bm25;
    const mergedOffsets = new Uint32Array(terms.length + 1);
    const mergedPositions = new Uint32Array(positions.length);
    const impacts = new Float32Array(positions.length);
    const maxImpact = new Float32Array(terms.length);
    const fieldIdf = new Float64Array(FIELD_COUNT);
    let postings = 0;
    for (let id = 0; id < terms.length; id++) {
      mergedOffsets[id] = postings;
      for (let field = 0; field < FIELD_COUNT; field++) {
        const frequency = documentFrequency[id * FIELD_COUNT + field]!;
        fieldIdf[field] = Math.max(0, fieldWeights[field]!) * Math.log(1 + (documentCount - frequency + 0.5) / (frequency + 0.5));
      }
      for (let entry = offsets[id]!, end = offsets[id + 1]!; entry < end; entry++) {
        const field = fieldAndFrequency[entry]! & 3;
        if (fieldIdf[field]! <= 0) continue;
        const position = positions[entry]!;
        const frequency = fieldAndFrequency[entry]! >>> 2;
        const length = lengths[position * FIELD_COUNT + field]!;
        const saturation = (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / this.averageLength[field]!)) + delta;
        // A passage's fields are next to each other in its term's postings: they add into one.
        if (postings > mergedOffsets[id]! && mergedPositions[postings - 1] === position)
          impacts[postings - 1]! += fieldIdf[field]! * saturation;
        else {
          mergedPositions[postings] = position;
          impacts[postings] = fieldIdf[field]! * saturation;
          postings++;
        }
      }
      // Its fields summed, the term's largest contribution: what bounds it in an early-stopping search.
      for (let entry = mergedOffsets[id]!; entry < postings; entry++) maxImpact[id] = Math.max(maxImpact[id]!, impacts[entry]!);
    }
    mergedOffsets[terms.length] = postings;
    this.scored = {
      key,
      offsets: mergedOffsets,
      positions: mergedPositions.slice(0, postings),
      impacts: impacts.slice(0, postings),
      maxImpact,
    };
    return this.scored;
  }

  toArrays(): PassageIndexArrays {
    return { ...this.arrays, terms: [...this.arrays.terms] };
  }

  /** Rebuilds an index from its arrays, refusing arrays that do not describe one. */
  static fromArrays(arrays: PassageIndexArrays): PassageIndex {
    const { documentCount, terms, offsets, positions, fieldAndFrequency, documentFrequency, lengths } = arrays;
    const entries = offsets[offsets.length - 1];
    if (
      offsets.length !== terms.length + 1 ||
      positions.length !== entries ||
      fieldAndFrequency.length !== entries ||
      documentFrequency.length !== terms.length * FIELD_COUNT ||
      lengths.length !== documentCount * FIELD_COUNT
    ) {
      throw new Error('passage index arrays do not agree in length');
    }
    for (let term = 0; term < terms.length; term++) {
      for (let entry = offsets[term]!; entry < offsets[term + 1]!; entry++) {
        if (positions[entry]! >= documentCount) throw new Error('passage index points past its last passage');
        if ((fieldAndFrequency[entry]! & 3) >= FIELD_COUNT) throw new Error('passage index names a field it does not have');
        // Searches find a passage in a term's postings by binary search: they must be in passage order.
        if (entry > offsets[term]! && positions[entry]! < positions[entry - 1]!) {
          throw new Error('passage index postings are out of passage order');
        }
      }
    }
    return new PassageIndex(arrays);
  }

  toJSON(): PassageIndexJson {
    const json = { documentCount: this.documentCount, terms: [...this.arrays.terms] } as PassageIndexJson;
    for (const name of ARRAY_NAMES) json[name] = toBase64(this.arrays[name]);
    return json;
  }

  static fromJSON(json: PassageIndexJson): PassageIndex {
    const arrays = { documentCount: json.documentCount, terms: json.terms } as PassageIndexArrays;
    for (const name of ARRAY_NAMES) arrays[name] = fromBase64(json[name]);
    return PassageIndex.fromArrays(arrays);
  }
}
