import { lexiconTags } from '../kb/english-model.ts';
import { isStopWord, stemWord, tokenize } from '../kb/text.ts';
import { CARDINALS, isYear, textHolds } from '../kb/value-cues.ts';

/**
 * Some questions say what kind of answer they want: "when …" wants a time, "how many …" a number, "how old …" an
 * age, "who won …" a winner, "when was … founded" a founding, "what did X say …" a statement (X's words, reported),
 * "what was the name of …" a name. A text that covers every other word of such a
 * question but holds no such answer ("how old is Marissa Mayer?" against a paragraph that names her job; "when was
 * the museum founded?" against one that dates an attack on it) does not answer it, however well it matches. The
 * cues in the text are deliberately broad, so a real answer is never refused for phrasing it loosely; numbers
 * written as words count.
 */

export type AnswerType =
  | 'time'
  | 'duration'
  | 'place'
  | 'count'
  | 'amount'
  | 'quantity'
  | 'share'
  | 'age'
  | 'winner'
  | 'founding'
  | 'founder'
  | 'statement'
  | 'name'
  | 'score';

const LEAD = String.raw`^(?:and |so |but |ok |okay |hey |pls |please )?`;
/** "What was the name of the Orlando nightclub?", "what is the boat called": the words after it say what is named. */
const NAME_OF = new RegExp(String.raw`${LEAD}what(?:'s| is| was| were| are)? (?:the )?names? of (?:the |a |an |this |that )?(.+)$`, 'i');
const CALLED = new RegExp(String.raw`${LEAD}what(?:'s| is| was| were| are) (?:the |a |an |this |that )?(.+?) (?:called|named)\b`, 'i');

const ASKS: Array<[AnswerType, RegExp]> = [
  ['name', NAME_OF],
  ['name', CALLED],
  [
    'age',
    new RegExp(
      String.raw`${LEAD}(?:how old\b|what(?:'s| is| was)? (?:the )?age\b|at what age\b)|\bhow old (?:is|was|are|were)\b|\bage of\b`,
      'i',
    ),
  ],
  [
    'founding',
    new RegExp(
      String.raw`${LEAD}(?:when|(?:in )?what year|since when)\b.*\b(?:founded|established|set up|formed|created|started|built|opened|launched|incorporated)\b`,
      'i',
    ),
  ],
  ['founder', new RegExp(String.raw`${LEAD}who (?:founded|co-founded|cofounded|set up|started|created|established|built)\b`, 'i')],
  ['winner', new RegExp(String.raw`${LEAD}who (?:won|wins|will win|has won|had won|beat|took the (?:title|trophy|prize))\b`, 'i')],
  [
    'time',
    new RegExp(
      String.raw`${LEAD}(?:when|since when|(?:in |since |by |until |till |before |after )?(?:what|which) (?:year|month|day|date|decade|time))\b`,
      'i',
    ),
  ],
  // "What percentage of voters approved it?" asks for a share ("64%", "two-thirds"), which "voters approved it" lacks.
  [
    'share',
    new RegExp(
      String.raw`${LEAD}(?:what|which) (?:percentage|percent|proportion|fraction|share of)\b|${LEAD}how many (?:percent|per cent)\b`,
      'i',
    ),
  ],
  ['count', new RegExp(String.raw`${LEAD}how many\b`, 'i')],
  ['duration', new RegExp(String.raw`${LEAD}(?:for )?how long\b(?! ago)`, 'i')],
  // "what was the score", typed as "scor" too; "final score", "scoreline".
  ['score', new RegExp(String.raw`${LEAD}what(?:'s| is| was| were)? (?:the )?(?:final )?(?:scor(?:e|es)?|scoreline)\b`, 'i')],
  [
    'place',
    new RegExp(
      String.raw`${LEAD}(?:where\b|(?:in |from |at )?(?:what|which) (?:city|country|state|town|place|county|province|region|venue)\b)`,
      'i',
    ),
  ],
  // "What did Sipher tell the Times?", "how did the company respond?", "what was Biden's reaction?"
  [
    'statement',
    new RegExp(
      String.raw`${LEAD}(?:what (?:did|does|do|has|had|have|would|will) (?!(?:the |this |that )?(?:reports?|articles?|story|stories|piece|paper|text|source)\b).+? (?:say|said|tell|told|claim|claimed|write|wrote|argue|warn|add|reply|respond)\b|how (?:did|does|do|has|have) .+? (?:respond|react|reply)\b|what (?:was|is|were|are) .+?'s? (?:response|reaction|reply|comment|statement|view|position|argument|explanation)\b)`,
      'i',
    ),
  ],
  // "how much power does the board have" asks no amount; "how much did it cost" does.
  [
    'amount',
    new RegExp(
      String.raw`${LEAD}how much\b.*\b(?:cost|costs|pay|paid|pays|worth|spend|spent|earn|earned|earns|charge|charged|raise|raised|price|money|fund|funding|budget|fee|fees|salary|bill|sell|sold|lose|lost|owe|owed|costing|paying|spending|earning|charging|raising|selling|losing|owing|cash|bitcoin|dollars|pounds|euros|ransom|prize|compensation|fine|fined|damages|bonus|wages?|revenue|profits?|debt|loans?|tax|taxes|tickets?|admission|rent)\b`,
      'i',
    ),
  ],
  // "How much oil went into the gulf", "how much meth was in the car": a quantity of something, given as a number.
  // "How much power does the board have" asks how far, which words answer.
  [
    'quantity',
    new RegExp(
      String.raw`${LEAD}(?:by )?how much\b(?! (?:more |less )?(?:power|control|influence|say|support|impact|effect|difference|sense|trouble|attention|pressure|trust|respect|faith|hope)\b)`,
      'i',
    ),
  ],
];

/** "37-year-old", "aged 54", "Mayer, 37,", "(54)", "in his forties". */
const AGE = new RegExp(
  String.raw`\b(?:\d{1,3}|${CARDINALS})[- ]years?[- ]old\b|\baged? (?:\d{1,3}|${CARDINALS})\b|\p{L}, \d{1,3},|\(\d{1,3}\)|\b(?:in (?:his|her|their) )?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b|\bborn\b`,
  'iu',
);
const WINNER =
  /\b(?:won|win|wins|winning|winners?|victory|victorious|beat|beats|beaten|defeat(?:ed|s)?|champions?|title|clinch(?:ed|es)?|triumph(?:ed|s)?|prevailed|crowned|came (?:first|top)|first place|took (?:the )?(?:title|trophy|prize|award)|awarded)\b/i;
/** Reported speech: a reporting verb, an attribution, or a quotation. */
const REPORTING_VERBS = [
  'say',
  'says',
  'said',
  'saying',
  'tell',
  'tells',
  'told',
  'writes?',
  'wrote',
  'adds?',
  'added',
  'claim(?:s|ed)?',
  'stat(?:es|ed)',
  'argu(?:es|ed)',
  'insist(?:s|ed)?',
  'warn(?:s|ed)?',
  'believ(?:es|ed)',
  'thinks?',
  'thought',
  'not(?:es|ed)',
  'explain(?:s|ed)?',
  'announc(?:es|ed)',
  'urg(?:es|ed)',
  'repl(?:ies|ied)',
  'respond(?:s|ed)?',
  'stress(?:es|ed)',
  'emphasi[sz](?:es|ed)',
  'acknowledg(?:es|ed)',
  'admit(?:s|ted)?',
  'den(?:ies|ied)',
  'suggest(?:s|ed)?',
  'predict(?:s|ed)?',
  'recall(?:s|ed)?',
  'conced(?:es|ed)',
  'reveal(?:s|ed)?',
  'confirm(?:s|ed)?',
  'maintain(?:s|ed)?',
  'assert(?:s|ed)?',
  'declar(?:es|ed)',
  'remark(?:s|ed)?',
  'comment(?:s|ed)?',
  'tweet(?:s|ed)?',
  'testif(?:ies|ied)',
  'alleg(?:es|ed)',
  'accus(?:es|ed)',
  'promis(?:es|ed)',
  'vow(?:s|ed)?',
  'pledg(?:es|ed)',
  'prais(?:es|ed)',
  'critici[sz](?:es|ed)',
  'blam(?:es|ed)',
  'complain(?:s|ed)?',
  'caution(?:s|ed)?',
  'describ(?:es|ed)',
  'call(?:s|ed)?',
  'according to',
  'statement',
  'interview',
  'spokes(?:man|woman|person)',
  'quoted',
].join('|');
/** Reported speech: a reporting verb, an attribution, or a quotation. Broad on purpose, like the other cues. */
const STATEMENT = new RegExp(String.raw`\b(?:${REPORTING_VERBS})\b|["“”]`, 'i');
/** A result as a score: "6-3, 7-6 (7)", "won 2–1", "a 3-0 win". */
const SCORE = /\b\d{1,3}\s?[-–]\s?\d{1,3}\b/;
const FOUNDED =
  /\b(?:found(?:ed|ing|ers?)?|establish(?:ed|ment)?|set up|formed|created|started|built|opened|launched|incorporated|dates? back|since|origins?)\b/i;

/**
 * Whether holding the kind of answer singles a text out. An age and a name are checked against whom or what the
 * question asks about ("Jobs, 56," is Jobs's age), and a score ("6-3, 7-6") is rarely in a text by chance; any date,
 * number, amount or place is found anywhere in a text, and may belong to something else.
 */
export function answerTypeSinglesOut(type: AnswerType): boolean {
  return type === 'age' || type === 'name' || type === 'score';
}

/** The kind of answer a question asks for, when its words say so clearly. */
export function expectedAnswerType(question: string): AnswerType | null {
  const start = question.trim();
  return ASKS.find(([, pattern]) => pattern.test(start))?.[0] ?? null;
}

const AGE_ASKED_OF = /(?:how old (?:is|was|are|were)|(?:the )?age of)\s+(?:the\s+)?(.+?)[?!.\s]*$/i;
/** How far an age may stand from the name it belongs to: "Felicia Sanders, 54," or "the 29-year-old Omar Mateen". */
const AGE_REACH = 24;
/** An age right after a name: "Koss, 54,", "Koss (54)", "Koss, aged 54", "Koss is 54 years old", "Koss, who is about 70". */
const AGE_AFTER_NAME = new RegExp(
  String.raw`^(?:['’]s?)?(?:,\s*(?:aged?\s+)?\d{1,3}\b|\s*\(\d{1,3}\)|,?\s+(?:who\s+)?(?:is|was|aged?|turned)\s+(?:(?:about|around|nearly|almost|roughly)\s+)?(?:\d{1,3}|${CARDINALS})\b)`,
  'i',
);

const GIVEN_NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName'];

/**
 * "Zoe Anderson, 24," is not the age of Chris Anderson: right before a word of the asked name stands a first name
 * the question does not use. A title ("Mr Anderson") or a role ("founder Chris Anderson") is no other person.
 */
function namesSomeoneElse(before: string, names: readonly string[]): boolean {
  if (names.length < 2) return false;
  const given = /(\p{Lu}[\p{L}'’-]*)\s+$/u.exec(before)?.[1]?.toLowerCase();
  if (given === undefined || names.some((word) => word.toLowerCase() === given)) return false;
  return lexiconTags(given).some((tag) => GIVEN_NAME_TAGS.includes(tag));
}

/**
 * Whether a text gives the age of the one a "how old is X" question names: an age right after one of X's words or
 * right before it, not any age in the sentence ("Sanders … her 11-year-old granddaughter" is not Sanders's age).
 */
function holdsAgeOf(text: string, question: string): boolean {
  const asked = AGE_ASKED_OF.exec(question.trim())?.[1];
  const names = (asked ?? '')
    .split(/\s+/)
    .map((word) => word.replace(/['’]s$/i, '').replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter((word) => word.length >= 3);
  if (names.length === 0) return AGE.test(text);
  const lower = text.toLowerCase();
  for (const name of names) {
    for (let at = lower.indexOf(name.toLowerCase()); at >= 0; at = lower.indexOf(name.toLowerCase(), at + 1)) {
      const after = text.slice(at + name.length, at + name.length + AGE_REACH);
      const before = text.slice(Math.max(0, at - AGE_REACH), at);
      if (namesSomeoneElse(before, names)) continue;
      if (AGE_AFTER_NAME.test(after) || /years?[- ]old\s+(?:\p{Lu}[\p{L}.'’-]*\s+)*$/u.test(before)) return true;
    }
  }
  return false;
}

/** "Who won the Champions League final?": what is asked about, after the question's own "who won". */
const WINNER_ASKED_ABOUT = new RegExp(
  String.raw`${LEAD}who (?:won|wins|will win|has won|had won|beat|took the (?:title|trophy|prize))\b(.*)$`,
  'i',
);

/**
 * The text with the words the question itself brings blanked out, where they would pass for an answer: a number
 * the question names ("how many 787-9s…" is not answered by "787-9"), for "who won …" the words of what was won
 * ("Champions League" names a competition, not its winner), and for "how much" the question's own words ("how much
 * bitcoin" is not answered by "a payment in Bitcoin"). Blanked, not removed, so no two words join.
 */
function withoutWhatTheQuestionSays(text: string, type: AnswerType, question: string): string {
  const asked = type === 'winner' ? (WINNER_ASKED_ABOUT.exec(question.trim())?.[1] ?? '') : question;
  const own = new Set(
    tokenize(asked)
      .map((token) => token.word)
      .filter((word) => type === 'winner' || type === 'amount' || /\d/.test(word)),
  );
  if (own.size === 0) return text;
  let masked = '';
  let from = 0;
  const tokens = tokenize(text);
  for (const [index, token] of tokens.entries()) {
    if (!own.has(token.word)) continue;
    // "0.5 bitcoin" is the amount "how much bitcoin" asks for: a number keeps the word it counts.
    if (type === 'amount' && /^\d/.test(tokens[index - 1]?.word ?? '')) continue;
    masked += text.slice(from, token.start) + ' '.repeat(token.end - token.start);
    from = token.end;
  }
  return masked + text.slice(from);
}

/** "How many us service members were …": the words after "how many", whose last is what the question counts. */
const COUNTED = /\bhow many\s+(?:of\s+(?:the\s+)?)?(.*)$/i;
const MAX_COUNTED_WORDS = 4;
const ENDS_NOUN_PHRASE = new Set(['Infinitive', 'PresentTense', 'PastTense', 'Copula', 'Auxiliary', 'Modal', 'Preposition']);

/** The last question's counted noun: every candidate paragraph of a question asks for it. */
let lastCounted: { question: string; noun: string | null } | null = null;

/** The head of what "how many" counts: "members" of "us service members were killed", "states" of "states allow". */
function countedNoun(question: string): string | null {
  if (lastCounted?.question !== question) lastCounted = { question, noun: readCountedNoun(question) };
  return lastCounted.noun;
}

function readCountedNoun(question: string): string | null {
  const words = tokenize(COUNTED.exec(question)?.[1] ?? '').map((token) => token.word);
  const phrase: string[] = [];
  for (const word of words) {
    if (phrase.length >= MAX_COUNTED_WORDS) break;
    // The first word is what is counted or a word describing it, whatever else it could be ("states allow").
    if (phrase.length === 0) {
      if (!isStopWord(word)) phrase.push(word);
      continue;
    }
    if (isStopWord(word) || lexiconTags(word).some((tag) => ENDS_NOUN_PHRASE.has(tag))) break;
    phrase.push(word);
  }
  return phrase.at(-1) ?? null;
}

/**
 * How far a number may stand before what it counts, within its noun phrase ("11 states", "Two United States service
 * members"; a stop word ends the phrase: "23 percent when compared with states"), or after it ("jets …, down to 126").
 */
const COUNT_BEFORE = 5;
const COUNT_AFTER = 6;
const NUMBER_WORD = new RegExp(String.raw`^(?:\d[\d,.]*|${CARDINALS})$`, 'i');

/**
 * Whether a number in the text counts what the question counts, where the text names it: "how many states allow
 * recreational marijuana" is not answered by "rose by 23 percent when compared with states where …", nor "how many
 * settlements" by "600,000 Israelis live in settlements". A text that does not name it (a paraphrase: "people" for
 * "employees") is left to the number alone.
 */
function countsWhatIsCounted(text: string, question: string): boolean {
  const counted = countedNoun(question);
  if (!counted || /\d/.test(counted)) return true;
  const stem = stemWord(counted);
  const tokens = tokenize(text);
  const at = tokens.flatMap((token, index) => (stemWord(token.word) === stem ? [index] : []));
  if (at.length === 0) return true;
  const isNumber = (index: number) => {
    const word = tokens[index]?.word ?? '';
    return NUMBER_WORD.test(word) && !isYear(word);
  };
  return at.some((index) => {
    for (let other = index - 1; other >= Math.max(0, index - COUNT_BEFORE); other--) {
      if (isNumber(other)) return true;
      if (isStopWord(tokens[other]!.word)) break;
    }
    for (let other = index + 1; other <= Math.min(tokens.length - 1, index + COUNT_AFTER); other++) if (isNumber(other)) return true;
    return false;
  });
}

/** Whether a text holds anything that could be an answer of the type; `question` tells whose age is asked. */
export function holdsAnswerType(rawText: string, type: AnswerType, question = ''): boolean {
  const text = withoutWhatTheQuestionSays(rawText, type, question);
  switch (type) {
    case 'time':
    case 'duration':
    case 'place':
    case 'count':
      return textHolds(type, text) && countsWhatIsCounted(text, question);
    case 'amount':
      return textHolds(type, text);
    case 'quantity':
      return textHolds('count', text);
    case 'share':
      return textHolds('share', text);
    case 'age':
      return holdsAgeOf(text, question);
    case 'winner':
      return WINNER.test(text);
    case 'founding':
      return FOUNDED.test(text) && textHolds('time', text);
    case 'founder':
      return FOUNDED.test(text);
    case 'statement':
      return STATEMENT.test(text);
    case 'score':
      return SCORE.test(text);
    case 'name':
      return namesWhatIsAsked(text, question);
  }
}

/** Words that link a noun to its name: "a club called Pulse", "known as Pulse". */
const NAME_LINK = new Set(['called', 'named', 'known', 'as', 'dubbed']);

/**
 * Whether the text gives a name to what the question asks the name of: a capitalised word the question does not
 * already use, right before or after one of its words ("the Pulse nightclub", "Russian spy Sergei Skripal", "a club
 * called Pulse"). "The Orlando nightclub gunman" names no nightclub when the question already says "Orlando".
 */
function namesWhatIsAsked(text: string, question: string): boolean {
  const asked = (NAME_OF.exec(question) ?? CALLED.exec(question))?.[1] ?? '';
  const askedWords = new Set(tokenize(asked).map((token) => token.word));
  const questionWords = new Set(tokenize(question).map((token) => token.word));
  const tokens = tokenize(text);
  const isNewName = (at: number) => {
    const token = tokens[at];
    // A sentence's first word is capitalised whatever it is.
    if (!token || at === 0 || /[.!?]/.test(text.slice(tokens[at - 1]!.end, token.start))) return false;
    return /^\p{Lu}/u.test(text.slice(token.start, token.end)) && !questionWords.has(token.word);
  };
  return tokens.some((token, at) => {
    if (!askedWords.has(token.word)) return false;
    for (const step of [-1, 1]) {
      let next = at + step;
      while (tokens[next] && NAME_LINK.has(tokens[next]!.word)) next += step;
      if (isNewName(next)) return true;
    }
    return false;
  });
}
