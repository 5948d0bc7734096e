import { isPlaceName } from '../kb/named-entities.ts';

/**
 * Some questions say what kind of answer they want: "when …" wants a time, "how many …" a number, "how old …" an
 * age, "who won …" a winner, "when was … founded" a founding, "what did X say …" a statement (X's words, reported). A text that covers every other word of such a
 * question but holds no such answer ("how old is Marissa Mayer?" against a paragraph that names her job; "when was
 * the museum founded?" against one that dates an attack on it) does not answer it, however well it matches. The
 * cues in the text are deliberately broad, so a real answer is never refused for phrasing it loosely; numbers
 * written as words count.
 */

export type AnswerType = 'time' | 'place' | 'count' | 'amount' | 'age' | 'winner' | 'founding' | 'founder' | 'statement';

const LEAD = String.raw`^(?:and |so |but |ok |okay |hey |pls |please )?`;
const ASKS: Array<[AnswerType, RegExp]> = [
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
  ['time', new RegExp(String.raw`${LEAD}(?:when|since when|(?:in |since )?(?:what|which) (?:year|month|day|date|decade|time))\b`, 'i')],
  ['count', new RegExp(String.raw`${LEAD}how many\b`, 'i')],
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
      String.raw`${LEAD}how much\b.*\b(?:cost|costs|pay|paid|pays|worth|spend|spent|earn|earned|earns|charge|charged|raise|raised|price|money|fund|funding|budget|fee|fees|salary|bill|sell|sold|lose|lost|owe|owed)\b`,
      'i',
    ),
  ],
];

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const CARDINALS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|' +
  'eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|' +
  'dozens?';
const TIME_UNITS = 'seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|seasons?';
const PARTS_OF_TIME = `${TIME_UNITS}|morning|afternoon|evening|spring|summer|autumn|fall|winter|midterms?`;
/**
 * A time: a year or decade, a date, a month or weekday, a clock time, "three weeks ago", "last month", "this
 * summer", "yesterday". A bare number ("50th anniversary") or "previously" says no time, so "when did Jobs have
 * his liver transplant?" is not answered by "he had previously received a liver transplant".
 */
const TIME = new RegExp(
  [
    String.raw`\b(?:1[5-9]|20)\d{2}s?\b`,
    String.raw`\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\b|p\.?m\b)`,
    String.raw`\b\d{1,2}[:/]\d{1,2}\b`,
    String.raw`\b(?:${MONTHS.replace('|may|', '|')}|${WEEKDAYS})\b`,
    String.raw`\b(?:yesterday|today|tonight|tomorrow|ago|recently|soon|overnight|later|earlier|upcoming)\b`,
    String.raw`\b(?:this|last|next|that|same|following|previous|coming|past|early|late|mid|each|every)[- ](?:${PARTS_OF_TIME})\b`,
    String.raw`\b(?:\d+|${CARDINALS}|a|an|several|few|many|couple of|number of)[- ](?:${TIME_UNITS})\b`,
    String.raw`\b(?:in|by|during|since|until|before|after) (?:the )?(?:${PARTS_OF_TIME})\b`,
  ].join('|'),
  'i',
);
/** "May" is a month only when capitalised; "may" is a modal verb. */
const MAY = /\bMay\b/;
const QUANTIFIERS =
  'several|few|handful|many|numerous|multiple|some|half|single|no|none|couple|number|majority|minority|most|all|every|both';
const COUNT = new RegExp(String.raw`\d|\b(?:${CARDINALS}|${QUANTIFIERS})\b`, 'i');
const AMOUNT = new RegExp(
  String.raw`\d|[$£€¥]|\b(?:${CARDINALS}|dollars?|pounds?|euros?|yen|cents?|pence|worth|cost|price|fee|free)\b`,
  'i',
);
/** "37-year-old", "aged 54", "Mayer, 37,", "(54)", "in his forties". */
const AGE = new RegExp(
  String.raw`\b(?:\d{1,3}|${CARDINALS})[- ]years?[- ]old\b|\baged? (?:\d{1,3}|${CARDINALS})\b|\p{L}, \d{1,3},|\(\d{1,3}\)|\b(?:in (?:his|her|their) )?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b|\bborn\b`,
  'iu',
);
const WINNER =
  /\b(?:won|win|wins|winning|winners?|victory|victorious|beat|beats|beaten|defeat(?:ed|s)?|champions?|title|clinch(?:ed|es)?|triumph(?:ed|s)?|prevailed|took (?:the )?(?:title|trophy|prize|award)|awarded)\b/i;
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
const FOUNDED =
  /\b(?:found(?:ed|ing|ers?)?|establish(?:ed|ment)?|set up|formed|created|started|built|opened|launched|incorporated|dates? back|since|origins?)\b/i;

/** A year or a date is not a count nor an amount: "how many votes did he get in 2011" is not answered by "2011". */
const YEARS_AND_DATES = new RegExp(
  String.raw`\b(?:1[5-9]|20)\d{2}s?\b|\b\d{1,2}(?:st|nd|rd|th)?(?= (?:${MONTHS})\b)|\b(?:${MONTHS}) \d{1,2}(?:st|nd|rd|th)?\b`,
  'gi',
);

/** The kind of answer a question asks for, when its words say so clearly. */
export function expectedAnswerType(question: string): AnswerType | null {
  const start = question.trim();
  return ASKS.find(([, pattern]) => pattern.test(start))?.[0] ?? null;
}

const AGE_ASKED_OF = /(?:how old (?:is|was|are|were)|(?:the )?age of)\s+(?:the\s+)?(.+?)[?!.\s]*$/i;
/** How far an age may stand from the name it belongs to: "Felicia Sanders, 54," or "the 29-year-old Omar Mateen". */
const AGE_REACH = 24;
/** An age right after a name: "Koss, 54,", "Koss (54)", "Koss, aged 54", "Koss is 54 years old". */
const AGE_AFTER_NAME = new RegExp(
  String.raw`^(?:['’]s?)?(?:,\s*(?:aged?\s+)?\d{1,3}\b|\s*\(\d{1,3}\)|,?\s+(?:is|was|aged?|turned)\s+(?:\d{1,3}|${CARDINALS})\b)`,
  'i',
);

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
      if (AGE_AFTER_NAME.test(after) || /years?[- ]old\s+(?:\p{Lu}[\p{L}.'’-]*\s+)*$/u.test(before)) return true;
    }
  }
  return false;
}

/**
 * A place: a capitalised name after "in", "at", "near", "from" ("in Greenville"), a name compromise's lexicon knows
 * as a city, region or country ("Kent, Washington"), or a position ("14th", "bottom of the table"), which is what
 * "where are Spurs in the league?" asks.
 */
const PLACE_AFTER_PREPOSITION =
  /\b(?:in|at|near|from|outside|inside|across|throughout|around|to)\s+(?:the\s+)?(?:(?:north|south|east|west|central|downtown|northern|southern|eastern|western|rural|suburban)\w*\s+)?\p{Lu}/u;
const POSITION = /\b\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|top|bottom|middle)\b/i;

function holdsPlace(text: string): boolean {
  if (PLACE_AFTER_PREPOSITION.test(text) || POSITION.test(text)) return true;
  for (const match of text.matchAll(/\p{Lu}[\p{L}.'’-]+/gu)) if (isPlaceName(match[0])) return true;
  return false;
}

/** Whether a text holds anything that could be an answer of the type; `question` tells whose age is asked. */
export function holdsAnswerType(text: string, type: AnswerType, question = ''): boolean {
  switch (type) {
    case 'time':
      return TIME.test(text) || MAY.test(text);
    case 'place':
      return holdsPlace(text);
    case 'count':
      return COUNT.test(text.replace(YEARS_AND_DATES, ' '));
    case 'amount':
      return AMOUNT.test(text.replace(YEARS_AND_DATES, ' '));
    case 'age':
      return holdsAgeOf(text, question);
    case 'winner':
      return WINNER.test(text);
    case 'founding':
      return FOUNDED.test(text) && (TIME.test(text) || MAY.test(text));
    case 'founder':
      return FOUNDED.test(text);
    case 'statement':
      return STATEMENT.test(text);
  }
}
