import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Passage } from '../kb/types.ts';
import type { AnalyzedQuestion } from '../search/query.ts';

/**
 * "What did Boris Johnson say about the account?" asks for Johnson's words: a quote answers it only when the
 * reports attribute a statement in it to him (the claims the build found, "he said" included), not when it merely
 * holds some reported speech ("the party was accused …") near his name.
 */

/** The verb that asks for someone's words, after the one who spoke: "what did X say", "what has X told". */
const SPEECH_VERB =
  /\b(?:say|said|says|tell|told|tells|claim|claimed|claims|write|wrote|argue|argued|warn|warned|add|added|reply|replied|respond|responded)\b/i;

/** The entity the question asks the words of: one named before its speech verb; null when none is. */
export function askedSpeaker(question: string, analyzed: AnalyzedQuestion, kb: KnowledgeBase): string | null {
  const lower = question.toLowerCase();
  const verbAt = lower.search(SPEECH_VERB);
  if (verbAt < 0) return null;
  for (const concept of analyzed.concepts) {
    if (concept.entityId === null) continue;
    const typed = analyzed.corrections.find((correction) => correction.to === kb.entity(concept.entityId!)?.name)?.from;
    const at = lower.indexOf((typed ?? concept.label).toLowerCase());
    if (at >= 0 && at < verbAt) return concept.entityId;
  }
  return null;
}

/**
 * Whether the report attributes a statement made within `start`–`end` of the passage to the speaker. Where the
 * claims attribute nothing there at all (an attribution the build did not read), the quote naming the speaker and
 * holding reported speech is taken for theirs; a statement the claims give to someone else is not.
 */
export function quotesSpeaker(kb: KnowledgeBase, passage: Passage, start: number, end: number, speaker: string): boolean {
  const inQuote = kb.claimsIn(passage.id).filter((claim) => claim.cue !== null && claim.start < end && claim.end > start);
  if (inQuote.some((claim) => claim.claimantEntityId === speaker)) return true;
  return inQuote.length === 0 && passage.entityIds.includes(speaker) && namesIn(kb, passage, start, end, speaker);
}

function namesIn(kb: KnowledgeBase, passage: Passage, start: number, end: number, speaker: string): boolean {
  const text = passage.text.slice(start - passage.start, end - passage.start);
  return kb.entityMatcher.findMentions(text, { caseSensitiveSingleWords: true }).some((mention) => mention.entityId === speaker);
}
