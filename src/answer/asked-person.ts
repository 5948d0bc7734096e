import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Passage } from '../kb/types.ts';
import type { AnalyzedQuestion } from '../search/query.ts';
import { AUXILIARIES, isFiniteVerb } from '../kb/english-model.ts';

/**
 * Questions whose answer must quote or name a person. "What did Boris Johnson say about the account?" asks for
 * Johnson's words: a quote answers it only when the reports attribute a statement in it to him (the claims the
 * build found, "he said" included), not when it merely holds some reported speech ("the party was accused …") near
 * his name. "Who is the chairman of the party?" asks for a name, which "the chairman described it as satire" lacks.
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
    // "What did the Australian PM say": a place before the verb is where the speaker is from, not who speaks.
    if (concept.entityId === null || kb.entity(concept.entityId)?.type === 'place') continue;
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
  return inQuote.length === 0 && passage.entityIds.includes(speaker) && mentionedIn(kb, passage, start, end).includes(speaker);
}

/** The entities named within `start`–`end` of the passage. */
function mentionedIn(kb: KnowledgeBase, passage: Passage, start: number, end: number): string[] {
  const text = passage.text.slice(start - passage.start, end - passage.start);
  return kb.entityMatcher.findMentions(text, { caseSensitiveSingleWords: true }).map((mention) => mention.entityId);
}

/**
 * "Who is the chairman of the party?", "who's the new boss at Apple?", "who will be CEO of the new Gannett?": who
 * holds a role. The answer names them; "the chairman described the video as satire" says what the chairman did,
 * not who they are. Other "who" questions may be answered by no name at all ("who is the board seeking to bar?"
 * → "the ferry company"), so they are left alone.
 */
const WHO_HOLDS_A_ROLE =
  /^(?:so |and |but )?who(?:'s|s| is| was| will be| would be| became| has become)\s+(?:(?:the|a|an)\s+)?(?:(?:new|current|next|former|acting|interim)\s+)?([a-z]+)(?:\s+(?:of|at|for|in)\b.*|\s*\??)$/i;

/**
 * "Who appointed Montoya-Lewis?", "who discovered the genes in 2000?": who did something. The report answers by naming
 * them; "scientists didn't discover the genes until 2000" says when, not who. Such a question has a finite verb
 * right after "who" that is not an auxiliary: "who is Tomas Berg" asks about someone already named, and is read by
 * the other rules.
 */
const WHO_DID = /^(?:so |and |but )?who\s+([a-z]+)\b/i;

function asksWhoDid(question: string): boolean {
  const verb = WHO_DID.exec(question.trim())?.[1]?.toLowerCase();
  return verb !== undefined && !AUXILIARIES.has(verb) && isFiniteVerb(verb);
}

/** Whether the question asks who holds a role it names, not about someone it names ("who is Trip Chowdhry?"). */
export function asksForSomeone(question: string, namedInQuestion: readonly string[], kb: KnowledgeBase): boolean {
  if (asksWhoDid(question)) return true;
  const role = WHO_HOLDS_A_ROLE.exec(question.trim())?.[1]?.toLowerCase();
  if (role === undefined) return false;
  // "who is cook" asks about Cook: a role word the reports know as a name is the name.
  return !namedInQuestion.some((id) => kb.entity(id)?.name.toLowerCase().split(/\s+/).includes(role));
}

/** Whether the quote names a person or an organisation the question does not. */
export function namesSomeoneNew(
  kb: KnowledgeBase,
  passage: Passage,
  start: number,
  end: number,
  namedInQuestion: readonly string[],
): boolean {
  return mentionedIn(kb, passage, start, end).some((id) => {
    if (namedInQuestion.includes(id)) return false;
    const type = kb.entity(id)?.type;
    return type === 'person' || type === 'organization';
  });
}
