import type { ScoringOptions } from '../answer/scoring-options.ts';
import type { ValueKind } from '../kb/value-cues.ts';
import type { Concept } from './query.ts';
import type { WordVectors } from './vectors/word-vectors.ts';

/**
 * How much of a question a text answers: the IDF-weighted share of the question's concepts found in the text.
 * This is what confidence is made of. A concept is found fully when the text uses its word (as a stem) or names
 * its entity, and in part when the text uses a word close in meaning (soft coverage: the best cosine to a word of
 * the text, sharpened). It is 1 only when every concept is there, and a concept the reports never mention nor
 * paraphrase (the "weather" of "what is the weather in Moscow") keeps it low whatever else matches.
 */

export interface TextFeatures {
  stems: ReadonlySet<string>;
  entityIds: ReadonlySet<string>;
  /** Vector ids of the text's English content words. */
  vectorIds: readonly number[];
  /** The kinds of value the text states, of those the question names ("times", "money"); none when it names none. */
  valueKinds?: ReadonlySet<ValueKind>;
  /** A paragraph's report title, its context: stems and names (none for a sentence, which is quoted alone). */
  title?: { stems: ReadonlySet<string>; entityIds: ReadonlySet<string> };
}

/**
 * Degrees of similarity between one question's concepts and words, cached for the question: candidates share most
 * of their words, and each cosine is a hundred multiply-adds.
 */
export class SoftMatcher {
  private readonly cache = new Map<Concept, Map<number, number>>();

  readonly coveragePower: number;

  constructor(
    private readonly vectors: WordVectors,
    private readonly options: ScoringOptions,
  ) {
    this.coveragePower = Math.min(1, Math.max(0.05, options.coveragePower));
  }

  /**
   * The most any of a text's words stands in for a concept (each word's degree in [0, 1]), or `atLeast` when none
   * does more.
   */
  bestDegree(concept: Concept, vectorIds: readonly number[], atLeast: number): number {
    if (concept.vectorId < 0) return atLeast;
    let perWord = this.cache.get(concept);
    if (!perWord) this.cache.set(concept, (perWord = new Map()));
    let best = atLeast;
    for (const vectorId of vectorIds) {
      let degree = perWord.get(vectorId);
      if (degree === undefined) {
        const cosine = this.vectors.cosine(concept.vectorId, vectorId);
        degree = cosine < this.options.softMatchMinCosine ? 0 : cosine ** this.options.softMatchExponent * concept.softCertainty;
        perWord.set(vectorId, degree);
      }
      if (degree > best) best = degree;
    }
    return best;
  }
}

/** Whether a set holds any of the stems: the loop that is most of a question's coverage, so without a closure. */
function holdsAny(stems: ReadonlySet<string>, wanted: readonly string[]): boolean {
  for (const stem of wanted) if (stems.has(stem)) return true;
  return false;
}

function inTitle(concept: Concept, title: NonNullable<TextFeatures['title']>): boolean {
  return concept.entityId !== null ? title.entityIds.has(concept.entityId) : holdsAny(title.stems, concept.stems);
}

/** How far a text holds a concept: fully (times the reading's certainty) by its words, in part by similar ones. */
export function conceptDegree(concept: Concept, text: TextFeatures, soft: SoftMatcher | null): number {
  if (concept.entityId !== null && text.entityIds.has(concept.entityId)) return concept.certainty;
  let degree = holdsAny(text.stems, concept.stems) ? concept.certainty : 0;
  if (degree === 0 && holdsAny(text.stems, concept.derived)) degree = concept.derivedCertainty;
  if (concept.value && text.valueKinds?.has(concept.value.kind)) degree = Math.max(degree, concept.value.certainty);
  if (text.title && degree < concept.titleCertainty && inTitle(concept, text.title)) degree = concept.titleCertainty;
  return soft && degree < 1 ? soft.bestDegree(concept, text.vectorIds, degree) : degree;
}

export function totalWeight(concepts: readonly Concept[]): number {
  return concepts.reduce((sum, concept) => sum + concept.weight, 0);
}

/**
 * The weighted power mean of the concepts' degrees. With power 1 it is the plain weighted share; below 1 a missing
 * concept costs more than its share, which is what tells a near miss ("how old is X", with X everywhere) from an
 * answer: the one concept the text lacks is usually the one the question is about.
 */
export function coverage(
  concepts: readonly Concept[],
  text: TextFeatures,
  soft: SoftMatcher | null,
  power = soft?.coveragePower ?? 1,
): number {
  return coverageOfDegrees(concepts, conceptDegrees(concepts, text, soft), power);
}

/** How far a text holds each concept, in the concepts' order. */
export function conceptDegrees(concepts: readonly Concept[], text: TextFeatures, soft: SoftMatcher | null): Float64Array {
  const degrees = new Float64Array(concepts.length);
  for (let index = 0; index < concepts.length; index++) degrees[index] = conceptDegree(concepts[index]!, text, soft);
  return degrees;
}

/**
 * Coverage from each concept's degree. Two texts together hold a concept as far as the one holding it best does
 * (a word, a name, a value or a similar word is in one of them), so two sentences' coverage is that of their
 * degrees' maxima: `bestOf`.
 */
export function coverageOfDegrees(concepts: readonly Concept[], degrees: ArrayLike<number>, power = 1, bestOf?: ArrayLike<number>): number {
  const total = totalWeight(concepts);
  if (total === 0) return 0;
  let found = 0;
  for (let index = 0; index < concepts.length; index++) {
    const degree = bestOf ? Math.max(degrees[index]!, bestOf[index]!) : degrees[index]!;
    found += concepts[index]!.weight * degree ** power;
  }
  return (found / total) ** (1 / power);
}
