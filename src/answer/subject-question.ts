import { AUXILIARIES, isFiniteVerb, lexiconTags } from '../kb/english-model.ts';
import { tokenize } from '../kb/text.ts';

/**
 * A question a sentence answers, made by asking who its subject is, for a sentence that opens with someone's name:
 * "Beverly Jones, from Newington, was crowned curry queen after she managed …" → "Who was crowned curry queen?".
 * The question keeps the verb and what follows it up to where another clause begins, so it stays short and the
 * sentence still answers it. Verbs are told by compromise's lexicon (and "-ed", "-ly" for words it lacks), not by
 * its sentence parser: a parse costs milliseconds, and every declined question's suggestions would pay for it.
 */

/** Words past this are cut: a suggestion is a short question. */
const MAX_QUESTION_WORDS = 12;
/** At most eight words between commas after the name ("Beverly Jones, from Newington, was …"). */
const APPOSITION = /^,(?:\s+[^\s,;:()"“”]+){1,8},\s/u;
/** A finite auxiliary in the predicate starts another clause's verb ("… fuel is raising questions"). */
const FINITE_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had']);
/** Where another clause begins, the predicate the question keeps ends. */
const CLAUSE_START = new Set([
  'after',
  'although',
  'and',
  'as',
  'because',
  'before',
  'but',
  'if',
  'or',
  'since',
  'so',
  'that',
  'though',
  'until',
  'when',
  'whereas',
  'what',
  'where',
  'how',
  'why',
  'which',
  'while',
  'who',
  'whom',
  'whose',
]);
const PREPOSITIONS = new Set([
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'about',
  'into',
  'over',
  'under',
  'during',
  'through',
]);
/** A question does not end on a word that leads into what was cut. */
const DANGLING = new Set(['a', 'an', 'the', 'its', 'his', 'her', 'their', 'and', 'or', ...PREPOSITIONS]);
/** What someone said is for /claims: "Who said in a statement?" asks nothing the quote answers. */
const REPORTING = new Set(['said', 'says', 'told', 'tells', 'added', 'adds', 'noted', 'stated', 'wrote', 'explained']);
/** "Who" takes a singular verb: "Spurs have won" asks "Who has won". */
const SINGULAR: Record<string, string> = { have: 'has', are: 'is', were: 'was', do: 'does' };
const BREAK = /[,;:()"“”—–[\]]|\s-\s/;

interface Word {
  /** As written. */
  text: string;
  /** Normalised, as the tokenizer gives it. */
  lower: string;
  start: number;
  end: number;
}

const isAdverb = (word: string) => lexiconTags(word).includes('Adverb') || (word.length > 4 && word.endsWith('ly'));
/** A verb after an auxiliary: "was crowned", "has finalized", "will tour", "is based". */
function isVerbAfterAuxiliary(word: string): boolean {
  const tags = lexiconTags(word);
  return (
    ['PastTense', 'Participle', 'Gerund', 'Infinitive', 'PresentTense'].some((tag) => tags.includes(tag)) ||
    (tags.length === 0 && /(?:ed|en|ing)$/.test(word))
  );
}

/** "and" between two capitalised words is part of a name ("Securities and Exchange Commission"). */
function insideName(words: readonly Word[], index: number): boolean {
  const capitalised = (word: Word | undefined) => word !== undefined && /^\p{Lu}/u.test(word.text);
  return capitalised(words[index - 1]) && capitalised(words[index + 1]);
}

/** The words of a text as the project's tokenizer reads them, each with its text as written. */
function wordsOf(text: string): Word[] {
  return tokenize(text).map((token) => ({
    text: text.slice(token.start, token.end),
    lower: token.word,
    start: token.start,
    end: token.end,
  }));
}

/** What stands between a word and the one before it, less a thousands comma ("157,000" is one number). */
function gapBefore(text: string, words: readonly Word[], index: number): string {
  const gap = text.slice(words[index - 1]!.end, words[index]!.start);
  return gap === ',' && /^\d+$/.test(words[index - 1]!.text) && /^\d{3}$/.test(words[index]!.text) ? '' : gap;
}

/** `subjectEnd` is where the name the sentence opens with ends ("Beverly Jones"); null when no question is found. */
export function subjectQuestion(sentence: string, subjectEnd: number): string | null {
  // A headline ("Mourinho accused of …") has no full stop, and its verbs drop their auxiliaries.
  if (!/[.!]["”’']?\s*$/.test(sentence)) return null;
  let rest = sentence.slice(subjectEnd);
  // "Jobs' health", "Apple's chief": the subject is a thing of the name's, not the name.
  if (/^['’]/.test(rest)) return null;
  const apposition = APPOSITION.exec(rest);
  if (apposition) rest = rest.slice(apposition[0].length - 1);
  else if (!/^\s/.test(rest)) return null;
  const words = wordsOf(rest);
  const between = (index: number) => gapBefore(rest, words, index);

  // The verb group: adverbs and auxiliaries, then a main verb, or a main verb alone.
  let index = 0;
  let auxiliary = false;
  while (index < words.length && (AUXILIARIES.has(words[index]!.lower) || (isAdverb(words[index]!.lower) && index < 2))) {
    auxiliary ||= AUXILIARIES.has(words[index]!.lower);
    index++;
  }
  const main = words[index];
  if (auxiliary ? main && isVerbAfterAuxiliary(main.lower) && !AUXILIARIES.has(main.lower) : main && isFiniteVerb(main.lower)) index++;
  else if (!auxiliary) return null;
  const verbEnd = index - 1;
  if (verbEnd < 0 || words.slice(0, index).some((word, at) => /^\p{Lu}/u.test(word.text) || (at > 0 && BREAK.test(between(at)))))
    return null;
  if (words.slice(0, index).some((word) => REPORTING.has(word.lower))) return null;

  // What follows, up to the clause's end, a new clause or the word limit.
  let end = verbEnd;
  let cut = false;
  for (; index < words.length; index++) {
    const gap = between(index);
    if (BREAK.test(gap)) break;
    if (gap.startsWith('.')) {
      // After a short capitalised word a full stop ends an abbreviation ("in Port St.", "dated Jan."), and the
      // phrase it is in goes too; after any other, the sentence.
      cut = /^\p{Lu}[\p{L}.]{0,3}$/u.test(words[index - 1]!.text);
      break;
    }
    const word = words[index]!;
    if ((CLAUSE_START.has(word.lower) && !insideName(words, index)) || FINITE_AUXILIARIES.has(word.lower)) break;
    if (index >= MAX_QUESTION_WORDS) {
      cut = true;
      break;
    }
    end = index;
  }
  // Cut short, it ends before its last prepositional phrase ("named CEO of the company Jobs co-founded 35 years"
  // → "named CEO"): a phrase cut in the middle says nothing.
  if (cut) {
    let preposition = end;
    while (preposition > verbEnd + 1 && !PREPOSITIONS.has(words[preposition]!.lower)) preposition--;
    if (preposition <= verbEnd + 1) return null;
    end = preposition - 1;
  }
  while (end > verbEnd && DANGLING.has(words[end]!.lower)) end--;
  if (end === verbEnd && !(auxiliary && verbEnd > 0)) return null;
  const opening = SINGULAR[words[0]!.lower] ?? words[0]!.text;
  return `Who ${opening}${rest.slice(words[0]!.end, words[end]!.end)}?`;
}
