/**
 * The top `limit` passages under a weighted sum of scored postings, read term by term with a safe early stop
 * (term-at-a-time "quit and continue", as in Moffat and Zobel's self-indexing inverted files): terms are read in
 * the order of the most they can add to a passage. Once what the unread terms could add together falls below the
 * score a passage needs to be in the top, no unseen passage can enter it; from then on the remaining terms are
 * only looked up for the passages that can still reach the top, by binary search in their sorted postings. The
 * result is the exhaustive one, scores included: the passages it stops adding to cannot be among the results.
 * A question with a word in most paragraphs ("said", "new") no longer reads that word's every posting.
 */

export interface IndexHit {
  /** Position of the passage in the knowledge base's passage list. */
  position: number;
  score: number;
}

/** A term's postings under the scoring in use: passages in ascending position, each with its contribution. */
export interface ScoredPostingLists {
  offsets: Uint32Array;
  positions: Uint32Array;
  impacts: Float32Array;
  /** The largest impact in each term's list: the most one posting of it can add, before the term's weight. */
  maxImpact: Float32Array;
}

/** Reused score and touched arrays, one slot per passage; all scores are 0 between searches. */
export interface ScoreScratch {
  scores: Float64Array;
  touched: Uint32Array;
}

interface WeightedTerm {
  id: number;
  weight: number;
  /** The most this term adds to any passage: its weight times its largest impact. */
  bound: number;
}

/**
 * Floating-point sums taken in another order differ in their last bits; a passage is only set aside when it misses
 * the top by more than this share, so rounding never drops one that ties.
 */
const ROUNDING_MARGIN = 1e-9;

/**
 * A check of the entry score costs one pass over the passages seen so far; it is made before a term only when
 * that term has at least as many postings, so the check never costs more than the reading it may save.
 */
function worthChecking(postings: number, seen: number, limit: number): boolean {
  return seen >= limit && postings >= seen;
}

export function topPassages(
  lists: ScoredPostingLists,
  scratch: ScoreScratch,
  weights: ReadonlyMap<number, number>,
  limit: number,
): IndexHit[] {
  const { offsets, positions, impacts, maxImpact } = lists;
  const { scores, touched } = scratch;
  const terms: WeightedTerm[] = [];
  for (const [id, weight] of weights) if (weight > 0) terms.push({ id, weight, bound: weight * maxImpact[id]! });
  terms.sort((a, b) => b.bound - a.bound || a.id - b.id);
  // unread[i]: the most the terms from i on can add to one passage together.
  const unread = new Float64Array(terms.length + 1);
  for (let index = terms.length - 1; index >= 0; index--) unread[index] = unread[index + 1]! + terms[index]!.bound;

  let touchedCount = 0;
  let next = 0;
  let entryScore = 0;
  for (; next < terms.length; next++) {
    const { id, weight } = terms[next]!;
    const start = offsets[id]!;
    const end = offsets[id + 1]!;
    if (worthChecking(end - start, touchedCount, limit)) {
      entryScore = lowestOfTop(scores, touched, touchedCount, limit);
      if (unread[next]! * (1 + ROUNDING_MARGIN) < entryScore) break;
    }
    for (let entry = start; entry < end; entry++) {
      const position = positions[entry]!;
      if (scores[position] === 0) touched[touchedCount++] = position;
      scores[position] = scores[position]! + weight * impacts[entry]!;
    }
  }

  if (next < terms.length) {
    // Read from the touched array itself: it can hold most of the collection, and a copy of it was most of what a
    // search allocated.
    let contenders = stillContending(scores, touched, touchedCount, unread[next]!, entryScore);
    contenders.sort((a, b) => a - b);
    for (; next < terms.length; next++) {
      const { id, weight } = terms[next]!;
      addToContenders(positions, impacts, offsets[id]!, offsets[id + 1]!, weight, contenders, scores);
      if (contenders.length > limit) {
        entryScore = Math.max(entryScore, lowestOfTop(scores, contenders, contenders.length, limit));
        contenders = stillContending(scores, contenders, contenders.length, unread[next + 1]!, entryScore);
      }
    }
  }

  const best = highestScores(scores, touched, touchedCount, limit);
  for (let index = 0; index < touchedCount; index++) scores[touched[index]!] = 0;
  return best;
}

/** Of the first `count` positions, those whose score with all the unread terms could add still reaches the entry score (in order). */
function stillContending(scores: Float64Array, positions: ArrayLike<number>, count: number, unread: number, entryScore: number): number[] {
  const needed = entryScore * (1 - ROUNDING_MARGIN) - unread;
  const contending: number[] = [];
  for (let index = 0; index < count; index++) {
    const position = positions[index]!;
    if (scores[position]! >= needed) contending.push(position);
  }
  return contending;
}

/**
 * Adds one term to the contenders (ascending positions): each found by binary search from the last one found, or,
 * when there are so many contenders that reading the whole list is cheaper, by one pass over it that adds to the
 * passages already seen (a passage that is no contender gains a term it cannot use, which changes no result).
 */
function addToContenders(
  positions: Uint32Array,
  impacts: Float32Array,
  start: number,
  end: number,
  weight: number,
  contenders: readonly number[],
  scores: Float64Array,
): void {
  if (contenders.length * Math.log2(end - start + 1) > end - start) {
    for (let entry = start; entry < end; entry++) {
      const position = positions[entry]!;
      if (scores[position] !== 0) scores[position] = scores[position]! + weight * impacts[entry]!;
    }
    return;
  }
  let low = start;
  for (const position of contenders) {
    let high = end;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (positions[middle]! < position) low = middle + 1;
      else high = middle;
    }
    if (low === end) return;
    if (positions[low] === position) scores[position] = scores[position]! + weight * impacts[low]!;
  }
}

/** The score of the last of the top `limit` among the touched passages; 0 while fewer are touched. */
function lowestOfTop(scores: Float64Array, touched: ArrayLike<number>, count: number, limit: number): number {
  const top = highestScores(scores, touched, count, limit);
  return top.length < limit ? 0 : top[top.length - 1]!.score;
}

/** The highest `limit` scores among the touched positions, best first; ties go to the earlier passage. */
function highestScores(scores: Float64Array, touched: ArrayLike<number>, count: number, limit: number): IndexHit[] {
  const best: IndexHit[] = [];
  // Lower scores rank below; equal ones by position, so the order never depends on the order of the postings.
  const ranksBelow = (hit: IndexHit, score: number, position: number) =>
    hit.score < score || (hit.score === score && hit.position > position);
  for (let index = 0; index < count; index++) {
    const position = touched[index]!;
    const score = scores[position]!;
    // Most touched passages rank below the current last: tested before any object is made for them.
    if (best.length === limit && !ranksBelow(best[best.length - 1]!, score, position)) continue;
    const hit = { position, score };
    let at = best.length === limit ? best.length - 1 : best.length;
    while (at > 0 && ranksBelow(best[at - 1]!, score, position)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = hit;
  }
  return best;
}
