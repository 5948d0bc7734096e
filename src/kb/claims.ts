import {
  findAttribution,
  hedgeOf,
  namedClaimant,
  PERSON_PRONOUN,
  quotedSpans,
  trimContent,
  type Attribution,
} from './claim-attribution.ts';
import type { EntityMatcher, EntityMention } from './entity-matcher.ts';
import type { Entity, Passage } from './types.ts';

/**
 * Who claims what, sentence by sentence. News reports are mostly reported speech, so each sentence is read for a
 * reporting cue ("said", "told", "believe", "according to", "it is said"), the claimant before it (resolved across
 * sentences: "He says" is the last person quoted, "the officials" are the officials the article introduced), the
 * hedge that frames it, and the entities the claim is about, through their aliases or, for "he"/"his" and role
 * nouns, through the last matching entity of the paragraph. The rules read sentence structure and a lexicon of
 * cues and hedges; nothing names a report. The reading of one sentence on its own is src/kb/claim-attribution.ts;
 * this file carries what a report has said so far from sentence to sentence.
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

/** What may come before a sentence's subject: nothing, a connective, a title ("But Prime Minister …"). */
const SUBJECT_OPENING = /^\s*(?:(?:but|and|so|however|meanwhile|then|later|earlier),?\s+)?(?:(?:\p{Lu}[\p{L}.'’-]*|the)\s+){0,3}$/u;

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
        let attribution = findAttribution(sentence, quoteOpen);
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
        else if (!resolved) {
          // "Netanyahu visited the settlement bloc on Tuesday. “…,” he told settler leaders": a person the sentence
          // opens with is who "he" is next, whether or not the sentence claims anything.
          const opening = mentions.find(
            (mention) =>
              mention.start >= offsetInPassage &&
              SUBJECT_OPENING.test(sentence.slice(0, mention.start - offsetInPassage)) &&
              this.entityType.get(mention.entityId) === 'person',
          );
          if (opening) memory.lastPerson = { claimant: this.entityName.get(opening.entityId)!, entityId: opening.entityId };
        }
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
