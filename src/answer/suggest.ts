import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { SearchResult } from '../search/engine.ts';

/**
 * Up to three curated questions the knowledge base can answer: the ones nearest to what was asked, or, when
 * nothing was near, the first entries of qa.json (moderators put their best questions first).
 */

export const MAX_SUGGESTIONS = 3;

export function suggestQuestions(kb: KnowledgeBase, result: SearchResult | null, answeredQaId: string | null): string[] {
  const related = (result?.qa ?? [])
    .filter((hit) => hit.pair.id !== answeredQaId && hit.forward > 0)
    .map((hit) => hit.pair.question);
  const fallback = answeredQaId === null ? kb.qa.map((pair) => pair.question) : [];
  return [...new Set([...related, ...fallback])].slice(0, MAX_SUGGESTIONS);
}
