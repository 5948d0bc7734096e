import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Citation } from '../kb/types.ts';
import type { AnalyzedQuestion } from '../search/query.ts';
import { claimsAbout, viewOf, type ClaimView } from '../search/claims-lookup.ts';

/**
 * "What do officials claim about Putin?" asks for attributions, not for one paragraph: answered from the claims,
 * filtered by the claimant the question names, each with its citation.
 */

const CLAIM_INTENT =
  /\b(?:claim(?:s|ed)?|alleg(?:e|es|ed|ations?)|say|says|said|believe[sd]?|think|thinks|accus(?:e|es|ed|ations?)|according)\b/i;
const ABOUT = /\b(?:about|regarding|on|of|against)\b/i;
const CLAIMANT_WORDS = /\b(officials|experts|sources|analysts|agencies|intelligence|people)\b/i;
const MAX_CLAIMS_IN_ANSWER = 3;

export interface ClaimsAnswer {
  answer: string;
  citations: Citation[];
  /** How sure the reading of the entity is (1 exact, lower when its name was misspelt). */
  subjectCertainty: number;
}

function describe(claim: ClaimView): string {
  const who = claim.claimant ?? 'The article itself';
  const framing = [claim.cue, claim.hedge && claim.hedge !== claim.cue ? `framed as “${claim.hedge}”` : null].filter(Boolean).join(', ');
  return `• ${who}${framing ? ` (${framing})` : ''}: “${claim.text}”`;
}

export function answerFromClaims(kb: KnowledgeBase, question: string, analyzed: AnalyzedQuestion): ClaimsAnswer | null {
  if (!CLAIM_INTENT.test(question) || !ABOUT.test(question) || analyzed.entityIds.length === 0) return null;
  const aboutAt = question.search(ABOUT);
  // The entity named after "about" is the subject; one named before it ("what does McFaul say about…") claims.
  const mentioned = analyzed.concepts.filter((concept) => concept.entityId !== null);
  const lower = question.toLowerCase();
  // A misspelt name is where it was typed ("hilary clinton"), not where its corrected spelling would be.
  const typedAs = (concept: (typeof mentioned)[number]) => {
    const name = kb.entity(concept.entityId!)?.name;
    return analyzed.corrections.find((correction) => correction.to === name)?.from ?? concept.label.split(' ')[0]!;
  };
  const positions = mentioned.map((concept) => ({ concept, at: lower.indexOf(typedAs(concept)) }));
  const subject = positions.find((item) => item.at > aboutAt);
  // "What did Trump say about the weather?" asks about the weather, not about Trump: only a question whose topic
  // after "about" is the entity alone is answered from claims.
  const topicWords = analyzed.concepts.filter((concept) => concept.entityId === null && lower.indexOf(concept.label, aboutAt) > aboutAt);
  if (!subject || topicWords.length > 0) return null;
  const claimantEntity = positions.find((item) => item.at >= 0 && item.at < aboutAt && item !== subject)?.concept.entityId ?? null;
  const claimantWord = CLAIMANT_WORDS.exec(question.slice(0, aboutAt))?.[1]?.toLowerCase() ?? null;
  // "What did Wayne King say about Meadows?" with no Wayne King known names a claimant the claims cannot filter by:
  // all claims about Meadows would not answer it.
  const unknownClaimant = analyzed.concepts.some(
    (concept) => concept.entityId === null && !CLAIM_INTENT.test(concept.label) && lower.indexOf(concept.label) < aboutAt,
  );
  if (!claimantEntity && !claimantWord && unknownClaimant) return null;

  const entity = kb.entity(subject.concept.entityId!)!;
  const filtered = claimsAbout(kb, entity.id).filter(({ claim, match }) => {
    if (match === 'claimant' || claim.cue === null) return false;
    if (claimantEntity) return claim.claimantEntityId === claimantEntity;
    if (claimantWord) return claim.claimant?.toLowerCase().includes(claimantWord.replace(/s$/, '')) ?? false;
    return true;
  });
  const shown = filtered.slice(0, MAX_CLAIMS_IN_ANSWER).flatMap(({ claim, match }) => viewOf(kb, claim, match) ?? []);
  if (shown.length === 0) return null;
  const more = filtered.length > shown.length ? `\n…and ${filtered.length - shown.length} more: /claims ${entity.name}` : '';
  return {
    answer: `What the reports attribute about ${entity.name}:\n${shown.map(describe).join('\n')}${more}`,
    citations: shown.map((claim) => claim.citation),
    subjectCertainty: subject.concept.certainty,
  };
}
