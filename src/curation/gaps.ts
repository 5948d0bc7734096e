import Fuse from 'fuse.js';
import { contentTerms } from '../kb/text.ts';
import type { FeedbackRecords } from './records.ts';

/**
 * /kb gaps: what people asked and did not get (unanswered, or voted down), near-duplicates grouped so "who is jon
 * sipher" and "who's john sipher?" count as one gap, most frequent first. Each gap keeps one answer id, through
 * which its "write a Q&A" button finds the question.
 */

export interface Gap {
  question: string;
  count: number;
  unanswered: number;
  downvoted: number;
  answerId: string;
  lastAt: number;
}

const SAME_QUESTION = 0.4;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Enough for weeks of a busy server; older misses beyond it are left out of the grouping. */
const MAX_MISSES = 5_000;

export async function findGaps(feedback: FeedbackRecords, days: number, limit = 10, now = Date.now()): Promise<Gap[]> {
  const misses = (await feedback.misses(now - days * DAY_MS)).sort((a, b) => b.at - a.at).slice(0, MAX_MISSES);
  const gaps: Array<Gap & { representative: string }> = [];
  // Each new gap is added to the index as it is found; fuse.js scores 0 for identical text.
  const index = new Fuse<Gap & { representative: string }>([], {
    keys: ['representative'],
    includeScore: true,
    ignoreLocation: true,
    threshold: SAME_QUESTION,
  });
  const byWords = new Map<string, Gap & { representative: string }>();
  for (const miss of misses) {
    // The same content words in another order ("who won the world cup in 2018" / "2018 world cup winner") are one
    // question; otherwise fuse.js decides on the characters (typos, "whats" for "what is").
    const words = [...new Set(contentTerms(miss.normalized))].sort().join(' ');
    const match = byWords.has(words)
      ? undefined
      : miss.normalized.length > 0
        ? index.search(miss.normalized.slice(0, 200), { limit: 1 })[0]
        : undefined;
    const gap = byWords.get(words) ?? (match && (match.score ?? 1) <= SAME_QUESTION ? match.item : undefined);
    if (gap) {
      gap.count++;
      if (miss.answered) gap.downvoted++;
      else gap.unanswered++;
      continue;
    }
    const created = {
      question: miss.question,
      count: 1,
      unanswered: miss.answered ? 0 : 1,
      downvoted: miss.answered ? 1 : 0,
      answerId: miss.answerId,
      lastAt: miss.at,
      representative: miss.normalized,
    };
    gaps.push(created);
    index.add(created);
    if (words) byWords.set(words, created);
  }
  return gaps
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
    .slice(0, limit)
    .map(({ representative: _representative, ...gap }) => gap);
}
