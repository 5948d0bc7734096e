import type { EntityMatcher, EntityMention } from './entity-matcher.ts';
import { countWords } from './text.ts';
import type { Entity, Passage } from './types.ts';

/**
 * Who claims what, sentence by sentence. News reports are mostly reported speech, so each sentence is read for a
 * reporting cue ("said", "told", "believe", "according to", "it is said"), the claimant before it (resolved across
 * sentences: "He says" is the last person quoted, "the officials" are the officials the article introduced), the
 * hedge that frames it, and the entities the claim is about, through their aliases or, for "he"/"his" and role
 * nouns, through the last matching entity of the paragraph. The rules read sentence structure and a lexicon of
 * cues and hedges; nothing names a report.
 */

export interface ClaimSubject {
  entityId: string;
  via: 'alias' | 'coreference';
}

export interface Claim {
  /** The passage id and the sentence's position in it: stable while the paragraph's words stay the same. */
  id: string;
  sourceId: string;
  passageId: string;
  paragraph: number;
  /** The sentence the claim is made in: the citation quotes it whole. */
  start: number;
  end: number;
  /** What is claimed: the reported content without its attribution. */
  text: string;
  /** Who makes the claim: the name ("Michael McFaul"), or the group as introduced ("US intelligence officials"); null when the article itself asserts it. */
  claimant: string | null;
  /** How the article describes a named claimant, kept apart from the name ("who worked as the US ambassador to Russia"). */
  claimantRole: string | null;
  claimantEntityId: string | null;
  /** The reporting verb or phrase ("said", "believe", "according to"); null for the article's own assertion. */
  cue: string | null;
  /** How the article frames it: "reportedly", "allegedly", "might", "it is said", a booster such as "firmly believe". */
  hedge: string | null;
  subjects: ClaimSubject[];
}

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
const PERSON_PRONOUN = /\b(he|him|his|she|her)\b/gi;

interface Attribution {
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
    // "Trip Chowdhry, an analyst with Global Equities Research, said": the description speaks for the name before it.
    const named = index > 0 ? cleanClaimant(pieces[index - 1]!) : '';
    if (/^\p{Ll}/u.test(candidate) && FULL_NAME.test(named)) return `${named}, ${candidate}`;
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
function quotedSpans(sentence: string): Array<[number, number]> {
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

function findAttribution(sentence: string): Attribution | null {
  // Only a sentence that opens with a quotation is searched for the inverted attribution after it.
  const inverted = /^\s*[“"‘]/.test(sentence) ? INVERTED.exec(sentence) : null;
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

function hedgeOf(sentence: string, attribution: Attribution | null): string | null {
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
function trimContent(text: string): string {
  // Walked from both ends: a pattern anchored at the end is tried at every position of every sentence.
  let start = 0;
  let end = text.length;
  while (start < end && CONTENT_EDGE.test(text[start]!)) start++;
  while (end > start && CONTENT_EDGE.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

interface ArticleMemory {
  /** The last person who made a claim, for "He says …". */
  lastPerson: { claimant: string; entityId: string | null } | null;
  /** The last claimant of any kind, for a quotation that continues them. */
  lastClaimant: { claimant: string; entityId: string | null; quoted: boolean } | null;
  /** How each group was first introduced, by head noun: "officials" → "US intelligence officials who spoke with …". */
  groups: Map<string, { claimant: string; entityId: string | null }>;
  /** The last organisation the report named, for "the company said". */
  lastOrganization: { claimant: string; entityId: string | null } | null;
}

const DEFINITE_GROUP = /^the\s+(?:\w+\s+)?(officials|sources|experts|analysts|investigators|diplomats|aides)$/i;
const GROUP_HEAD = /\b(officials|sources|experts|analysts|investigators|diplomats|aides)\b/i;
/** "The company said": the organisation the report last named. */
const DEFINITE_ORGANIZATION =
  /^the\s+(?:company|firm|group|agency|airline|carrier|club|bank|department|ministry|university|network|newspaper|organi[sz]ation|team)$/i;
/** "The father said": the person last quoted, as "he said" is. */
const DEFINITE_RELATIVE = /^the\s+(?:father|mother|son|daughter|husband|wife|brother|sister)$/i;
/**
 * "The California Republican said", "the Alabama coach said": a description of one person by a role, which in
 * news prose follows the person's name: the person last named before it.
 */
const DEFINITE_PERSON =
  /^[Tt]he\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,2}(?:[Rr]epublican|[Dd]emocrat|senator|congressman|congresswoman|lawmaker|legislator|minister|governor|mayor|chairman|chairwoman|spokesman|spokeswoman|coach|manager|prosecutor|judge|lawyer|attorney|analyst|executive|founder)$/u;
/** ", saying (that)": the participle clause after a sentence's main clause. */
const SAYING_CLAUSE = /,\s+saying\s+(?:that\s+)?/;
/** Nothing before a sentence's subject but, perhaps, a dateline: "SAN FRANCISCO (AP) — ". */
const SENTENCE_START = /^(?:[\p{Lu}\s.,()]+[—–-]\s*)?$/u;
/** How many names of earlier paragraphs a description may refer back to. */
const EARLIER_MENTIONS_KEPT = 50;
/** "The elder Mateen said": the person of that surname last named (or last quoted). */
const DEFINITE_SURNAME = /^[Tt]he\s+(?:elder|younger|former|late)\s+(\p{Lu}[\p{L}'’-]+)$/u;

/**
 * Whether a quotation is still open at the end of a sentence, given whether it was open at its start: "P.J.
 * Crowley said Bushehr “does not represent a risk. … However, …" leaves it open for the sentences that follow.
 */
function quotationOpenAfter(sentence: string, openBefore: boolean): boolean {
  let rest = sentence;
  if (openBefore) {
    const close = rest.search(/[”"]/);
    if (close < 0) return true;
    rest = rest.slice(close + 1);
  }
  return quotedSpans(rest).at(-1)?.[1] === rest.length;
}

export class ClaimExtractor {
  private readonly entityType: Map<string, Entity['type']>;
  private readonly entityName: Map<string, string>;
  private readonly roles: Array<{ pattern: RegExp; entityId: string }>;

  constructor(
    private readonly matcher: EntityMatcher,
    entities: readonly Entity[],
  ) {
    this.entityType = new Map(entities.map((entity) => [entity.id, entity.type]));
    this.entityName = new Map(entities.map((entity) => [entity.id, entity.name]));
    this.roles = entities.flatMap((entity) =>
      entity.roles.map((role) => ({
        pattern: new RegExp(`\\b${role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'),
        entityId: entity.id,
      })),
    );
  }

  private claimantEntity(claimant: string): string | null {
    if (this.entityType.size === 0) return null;
    const mention = this.matcher.findMentions(claimant, { caseSensitiveSingleWords: true })[0];
    return mention?.entityId ?? null;
  }

  private resolveClaimant(
    raw: string,
    memory: ArticleMemory,
    namedBefore: readonly EntityMention[],
  ): { claimant: string; entityId: string | null } {
    if ((/^(he|she)$/i.test(raw) || DEFINITE_RELATIVE.test(raw)) && memory.lastPerson) return memory.lastPerson;
    // "the California Republican" is the person named last; "the elder Mateen" the last of that surname.
    const surname = DEFINITE_SURNAME.exec(raw)?.[1];
    const hasSurname = (name: string) => name.split(' ').at(-1) === surname;
    if (surname && memory.lastPerson && hasSurname(memory.lastPerson.claimant)) return memory.lastPerson;
    if (surname || DEFINITE_PERSON.test(raw)) {
      const named = namedBefore.findLast(
        (mention) => this.entityType.get(mention.entityId) === 'person' && (!surname || hasSurname(this.entityName.get(mention.entityId)!)),
      );
      if (named) return { claimant: this.entityName.get(named.entityId)!, entityId: named.entityId };
    }
    if (DEFINITE_ORGANIZATION.test(raw) && memory.lastOrganization) return memory.lastOrganization;
    if (/^they$/i.test(raw) && memory.lastClaimant) return memory.lastClaimant;
    const definite = DEFINITE_GROUP.exec(raw);
    const introduced = definite ? memory.groups.get(definite[1]!.toLowerCase()) : undefined;
    if (introduced) return introduced;
    const resolved = { claimant: raw, entityId: this.claimantEntity(raw) };
    const head = GROUP_HEAD.exec(raw)?.[1]?.toLowerCase();
    if (head && !memory.groups.has(head)) memory.groups.set(head, resolved);
    if (resolved.entityId && this.entityType.get(resolved.entityId) === 'person') memory.lastPerson = resolved;
    return resolved;
  }

  /**
   * "Steve Jobs … resigned as CEO on Wednesday, saying he can no longer handle the job": a participle clause reports
   * what the sentence's subject says, when the subject is a person or organisation the sentence opens with (after
   * a dateline such as "SAN FRANCISCO (AP) —").
   */
  private sayingClause(
    sentence: string,
    mentions: readonly EntityMention[],
    offsetInPassage: number,
  ): { attribution: Attribution; resolved: { claimant: string; entityId: string | null } } | null {
    const saying = SAYING_CLAUSE.exec(sentence);
    if (!saying || quotedSpans(sentence).some(([start, end]) => saying.index > start && saying.index < end)) return null;
    const subject = mentions.find((mention) => {
      const at = mention.start - offsetInPassage;
      const type = this.entityType.get(mention.entityId);
      return (type === 'person' || type === 'organization') && at >= 0 && at < saying.index && SENTENCE_START.test(sentence.slice(0, at));
    });
    if (!subject) return null;
    const claimant = this.entityName.get(subject.entityId)!;
    return {
      attribution: { claimant, cue: 'saying', contentStart: saying.index + saying[0].length, contentEnd: sentence.length },
      resolved: { claimant, entityId: subject.entityId },
    };
  }

  /** Entities a claim is about: named in it, or reached through "he"/"his" or a role noun within the paragraph. */
  private subjectsOf(passage: Passage, mentions: EntityMention[], contentStart: number, contentEnd: number): ClaimSubject[] {
    const subjects = new Map<string, ClaimSubject['via']>();
    for (const mention of mentions) {
      if (mention.start >= contentStart && mention.end <= contentEnd) subjects.set(mention.entityId, 'alias');
    }
    const content = passage.text.slice(contentStart, contentEnd);
    for (const pronoun of content.matchAll(PERSON_PRONOUN)) {
      const at = contentStart + pronoun.index;
      const antecedent = mentions.filter((mention) => mention.end <= at && this.entityType.get(mention.entityId) === 'person').at(-1);
      if (antecedent && !subjects.has(antecedent.entityId)) subjects.set(antecedent.entityId, 'coreference');
    }
    for (const role of this.roles) {
      if (role.pattern.test(content) && !subjects.has(role.entityId)) subjects.set(role.entityId, 'coreference');
    }
    return [...subjects].map(([entityId, via]) => ({ entityId, via }));
  }

  /**
   * Claims of one report, its passages in order (claimants are resolved across paragraphs of the same report).
   * `passageMentions[i]`, when given, are the entity mentions already found in passage i, so they are not searched for again.
   */
  extract(passages: readonly Passage[], sourceText: string, passageMentions?: readonly EntityMention[][]): Claim[] {
    const claims: Claim[] = [];
    const memory: ArticleMemory = { lastPerson: null, lastClaimant: null, groups: new Map(), lastOrganization: null };
    // Names of the paragraphs before, for "the California Republican said" (only the last few are ever needed).
    let earlierMentions: EntityMention[] = [];
    for (const [passageIndex, passage] of passages.entries()) {
      const mentions =
        this.entityType.size === 0
          ? []
          : (passageMentions?.[passageIndex] ?? this.matcher.findMentions(passage.text, { caseSensitiveSingleWords: true }));
      // A quotation left open by a sentence continues into the next one of the paragraph.
      let quoteOpen = false;
      let speakerInParagraph = false;
      // Sentences of a quotation whose speaker is named only where it closes ("“A. B,” Roe said."): given that
      // speaker then, or left unattributed (and dropped when nothing else could look them up) if none comes.
      let awaiting: Array<{ claim: Claim; sentence: string; kept: boolean }> = [];
      const settleAwaiting = (speaker: { resolved: { claimant: string; entityId: string | null }; attribution: Attribution } | null) => {
        for (const { claim, sentence, kept } of awaiting) {
          if (speaker) {
            Object.assign(claim, namedClaimant(speaker.resolved.claimant), {
              claimantEntityId: speaker.resolved.entityId,
              cue: speaker.attribution.cue,
              hedge: hedgeOf(sentence, speaker.attribution),
            });
          } else if (!kept) claims.splice(claims.indexOf(claim), 1);
        }
        awaiting = [];
      };
      for (const [sentenceIndex, span] of passage.sentences.entries()) {
        const sentence = sourceText.slice(span.start, span.end);
        let attribution = findAttribution(sentence);
        let resolved: { claimant: string; entityId: string | null } | null = null;
        const offsetInPassage = span.start - passage.start;
        if (attribution?.claimant) {
          const claimantAt = offsetInPassage + Math.max(0, sentence.indexOf(attribution.claimant));
          const namedBefore = [...earlierMentions, ...mentions.filter((mention) => mention.end <= claimantAt)];
          resolved = this.resolveClaimant(attribution.claimant, memory, namedBefore);
        }
        // A sentence that is only a quotation, or inside one the sentence before left open, continues the speaker
        // quoted just before.
        // The quotation must be the sentence's whole or run on in this paragraph from the speaker's own.
        const openAtStart = quoteOpen;
        quoteOpen = quotationOpenAfter(sentence, openAtStart);
        const whole = /^[“"].*[”"]$/s.test(sentence);
        const runsOn = openAtStart || (/^[“"]/.test(sentence) && quoteOpen);
        if (!attribution && (whole || (runsOn && speakerInParagraph)) && memory.lastClaimant?.quoted) {
          resolved = memory.lastClaimant;
          attribution = { claimant: resolved.claimant, cue: 'said', contentStart: 0, contentEnd: sentence.length };
        }
        if (!attribution) {
          const saying = this.sayingClause(sentence, mentions, offsetInPassage);
          if (saying) ({ attribution, resolved } = saying);
        }
        const awaitsSpeaker = !attribution && runsOn && quoteOpen;
        const contentStart = attribution?.contentStart ?? 0;
        const contentEnd = attribution?.contentEnd ?? sentence.length;
        const text = trimContent(sentence.slice(contentStart, contentEnd)) || sentence;
        const claimantEntityId = resolved?.entityId ?? null;
        const subjects = this.subjectsOf(passage, mentions, offsetInPassage + contentStart, offsetInPassage + contentEnd);
        if (resolved) {
          memory.lastClaimant = { ...resolved, quoted: openAtStart || /^[“"]/.test(sentence) || quoteOpen };
          speakerInParagraph = true;
        }
        if (awaiting.length > 0 && !awaitsSpeaker) {
          settleAwaiting(openAtStart && resolved && attribution ? { resolved, attribution } : null);
        }
        // A sentence that attributes nothing and names no entity can never be looked up; it is not kept.
        if (!attribution && subjects.length === 0 && !awaitsSpeaker) continue;
        const claim: Claim = {
          id: `${passage.id}.${sentenceIndex}`,
          sourceId: passage.sourceId,
          passageId: passage.id,
          paragraph: passage.paragraph,
          start: span.start,
          end: span.end,
          text,
          ...namedClaimant(resolved?.claimant ?? null),
          claimantEntityId,
          cue: attribution?.cue ?? null,
          hedge: hedgeOf(sentence, attribution),
          subjects,
        };
        claims.push(claim);
        if (awaitsSpeaker) awaiting.push({ claim, sentence, kept: subjects.length > 0 });
        if (resolved?.entityId && this.entityType.get(resolved.entityId) === 'person') memory.lastPerson = resolved;
        const sentenceEnd = offsetInPassage + sentence.length;
        for (const mention of mentions) {
          if (mention.start >= offsetInPassage && mention.end <= sentenceEnd && this.entityType.get(mention.entityId) === 'organization') {
            memory.lastOrganization = { claimant: this.entityName.get(mention.entityId)!, entityId: mention.entityId };
          }
        }
      }
      settleAwaiting(null);
      earlierMentions = [...earlierMentions, ...mentions].slice(-EARLIER_MENTIONS_KEPT);
    }
    return claims;
  }
}
