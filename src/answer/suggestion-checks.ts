import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Citation } from '../kb/types.ts';

/**
 * What asking a suggested question gets, remembered per knowledge base. A declined question's suggestions are each
 * checked by answering them, which made a declined question cost four answers; questions near the same paragraphs
 * ("Who is Tasos Georgelis?", "What about the shipment referendum?") are suggested again and again, and a
 * knowledge base never changes (a refresh or a curation swaps in a new one), so each check is made once.
 */

/** Checks kept per knowledge base, the most recently used: far more than a busy channel's declined questions' worth. */
export const KEPT_SUGGESTION_CHECKS = 4096;

const checks = new WeakMap<KnowledgeBase, Map<string, Citation | null>>();

/**
 * The first citation of the answer to `question` (null when it is declined), from `answer` on first use. `scoring`
 * names the scoring options the answer is made with, as checks under other options may differ.
 */
export function checkedSuggestion(kb: KnowledgeBase, scoring: string, question: string, answer: () => Citation | null): Citation | null {
  let kept = checks.get(kb);
  if (!kept) checks.set(kb, (kept = new Map()));
  const key = `${scoring}\n${question}`;
  if (kept.has(key)) {
    const citation = kept.get(key)!;
    // Map keeps insertion order: moving an entry to the end makes the first one the least recently used.
    kept.delete(key);
    kept.set(key, citation);
    return citation;
  }
  const citation = answer();
  if (kept.size >= KEPT_SUGGESTION_CHECKS) kept.delete(kept.keys().next().value!);
  kept.set(key, citation);
  return citation;
}
