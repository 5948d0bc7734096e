import type { EntityMatcher } from '../kb/entity-matcher.ts';
import type { EntityType } from '../kb/schemas.ts';
import { isStopWord, stemWord, tokenize } from '../kb/text.ts';
import type { FuzzyEntityLookup } from './entity-lookup.ts';
import type { SpellingCorrector } from './spelling.ts';
import type { ScoringOptions } from '../answer/scoring-options.ts';
import type { WordVectors } from './vectors/word-vectors.ts';
import { derivedStems } from '../kb/derivations.ts';
import { otherFormStems } from './word-forms.ts';
import type { ValueKind } from '../kb/value-cues.ts';
import { valueKindOf } from './value-words.ts';
import { withoutFramingWords } from './question-frames.ts';
import { joinedWord, splitCompound, type CompoundVocabulary } from './compounds.ts';

/**
 * A question reduced to the concepts it asks about: entities (through aliases, exact or fuzzy) and content words
 * (exact, or corrected when misspelt). Each concept carries an IDF weight, so "Putin" counts for less than
 * "WikiLeaks" when Putin is in every paragraph, and a word the reports never use weighs the most: it is what the
 * question is about, and no passage has it.
 */

export interface Concept {
  /** The words the user typed for this concept, normalised. */
  label: string;
  /** Stems that satisfy the concept in a text; an entity is satisfied by a mention of it instead. */
  stems: string[];
  /** Stems to look the concept up by in the passage index (for an entity: the words of its name). */
  searchStems: string[];
  entityId: string | null;
  weight: number;
  /** 1 for an exact match, lower for a corrected typo or a fuzzy entity match. */
  certainty: number;
  /**
   * The word's vector (-1 for none: names, numbers, words GloVe lacks), so a text using another word for it still
   * covers it in part; `softCertainty` scales that (lower for a corrected typo).
   */
  vectorId: number;
  softCertainty: number;
  /** The word's nearest vocabulary neighbours that the reports use, to find passages that say it in other words. */
  neighbours: Array<{ stem: string; similarity: number }>;
  /**
   * Stems of words derived from the word or it from them that the reports use ("conclusion" for "conclude"): found,
   * to `derivedCertainty`, where the word itself is not.
   */
  derived: string[];
  derivedCertainty: number;
  /** How far a paragraph holds the concept when only its report's title does (the article is about it). */
  titleCertainty: number;
  /** A word that names a kind of value ("times", "money"): found, to this degree, in a text stating one. */
  value: { kind: ValueKind; certainty: number } | null;
}

export interface AnalyzedQuestion {
  concepts: Concept[];
  entityIds: string[];
  /** Corrections made ("puttin" → "Vladimir Putin"), shown to the user so a wrong guess is visible. */
  corrections: Array<{ from: string; to: string }>;
}

export interface QueryContext {
  matcher: EntityMatcher;
  fuzzyEntities: FuzzyEntityLookup;
  speller: SpellingCorrector;
  stemWeight(stem: string): number;
  entityWeight(entityId: string): number;
  entityStems(entityId: string): string[];
  entityName(entityId: string): string;
  entityType(entityId: string): EntityType | undefined;
  /** Weight of a word no passage contains. */
  unknownWeight: number;
  /** Whether a word is English at all (so an unknown word is a synonym to look up, not a typo to correct). */
  isEnglish(word: string): boolean;
  /** The reports' stems for a word they do not use ("informant" → "sourc"). */
  relatedStems(stem: string): readonly string[];
  vectors: WordVectors;
  /** Whether any passage uses a stem, so only neighbours that can find something are looked up. */
  hasStem(stem: string): boolean;
}

const MAX_QUESTION_TOKENS = 64;
/**
 * Fuzzy look-ups (entity names, spelling) cost about a millisecond each; a hostile question full of unknown
 * "words" would otherwise cost a tenth of a second. Only the first few, and only words made of letters, get them.
 */
const MAX_FUZZY_WORDS = 6;
const FUZZY_WORD = /^\p{L}[\p{L}'-]{0,23}$/u;

/**
 * A word's vector when it is an English word GloVe knows; names and numbers are matched only as written. Questions
 * and passages both go through this, so the two sides agree on which words have a meaning to compare.
 */
export function vectorOf(word: string, context: QueryContext): number {
  return context.isEnglish(word) ? context.vectors.idOf(word) : -1;
}

function neighboursOf(
  vectorId: number,
  ownStems: readonly string[],
  context: QueryContext,
  options: ScoringOptions,
): Concept['neighbours'] {
  if (vectorId < 0 || options.neighbourLookups <= 0) return [];
  const found: Concept['neighbours'] = [];
  for (const neighbour of context.vectors.neighbours(vectorId, options.neighbourLookups, options.neighbourMinCosine)) {
    const word = context.vectors.wordOf(neighbour.id);
    if (!context.isEnglish(word)) continue;
    const stem = stemWord(word);
    if (ownStems.includes(stem) || !context.hasStem(stem) || found.some((item) => item.stem === stem)) continue;
    found.push({ stem, similarity: neighbour.cosine });
  }
  return found;
}

function isBarePossessive(word: string, context: QueryContext): boolean {
  return (
    word.length >= 4 &&
    word.endsWith('s') &&
    !context.speller.knows(word) &&
    !context.isEnglish(word) &&
    context.speller.knows(word.slice(0, -1))
  );
}

const PARTICLES = new Set(['after', 'up', 'down', 'out', 'off', 'over', 'back', 'away', 'through', 'along', 'around']);

/** Stems of a word's irregular forms that the reports use. */
function usedFormsIn(context: QueryContext): (word: string) => string[] {
  return (word) => otherFormStems(word).filter((stem) => context.hasStem(stem));
}

export function analyzeQuestion(question: string, context: QueryContext, options: ScoringOptions): AnalyzedQuestion {
  // "mourinhos first game": a name's possessive typed without its apostrophe is the name, as "mourinho's" is.
  const tokens = tokenize(withoutFramingWords(question))
    .slice(0, MAX_QUESTION_TOKENS)
    .map((token) => (isBarePossessive(token.word, context) ? { ...token, word: token.word.slice(0, -1) } : token));
  const concepts: Concept[] = [];
  const corrections: AnalyzedQuestion['corrections'] = [];
  const seenEntities = new Set<string>();
  const seenStems = new Set<string>();
  const usedForms = usedFormsIn(context);

  const addEntity = (entityId: string, label: string, certainty: number) => {
    if (seenEntities.has(entityId)) return;
    seenEntities.add(entityId);
    // A country's or city's one-word name ("Russia") is found in part through words close to it ("Russian
    // officials"); any other name only where the text names it, as a person called Meadows is not a meadow.
    const nameWords = context.entityType(entityId) === 'place' ? tokenize(context.entityName(entityId)) : [];
    const word = nameWords.length === 1 ? nameWords[0]!.word : null;
    const vectorId = word ? vectorOf(word, context) : -1;
    concepts.push({
      label,
      stems: [],
      searchStems: context.entityStems(entityId),
      entityId,
      weight: context.entityWeight(entityId),
      certainty,
      vectorId,
      softCertainty: vectorId >= 0 ? certainty : 0,
      neighbours: [],
      derived: [],
      derivedCertainty: 0,
      titleCertainty: certainty * options.titleContextCertainty,
      value: null,
    });
  };
  /**
   * `meant` is the word whose meaning counts (the correction of a typo), `softCertainty` how sure that reading is,
   * `meantForms` the stems of its irregular forms that the reports use: they are the word itself ("lose" is found
   * as "lost"), so they also set its weight.
   */
  const addWord = (label: string, words: string[], certainty: number, meant = words[0]!, softCertainty = 1, meantForms: string[] = []) => {
    const readings = [...new Set(words.map(stemWord))];
    if (readings.every((stem) => seenStems.has(stem))) return;
    const forms = meantForms.filter((stem) => !readings.includes(stem));
    const stems = [...readings, ...forms];
    for (const stem of stems) seenStems.add(stem);
    // The concept weighs what its rarest reading weighs; an English word the reports never use weighs the most. A
    // word and its forms are one reading, as common as its most common form.
    const lemma = forms.length > 0 ? [readings[0]!, ...forms].filter((stem) => context.hasStem(stem)) : [readings[0]!];
    const weight = Math.max(
      Math.min(...lemma.map((stem) => context.stemWeight(stem))),
      ...readings.slice(1).map((stem) => context.stemWeight(stem)),
    );
    const vectorId = vectorOf(meant, context);
    const neighbours = neighboursOf(vectorId, stems, context, options);
    const valueKind = valueKindOf(meant);
    const value = valueKind ? { kind: valueKind, certainty: certainty * options.valueWordCertainty } : null;
    const derived = context.isEnglish(meant) ? derivedStems(meant).filter((stem) => !stems.includes(stem) && context.hasStem(stem)) : [];
    concepts.push({
      label,
      stems,
      searchStems: [...stems, ...derived],
      entityId: null,
      weight,
      certainty,
      vectorId,
      softCertainty,
      neighbours: neighbours.filter((neighbour) => !derived.includes(neighbour.stem)),
      derived,
      derivedCertainty: softCertainty * options.derivedFormCertainty,
      titleCertainty: certainty * options.titleContextCertainty,
      value,
    });
  };

  const mentions = context.matcher.findMentions(question, { caseSensitiveSingleWords: false }, tokens);
  const inMention = new Set<number>();
  const mentionEndingAt = new Map(mentions.map((mention) => [mention.tokenEnd, mention]));
  const dropEntity = (entityId: string) => {
    const at = concepts.findIndex((concept) => concept.entityId === entityId);
    if (at >= 0) concepts.splice(at, 1);
    seenEntities.delete(entityId);
  };
  for (const mention of mentions) {
    for (let index = mention.tokenStart; index <= mention.tokenEnd; index++) inMention.add(index);
    addEntity(mention.entityId, mention.alias, 1);
  }

  const vocabulary: CompoundVocabulary = { frequency: (word) => context.speller.frequencyOf(word), isEnglish: context.isEnglish };
  /** A word the reports write as two ("reelected" for "re-elected", "thinktank" for "think tank"). */
  const addCompound = (word: string): boolean => {
    const parts = splitCompound(word, vocabulary);
    if (!parts) return false;
    for (const part of parts) if (!isStopWord(part)) addWord(part, [part], 1, part, 1, usedForms(part));
    corrections.push({ from: word, to: parts.join(' ') });
    return true;
  };

  let fuzzyBudget = MAX_FUZZY_WORDS;
  const formsAt = (index: number) => (PARTICLES.has(tokens[index + 1]?.word ?? '') ? [] : usedForms(tokens[index]!.word));
  const isKnown = (word: string, forms: readonly string[]) =>
    context.speller.knows(word) || context.stemWeight(stemWord(word)) < context.unknownWeight || forms.length > 0;
  const typed = (index: number) => {
    const token = tokens[index];
    return token !== undefined && !isStopWord(token.word) && FUZZY_WORD.test(token.word) ? token.word : null;
  };
  for (let index = 0; index < tokens.length; index++) {
    if (inMention.has(index)) continue;
    const word = tokens[index]!.word;
    // A single digit is kept: "787-9" is not the 787.
    if ((word.length <= 1 && !/\d/.test(word)) || isStopWord(word)) continue;
    // A verb with a particle ("go after", "give up") means what the phrase means, which its other forms do not.
    const forms = formsAt(index);
    const known = isKnown(word, forms);
    const english = context.isEnglish(word);
    // A two-word name with a typo in either word ("pedor norby", "yosef levvard") is looked up whole: its first
    // word alone may be a word of the reports, and its misspelt word alone may be closer to another name. When the
    // second word already names the entity ("norby"), the misspelt first word is part of that name.
    const next = typed(index + 1);
    // Two words the reports write as one ("set list" → "setlist", "re-elected" → "reelected").
    const joined = next !== null && !inMention.has(index + 1) ? joinedWord(word, next, vocabulary) : null;
    if (joined) {
      addWord(joined, [joined], 1, joined, 1, usedForms(joined));
      index++;
      continue;
    }
    const nextKnown = next !== null && (inMention.has(index + 1) || isKnown(next, formsAt(index + 1)));
    if (fuzzyBudget > 0 && next !== null && FUZZY_WORD.test(word) && (!known || !nextKnown)) {
      const pair = context.fuzzyEntities.find(`${word} ${next}`);
      if (pair) {
        fuzzyBudget--;
        addEntity(pair.entityId, pair.alias, options.fuzzyEntityCertainty);
        corrections.push({ from: `${word} ${next}`, to: context.entityName(pair.entityId) });
        index++;
        continue;
      }
    }
    if (known) {
      addWord(word, [word], 1, word, 1, forms);
      continue;
    }
    if (english && addCompound(word)) continue;
    if (fuzzyBudget <= 0 || !FUZZY_WORD.test(word)) {
      if (word.length >= 3) addWord(word, [word], 1);
      continue;
    }
    fuzzyBudget--;
    // "trump towr": a misspelt word right after a name may finish a longer name (Trump Tower), which then stands
    // for both words.
    const before = mentionEndingAt.get(index - 1);
    const longer = !english && before ? context.fuzzyEntities.find(`${tokens[index - 1]!.word} ${word}`) : null;
    if (before && longer && longer.entityId !== before.entityId) {
      if (before.tokenStart === before.tokenEnd) dropEntity(before.entityId);
      addEntity(longer.entityId, longer.alias, options.fuzzyEntityCertainty);
      corrections.push({ from: `${tokens[index - 1]!.word} ${word}`, to: context.entityName(longer.entityId) });
      continue;
    }
    // An English word alone is read as that word, not as a name one letter away ("lose" is not "Jose").
    const fuzzy = english ? null : context.fuzzyEntities.find(word);
    if (fuzzy) {
      addEntity(fuzzy.entityId, fuzzy.alias, options.fuzzyEntityCertainty);
      corrections.push({ from: word, to: context.entityName(fuzzy.entityId) });
      continue;
    }
    if (!english && addCompound(word)) continue;
    if (english) {
      // A real word the reports do not use. It may be a typo that spells another word ("intensions"): one edit
      // away from a word of the reports, that reading counts, weakly. Words WordNet relates to it ("informants" →
      // "sources") count for less still: a synonym's other senses ("weather" → "conditions") must not answer
      // questions the reports do not cover.
      const related = context.relatedStems(stemWord(word));
      // A real word is never read as a misspelt stop word ("form" is not "from").
      const typo = [context.speller.correct(word, 1)].find((reading) => reading !== null && !isStopWord(reading)) ?? null;
      const certainty = typo ? options.realWordTypoCertainty : related.length > 0 ? options.synonymCertainty : 1;
      addWord(word, [word, ...(typo ? [typo] : []), ...related], certainty);
      continue;
    }
    // "startin", "goin": a dropped g is the -ing word the user meant, whether or not the reports use that form
    // ("starting" finds "started" by its stem); the speller would take the nearest word they do use ("strain").
    const withG = word.endsWith('in') ? `${word}g` : null;
    if (withG !== null && context.isEnglish(withG)) {
      addWord(word, [withG], options.correctedTypoCertainty, withG, options.correctedTypoCertainty, usedForms(withG));
      corrections.push({ from: word, to: withG });
      continue;
    }
    const corrected = context.speller.correct(word);
    // A misspelt stop word ("reprot", "abotu") asks about nothing.
    if (corrected && isStopWord(corrected)) continue;
    if (corrected) {
      addWord(word, [corrected], options.correctedTypoCertainty, corrected, options.correctedTypoCertainty, usedForms(corrected));
      corrections.push({ from: word, to: corrected });
      continue;
    }
    // No passage has this word, so it can only lower a passage's coverage; it still matches a curated question
    // that uses the same word. Two letters are a word too: "why did schroder get T'd up" asks about more than
    // Schröder, so a paragraph that merely names him does not cover it.
    addWord(word, [word], 1);
  }
  // A word derived from one concept's word that is another concept's word ("sing" and "songs") is that concept's:
  // found for both, it would count one word of the text twice.
  const ownStems = new Set(concepts.flatMap((concept) => concept.stems));
  for (const concept of concepts) concept.derived = concept.derived.filter((stem) => !ownStems.has(stem));
  return { concepts, entityIds: [...seenEntities], corrections };
}
