import { englishModel } from '../kb/english-model.ts';
import { stemWord } from '../kb/text.ts';

/**
 * Irregular forms of the same word: "lose" and "lost", "fall" and "fell", "win" and "won", "man" and "men". The
 * Porter stemmer only strips regular endings, so without these "how much did Apple lose?" misses "it lost $900
 * million". The forms come from compromise's lexicon and its conjugation and plural rules, derived once per process
 * (about half a second with loading compromise) when the first search engine is made.
 */

interface FormGroups {
  verbs: Map<string, ReadonlySet<string>>;
  nouns: Map<string, ReadonlySet<string>>;
}
let groups: FormGroups | null = null;

const tagsOf = (tag: string | string[]) => (Array.isArray(tag) ? tag : [tag]);
const WORD = /^[a-z]+$/;

/** Joins forms into one group, and with any group that shares one of their stems ("found": find, and found). */
function join(byStem: Map<string, ReadonlySet<string>>, forms: string[]): void {
  const stems = [...new Set(forms.filter((form) => WORD.test(form)).map(stemWord))];
  if (stems.length < 2) return;
  const group = new Set(stems.flatMap((stem) => [...(byStem.get(stem) ?? [stem])]));
  for (const stem of group) byStem.set(stem, group);
}

/**
 * Verbs and nouns are grouped apart, so that "leaves" joins "left" (leave) and "leaf" but "left" is never "leaf".
 */
function derive(): FormGroups {
  const { model, methods } = englishModel();
  const { verb, noun } = methods.two.transform;
  const lexicon = model.one.lexicon;
  const verbs = new Map<string, ReadonlySet<string>>();
  const nouns = new Map<string, ReadonlySet<string>>();
  const infinitives = new Set<string>();
  for (const [word, tag] of Object.entries(lexicon)) {
    if (!WORD.test(word)) continue;
    const tags = tagsOf(tag);
    if (tags.includes('Infinitive')) infinitives.add(word);
    for (const tense of ['PastTense', 'Participle']) if (tags.includes(tense)) infinitives.add(verb.toInfinitive(word, model, tense));
    // Only plurals whose singular the lexicon knows as a noun: the rules alone turn "opera" into "opus".
    if (tags.includes('Plural')) {
      const singular = noun.toSingular(word, model);
      if (tagsOf(lexicon[singular] ?? []).some((t) => t === 'Singular' || t === 'Noun' || t === 'Actor')) join(nouns, [singular, word]);
    }
  }
  for (const infinitive of infinitives) {
    const { PastTense, PresentTense, Gerund, Participle } = verb.conjugate(infinitive, model);
    join(verbs, [infinitive, ...[PastTense, PresentTense, Gerund, Participle].filter((form): form is string => form !== undefined)]);
  }
  return { verbs, nouns };
}

/** Derives the forms now, if this process has not yet. */
export function loadWordForms(): void {
  groups ??= derive();
}

/** The stems of a word's irregular forms ("lost" for "lose"), its own stem excluded; none for most words. */
export function otherFormStems(word: string): readonly string[] {
  groups ??= derive();
  const stem = stemWord(word);
  const others = new Set([...(groups.verbs.get(stem) ?? []), ...(groups.nouns.get(stem) ?? [])]);
  others.delete(stem);
  return [...others];
}
