import { eng as englishStopWords } from 'stopword';
import { stemmer } from 'stemmer';

/**
 * The one place where text becomes search terms. Passages, Q&A questions, entity aliases and user questions all
 * go through these functions, so a word is always reduced the same way on both sides of a match.
 */

/**
 * Words: runs of letters, marks and digits, with inner apostrophes and dots kept ("don’t", "U.S"). Sentences use
 * Intl.Segmenter (src/kb/segment.ts), but its word mode costs about 40 times this pattern per paragraph (2.1 s
 * against 0.05 s for 10,000 paragraphs, measured), and words are split at build time for every paragraph and at
 * question time for every candidate.
 */
/** Soft hyphens (U+00AD) mark where a word may break; pages as scraped keep them inside words ("com\u00ADpa\u00ADny"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’.]|\u00AD+)[\p{L}\p{M}\p{N}]+)*/gu;

/** Words that frame a question rather than carry its topic ("tell me about…", "what does the report say…"). */
const QUESTION_FRAME_WORDS = [
  'does',
  'doing',
  'done',
  'why',
  'when',
  'whom',
  'whose',
  'will',
  'just',
  'not',
  'no',
  'yes',
  'please',
  'tell',
  'explain',
  'describe',
  'know',
  'anything',
  'something',
  'thing',
  'things',
  'give',
  'info',
  'information',
  'mention',
  'mentioned',
  'mentions',
  'article',
  'articles',
  'report',
  'reports',
  'story',
  'stories',
  'news',
  'say',
  'says',
  'saying',
  'claim',
  'claims',
  'claimed',
  'happen',
  'happened',
  'think',
  'thinks',
  'whats',
  'hows',
  'whos',
  'wheres',
  'wasnt',
  'isnt',
  'didnt',
  'dont',
  'doesnt',
  'also',
  'about',
  'exactly',
  'really',
  'actually',
];

/**
 * Function words the stopword package's short English list lacks, and how people type them in chat: contractions
 * lose their apostrophe when words are normalised ("they're" → "theyre"), and "wat", "abt", "ur" are "what",
 * "about", "your". Each is a word no answer turns on; left in, it weighs like the rarest word of the question.
 */
const FUNCTION_WORDS = [
  'she',
  'its',
  'hers',
  'herself',
  'itself',
  'themselves',
  'ourselves',
  'yourself',
  'myself',
  'ours',
  'yours',
  'theirs',
  'so',
  'nor',
  'ought',
  'else',
  'shall',
  'theyre',
  'youre',
  'hasnt',
  'havent',
  'hadnt',
  'wont',
  'cant',
  'shouldnt',
  'couldnt',
  'wouldnt',
  'arent',
  'werent',
  'im',
  'ive',
  'youve',
  'weve',
  'theyve',
  'thats',
  'theres',
  'hes',
  'shes',
  'wat',
  'wut',
  'wot',
  // "wen" is a word, but in a question it is "when".
  'wen',
  'wht',
  'whn',
  'abt',
  'bout',
  'ur',
  'pls',
  'plz',
  'tho',
  'idk',
  'btw',
  'lol',
  'cuz',
  'coz',
  // Chat that frames a question ("ok so who won", "hey what did he say rn") and asks about nothing itself.
  'rn',
  'ok',
  'okay',
  'ya',
  'yo',
  'hey',
  'hi',
  'omg',
  'tbh',
  'ngl',
  'imo',
  'fyi',
  'gonna',
  'wanna',
  'gotta',
  'kinda',
  // "get" says almost nothing of its own ("after getting pushed out", "how many votes did he get"): the words
  // around it do.
  'get',
  'gets',
  'getting',
  'got',
  'gotten',
];

/**
 * "us" is kept: in news about the United States "US" is an acronym, and a lowercase "us" in a question is far more
 * often the country than the pronoun.
 */
const STOP_WORDS = new Set([...englishStopWords, ...QUESTION_FRAME_WORDS, ...FUNCTION_WORDS].filter((word) => word !== 'us'));

/** Every stop word, for telling a misspelt one ("reprot", "abotu") from a misspelt word of the reports. */
export function stopWords(): readonly string[] {
  return [...STOP_WORDS];
}

export interface Token {
  /** Normalised word: lowercase, no diacritics, straight apostrophes, possessive removed. */
  word: string;
  /** Offset of the word in the text it came from. */
  start: number;
  end: number;
}

/** Text reduced to its letters and digits, lowercased, for telling whether two texts say the same words. */
export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Lowercase, fold compatibility forms and diacritics, straighten apostrophes. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function normalizeText(text: string): string {
  // Most text is plain ASCII, which decomposition and mark removal leave as it is.
  if (ASCII_ONLY.test(text)) return (text.includes('`') ? text.replaceAll('`', "'") : text).toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc\u2032`]/g, "'")
    .toLowerCase();
}

const PLAIN_WORD = /^[A-Za-z0-9]+$/;

function normalizeWord(raw: string): string {
  if (PLAIN_WORD.test(raw)) return raw.toLowerCase();
  if (raw.includes('\u00AD')) return normalizeWord(raw.replace(/\u00AD/g, ''));
  // Possessives go ("Putin’s" → "putin"), as do the dots of acronyms ("U.S" → "us") and other apostrophes.
  return normalizeText(raw).replace(/'s$/, '').replace(/['.]/g, '');
}

/** Word tokens with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normalizeWord(match[0]);
    if (word.length === 0) continue;
    tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const stemCache = new Map<string, string>();

/** Porter stem of a normalised word; numbers and short words stay as they are. */
export function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    // Porter turns "used" into "us"; a stem that short collides with real words, so the word stays whole.
    stem = word.length <= 2 || /\d/.test(word) ? word : stemmer(word);
    if (stem.length < 3) stem = word;
    // Emptied when full rather than frozen: a large collection's later reports have words of their own.
    if (stemCache.size >= 200_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

const contentStemCache = new Map<string, string>();

/**
 * The stem of a content word, or null for a stop word: one look-up where a build would otherwise make two for each
 * of millions of words.
 */
export function contentStem(word: string): string | null {
  let stem = contentStemCache.get(word);
  if (stem === undefined) {
    stem = isStopWord(word) ? '' : stemWord(word);
    if (contentStemCache.size >= 200_000) contentStemCache.clear();
    contentStemCache.set(word, stem);
  }
  return stem === '' ? null : stem;
}

/** The searchable terms of a text: content words, stemmed. Order kept, duplicates kept. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const stem = contentStem(token.word);
    if (stem !== null) terms.push(stem);
  }
  return terms;
}

/** Words (runs of non-space) in a text, counted up to `cap`: callers compare with small limits, and texts can be long. */
export function countWords(text: string, cap = 64): number {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length && count <= cap; index++) {
    const space = text.charCodeAt(index) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** Lowercase ASCII words joined by hyphens, at most `max` characters: file names and ids made from titles and names. */
export function slugOf(text: string, max = 40, fallback = 'report'): string {
  const words =
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? [];
  let result = '';
  for (const word of words) {
    if ((result ? result.length + 1 : 0) + word.length > max) break;
    result = result ? `${result}-${word}` : word;
  }
  return result || fallback;
}
