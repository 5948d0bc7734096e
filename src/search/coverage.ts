import type { Concept } from './query.ts';

/**
 * How much of a question a text answers: the IDF-weighted share of the question's concepts found in the text.
 * This is what confidence is made of. It is 1 only when every concept is there, and a concept the reports never
 * mention (the "weather" of "what is the weather in Moscow") keeps it low whatever else matches.
 */

export interface TextFeatures {
  stems: ReadonlySet<string>;
  entityIds: ReadonlySet<string>;
}

export function conceptFound(concept: Concept, text: TextFeatures): boolean {
  if (concept.entityId !== null && text.entityIds.has(concept.entityId)) return true;
  return concept.stems.some((stem) => text.stems.has(stem));
}

export function totalWeight(concepts: readonly Concept[]): number {
  return concepts.reduce((sum, concept) => sum + concept.weight, 0);
}

export function coverage(concepts: readonly Concept[], text: TextFeatures): number {
  const total = totalWeight(concepts);
  if (total === 0) return 0;
  let found = 0;
  for (const concept of concepts) if (conceptFound(concept, text)) found += concept.weight * concept.certainty;
  return found / total;
}
