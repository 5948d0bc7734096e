import { parentPort, workerData } from 'node:worker_threads';

/**
 * derive-table.ts's worker: the nearest neighbours by cosine of words [from, to) among all words of the table,
 * best first. Plain JavaScript, so a worker thread runs it without a TypeScript loader.
 */

const { shared, from, to, k } = workerData;
const { count, dimensions, unit } = shared;
const index = new Uint16Array((to - from) * k);
const cosine = new Float32Array((to - from) * k).fill(-2);
const scores = new Float32Array(count);
for (let word = from; word < to; word++) {
  const base = word * dimensions;
  for (let other = 0; other < count; other++) {
    const otherBase = other * dimensions;
    let dot = 0;
    for (let d = 0; d < dimensions; d++) dot += unit[base + d] * unit[otherBase + d];
    scores[other] = dot;
  }
  scores[word] = -2;
  const slot = (word - from) * k;
  for (let other = 0; other < count; other++) {
    const score = scores[other];
    if (score <= cosine[slot + k - 1]) continue;
    let at = k - 1;
    while (at > 0 && cosine[slot + at - 1] < score) {
      cosine[slot + at] = cosine[slot + at - 1];
      index[slot + at] = index[slot + at - 1];
      at--;
    }
    cosine[slot + at] = score;
    index[slot + at] = other;
  }
}
parentPort.postMessage({ index, cosine });
