import { readWordVectorTable, type WordVectorData } from './table.ts';

/**
 * Word similarity from GloVe vectors (the committed table, see table.ts): how close in meaning two words are, and a
 * word's nearest neighbours. This is what lets "harbour" find "port" and "hurt" find "injuring": the reports' own
 * words cannot say that two different words mean nearly the same.
 */

export class WordVectors {
  private readonly ids = new Map<string, number>();
  private readonly inverseNorms: Float32Array;
  private readonly dimensions: number;
  private readonly vectors: Int8Array;
  private readonly neighbourIndex: Uint16Array;
  private readonly neighbourCosine: Float32Array;
  private readonly perWord: number;

  constructor(private readonly data: WordVectorData) {
    this.dimensions = data.dimensions;
    this.vectors = data.vectors;
    this.neighbourIndex = data.neighbourIndex;
    this.neighbourCosine = data.neighbourCosine;
    this.perWord = data.neighbourIndex.length / data.words.length;
    this.inverseNorms = new Float32Array(data.words.length);
    data.words.forEach((word, id) => {
      this.ids.set(word, id);
      let norm = 0;
      for (let d = id * this.dimensions, end = d + this.dimensions; d < end; d++) norm += this.vectors[d]! * this.vectors[d]!;
      this.inverseNorms[id] = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    });
  }

  get size(): number {
    return this.data.words.length;
  }

  /** The id of a normalised word, or -1 when the table has no vector for it. */
  idOf(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  wordOf(id: number): string {
    return this.data.words[id]!;
  }

  /** Cosine similarity of two words by id, in [-1, 1]. */
  cosine(a: number, b: number): number {
    if (a === b) return 1;
    const { vectors, dimensions } = this;
    let dot = 0;
    for (let i = a * dimensions, j = b * dimensions, end = i + dimensions; i < end; i++, j++) dot += vectors[i]! * vectors[j]!;
    return dot * this.inverseNorms[a]! * this.inverseNorms[b]!;
  }

  /** The word's nearest neighbours, best first, at least `minCosine` similar. */
  neighbours(id: number, limit: number, minCosine: number): Array<{ id: number; cosine: number }> {
    const found: Array<{ id: number; cosine: number }> = [];
    for (let slot = id * this.perWord, end = slot + this.perWord; slot < end && found.length < limit; slot++) {
      const cosine = this.neighbourCosine[slot]!;
      if (cosine < minCosine) break;
      found.push({ id: this.neighbourIndex[slot]!, cosine });
    }
    return found;
  }
}

let loaded: WordVectors | null = null;

/** The process's word vectors, read on first use (about 6 MB, tens of milliseconds) and shared by every build. */
export function wordVectors(): WordVectors {
  loaded ??= new WordVectors(readWordVectorTable());
  return loaded;
}
