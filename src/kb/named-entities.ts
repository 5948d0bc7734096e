import { lexiconTags } from './english-model.ts';
import type { EntityType } from './schemas.ts';
import { isStopWord, normalizeText } from './text.ts';
import type { Passage } from './types.ts';

/**
 * People, organisations and places a report names, found without an entities file, so `/claims`, its autocomplete
 * and the answer's entity match work on any report a moderator adds. A name is a run of capitalised words inside a
 * sentence ("Alexandra Olgin", "South Carolina Public Radio"); what kind of name it is comes from compromise's
 * English lexicon (first names, countries, cities, organisations, honorifics, job titles) and from the words
 * organisations are named with. Within a report a surname alone, or after "Mr."/"Ms.", is the person named in
 * full ("Roof" is Dylann Roof), and an acronym in brackets after a name is that name ("(FBI)").
 *
 * compromise's own tagger finds fewer of these names (55–59% of the hand-labelled ones, against 84–96%) and costs
 * about 5 ms a paragraph, which a build of tens of thousands of paragraphs cannot spend; its lexicon is read directly
 * instead, in constant time per word.
 */

export interface FoundEntity {
  name: string;
  type: EntityType;
  /** Every form the report used, the name included. */
  aliases: string[];
}

/**
 * What compromise's lexicon says of a word, as bits: every word of every report is asked several of these
 * questions, so each word's tags are read once and answered from one number after that (a capped cache).
 */
const FIRST_NAME = 1; // FirstName, MaleName, FemaleName
const PLACE = 2; // Country, City, Region, Place
const CALENDAR = 4; // a month or weekday, by Intl's names or the lexicon's Month, WeekDay, Date
const JOB_TITLE = 8; // Actor, Honorific: "Jobs" is a job title's word; "President", "Writer" stand before names
const TITLE_WORD = 16; // Honorific, Actor, Demonym, Adjective, Abbreviation: "Mr.", "Russian", "Chief"
const NAMED = 32; // any tag of a name (NAME_TAGS)
const TAGGED = 64; // the lexicon knows the word at all
const PRONOUN_OR_DETERMINER = 128;
const ORGANIZATION = 256; // Organization, SportsTeam
const PERSON = 512; // Person
const LAST_NAME = 1024; // LastName

const NAME_TAGS = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Person',
  'Country',
  'City',
  'Region',
  'Place',
  'Organization',
  'SportsTeam',
  'ProperNoun',
]);
const TAG_CLASSES: Readonly<Record<string, number>> = {
  FirstName: FIRST_NAME,
  MaleName: FIRST_NAME,
  FemaleName: FIRST_NAME,
  Country: PLACE,
  City: PLACE,
  Region: PLACE,
  Place: PLACE,
  Month: CALENDAR,
  WeekDay: CALENDAR,
  Date: CALENDAR,
  Actor: JOB_TITLE | TITLE_WORD,
  Honorific: JOB_TITLE | TITLE_WORD,
  Demonym: TITLE_WORD,
  Adjective: TITLE_WORD,
  Abbreviation: TITLE_WORD,
  Pronoun: PRONOUN_OR_DETERMINER,
  Determiner: PRONOUN_OR_DETERMINER,
  Organization: ORGANIZATION,
  SportsTeam: ORGANIZATION,
  Person: PERSON,
  LastName: LAST_NAME,
};

const CALENDAR_WORDS = calendarWords();
const classCache = new Map<string, number>();

function classesOf(word: string): number {
  let classes = classCache.get(word);
  if (classes === undefined) {
    const normalized = /^[A-Za-z]+$/.test(word) ? word.toLowerCase() : normalizeText(word).replace(/\.$/, '');
    classes = CALENDAR_WORDS.has(normalized) ? CALENDAR : 0;
    for (const tag of lexiconTags(normalized)) {
      classes |= TAGGED | (TAG_CLASSES[tag] ?? 0) | (NAME_TAGS.has(tag) ? NAMED : 0);
    }
    // Emptied when full rather than frozen: a large collection's later reports have words of their own.
    if (classCache.size >= 100_000) classCache.clear();
    classCache.set(word, classes);
  }
  return classes;
}

const isFirstName = (word: string) => (classesOf(word) & FIRST_NAME) !== 0;
/** Whether compromise's lexicon knows a word as a country, region, city or place ("Kent", "Washington"). */
export const isPlaceName = (word: string) => (classesOf(word) & PLACE) !== 0;
const isCalendarWord = (word: string) => (classesOf(word) & CALENDAR) !== 0;
const isJobTitle = (word: string) => (classesOf(word) & JOB_TITLE) !== 0;
/** Words that stand before a name without being part of it: "Mr.", "President", "Russian", "Chief Executive". */
const isTitleWord = (word: string) => (classesOf(word) & TITLE_WORD) !== 0;
/** A word of everyday English (a verb, an adjective, a pronoun…), which at the start of a sentence is not a name. */
const isCommonWord = (word: string) => (classesOf(word) & (TAGGED | NAMED)) === TAGGED;

/** Words organisations are named with; a name holding one is an organisation ("Shelby Police Department"). */
const ORGANIZATION_WORD =
  /\b(?:Inc|Corp|Corporation|Company|Brothers|Magazine|Research|Restaurant|Infirmary|Directorate|Airline|Studio|Labs|Robotics|Aerospace|Pharmaceuticals|Partners|Capital|Ventures|Media|Observer|Sports|Nation|Origin|Co|Ltd|LLC|Plc|Group|Holdings|Department|Ministry|Agency|Bureau|Office|University|College|School|Academy|Church|Council|Committee|Commission|Court|Police|Party|Association|Union|Institute|Foundation|Bank|Board|Authority|Service|Services|News|Times|Post|Journal|Herald|Tribune|Guardian|Airlines|Airways|Club|Society|Organi[sz]ation|Federation|League|Network|Press|Radio|Television|TV|Administration|Senate|Congress|Parliament|Assembly|Army|Navy|Force|Forces|Guard|Hospital|Centre|Center|Museum|Trust|Fund|Industries|Systems|Technologies|Motors|Energy|Studios|Records|FC|Cabinet|Corps|Coalition|Alliance)\b/;
/** Words places are named with ("Hart Island", "Lake Mary", "Gulf of Mexico"). */
const PLACE_WORD =
  /\b(?:Tower|Castle|Auditorium|Stadium|Arena|Hall|Palace|Keys|Line|Island|Islands|County|City|State|Province|River|Lake|Mountain|Mountains|Bay|Gulf|Sea|Ocean|Street|Avenue|Square|Park|Valley|Coast|Beach|Airport|Station|Road|Drive|Lane|Boulevard|Highway|Plateau|Amphitheatre|Amphitheater|Pavilion)\b|\bSt\.?(?=\s|$)/;
/** A country by its letters: "U.S.", "US", "USA", "U.K.", "UK". */
const COUNTRY_LETTERS = /^(?:U\.?S\.?(?:A\.?)?|U\.?K\.?)$/;

/** A capitalised word: "Olgin", "O’Neill", "McFaul", "U.S.", "AME", "Jean-Pierre". */
const CAPITALISED = /^(?:\p{Lu}[\p{L}\p{M}’'.-]*|\p{Lu}(?:\.\p{Lu})+\.?)$/u;
/** Small words that may stand inside a name: "Bank of England", "Procter & Gamble", "Charles de Gaulle". */
const CONNECTOR = /^(?:of|&|de|del|della|di|du|da|dos|das|von|van|der|den|la|le|al|bin|ibn|for|the)$/;
const WORD = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\u00AD’'.&-]*|&/gu;
const SENTENCE_OPENERS = new Set(['the', 'a', 'an', 'i', 'it', 'he', 'she', 'they', 'we', 'you', 'this', 'that', 'these', 'those']);
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|Fr|St|Judge|Honour|Honor)\.?$/;
/** Titles the lexicon does not know as job titles that stand before a surname: "Ambassador Volker". */
const TITLE_BEFORE_SURNAME = /^(?:Ambassador|Senator|Governor|Speaker|Sheriff|Congressman|Congresswoman|Representative|Inspector)$/;
/** Letters after a name are not part of it: "Neil Ford QC", "Jane Doe MP", "John Smith Jr." */
const POST_NOMINAL = /^(?:QC|KC|MP|MEP|MSP|OBE|MBE|CBE|KBE|DBE|Jr|Sr|PhD)\.?$/;

interface Word {
  text: string;
  start: number;
  /** First word of its sentence, or after an opening quotation mark. */
  opensSentence: boolean;
}

const OPENING_MARKS = new Set(['“', '"', '‘', '(', ':', '—', '–', '-']);
const isSpace = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(text[at]!));
};

function wordsOf(sentence: string): Word[] {
  const words: Word[] = [];
  for (const match of sentence.matchAll(WORD)) {
    const raw = match[0];
    let text = raw.includes('\u00AD') ? raw.replace(/\u00AD/g, '') : raw;
    const last = text.at(-1);
    if (last === '.' || last === '’' || last === "'")
      text = text.replace(/[.’']+$/, (tail) => (/^\p{Lu}(?:\.\p{Lu})*\.$/u.test(raw) || HONORIFIC.test(raw) ? tail : ''));
    // The character before the word, spaces skipped: nothing, an opening quotation mark, bracket, colon or dash.
    let at = match.index - 1;
    while (at >= 0 && isSpace(sentence, at)) at--;
    words.push({ text, start: match.index, opensSentence: at < 0 || OPENING_MARKS.has(sentence[at]!) });
  }
  return words;
}

const stripPossessive = (text: string) => text.replace(/[’']s?$/, '');

/** Most words start with a lower-case ASCII letter or a digit, which no capitalised word does: a test without a regex. */
function mayBeCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  return !((code >= 97 && code <= 122) || (code >= 48 && code <= 57));
}

/** One run of capitalised words, split at possessives ("NPR’s Debbie Elliot") and trimmed of connectors. */
interface Span {
  words: Word[];
  /** What directly follows in the sentence, for "(FBI)". */
  after: string;
}

function capitalisedRuns(sentence: string, words: readonly Word[]): Span[] {
  const spans: Span[] = [];
  let run: Word[] = [];
  const flush = (next: Word | undefined) => {
    while (run.length > 0 && CONNECTOR.test(run.at(-1)!.text)) run.pop();
    if (run.length > 0)
      spans.push({ words: run, after: sentence.slice(run.at(-1)!.start + run.at(-1)!.text.length, next?.start ?? sentence.length) });
    run = [];
  };
  for (const [index, word] of words.entries()) {
    if (run.length > 0) {
      const gap = sentence.slice(words[index - 1]!.start + words[index - 1]!.text.length, word.start);
      // A comma, bracket or quotation mark ends a name; so does a possessive on the word before.
      if (/[^\s]/.test(gap) || /[’']s?$/.test(run.at(-1)!.text)) flush(word);
    }
    // "California-based", "Windows-based" describe, and end a name.
    if (mayBeCapitalised(word.text) && CAPITALISED.test(word.text) && !/-based$/i.test(word.text)) run.push(word);
    else if (run.length > 0 && CONNECTOR.test(word.text)) run.push(word);
    else if (run.length > 0) flush(word);
  }
  flush(undefined);
  return spans.flatMap(splitAtOf);
}

/** "Alexandra Olgin of South Carolina Public Radio" names a person and where she works, not one thing. */
function splitAtOf(span: Span): Span[] {
  const at = span.words.findIndex((word) => word.text === 'of');
  if (at < 2 || !isFirstName(span.words[0]!.text) || at === span.words.length - 1) return [span];
  return [
    { words: span.words.slice(0, at), after: ' of' },
    { words: span.words.slice(at + 1), after: span.after },
  ];
}

/** Month and weekday names, full and short ("March", "Mar", "Thursday", "Thu"), from Intl rather than a list. */
function calendarWords(): Set<string> {
  const words = new Set<string>(['sept']);
  for (const month of ['long', 'short'] as const) {
    const format = new Intl.DateTimeFormat('en', { month, timeZone: 'UTC' });
    for (let index = 0; index < 12; index++) words.add(format.format(Date.UTC(2000, index, 1)).toLowerCase());
  }
  for (const weekday of ['long', 'short'] as const) {
    const format = new Intl.DateTimeFormat('en', { weekday, timeZone: 'UTC' });
    for (let index = 0; index < 7; index++) words.add(format.format(Date.UTC(2000, 0, 2 + index)).toLowerCase());
  }
  return words;
}

/** What the words around a name say about it. */
interface Context {
  /** "in Greenville", "near Tehran", "Greenville, S.C.". */
  place: boolean;
  /** "Qasim Tarin said", "Rahim Faiez, 29,". */
  person: boolean;
}

/** "in", "throughout the" end within this many characters of the name: the test reads no further back. */
const PLACE_BEFORE_WINDOW = 40;
const PLACE_BEFORE = /\b(?:in|near|outside|across|throughout)\s+(?:the\s+)?$/i;
const PLACE_AFTER = /^,\s+(?:\p{Lu}[\p{L}.]*\.|\p{Lu}{2})(?:\s|,|$)/u;
const PERSON_AFTER = /^(?:,\s+\d{1,3},|\s+(?:said|says|told|added|asked|wrote|explained|testified|tweeted)\b|,\s+who\b)/;

/** The type compromise's lexicon gives a whole name ("South Carolina", "Real Madrid", "United Arab Emirates"). */
function lexiconType(name: string): EntityType | null {
  const classes = classesOf(name);
  if (classes & ORGANIZATION) return 'organization';
  if (classes & PLACE) return 'place';
  if (classes & (PERSON | FIRST_NAME)) return 'person';
  return null;
}

function typeOf(words: string[], context: Context): EntityType | null {
  const text = words.join(' ');
  if (COUNTRY_LETTERS.test(text)) return 'place';
  const known = words.length > 1 ? lexiconType(text) : null;
  if (known) return known;
  if (ORGANIZATION_WORD.test(text) || words.some((word) => (classesOf(word) & ORGANIZATION) !== 0)) return 'organization';
  if (PLACE_WORD.test(text)) return 'place';
  if (words.length >= 2 && isFirstName(words[0]!) && !context.place) return 'person';
  if (words.every((word) => isPlaceName(word) || CONNECTOR.test(word))) return 'place';
  if (context.place) return 'place';
  if (context.person && words.length >= 2) return 'person';
  if (words.length === 1 && /^\p{Lu}{2,}$/u.test(words[0]!)) return 'organization';
  if (words.length === 1 && isFirstName(words[0]!)) return 'person';
  if (words.some((word) => (classesOf(word) & (LAST_NAME | PERSON)) !== 0)) return 'person';
  return null;
}

interface Candidate {
  words: string[];
  type: EntityType | null;
  acronym: string | null;
}

/**
 * Where a name starts in a run that leads with titles: "President Barack Obama", "NASA Administrator Jim
 * Bridenstine", "U.S. Secretary of State Hillary Rodham Clinton" (at the first name after a job title), "Mr. Roof".
 */
function nameStart(words: string[]): number {
  const firstName = words.findIndex((word, index) => index > 0 && index < words.length - 1 && isFirstName(word));
  const before = words.slice(0, firstName);
  if (firstName > 0 && (before.some(isJobTitle) || before.every((word) => isTitleWord(word) || CONNECTOR.test(word)))) return firstName;
  const lastTitle = words.findLastIndex((word) => isJobTitle(word));
  if (lastTitle >= 0 && words.length - lastTitle - 1 >= 2) return lastTitle + 1;
  return 0;
}

/** A run of capitalised words read as a name, or null when it is a title, a date, or an ordinary word. */
/**
 * "A HUNTER who killed and ate a wild rabbit…": a tabloid sets its lead's first words in capitals. Those words are
 * not capitalised as names are, so they say nothing of whether a word of them is a name.
 */
function isCapitalsLeadIn(span: Span): boolean {
  return span.words.length > 1 && span.words[0]!.opensSentence && span.words.every((word) => /^\p{Lu}+$/u.test(word.text));
}

function candidateOf(span: Span, sentence: string, capitalisedMidSentence: Set<string>): Candidate | null {
  let words = span.words.map((word) => word.text);
  const opens = span.words[0]!.opensSentence;
  // "But Trump", "By Jeremy Herb", "When Moscow": an everyday word that opens a sentence is not part of the name.
  if (opens && words.length > 1 && (SENTENCE_OPENERS.has(words[0]!.toLowerCase()) || isCommonWord(words[0]!))) words = words.slice(1);
  let honorific = false;
  while (words.length > 1 && HONORIFIC.test(words[0]!)) {
    words = words.slice(1);
    honorific = true;
  }
  words = words.slice(nameStart(words));
  // "Ambassador Volker", "President Trump": a title and a surname name the person by that surname. (Longer runs,
  // "Vice President Pence", are left as they are: reading them so cost held-out names, see README.)
  if (words.length === 2 && (isJobTitle(words[0]!) || TITLE_BEFORE_SURNAME.test(words[0]!))) {
    words = words.slice(1);
    honorific = true;
  }
  while (words.length > 1 && POST_NOMINAL.test(words.at(-1)!)) {
    words = words.slice(0, -1);
    honorific = true;
  }
  while (words.length > 0 && (CONNECTOR.test(words[0]!) || isCalendarWord(words[0]!))) words = words.slice(1);
  while (words.length > 0 && (CONNECTOR.test(words.at(-1)!) || isCalendarWord(words.at(-1)!))) words = words.slice(0, -1);
  words = words.map(stripPossessive).filter((word) => word.length > 0);
  if (words.length === 0 || words.some((word) => /^I[’']/.test(word))) return null;
  if (words.length === 1) {
    const [word] = words as [string];
    // A question is matched case-blind: a name spelt like "Is" or "Will" would be found in every question.
    if (isStopWord(normalizeText(word)) || HONORIFIC.test(word) || /^\p{Lu}$/u.test(word) || isTitleWord(word)) return null;
    if (classesOf(word) & PRONOUN_OR_DETERMINER) return null;
    // A capitalised word that opens a sentence is a name only when the report capitalises it elsewhere too.
    const named = (classesOf(word) & NAMED) !== 0;
    // So is the word of a capitals lead-in ("A FISHERMAN who…"): "A NASA spokesman" is NASA where NASA is named again.
    const opening = (opens && span.words.length === 1) || isCapitalsLeadIn(span);
    if (opening && !capitalisedMidSentence.has(word) && !honorific && !named) return null;
    if (!honorific && isCommonWord(word) && !capitalisedMidSentence.has(word)) return null;
  }
  const first = span.words[0]!;
  const last = span.words.at(-1)!;
  const context: Context = {
    place: PLACE_BEFORE.test(sentence.slice(Math.max(0, first.start - PLACE_BEFORE_WINDOW), first.start)) || PLACE_AFTER.test(span.after),
    person: honorific || PERSON_AFTER.test(sentence.slice(last.start + last.text.length)),
  };
  // The sentence after the name, not the span's `after`, which stops where the next capitalised word ("FBI") starts.
  const acronym = /^\s*\((\p{Lu}[\p{Lu}&.]{1,9})\)/u.exec(sentence.slice(last.start + last.text.length))?.[1] ?? null;
  return { words, type: honorific ? 'person' : typeOf(words, context), acronym };
}

interface Building {
  name: string;
  /** How often each kind of context read the name as each type. */
  votes: Map<EntityType, number>;
  aliases: Set<string>;
  mentions: number;
}

/**
 * A name nothing typed: two or three words none of which is an everyday word ("Qasim Tarin") are most often a
 * person's, as is a name the report also uses by its last word alone; anything else is taken for an organisation.
 */
function fallbackType(entity: Building): EntityType {
  const words = entity.name.split(' ');
  if (words.length >= 2 && words.length <= 3 && (entity.aliases.size > 1 || !words.some((word) => isCommonWord(word)))) return 'person';
  return 'organization';
}

/** Words a headline leaves in lower case ("of", "the", "in", "with"): they neither count for it nor against it. */
const HEADLINE_SMALL_WORD = /^(?:a|an|in|on|at|to|with|by)$/;

function isTitleCased(words: readonly Word[]): boolean {
  let counted = 0;
  let capitalised = 0;
  for (const { text } of words) {
    if (text.length <= 5 && (CONNECTOR.test(text) || HEADLINE_SMALL_WORD.test(text))) continue;
    counted++;
    if (mayBeCapitalised(text) && /^\p{Lu}/u.test(text)) capitalised++;
  }
  return counted >= 4 && capitalised / counted >= 0.75;
}

function typeFrom(votes: Map<EntityType, number>): EntityType | null {
  let best: EntityType | null = null;
  for (const [type, count] of votes) if (best === null || count > votes.get(best)!) best = type;
  return best;
}

/** The named entities of one report, its body paragraphs in order. */
export function findNamedEntities(passages: readonly Passage[]): FoundEntity[] {
  const sentences = passages.flatMap((passage) =>
    passage.sentences.map((span) => passage.text.slice(span.start - passage.start, span.end - passage.start)),
  );
  const capitalisedMidSentence = new Set<string>();
  // A headline inside the body ("Michael McDonald Talks Doobie Brothers") capitalises every word: it says nothing
  // about which words are names, and its names are named again in the article.
  const runs = sentences.map((sentence) => {
    const words = wordsOf(sentence);
    return isTitleCased(words) ? [] : capitalisedRuns(sentence, words);
  });
  for (const span of runs.flat()) {
    if (isCapitalsLeadIn(span)) continue;
    for (const word of span.words) if (!word.opensSentence) capitalisedMidSentence.add(stripPossessive(word.text));
  }
  const byName = new Map<string, Building>();
  const vote = (entity: Building, type: EntityType | null) => {
    if (type) entity.votes.set(type, (entity.votes.get(type) ?? 0) + 1);
  };
  const singles: Candidate[] = [];
  const add = (name: string, type: EntityType | null) => {
    const key = name.toLowerCase();
    let entity = byName.get(key);
    if (!entity) {
      entity = { name, votes: new Map(), aliases: new Set([name]), mentions: 0 };
      byName.set(key, entity);
    }
    entity.mentions++;
    vote(entity, type);
    return entity;
  };
  for (const [index, sentence] of sentences.entries())
    for (const span of runs[index]!) {
      const candidate = candidateOf(span, sentence, capitalisedMidSentence);
      if (!candidate) continue;
      if (candidate.words.length === 1) {
        singles.push(candidate);
        continue;
      }
      const entity = add(candidate.words.join(' '), candidate.type);
      if (candidate.acronym) entity.aliases.add(candidate.acronym);
    }
  const multiWord = [...byName.values()];
  // The names a surname alone may stand for, by that surname. Reading the singles below only adds person votes to
  // these names, so which of them are neither organisations nor places does not change while they are read.
  const byLastWord = new Map<string, Building[]>();
  // And a first name alone ("Tim runs the show"), the person named in full with it, when only one person has it.
  const byFirstWord = new Map<string, Building[]>();
  for (const entity of multiWord) {
    const type = typeFrom(entity.votes);
    if (type === 'organization' || type === 'place') continue;
    const last = entity.name.slice(entity.name.lastIndexOf(' ') + 1);
    byLastWord.set(last, [...(byLastWord.get(last) ?? []), entity]);
    if (type !== 'person') continue;
    const first = entity.name.slice(0, entity.name.indexOf(' '));
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), entity]);
  }
  // A word's first multi-word owner among the forms the report used ("FBI" for the name it followed in brackets).
  const byAlias = new Map<string, Building>();
  for (const entity of multiWord) for (const alias of entity.aliases) if (!byAlias.has(alias)) byAlias.set(alias, entity);
  for (const single of singles) {
    const [word] = single.words as [string];
    // A surname alone is the person named in full with it. When two people of the report share it ("Omar Mateen",
    // "Seddique Mir Mateen"), it stays a name of its own: which of them "Mateen" is, only the sentence can tell.
    const owners = byLastWord.get(word) ?? [];
    const firstNameOf = owners.length === 0 ? (byFirstWord.get(word) ?? []) : [];
    const owner = owners.length === 1 ? owners[0] : firstNameOf.length === 1 ? firstNameOf[0] : undefined;
    const acronymOf = byAlias.get(word);
    if (owner) {
      owner.aliases.add(word);
      vote(owner, single.type === 'person' ? 'person' : null);
      owner.mentions++;
    } else if (acronymOf) acronymOf.mentions++;
    else add(word, single.type);
  }
  return [...byName.values()].map((entity) => ({
    name: entity.name,
    type: typeFrom(entity.votes) ?? fallbackType(entity),
    aliases: [...entity.aliases],
  }));
}
