import { countWords } from './text.ts';

/**
 * Attribution within one sentence: the reporting cue ("said", "told", "believe", "according to", "it is said"),
 * the claimant written before or after it, the hedge that frames the claim, and the quoted spans. It reads the
 * sentence alone; src/kb/claims.ts resolves "he", "the officials" and quotations across sentences.
 */

/** Reporting verbs, as they appear in text. Nouns that share a form ("report", "claims") are left out. */
const CUE_VERBS = [
  'said',
  'says',
  'say',
  'told',
  'tells',
  'tell',
  'believe',
  'believes',
  'believed',
  'allege',
  'alleges',
  'alleged',
  'asserted',
  'asserts',
  'assert',
  'testified',
  'testifies',
  'adds',
  'added',
  'claimed',
  'insisted',
  'insists',
  'warned',
  'warns',
  'argued',
  'argues',
  'concluded',
  'determined',
  'indicated',
  'suggested',
  'suggests',
  'stated',
  'confirmed',
  'confirms',
  'denied',
  'denies',
  'rubbished',
  'dismissed',
  'acknowledged',
  'admitted',
  'maintains',
  'maintained',
  'reported',
  'revealed',
  'noted',
  'explained',
  'wrote',
  'announced',
  'think',
  'thinks',
  'fear',
  'fears',
  'suspect',
  'suspects',
  'accused',
  'accuses',
  'estimated',
  'cited',
  'cites',
  'stressed',
  'stresses',
  'emphasized',
  'emphasised',
  'commented',
  'joked',
  'quipped',
  'predicted',
  'predicts',
  'conceded',
  'concedes',
  'rejected',
  'rejects',
  'recalled',
  'alleging',
  'claiming',
  'insisting',
  'arguing',
];
const NEEDS_THAT = new Set(['think', 'thinks', 'fear', 'fears', 'suspect', 'suspects']);
const BELIEF_CUES = new Set(['believe', 'believes', 'believed', 'think', 'thinks', 'fear', 'fears', 'suspect', 'suspects']);
const CUE_PATTERN = new RegExp(`\\b(${CUE_VERBS.join('|')})\\b`, 'gi');
const NEGATION_BEFORE = /(?:don[’']t|do not|does not|doesn[’']t|did not|didn[’']t)\s+$/i;
const SAY = /^(?:say|says|said|tell|tells|told)$/i;
const UNSAID_QUESTION = /^\s+(?:\w+\s+)?(?:why|whether|what|how|when|where|who|which|if)\b/i;
const REFUSED_TO = /\b(?:(?:declined|refused)\s+to|would not|wouldn[’']t|could not|couldn[’']t|will not|won[’']t)\s+$/i;
const ACCORDING_TO = /\baccording to\s+([^,.;]+)/i;
const IMPERSONAL = /\bit (?:is|was|has been) (said|believed|alleged|reported|claimed|thought|understood)\b/i;
/** A reporting verb in the passive: "are believed", "have been accused", "was admitted". */
const PASSIVE_BEFORE = /\b(is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$/i;
/** Passive cues that still attribute, to no one named: "they are believed to", "he was accused of". */
const IMPERSONAL_PASSIVE = new Set(['believed', 'alleged', 'accused', 'reported', 'said', 'estimated', 'suspected']);
/** Words that make a clause of what follows a verb: it is what was said, not who said it. */
const FINITE_WORD = /\b(?:is|was|were|are|has|have|had|will|would|can|could|should|may|might|did|does|do|must)\b/i;
/** A speaker at the sentence's end, after "…, says": a name or a noun phrase, and perhaps their role after a comma. */
const TRAILING_SPEAKER =
  /^\s+((?:the\s+|a\s+|an\s+)?(?:\p{Lu}[\p{L}.'’&-]*\s*){1,6}|(?:the|a|an|one|another)\s+[^,.;“”"]{1,50}?)(?:,[^“”"]{0,80})?[.!?]?["”’]?\s*$/u;

/** Words that may stand between a claimant and its verb without being part of the claimant. */
const TRAILING_FILLERS =
  /(?:^|\s+)(?:have|has|had|do|does|did|don[’']t|doesn[’']t|didn[’']t|not|now|also|firmly|strongly|repeatedly|reportedly|still|previously|recently|further|long|widely|privately|publicly|already|quickly|later|then|earlier|would|will|could|may|might|can)$/i;
const LEADING_FILLERS = /^(?:and|but|so|yet|however|meanwhile|still|then|also)\b[\s,]*/i;
const STRONG_BOUNDARY = /(?:\bthat\b|\bbut\b|\bafter\b|\bwhen\b|\bbecause\b|\bwhile\b|\bwhereas\b|[;:–—]|[”"],?)\s*/gi;
const CLAIMANT_HEADS =
  /\b(?:officials?|sources?|experts?|analysts?|people|spokes(?:man|woman|person)|aides?|diplomats?|investigators?|agenc(?:y|ies)|officers?|intelligence|administration|government|ministry|report|reports|study|he|she|they|we|i|us|uk)\b|\p{Lu}/u;
/** A comma piece starting like this is an aside ("on the condition of anonymity"), not the one who speaks. */
const PARENTHETICAL_START =
  /^(?:on|in|at|for|with|by|from|as|under|after|before|during|since|speaking|who|which|where|when|while|although|though|if|to)\b/i;
const BOOSTERS =
  /\b(firmly|strongly|clearly|certainly|definitely|categorically|repeatedly)\s+(believe[sd]?|said|says|rubbished|denied|insisted|maintained)\b/i;
const HEDGE_WORDS: Array<[RegExp, string]> = [
  [/\ballegedly\b/i, 'allegedly'],
  [/\breportedly\b/i, 'reportedly'],
  [/\bmight\b/i, 'might'],
  [/\bmay\b/i, 'may'],
  [/\bcould\b/i, 'could'],
  [/\bpossibly\b|\bperhaps\b/i, 'possibly'],
  [/\blikely\b/i, 'likely'],
  [/\bunclear\b/i, 'unclear'],
];
export const PERSON_PRONOUN = /\b(he|him|his|she|her)\b/gi;

export interface Attribution {
  claimant: string | null;
  cue: string;
  /** Offsets (within the sentence) of the claimed content. */
  contentStart: number;
  contentEnd: number;
}

function cleanClaimant(span: string): string {
  let text = span.trim().replace(/^[,“”"'\s]+|[,“”"'\s]+$/g, '');
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(TRAILING_FILLERS, '').replace(LEADING_FILLERS, '').trim().replace(/,$/, '').trim();
  }
  return text;
}

/**
 * A claimant as the article wrote it, split into the name and its description: "Michael McFaul who worked as the
 * US ambassador to Russia", "John Sipher, a former CIA officer". A claimant that is not a name stays whole.
 */
export function namedClaimant(claimant: string | null): { claimant: string | null; claimantRole: string | null } {
  if (claimant === null) return { claimant: null, claimantRole: null };
  const relative = /^((?:\p{Lu}[\p{L}.'’-]*\s+)+?\p{Lu}[\p{L}.'’-]*),?\s+((?:who|whose)\s.+)$/u.exec(claimant);
  if (relative) return { claimant: relative[1]!, claimantRole: relative[2]! };
  // "John Sipher, a former CIA officer"; "Jeff Gamet, managing editor of The Mac Observer".
  const apposition = /^((?:\p{Lu}[\p{L}.'’-]*\s+)+?\p{Lu}[\p{L}.'’-]*),\s+(\p{Ll}.+)$/u.exec(claimant);
  if (apposition) return { claimant: apposition[1]!, claimantRole: apposition[2]! };
  return { claimant, claimantRole: null };
}

/** How many descriptions may stand between a name and its verb: "Name, a role at X, the Y that Z, said". */
const MAX_APPOSITIONS = 3;

/** Two to four capitalised words: a person's or an organisation's name, not a sentence's first word ("However"). */
const FULL_NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}$/u;

/** The claimant before a cue: back to the last clause boundary, past parentheticals ("…, on the condition of anonymity,"). */
function claimantBefore(sentence: string, cueIndex: number): string | null {
  const left = sentence.slice(0, cueIndex);
  let from = 0;
  for (const boundary of left.matchAll(STRONG_BOUNDARY)) from = boundary.index + boundary[0].length;
  const clause = left.slice(from);
  const pieces = clause.split(',');
  // Pieces are taken from the verb leftwards, skipping asides: "…, in a statement issued on behalf of the board,
  // said" and "…, on the condition of anonymity, said" hold no claimant, however many names they hold.
  const kept: string[] = [];
  for (let index = pieces.length - 1; index >= 0; index--) {
    const piece = cleanClaimant(pieces[index]!);
    if (piece.length === 0) continue;
    if (PARENTHETICAL_START.test(piece)) continue;
    kept.unshift(pieces[index]!);
    const candidate = cleanClaimant(kept.join(','));
    const nounPhrase = CLAIMANT_HEADS.test(candidate) || countWords(candidate) <= 6;
    if (!nounPhrase) continue;
    // "Trip Chowdhry, an analyst with Global Equities Research, said": the description speaks for the name before it,
    // also when it runs over several appositions ("Omar Lamrani, a senior analyst at Stratfor, the Texas-based
    // intelligence firm, told").
    if (/^\p{Ll}/u.test(candidate)) {
      for (let back = index - 1; back >= Math.max(0, index - MAX_APPOSITIONS); back--) {
        const named = cleanClaimant(pieces[back]!);
        if (FULL_NAME.test(named)) return `${named}, ${cleanClaimant(pieces.slice(back + 1).join(','))}`;
        if (!/^\p{Ll}/u.test(named)) break;
      }
    }
    return countWords(candidate) <= 16 ? candidate : null;
  }
  return null;
}

/**
 * The attribution after a quotation, subject and verb inverted: "“…,” said Aubrey Woodard, a party chairman." or
 * "…, says one GOP operative." The claimant is the name or noun phrase after the verb, up to the next comma.
 */
const INVERTED =
  /[,”"’]\s*(said|says|told|added|asked|wrote|explained|continued|recalled|insisted)\s+((?:\p{Lu}[\p{L}.'’-]*\s?){1,4}|(?:a|an|the|one|another)\s+[^,.;“”"]{1,60}?)\s*(?=[,.;]|$)/u;

/**
 * Spans of a sentence inside quotation marks. A reporting verb there is the speaker's own ("I am not here to hear
 * what he has to say"), not the article's attribution, which comes outside the quotation ("…,” Engoron said).
 */
export function quotedSpans(sentence: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  for (let at = 0; at < sentence.length; at++) {
    const mark = sentence[at];
    // A straight quote opens where a word starts after it ("He said "no"") and closes after a word ("no," he said).
    const opens = mark === '“' || (mark === '"' && (at === 0 || /[\s(]/.test(sentence[at - 1]!)) && /\S/.test(sentence[at + 1] ?? ''));
    if (opens && open < 0) open = at;
    else if ((mark === '”' || mark === '"') && open >= 0) {
      spans.push([open, at]);
      open = -1;
    }
  }
  // A quotation still open at the end of the sentence runs to its end ("“…" continued in the next sentence).
  if (open >= 0) spans.push([open, sentence.length]);
  return spans;
}

/**
 * `continuesQuotation`: a quotation opened in an earlier sentence is still open at this one's start ("“… consensus.
 * The breaking of that consensus is important,” said Avi Bell").
 */
export function findAttribution(sentence: string, continuesQuotation = false): Attribution | null {
  // Only a sentence that opens with a quotation, or goes on with one, is searched for the inverted attribution after it.
  const inverted = continuesQuotation || /^\s*[“"‘]/.test(sentence) ? INVERTED.exec(sentence) : null;
  if (inverted) {
    return { claimant: cleanClaimant(inverted[2]!), cue: inverted[1]!.toLowerCase(), contentStart: 0, contentEnd: inverted.index };
  }
  const impersonal = IMPERSONAL.exec(sentence);
  if (impersonal) {
    const after = impersonal.index + impersonal[0].length;
    const that = /^\s*that\b/i.exec(sentence.slice(after));
    return { claimant: null, cue: impersonal[0].toLowerCase(), contentStart: after + (that?.[0].length ?? 0), contentEnd: sentence.length };
  }
  const according = ACCORDING_TO.exec(sentence);
  // "According to sources, …" frames the whole sentence; a trailing "according to a report" yields to a verb.
  if (according && according.index < 3) return accordingTo(sentence, according);
  const quoted = quotedSpans(sentence);
  for (const match of sentence.matchAll(CUE_PATTERN)) {
    const verb = match[1]!;
    if (quoted.some(([start, end]) => match.index > start && match.index < end)) continue;
    const afterCue = match.index + match[0].length;
    const rest = sentence.slice(afterCue);
    // "think tank", "a fear of": these verbs report only when a clause follows.
    if (NEEDS_THAT.has(verb.toLowerCase()) && !/^\s+that\b/i.test(rest)) continue;
    const negation = NEGATION_BEFORE.exec(sentence.slice(Math.max(0, match.index - 12), match.index))?.[0];
    // "Officials did not say why", "he declined to say whether": what was not said is no claim.
    if (SAY.test(verb) && UNSAID_QUESTION.test(rest) && (negation || REFUSED_TO.test(sentence.slice(0, match.index)))) continue;
    const passive = PASSIVE_BEFORE.exec(sentence.slice(Math.max(0, match.index - 24), match.index));
    if (passive) {
      // "… are believed to remain", "have been accused of": whoever believes or accuses is not named; "was
      // admitted to hospital", "employees were told": the subject is not the one who speaks.
      const agent = /^\s+by\s+((?:the\s+)?\p{Lu}[^,.;]{1,60}?)(?=[,.;]|\s+(?:that|to|of)\b|$)/u.exec(rest);
      if (agent) return { claimant: cleanClaimant(agent[1]!), cue: verb.toLowerCase(), contentStart: 0, contentEnd: sentence.length };
      if (!IMPERSONAL_PASSIVE.has(verb.toLowerCase())) continue;
      return { claimant: null, cue: `${passive[1]!.toLowerCase()} ${verb.toLowerCase()}`, contentStart: 0, contentEnd: sentence.length };
    }
    // "…, says the World Health Organization.": the one who speaks comes after the verb, at the sentence's end.
    const after = match.index > 0 && /,\s*$/.test(sentence.slice(0, match.index)) ? TRAILING_SPEAKER.exec(rest) : null;
    // "…, said the company was in good hands" is what was said, not who said it.
    if (after && !FINITE_WORD.test(after[1]!)) {
      const speaker = cleanClaimant(after[1]!).replace(/(?<!\b\p{Lu})\.$/u, '');
      return { claimant: speaker, cue: verb.toLowerCase(), contentStart: 0, contentEnd: match.index };
    }
    const claimant = claimantBefore(sentence, match.index - (negation?.length ?? 0));
    if (!claimant) continue;
    // "…, officials said, and …" or "…,” X told the Times." — the attribution follows what is claimed.
    const clauseEnd = rest.search(/[,.;]/);
    const trailing =
      countWords(clauseEnd < 0 ? rest : rest.slice(0, clauseEnd)) <= 6 && !/^\s*(?:that|claims that|how|whether)\b/i.test(rest);
    const claimantStart = sentence.lastIndexOf(claimant, match.index);
    // "an election that many people dismissed as flawed": a relative clause describes a noun; it attributes nothing.
    if (trailing && /\b(?:that|which|whom)\s*$/i.test(sentence.slice(0, claimantStart))) continue;
    let contentStart: number;
    let contentEnd: number;
    if (trailing && claimantStart > 0) {
      contentStart = 0;
      contentEnd = claimantStart;
    } else {
      const that = /^\s*(?:claims\s+)?that\b/i.exec(rest);
      contentStart = afterCue + (that?.[0].length ?? 0);
      contentEnd = sentence.length;
    }
    return { claimant, cue: negation ? `${negation.trim()} ${verb}`.toLowerCase() : verb.toLowerCase(), contentStart, contentEnd };
  }
  return according ? accordingTo(sentence, according) : null;
}

function accordingTo(sentence: string, according: RegExpExecArray): Attribution {
  const atStart = according.index < 3;
  return {
    claimant: cleanClaimant(according[1]!),
    cue: 'according to',
    contentStart: atStart ? according.index + according[0].length + 1 : 0,
    contentEnd: atStart ? sentence.length : according.index,
  };
}

export function hedgeOf(sentence: string, attribution: Attribution | null): string | null {
  if (attribution?.cue.startsWith('it ')) return attribution.cue;
  if (attribution?.cue === 'according to' && attribution.claimant && /^sources?\b/i.test(attribution.claimant))
    return 'according to sources';
  const boosted = BOOSTERS.exec(sentence);
  if (boosted) return `${boosted[1]} ${boosted[2]}`.toLowerCase();
  for (const [pattern, hedge] of HEDGE_WORDS) if (pattern.test(sentence)) return hedge;
  if (attribution && /^(?:allege|alleges|alleged)$/.test(attribution.cue)) return 'allegedly';
  const verb = attribution?.cue.split(' ').at(-1);
  if (verb && BELIEF_CUES.has(verb)) return attribution!.cue;
  return null;
}

const CONTENT_EDGE = /[\s,]/;

/** Claimed content without the spaces and commas left at its edges by cutting the attribution away. */
export function trimContent(text: string): string {
  // Walked from both ends: a pattern anchored at the end is tried at every position of every sentence.
  let start = 0;
  let end = text.length;
  while (start < end && CONTENT_EDGE.test(text[start]!)) start++;
  while (end > start && CONTENT_EDGE.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}
