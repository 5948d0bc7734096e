/**
 * The candidate index over passages: an inverted index from stem to the passages that use it, each posting carrying
 * its whole BM25 contribution (IDF, term frequency, length normalisation and field weight) computed at build time.
 * A question then costs one multiply-add per posting it reads, into one reused score array: no per-result objects,
 * which is where a general-purpose search library spends its time on a 100,000-paragraph corpus (measured in
 * `npm run bench`, which runs MiniSearch beside this index).
 *
 * Terms are stems from the engine's own tokenizer and stemmer, so the index and questions agree on every word.
 * Postings are stored in typed arrays (compressed sparse rows), a few bytes each, sorted by passage position.
 * src/kb/passage-index-builder.ts builds it.
 */

export interface IndexHit {
  /** Position of the passage in the knowledge base's passage list. */
  position: number;
  score: number;
}

/** The index's own arrays: what crosses to another thread, and what its JSON encodes. */
export interface PassageIndexArrays {
  documentCount: number;
  terms: string[];
  offsets: Uint32Array;
  positions: Uint32Array;
  impacts: Float32Array;
}

/** The index as JSON: terms in id order, postings as base64 of their typed arrays. */
export interface PassageIndexJson {
  documentCount: number;
  terms: string[];
  offsets: string;
  positions: string;
  impacts: string;
}

const toBase64 = (array: Uint32Array | Float32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function fromBase64<T extends Uint32Array | Float32Array>(text: string, Type: { new (buffer: ArrayBuffer): T }): T {
  const bytes = Buffer.from(text, 'base64');
  // Copied into a fresh buffer: Buffer's pool may not be aligned for 4-byte elements.
  return new Type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

export class PassageIndex {
  private readonly termIds: Map<string, number>;
  /** Scratch score array, reused by every search; searches are synchronous, so no two ever share it. */
  private readonly scores: Float64Array;
  private readonly touched: Uint32Array;

  constructor(
    readonly documentCount: number,
    private readonly terms: readonly string[],
    /** Postings of term t are entries offsets[t] … offsets[t + 1] - 1. */
    private readonly offsets: Uint32Array,
    private readonly positions: Uint32Array,
    private readonly impacts: Float32Array,
  ) {
    this.termIds = new Map(terms.map((term, id) => [term, id]));
    this.scores = new Float64Array(documentCount);
    this.touched = new Uint32Array(documentCount);
  }

  /** How many passages a stem occurs in, in any field. */
  postingsOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.offsets[id + 1]! - this.offsets[id]!;
  }

  /** The `limit` passages with the highest weighted BM25 over the given stems (stem → query weight), best first. */
  search(weights: ReadonlyMap<string, number>, limit: number): IndexHit[] {
    const { scores, touched } = this;
    let touchedCount = 0;
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      for (let entry = this.offsets[id]!, end = this.offsets[id + 1]!; entry < end; entry++) {
        const position = this.positions[entry]!;
        if (scores[position] === 0) touched[touchedCount++] = position;
        scores[position] = scores[position]! + weight * this.impacts[entry]!;
      }
    }
    const best = topScores(scores, touched, touchedCount, limit);
    for (let index = 0; index < touchedCount; index++) scores[touched[index]!] = 0;
    return best;
  }

  toArrays(): PassageIndexArrays {
    return {
      documentCount: this.documentCount,
      terms: [...this.terms],
      offsets: this.offsets,
      positions: this.positions,
      impacts: this.impacts,
    };
  }

  /** Rebuilds an index from its arrays, refusing arrays that do not describe one. */
  static fromArrays({ documentCount, terms, offsets, positions, impacts }: PassageIndexArrays): PassageIndex {
    const entries = offsets[offsets.length - 1];
    if (offsets.length !== terms.length + 1 || positions.length !== entries || impacts.length !== entries) {
      throw new Error('passage index arrays do not agree in length');
    }
    for (let entry = 0; entry < positions.length; entry++) {
      if (positions[entry]! >= documentCount) throw new Error('passage index points past its last passage');
    }
    return new PassageIndex(documentCount, terms, offsets, positions, impacts);
  }

  toJSON(): PassageIndexJson {
    return {
      documentCount: this.documentCount,
      terms: [...this.terms],
      offsets: toBase64(this.offsets),
      positions: toBase64(this.positions),
      impacts: toBase64(this.impacts),
    };
  }

  static fromJSON(json: PassageIndexJson): PassageIndex {
    return PassageIndex.fromArrays({
      documentCount: json.documentCount,
      terms: json.terms,
      offsets: fromBase64(json.offsets, Uint32Array),
      positions: fromBase64(json.positions, Uint32Array),
      impacts: fromBase64(json.impacts, Float32Array),
    });
  }
}

/** The highest `limit` scores among the touched positions, best first; ties go to the earlier passage. */
function topScores(scores: Float64Array, touched: Uint32Array, count: number, limit: number): IndexHit[] {
  const best: IndexHit[] = [];
  const worse = (a: IndexHit, b: IndexHit) => a.score < b.score || (a.score === b.score && a.position > b.position);
  for (let index = 0; index < count; index++) {
    const hit = { position: touched[index]!, score: scores[touched[index]!]! };
    if (best.length === limit && !worse(best[best.length - 1]!, hit)) continue;
    let at = best.length === limit ? best.length - 1 : best.length;
    while (at > 0 && worse(best[at - 1]!, hit)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = hit;
  }
  return best;
}
