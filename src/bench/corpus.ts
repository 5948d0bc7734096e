/**
 * Deterministic synthetic "scraped news report" corpus for the benchmark, plus questions about it.
 *
 * Everything is driven by a seeded PRNG (mulberry32): the same options always give byte-identical output.
 * Vocabulary is drawn from fixed pools with Zipf-like (≈1/rank) sampling, so a few entities, nouns and verbs
 * are everywhere while most are rare — like real news. People are first+last name combinations from a large
 * index space, so there are tens of thousands of distinct people, a handful of them very prominent.
 *
 * Report layout (one file per report):
 *
 *   Headline text | Outlet Name
 *   <blank line>
 *   Paragraph one (2–4 sentences, 25–80 words).
 *   <blank line>
 *   Paragraph two ...
 */

import {
  FIRST_NAMES,
  SURNAME_ONSETS,
  SURNAME_ENDINGS,
  PLACE_ONSETS,
  PLACE_ENDINGS,
  ORG_TYPES,
  CORP_SUFFIXES,
  FIXED_ORGS,
  OUTLETS,
  NOUNS,
  NOUN_PLURAL_OVERRIDES,
  VERB_BASES,
  VERB_OVERRIDES,
  ADJECTIVES,
  HEDGES,
  REPORT_VERBS,
  REPORT_TAILS,
  SOURCE_PHRASES,
  WEEKDAYS,
  MONTHS,
} from './corpus-words.ts';
import { NOUN_REWORDINGS, VERB_REWORDINGS } from './rewordings.ts';

export interface SyntheticSource {
  file: string;
  text: string;
}

export interface SyntheticCorpus {
  sources: SyntheticSource[];
  /** Number of body paragraphs (headlines excluded). */
  paragraphCount: number;
}

/** keyword: the paragraph's own words; typo: misspelt; paraphrase: other inflections; reworded: other words. */
export type BenchQuestionKind = 'typo' | 'paraphrase' | 'keyword' | 'reworded';

export interface BenchQuestion {
  question: string;
  kind: BenchQuestionKind;
  /** `contains` is a verbatim fragment (7+ words) of the target paragraph that occurs exactly once in the corpus. */
  target: { file: string; contains: string };
}

export interface GenerateCorpusOptions {
  paragraphs: number;
  seed?: number;
  /** Body paragraphs per report; the last report may be shorter. Default 20. */
  paragraphsPerReport?: number;
}

export interface GenerateQuestionsOptions {
  count: number;
  seed?: number;
}

export const DEFAULT_CORPUS_SEED = 1;
export const DEFAULT_QUESTION_SEED = 1;
export const DEFAULT_PARAGRAPHS_PER_REPORT = 20;
export const MIN_PARAGRAPH_WORDS = 25;
export const MAX_PARAGRAPH_WORDS = 80;

// ---------------------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: a small, fast, seeded PRNG, so every generated corpus and hostile input can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer hash (lowbias32); used for stable per-entity attributes. */
function hash32(x: number): number {
  x = x >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

class Rng {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(hash32(seed ^ 0x9e3779b9));
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /**
   * Index in [0, n), Zipf–Mandelbrot-like: P(k) ≈ ln((k+q+1)/(k+q)) / ln((n+q)/q), i.e. roughly ∝ 1/(k+q).
   * q = 1 is a steep head (a few items dominate); larger q flattens the head.
   */
  zipf(n: number, q = 1): number {
    const k = Math.floor(q * Math.pow((n + q) / q, this.next()) - q);
    return k >= n ? n - 1 : k < 0 ? 0 : k;
  }

  zipfPick<T>(items: readonly T[], q = 1): T {
    return items[this.zipf(items.length, q)]!;
  }
}

const ROLE_COUNT = 12;

// Derived pools (built once at module load; independent of seeds).

function buildSurnames(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const onset of SURNAME_ONSETS) {
    for (const ending of SURNAME_ENDINGS) {
      const name = onset + ending;
      if (!seen.has(name)) {
        seen.add(name);
        out.push(name);
      }
    }
  }
  return out;
}

function fixedShuffle<T>(items: T[], seed: number): T[] {
  const rng = new Rng(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

const SURNAMES: readonly string[] = buildSurnames();

const PLACES: readonly string[] = (() => {
  const out: string[] = [];
  for (const onset of PLACE_ONSETS) for (const ending of PLACE_ENDINGS) out.push(onset + ending);
  fixedShuffle(out, 7);
  // A few multi-word places, like real geography.
  for (let i = 0; i < 30; i++) {
    const base = out[i]!;
    out[i] = i % 3 === 0 ? `Port ${base}` : i % 3 === 1 ? `North ${base}` : base;
  }
  return fixedShuffle(out, 11).slice(0, 180);
})();

const ORGS: readonly string[] = (() => {
  const rng = new Rng(13);
  const out = new Set<string>();
  for (const org of FIXED_ORGS) out.add(org);
  while (out.size < 140) {
    if (rng.chance(0.55)) out.add(`the ${rng.pick(PLACES)} ${rng.pick(ORG_TYPES)}`);
    else out.add(`${rng.pick(SURNAMES)} ${rng.pick(CORP_SUFFIXES)}`);
  }
  return fixedShuffle([...out], 17);
})();

function pluralize(noun: string): string {
  const override = NOUN_PLURAL_OVERRIDES[noun];
  if (override) return override;
  if (/(s|x|z|ch|sh)$/.test(noun)) return noun + 'es';
  if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + 'ies';
  return noun + 's';
}

interface VerbForms {
  base: string;
  past: string;
  ing: string;
  third: string;
}

function inflectVerb(base: string): VerbForms {
  const override = VERB_OVERRIDES[base];
  let past: string;
  let ing: string;
  if (override) [past, ing] = override;
  else if (base.endsWith('e')) {
    past = base + 'd';
    ing = base.slice(0, -1) + 'ing';
  } else if (/[^aeiou]y$/.test(base)) {
    past = base.slice(0, -1) + 'ied';
    ing = base + 'ing';
  } else {
    past = base + 'ed';
    ing = base + 'ing';
  }
  const third = /(s|x|z|ch|sh)$/.test(base) ? base + 'es' : /[^aeiou]y$/.test(base) ? base.slice(0, -1) + 'ies' : base + 's';
  return { base, past, ing, third };
}

const NOUN_LIST: readonly string[] = [...new Set<string>(NOUNS)];
const NOUN_PLURALS: readonly string[] = NOUN_LIST.map(pluralize);
const VERBS: readonly VerbForms[] = VERB_BASES.map(inflectVerb);

type ContentEntry =
  | { pos: 'noun'; rank: number; singular: string; plural: string }
  | { pos: 'verb'; rank: number; forms: VerbForms }
  | { pos: 'adj'; rank: number; word: string };

/** Lower-case surface form → pool entry (nouns win over verbs, verbs over adjectives, on a shared form). */
const CONTENT: ReadonlyMap<string, ContentEntry> = (() => {
  const map = new Map<string, ContentEntry>();
  ADJECTIVES.forEach((word, rank) => map.set(word, { pos: 'adj', rank, word }));
  VERBS.forEach((forms, rank) => {
    const entry: ContentEntry = { pos: 'verb', rank, forms };
    for (const form of [forms.base, forms.past, forms.ing, forms.third]) map.set(form, entry);
  });
  NOUN_LIST.forEach((singular, rank) => {
    const entry: ContentEntry = { pos: 'noun', rank, singular, plural: NOUN_PLURALS[rank]! };
    map.set(singular, entry);
    map.set(entry.plural, entry);
  });
  return map;
})();

const FIRST_NAME_SET: ReadonlySet<string> = new Set(FIRST_NAMES);
const SURNAME_SET: ReadonlySet<string> = new Set(SURNAMES);

// ---------------------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------------------

/** Size of the person index space; sampled Zipf-like, so a few people are prominent and most are rare. */
const PERSON_SPACE = 60_000;
/** Head flattening for content words (nouns, verbs, adjectives). */
const CONTENT_Q = 4;

interface Person {
  first: string;
  last: string;
  full: string;
  role: string;
}

interface ReportContext {
  rng: Rng;
  salt: number;
  place: string;
  org: string;
  noun: number;
  people: Map<number, Person>;
}

function fmtInt(n: number): string {
  const s = String(n);
  if (s.length <= 3) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function personOf(ctx: ReportContext, index: number): Person {
  let person = ctx.people.get(index);
  if (person) return person;
  const h1 = hash32(index * 2 + 1 + ctx.salt);
  const h2 = hash32(index * 2 + 2 + ctx.salt);
  const first = FIRST_NAMES[h1 % FIRST_NAMES.length]!;
  const last = SURNAMES[h2 % SURNAMES.length]!;
  const org = ORGS[(h1 >>> 12) % ORGS.length]!;
  const place = PLACES[(h2 >>> 12) % PLACES.length]!;
  let role: string;
  switch ((h1 >>> 24) % ROLE_COUNT) {
    case 0:
      role = `a spokesperson for ${org}`;
      break;
    case 1:
      role = `the chief executive of ${org}`;
      break;
    case 2:
      role = `a senior adviser at ${org}`;
      break;
    case 3:
      role = `the former mayor of ${place}`;
      break;
    case 4:
      role = `a lawmaker from ${place}`;
      break;
    case 5:
      role = `an analyst at ${org}`;
      break;
    case 6:
      role = `the deputy foreign minister of ${place}`;
      break;
    case 7:
      role = `a prosecutor in ${place}`;
      break;
    case 8:
      role = `a board member at ${org}`;
      break;
    case 9:
      role = `the head of security at ${org}`;
      break;
    case 10:
      role = `a union leader in ${place}`;
      break;
    default:
      role = `a researcher at ${org}`;
      break;
  }
  person = { first, last, full: `${first} ${last}`, role };
  ctx.people.set(index, person);
  return person;
}

function place(ctx: ReportContext): string {
  return ctx.rng.chance(0.3) ? ctx.place : ctx.rng.zipfPick(PLACES);
}

function org(ctx: ReportContext): string {
  return ctx.rng.chance(0.3) ? ctx.org : ctx.rng.zipfPick(ORGS);
}

function nounIndex(ctx: ReportContext): number {
  return ctx.rng.chance(0.15) ? ctx.noun : ctx.rng.zipf(NOUN_LIST.length, CONTENT_Q);
}

function noun(ctx: ReportContext): string {
  return NOUN_LIST[nounIndex(ctx)]!;
}

function nounMaybePlural(ctx: ReportContext): string {
  const i = nounIndex(ctx);
  return ctx.rng.chance(0.4) ? NOUN_PLURALS[i]! : NOUN_LIST[i]!;
}

function nounPlural(ctx: ReportContext): string {
  return NOUN_PLURALS[nounIndex(ctx)]!;
}

/** Two distinct nouns as a compound ("refinery contract"). */
function compound(ctx: ReportContext, plural: boolean | 'maybe'): string {
  const a = nounIndex(ctx);
  let b = ctx.rng.zipf(NOUN_LIST.length, CONTENT_Q);
  if (b === a) b = (b + 1 + ctx.rng.int(NOUN_LIST.length - 1)) % NOUN_LIST.length;
  const usePlural = plural === 'maybe' ? ctx.rng.chance(0.4) : plural;
  return `${NOUN_LIST[a]!} ${usePlural ? NOUN_PLURALS[b]! : NOUN_LIST[b]!}`;
}

function verb(ctx: ReportContext): VerbForms {
  return ctx.rng.zipfPick(VERBS, CONTENT_Q);
}

function adj(ctx: ReportContext): string {
  return ctx.rng.zipfPick(ADJECTIVES, CONTENT_Q);
}

function hedge(ctx: ReportContext): string {
  return ctx.rng.chance(0.55) ? ctx.rng.pick(HEDGES) + ' ' : '';
}

function year(ctx: ReportContext): number {
  return ctx.rng.range(2009, 2024);
}

function date(ctx: ReportContext): string {
  return `${ctx.rng.pick(MONTHS)} ${ctx.rng.range(1, 28)}`;
}

function timeRef(ctx: ReportContext): string {
  switch (ctx.rng.int(8)) {
    case 0:
      return 'last week';
    case 1:
      return `on ${ctx.rng.pick(WEEKDAYS)}`;
    case 2:
      return `in ${ctx.rng.pick(MONTHS)}`;
    case 3:
      return 'earlier this year';
    case 4:
      return `in ${ctx.rng.pick(MONTHS)} ${year(ctx)}`;
    case 5:
      return `on ${date(ctx)}`;
    case 6:
      return 'late last year';
    default:
      return `${ctx.rng.pick(['two', 'three', 'several'])} years ago`;
  }
}

function money(ctx: ReportContext): string {
  return ctx.rng.chance(0.5) ? `$${ctx.rng.range(1, 99)}.${ctx.rng.range(1, 9)} million` : `$${fmtInt(ctx.rng.range(2, 950) * 1000)}`;
}

/** The paragraph's main claim: always names one person in full, with a verb and at least two nouns. */
function keySentence(ctx: ReportContext, p: Person): string {
  const r = ctx.rng;
  switch (r.int(8)) {
    case 0: {
      const where = r.pick(['in', 'near', 'at a site outside']);
      return `${p.full} ${hedge(ctx)}${verb(ctx).past} the ${adj(ctx)} ${compound(ctx, 'maybe')} ${where} ${place(ctx)}, ${r.pick(REPORT_TAILS)}.`;
    }
    case 1:
      return `${p.full}, ${p.role}, ${r.pick(REPORT_VERBS)} that ${org(ctx)} had ${verb(ctx).past} the ${compound(ctx, 'maybe')} ${timeRef(ctx)}.`;
    case 2:
      return `According to ${r.pick(SOURCE_PHRASES)}, ${p.full} ${hedge(ctx)}${verb(ctx).past} ${r.range(2, 40)} ${compound(ctx, true)} linked to ${org(ctx)}.`;
    case 3:
      return `${p.full} was ${r.pick(HEDGES)} involved in the ${adj(ctx)} ${compound(ctx, false)} that ${org(ctx)} ${verb(ctx).past} ${timeRef(ctx)}, ${r.pick(REPORT_TAILS)}.`;
    case 4:
      return `In a statement on ${r.pick(WEEKDAYS)}, ${p.full} ${verb(ctx).past} the ${compound(ctx, 'maybe')} and called for ${adj(ctx)} ${nounPlural(ctx)} in ${place(ctx)}.`;
    case 5:
      return `${cap(org(ctx))} officials believe ${p.full} ${verb(ctx).past} the ${compound(ctx, 'maybe')} before leaving ${place(ctx)} ${timeRef(ctx)}.`;
    case 6:
      return `"The ${compound(ctx, false)} was never ${verb(ctx).past}," ${p.full} told reporters in ${place(ctx)} on ${date(ctx)}.`;
    default:
      return `Investigators say ${p.full} ${hedge(ctx)}${verb(ctx).past} the ${adj(ctx)} ${compound(ctx, 'maybe')} through ${org(ctx)} ${timeRef(ctx)}.`;
  }
}

/** Background sentences: shared, frequent vocabulary. `p` (already introduced) may be referred to by surname. */
function fillerSentence(ctx: ReportContext, p: Person | undefined): string {
  const r = ctx.rng;
  const n = p ? 14 : 13;
  switch (r.int(n)) {
    case 0:
      return `The ${noun(ctx)} has been a point of contention in ${place(ctx)} since ${year(ctx)}, ${r.pick(REPORT_TAILS)}.`;
    case 1:
      return `Officials believe the ${adj(ctx)} ${noun(ctx)} could affect as many as ${fmtInt(r.range(2, 900) * 100)} people across ${place(ctx)}.`;
    case 2:
      return `A spokesperson for ${org(ctx)} declined to comment on the ${noun(ctx)} when contacted on ${r.pick(WEEKDAYS)}.`;
    case 3:
      return `${r.range(12, 88)} percent of respondents in a ${r.pick(MONTHS)} poll said they opposed the ${adj(ctx)} ${nounPlural(ctx)}.`;
    case 4:
      return `${cap(org(ctx))} did not respond to a request for comment on ${r.pick(WEEKDAYS)}, and its website was briefly offline.`;
    case 5:
      return `The ${noun(ctx)} was ${hedge(ctx)}worth about ${money(ctx)}, according to documents seen by ${r.pick(OUTLETS)}.`;
    case 6:
      return `Critics in ${place(ctx)} have long accused ${org(ctx)} of ${verb(ctx).ing} ${nounPlural(ctx)} without oversight.`;
    case 7:
      return `${cap(org(ctx))} said in a statement that it was reviewing the ${noun(ctx)} and would ${verb(ctx).base} any ${adj(ctx)} ${nounPlural(ctx)}.`;
    case 8:
      return `It was not immediately clear whether the ${noun(ctx)} would ${verb(ctx).base} the ${nounMaybePlural(ctx)} in ${place(ctx)}.`;
    case 9:
      return `The move comes ${timeRef(ctx)} after ${org(ctx)} ${hedge(ctx)}${verb(ctx).past} a ${adj(ctx)} ${noun(ctx)} in ${place(ctx)}.`;
    case 10:
      return `Sources familiar with the matter said the ${noun(ctx)} had been ${verb(ctx).past} at least ${r.range(2, 12)} times since ${year(ctx)}.`;
    case 11:
      return `Analysts at ${org(ctx)} said the ${noun(ctx)} was likely to cost more than ${money(ctx)} over the next ${r.range(2, 10)} years.`;
    case 12:
      return `Residents of ${place(ctx)} told reporters they had not been informed about the ${adj(ctx)} ${nounMaybePlural(ctx)}.`;
    default:
      return `${p!.last} later ${r.pick(['told reporters', 'said', 'insisted', 'wrote'])} that the ${noun(ctx)} would be ${verb(ctx).past} by the end of ${r.pick(MONTHS)}.`;
  }
}

function countWords(s: string): number {
  let n = 1;
  for (let i = s.indexOf(' '); i >= 0; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

function makeParagraph(ctx: ReportContext): string {
  const r = ctx.rng;
  const person = personOf(ctx, r.zipf(PERSON_SPACE));
  const sentences: string[] = [];
  const target = r.range(2, 4);
  if (r.chance(0.75)) {
    sentences.push(keySentence(ctx, person));
  } else {
    sentences.push(fillerSentence(ctx, undefined), keySentence(ctx, person));
  }
  while (sentences.length < target) sentences.push(fillerSentence(ctx, person));
  let text = sentences.join(' ');
  let total = countWords(text);
  if (total >= MIN_PARAGRAPH_WORDS && total <= MAX_PARAGRAPH_WORDS) return text;
  // Rare: top up short paragraphs, trim long ones (the key sentence is always among the first two).
  while (total < MIN_PARAGRAPH_WORDS && sentences.length < 4) {
    const extra = fillerSentence(ctx, person);
    sentences.push(extra);
    total += countWords(extra);
  }
  while (total > MAX_PARAGRAPH_WORDS && sentences.length > 2) total -= countWords(sentences.pop()!);
  text = sentences.join(' ');
  return text;
}

function makeHeadline(ctx: ReportContext): string {
  const r = ctx.rng;
  const n0 = NOUN_LIST[ctx.noun]!;
  let headline: string;
  switch (r.int(6)) {
    case 0:
      headline = `${cap(ctx.org)} ${verb(ctx).third} ${n0} ${nounPlural(ctx)} in ${ctx.place}`;
      break;
    case 1:
      headline = `${ctx.place} officials weigh ${adj(ctx)} ${n0} ${nounPlural(ctx)} as ${ctx.org} faces scrutiny`;
      break;
    case 2:
      headline = `What we know about the ${adj(ctx)} ${n0} ${noun(ctx)} in ${ctx.place}`;
      break;
    case 3:
      headline = `${personOf(ctx, r.zipf(50)).full} denies role in ${n0} ${noun(ctx)}`;
      break;
    case 4:
      headline = `${cap(ctx.org)} under pressure over ${n0} ${nounPlural(ctx)}`;
      break;
    default:
      headline = `Inside the ${adj(ctx)} ${n0} ${noun(ctx)} shaking ${ctx.place}`;
      break;
  }
  return r.chance(0.7) ? `${headline} | ${r.pick(OUTLETS)}` : headline;
}

export function benchFileName(index: number): string {
  return `bench_${String(index).padStart(6, '0')}.txt`;
}

/**
 * Generates `paragraphs` body paragraphs spread over reports of `paragraphsPerReport` paragraphs each.
 * Deterministic for a given (paragraphs, seed, paragraphsPerReport).
 */
export function generateCorpus(options: GenerateCorpusOptions): SyntheticCorpus {
  const total = Math.max(0, Math.floor(options.paragraphs));
  const perReport = Math.max(1, Math.floor(options.paragraphsPerReport ?? DEFAULT_PARAGRAPHS_PER_REPORT));
  const seed = options.seed ?? DEFAULT_CORPUS_SEED;
  const rng = new Rng(seed);
  const salt = hash32(seed + 0x51ed27);
  const people = new Map<number, Person>();
  const sources: SyntheticSource[] = [];
  let remaining = total;
  for (let index = 0; remaining > 0; index++) {
    const count = Math.min(perReport, remaining);
    remaining -= count;
    const ctx: ReportContext = {
      rng,
      salt,
      place: rng.zipfPick(PLACES),
      org: rng.zipfPick(ORGS),
      noun: rng.zipf(NOUN_LIST.length, CONTENT_Q),
      people,
    };
    const parts: string[] = [makeHeadline(ctx)];
    for (let i = 0; i < count; i++) parts.push(makeParagraph(ctx));
    sources.push({ file: benchFileName(index), text: parts.join('\n\n') + '\n' });
  }
  return { sources, paragraphCount: total };
}

// ---------------------------------------------------------------------------------------------------------
// Report splitting (shared with the baselines so both see identical paragraphs)
// ---------------------------------------------------------------------------------------------------------

const BLANK_LINE = /\r?\n[ \t]*\r?\n/;

/** First line is the headline; the rest is paragraphs separated by blank lines (trimmed, empty ones dropped). */
export function splitReport(text: string): { headline: string; paragraphs: string[] } {
  const nl = text.indexOf('\n');
  const headline = (nl < 0 ? text : text.slice(0, nl)).trim();
  const body = nl < 0 ? '' : text.slice(nl + 1);
  const paragraphs: string[] = [];
  for (const block of body.split(BLANK_LINE)) {
    const trimmed = block.trim();
    if (trimmed) paragraphs.push(trimmed);
  }
  return { headline, paragraphs };
}

// ---------------------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------------------

const KINDS: readonly BenchQuestionKind[] = ['keyword', 'typo', 'paraphrase', 'reworded'];
const TRAILING_PUNCT = /[.,;:!?"]+$/;

interface Candidate {
  source: number;
  paragraph: number;
  kind: BenchQuestionKind;
  question: string;
  /** Surname exactly as written; every occurrence of any window contains it as a whole token. */
  anchor: string;
  /** Lower-case strings that a paragraph must all contain to be a plausible answer. */
  keys: string[];
  /** "First Last" exactly as written; every window contains it. */
  name: string;
  /** Verbatim fragments of the target paragraph, in order of preference. */
  windows: string[];
  /** Where `name` first occurs in each window. */
  offsets: number[];
  counts: number[];
  ambiguous: boolean;
  stamp: number;
}

/** A reporting verb right after a name: the named person is the one speaking ("Astrid Eskura told …"). */
const SPEECH_AFTER_NAME = /^(?:said|says|told|tells|added|argued|warned|insisted|claimed|stated|wrote)$/i;

/** Strips leading quotes, trailing punctuation and a possessive "'s". */
function cleanToken(token: string): string {
  return stripToken(token, 0, token.length);
}

/** Strips leading quotes, trailing punctuation and a possessive "'s" from text[start, end). */
function stripToken(text: string, start: number, end: number): string {
  while (start < end && text.charCodeAt(start) === 34) start++;
  for (;;) {
    const c = text.charCodeAt(end - 1);
    // . , ; : ! ? "
    if (end > start && (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 34)) end--;
    else break;
  }
  if (end - start >= 2 && text.charCodeAt(end - 1) === 115 && text.charCodeAt(end - 2) === 39) end -= 2;
  return text.slice(start, end);
}

function typo(word: string, rng: Rng): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = 1 + rng.int(word.length - 2); // never the first or the last letter
    let out: string;
    switch (rng.int(3)) {
      case 0:
        out = word.slice(0, i) + word.slice(i + 1);
        break; // drop
      case 1:
        out = word.slice(0, i + 1) + word.charAt(i) + word.slice(i + 1);
        break; // double
      default:
        out = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
        break; // swap
    }
    if (out !== word) return out;
  }
  return word.slice(0, 1) + word.slice(2);
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

interface NounWord {
  surface: string;
  entry: Extract<ContentEntry, { pos: 'noun' }>;
  position: number;
}

interface VerbWord {
  surface: string;
  entry: Extract<ContentEntry, { pos: 'verb' }>;
}

/** Builds a question for one paragraph, or undefined if the paragraph has no usable person/topic. */
function buildCandidate(text: string, source: number, paragraph: number, kind: BenchQuestionKind, rng: Rng): Candidate | undefined {
  const tokens = text.split(' ');
  let nameAt = -1;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const first = cleanToken(tokens[i]!);
    if (FIRST_NAME_SET.has(first) && SURNAME_SET.has(cleanToken(tokens[i + 1]!)) && !TRAILING_PUNCT.test(tokens[i]!)) {
      nameAt = i;
      break;
    }
  }
  if (nameAt < 0 || nameAt + 2 >= tokens.length) return undefined;
  const first = cleanToken(tokens[nameAt]!);
  const last = cleanToken(tokens[nameAt + 1]!);

  // Whether the name is the one speaking: "Astrid Eskura told reporters", "Eskura said".
  const speaks = SPEECH_AFTER_NAME.test(cleanToken(tokens[nameAt + 2]!));

  // The sentence holding the name.
  let start = nameAt;
  while (start > 0 && !/[.?!]"?$/.test(tokens[start - 1]!)) start--;
  let end = nameAt + 1;
  while (end < tokens.length - 1 && !/[.?!]$/.test(tokens[end]!)) end++;

  const nouns: NounWord[] = [];
  let verbWord: VerbWord | undefined;
  for (let i = start; i <= end; i++) {
    const surface = cleanToken(tokens[i]!).toLowerCase();
    const entry = CONTENT.get(surface);
    if (!entry) continue;
    if (entry.pos === 'noun') {
      if (!nouns.some((n) => n.entry === entry)) nouns.push({ surface, entry, position: i });
    } else if (entry.pos === 'verb') {
      if (!verbWord || entry.rank > verbWord.entry.rank) verbWord = { surface, entry };
    }
  }
  if (nouns.length === 0) return undefined;
  // The rarest one or two nouns, kept in text order.
  const chosen = [...nouns]
    .sort((a, b) => b.entry.rank - a.entry.rank)
    .slice(0, 2)
    .sort((a, b) => a.position - b.position);
  if ((kind === 'paraphrase' || kind === 'reworded') && !verbWord) return undefined;
  const useVerb = verbWord !== undefined && (kind === 'paraphrase' || rng.chance(0.5));

  let question: string;
  const keys: string[] = [last.toLowerCase()];
  if (kind === 'reworded') {
    // Other words for the verb and one noun, neither of which the paragraph uses; the name stays.
    const lower = ` ${text.toLowerCase().replace(/[^a-z]+/g, ' ')} `;
    const noun = chosen.find((n) => NOUN_REWORDINGS[n.entry.singular] !== undefined);
    const verb = VERB_REWORDINGS[verbWord!.entry.forms.base];
    if (!noun || !verb) return undefined;
    const nounOut = NOUN_REWORDINGS[noun.entry.singular]!;
    if ([nounOut, ...verb].some((word) => lower.includes(` ${word} `) || lower.includes(` ${word}s `))) return undefined;
    keys.push(noun.entry.singular.slice(0, Math.max(3, noun.entry.singular.length - 1)));
    const who = rng.chance(0.5) ? `${first} ${last}` : last;
    const [base, ing] = verb;
    switch (rng.int(5)) {
      case 0:
        question = `Why did ${who} ${base} the ${nounOut}?`;
        break;
      case 1:
        question = `${cap(nounOut)} ${ing} - what was ${last}'s role?`;
        break;
      case 2:
        question = `Is ${who} behind ${ing} the ${nounOut}?`;
        break;
      case 3:
        question = `What is known about ${who} ${ing} the ${nounOut}?`;
        break;
      default:
        question = `did ${who.toLowerCase()} ${base} the ${nounOut}`;
        break;
    }
  } else if (kind === 'paraphrase') {
    // Inflect: flip noun number, verb past → base/-ing; sometimes drop the first name; re-order.
    const flipped = chosen.map((n) => {
      const other = n.surface === n.entry.singular ? n.entry.plural : n.entry.singular;
      const flip = other !== n.surface && (chosen.length === 1 || rng.chance(0.7));
      const out = flip ? other : n.surface;
      const prefix = commonPrefix(n.surface, out);
      keys.push(prefix.length >= 3 ? prefix : n.surface);
      return out;
    });
    if (flipped.length === 2 && rng.chance(0.5)) flipped.reverse();
    const topic = flipped.join(' ');
    const who = rng.chance(0.5) ? `${first} ${last}` : last;
    if (rng.chance(0.5)) keys.push(first.toLowerCase());
    const v = verbWord!.entry.forms;
    const vKey = commonPrefix(verbWord!.surface, v.ing);
    if (vKey.length >= 3) keys.push(vKey);
    switch (rng.int(6)) {
      case 0:
        question = `Why did ${who} ${v.base} the ${topic}?`;
        break;
      case 1:
        question = `${cap(topic)} ${v.ing} - what was ${last}'s role?`;
        break;
      case 2:
        question = `Is ${who} behind the ${v.ing} of the ${topic}?`;
        break;
      case 3:
        question = `What is known about ${who} ${v.ing} ${topic}?`;
        break;
      case 4:
        question = `${cap(topic)}: did ${who} ${v.base} it?`;
        break;
      default:
        question = `How was ${who} connected to ${v.ing} ${topic}?`;
        break;
    }
  } else {
    let firstOut = first;
    let lastOut = last;
    const nounOut = chosen.map((n) => n.surface);
    let verbOut = useVerb ? verbWord!.surface : '';
    keys.push(first.toLowerCase(), ...nounOut);
    if (useVerb) keys.push(verbOut);
    if (kind === 'typo') {
      // One or two typos on distinct 5+ letter distinctive words.
      type Slot = { get: () => string; set: (v: string) => void };
      const slots: Slot[] = [];
      if (first.length >= 5) slots.push({ get: () => firstOut, set: (v) => (firstOut = v) });
      if (last.length >= 5) slots.push({ get: () => lastOut, set: (v) => (lastOut = v) });
      nounOut.forEach((w, i) => {
        if (w.length >= 5) slots.push({ get: () => nounOut[i]!, set: (v) => (nounOut[i] = v) });
      });
      if (useVerb && verbOut.length >= 5) slots.push({ get: () => verbOut, set: (v) => (verbOut = v) });
      if (slots.length === 0) return undefined;
      const howMany = Math.min(slots.length, rng.chance(0.5) ? 2 : 1);
      for (let k = 0; k < howMany; k++) {
        const slot = slots.splice(rng.int(slots.length), 1)[0]!;
        slot.set(typo(slot.get(), rng));
      }
    }
    const who = `${firstOut} ${lastOut}`;
    const topic = nounOut.join(' ');
    switch (useVerb ? rng.int(3) : 3 + rng.int(4)) {
      case 0:
        question = `Why was the ${topic} ${verbOut}, according to ${who}?`;
        break;
      case 1:
        question = `${who} ${verbOut} ${topic}?`;
        break;
      case 2:
        question = `Did ${who} say the ${topic} was ${verbOut}?`;
        break;
      case 3:
        // "What did X say" asks for X's words: asked only of a paragraph where X speaks ("X told reporters"),
        // else of X's part in it, as a paragraph that only mentions X answers.
        question = speaks ? `What did ${who} say about the ${topic}?` : `Was ${who} involved in the ${topic}?`;
        break;
      case 4:
        question = `Was ${who} involved in the ${topic}?`;
        break;
      case 5:
        question = `${who} ${topic}`;
        break;
      default:
        question = `What happened between ${who} and the ${topic}?`;
        break;
    }
  }

  // Candidate verbatim fragments: always contain "First Last" plus at least one following token.
  // Preference: start at the name (shortest first), then start a little earlier, then end just after it.
  const windows: string[] = [];
  for (const s of [nameAt, nameAt - 1, nameAt - 2, nameAt - 4]) {
    for (const len of [7, 9, 12, 15]) {
      if (s < 0 || s > nameAt || s + len > tokens.length || s + len - 1 < nameAt + 2) continue;
      const w = tokens.slice(s, s + len).join(' ');
      if (!windows.includes(w)) windows.push(w);
    }
  }
  if (windows.length === 0) return undefined;
  const name = `${tokens[nameAt]!} ${tokens[nameAt + 1]!}`;
  return {
    source,
    paragraph,
    kind,
    question,
    anchor: last,
    name,
    keys: [...new Set(keys)],
    windows,
    offsets: windows.map((w) => w.indexOf(name)),
    counts: windows.map(() => 0),
    ambiguous: false,
    stamp: -1,
  };
}

interface IndexedSource {
  /** blocks[0] is the headline, blocks[k + 1] is paragraph k. */
  blocks: string[];
  /** Offset of each block in the raw source text. */
  starts: number[];
}

/**
 * One regex pass over every source text (headlines included) for the candidates' surnames; in each block where
 * one occurs, counts the candidate's windows and flags the candidate if the block holds all of its keys. Every
 * occurrence of a window contains "First Last", so it is always inside a block this pass visits.
 */
function verifyCandidates(texts: readonly string[], indexed: readonly IndexedSource[], candidates: readonly Candidate[]): void {
  const byAnchor = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byAnchor.get(c.anchor);
    if (list) list.push(c);
    else byAnchor.set(c.anchor, [c]);
  }
  if (byAnchor.size === 0) return;
  const alternation = [...byAnchor.keys()].map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const re = new RegExp(`(?<![A-Za-z])(?:${alternation})(?![a-z])`, 'g');
  let stamp = 0;
  for (let s = 0; s < texts.length; s++) {
    const text = texts[s]!;
    const { blocks, starts } = indexed[s]!;
    let b = -1;
    let blockEnd = -1;
    let lower: string | undefined;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index;
      if (at >= blockEnd) {
        // Advance to the block holding this match (matches come in increasing order).
        while (b + 1 < blocks.length && starts[b + 1]! <= at) b++;
        if (b < 0) continue;
        blockEnd = starts[b]! + blocks[b]!.length;
        if (at >= blockEnd) continue; // in the whitespace between blocks
        stamp++;
        lower = undefined;
      }
      const block = blocks[b]!;
      for (const c of byAnchor.get(m[0])!) {
        if (c.stamp === stamp) continue;
        c.stamp = stamp;
        // Each window occurrence at q has its first "First Last" at q + offset, so counting the name's
        // occurrences that extend to a full window counts the window exactly.
        for (let at = block.indexOf(c.name); at >= 0; at = block.indexOf(c.name, at + 1)) {
          for (let w = 0; w < c.windows.length; w++) {
            const from = at - c.offsets[w]!;
            if (from >= 0 && block.startsWith(c.windows[w]!, from)) c.counts[w]!++;
          }
        }
        const isTarget = s === c.source && b === c.paragraph + 1;
        if (!isTarget && !c.ambiguous) {
          lower ??= block.toLowerCase();
          if (c.keys.every((k) => lower!.includes(k))) c.ambiguous = true;
        }
      }
    }
  }
}

/**
 * Writes `count` questions about deterministically chosen paragraphs, an even mix of keyword, typo, paraphrase
 * and reworded questions. Each target fragment occurs exactly once in the corpus (headlines included),
 * and no other paragraph contains all of the question's distinctive words. May return fewer than `count`
 * questions if the corpus is too small to supply enough unambiguous targets.
 */
export function generateQuestions(corpus: Pick<SyntheticCorpus, 'sources'>, options: GenerateQuestionsOptions): BenchQuestion[] {
  const count = Math.max(0, Math.floor(options.count));
  const rng = new Rng((options.seed ?? DEFAULT_QUESTION_SEED) ^ 0x2545f491);
  const texts = corpus.sources.map((source) => source.text);
  const indexed: IndexedSource[] = texts.map((text) => {
    const { headline, paragraphs } = splitReport(text);
    const blocks = [headline, ...paragraphs];
    const starts: number[] = [];
    let pos = 0;
    for (const block of blocks) {
      const at = text.indexOf(block, pos);
      starts.push(at);
      pos = at + block.length;
    }
    return { blocks, starts };
  });
  const blocks = indexed.map((x) => x.blocks);
  const offsets: number[] = [];
  let total = 0;
  for (const b of blocks) {
    offsets.push(total);
    total += b.length - 1;
  }
  // Lazy Fisher–Yates over global paragraph indices: every paragraph is tried at most once.
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  let drawn = 0;
  const draw = (): number => {
    const j = drawn + rng.int(total - drawn);
    const v = order[j]!;
    order[j] = order[drawn]!;
    order[drawn] = v;
    drawn++;
    return v;
  };
  const locate = (global: number): [number, number] => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= global) lo = mid;
      else hi = mid - 1;
    }
    return [lo, global - offsets[lo]!];
  };

  // Even kind mix: quota per kind, candidates are assigned round-robin over the kinds still short.
  const quota = new Map<BenchQuestionKind, number>();
  KINDS.forEach((kind, i) => quota.set(kind, Math.floor(count / KINDS.length) + (i < count % KINDS.length ? 1 : 0)));
  const accepted = new Map<BenchQuestionKind, number>(KINDS.map((kind) => [kind, 0]));
  const short = (): BenchQuestionKind[] => KINDS.filter((kind) => accepted.get(kind)! < quota.get(kind)!);

  const out: BenchQuestion[] = [];
  while (out.length < count && drawn < total) {
    const open = short();
    const want = Math.min(total - drawn, Math.ceil((count - out.length) * 2) + 16);
    const batch: Candidate[] = [];
    for (let k = 0; k < want; k++) {
      const [s, p] = locate(draw());
      const c = buildCandidate(blocks[s]![p + 1]!, s, p, open[k % open.length]!, rng);
      if (c) batch.push(c);
    }
    verifyCandidates(texts, indexed, batch);
    for (const c of batch) {
      if (out.length >= count) break;
      if (c.ambiguous || accepted.get(c.kind)! >= quota.get(c.kind)!) continue;
      const w = c.counts.findIndex((n) => n === 1);
      if (w < 0) continue;
      out.push({
        question: c.question,
        kind: c.kind,
        target: { file: corpus.sources[c.source]!.file, contains: c.windows[w]! },
      });
      accepted.set(c.kind, accepted.get(c.kind)! + 1);
    }
  }
  return out;
}
