import { createRequire } from 'node:module';

/**
 * compromise's English model: its lexicon (names, places, organisations, tenses of words) and its rules for
 * inflecting verbs and nouns. It takes about half a second to load, so it is loaded by the first caller that needs
 * it, not by every process that imports the engine; its tagger level ("two") holds both. Synchronous require keeps
 * the build and the question analysis synchronous.
 */

export type LexiconTag = string | string[];
export type Lexicon = Record<string, LexiconTag>;

interface Conjugation {
  Infinitive?: string;
  PastTense?: string;
  PresentTense?: string;
  Gerund?: string;
  Participle?: string;
}

interface CompromiseWorld {
  model: { one: { lexicon: Lexicon } };
  methods: {
    two: {
      transform: {
        verb: { toInfinitive(word: string, model: unknown, tense: string): string; conjugate(word: string, model: unknown): Conjugation };
        noun: { toSingular(word: string, model: unknown): string };
      };
    };
  };
}

let world: CompromiseWorld | null = null;

export function englishModel(): CompromiseWorld {
  world ??= (createRequire(import.meta.url)('compromise/two') as { world(): CompromiseWorld }).world();
  return world;
}

export function englishLexicon(): Lexicon {
  return englishModel().model.one.lexicon;
}

const NO_TAGS: readonly string[] = [];

/** The lexicon's tags of a lowercase word ("held" → PastTense), none for a word it lacks. */
export function lexiconTags(word: string): readonly string[] {
  const tags = englishLexicon()[word];
  return tags === undefined ? NO_TAGS : Array.isArray(tags) ? tags : [tags];
}

/** Auxiliary and modal verbs, finite or not ("been", "be"). */
export const AUXILIARIES = new Set([
  'is',
  'was',
  'are',
  'were',
  'has',
  'have',
  'had',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'must',
  'should',
  'did',
  'does',
  'been',
  'be',
  'being',
]);

/** A verb that can follow a name on its own: "won", "denies", "crowned"; not a bare plural ("lie", "center"). */
export function isFiniteVerb(word: string): boolean {
  const tags = lexiconTags(word);
  if (tags.includes('PastTense')) return true;
  if (tags.includes('PresentTense')) return word.endsWith('s');
  // "crowned" is not in the lexicon, "joined" only as an adjective: after a name, a word in "-ed" is its verb.
  return word.endsWith('ed') && !tags.some((tag) => tag === 'Singular' || tag === 'Plural' || tag === 'Noun');
}
