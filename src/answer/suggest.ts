import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Citation } from '../kb/types.ts';
import type { SearchResult } from '../search/engine.ts';
import { hasClaimsAbout } from '../search/claims-lookup.ts';
import { paragraphKey } from './candidates.ts';
import { salientPhrase } from './passage-phrase.ts';
import { subjectQuestion } from './subject-question.ts';

/**
 * Up to three things the knowledge base can answer near what was asked: curated questions first; then, from the
 * closest paragraphs, a question asking who a quote's subject is ("Who was crowned curry queen?") or else "What
 * about <its key phrases>?" (kept only when the bot answers it from that same paragraph), "Who is …?" for the
 * people they name, "What did … say?" for who they quote, and "/claims …" for an entity with claims, each kept
 * only when the bot does answer it; when nothing was near, the first entries of qa.json (moderators put their best
 * questions first).
 */

export const MAX_SUGGESTIONS = 3;
const NEAREST_PASSAGES = 3;
const MAX_TRIED = 6;
/** A claimant worth naming in a suggestion: a name, not a clause ("officials who spoke to the Times"). */
const NAME = /^(?:\p{Lu}[\p{L}.'’-]+)(?: (?:\p{Lu}[\p{L}.'’-]+|de|van|von|al|bin)){1,3}$/u;

/** A question in the closest quotes' own words, with the paragraph it must be answered from. */
interface PhraseSuggestion {
  question: string;
  from: Citation;
}

/** Where the name a quote opens with ends ("Beverly Jones", "Tottenham", "He"), or null when it opens otherwise. */
function openingNameEnd(kb: KnowledgeBase, quote: string): number | null {
  const opening = /^\s*(?:(?:but|and|so)\s+)?/i.exec(quote)![0].length;
  const pronoun = /^(?:he|she)\b/i.exec(quote.slice(opening));
  if (pronoun) return opening + pronoun[0].length;
  const mentions = kb.entityMatcher.findMentions(quote.slice(0, 200), { caseSensitiveSingleWords: true });
  const name = mentions.filter((mention) => mention.start === opening).sort((x, y) => y.end - x.end)[0];
  return name ? name.end : null;
}

/** For each closest quote, the questions it answers, best first: who its subject is, then its key phrases. */
function fromClosestQuotes(kb: KnowledgeBase, closest: readonly Citation[]): PhraseSuggestion[][] {
  return closest.slice(0, NEAREST_PASSAGES).map((citation) => {
    const nameEnd = openingNameEnd(kb, citation.quote);
    const asked = nameEnd === null ? null : subjectQuestion(citation.quote, nameEnd);
    const phrase = salientPhrase(kb, citation.quote);
    return [...(asked ? [asked] : []), ...(phrase ? [`What about ${phrase}?`] : [])].map((question) => ({ question, from: citation }));
  });
}

const sameParagraph = (a: Citation | null, b: Citation) => a !== null && paragraphKey(a) === paragraphKey(b);

function fromNearestPassages(kb: KnowledgeBase, result: SearchResult): string[] {
  const found: string[] = [];
  for (const hit of result.passages.slice(0, NEAREST_PASSAGES)) {
    for (const id of hit.passage.entityIds) {
      const entity = kb.entity(id);
      if (!entity) continue;
      if (entity.type === 'person') found.push(`Who is ${entity.name}?`);
      if (hasClaimsAbout(kb, id)) found.push(`/claims ${entity.name}`);
    }
    for (const claim of kb.claimsIn(hit.passage.id)) {
      if (claim.claimant && NAME.test(claim.claimant)) found.push(`What did ${claim.claimant} say?`);
    }
  }
  return found;
}

/** The question without case, spacing and final punctuation: "Who is X?" and "who is x" are the same question. */
function sameQuestionKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/[?!.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `answers` gives the first citation of the bot's answer to a question, or null when it declines; suggestions from
 * the paragraphs are only made of ones it answers, and only for a declined question (null otherwise: an answered
 * one has its answer, and checking costs). `closest` are the first citations of the best-ranked passage
 * candidates, one per paragraph, best first.
 */
export function suggestQuestions(
  kb: KnowledgeBase,
  result: SearchResult | null,
  answeredQaId: string | null,
  answers: ((question: string) => Citation | null) | null,
  closest: readonly Citation[] = [],
): string[] {
  const asked = result ? sameQuestionKey(result.question) : null;
  const related = (result?.qa ?? [])
    .filter((hit) => hit.pair.id !== answeredQaId && hit.forward > 0 && sameQuestionKey(hit.pair.question) !== asked)
    .map((hit) => hit.pair.question);
  const suggestions = [...new Set(related)].slice(0, MAX_SUGGESTIONS);
  if (answers) {
    for (const questions of fromClosestQuotes(kb, closest)) {
      if (suggestions.length >= MAX_SUGGESTIONS) break;
      // The first of a quote's questions that the bot answers from that quote's paragraph.
      const answered = questions.find(
        ({ question, from }) =>
          !suggestions.includes(question) && sameQuestionKey(question) !== asked && sameParagraph(answers(question), from),
      );
      if (answered) suggestions.push(answered.question);
    }
  }
  if (result && answers && suggestions.length < MAX_SUGGESTIONS) {
    let tried = 0;
    for (const candidate of new Set(fromNearestPassages(kb, result))) {
      if (suggestions.length >= MAX_SUGGESTIONS || tried >= MAX_TRIED) break;
      if (suggestions.includes(candidate) || sameQuestionKey(candidate) === asked) continue;
      if (candidate.startsWith('/claims ')) {
        suggestions.push(candidate);
        continue;
      }
      tried++;
      if (answers(candidate) !== null) suggestions.push(candidate);
    }
  }
  if (answeredQaId === null) {
    for (const pair of kb.qa) {
      if (suggestions.length >= MAX_SUGGESTIONS) break;
      if (!suggestions.includes(pair.question) && sameQuestionKey(pair.question) !== asked) suggestions.push(pair.question);
    }
  }
  return suggestions;
}
