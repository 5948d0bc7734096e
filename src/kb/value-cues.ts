import { isPlaceName } from './named-entities.ts';

/**
 * Whether a text states a value of some kind: a time, a place, a count, an amount, a share. Broad on purpose: a
 * question that asks "when" or "how much" is declined when the cited text holds no such thing, so a real answer
 * must never be missed for phrasing it loosely; and a question word that names such a value ("what times", "in
 * what years", "how much money") is found in a text that states one ("at 4pm", "in 2004", "hundreds of pounds").
 * Numbers written as words count.
 */

export type ValueKind = 'time' | 'duration' | 'place' | 'count' | 'amount' | 'share' | 'quotation';

export const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
export const CARDINALS =
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
    // "54-year-old" is an age, not a time.
    String.raw`\b(?:\d+|${CARDINALS}|a|an|several|few|many|couple of|number of)[- ](?:${TIME_UNITS})\b(?![- ]olds?\b)`,
    String.raw`\b(?:in|by|during|since|until|before|after) (?:the )?(?:${PARTS_OF_TIME})\b`,
  ].join('|'),
  'i',
);
/** "May" is a month only when capitalised; "may" is a modal verb. */
const MAY = /\bMay\b/;
/** Words that say how many, loosely. Not "many", "some", "most", "all", "no": nearly every sentence has one. */
const QUANTIFIERS = 'several|few|handful|numerous|multiple|half|single|none|couple|majority|minority';
const COUNT = new RegExp(String.raw`\d|\b(?:${CARDINALS}|${QUANTIFIERS})\b`, 'i');
/**
 * An amount of money: a currency, a sum in millions or billions, a share ("a 5% rise"), or a word that prices
 * something. A bare number is not one: "teams play two singles" says nothing of what the winners are paid.
 */
const AMOUNT = new RegExp(
  String.raw`[$£€¥]|\b(?:dollars?|pounds?|euros?|yen|cents?|pence|bitcoins?|quid|bucks|(?:${CARDINALS}|a|\d[\d.,]*)\s+(?:hundred|thousand|million|billion|trillion)s?|[mb]illions|bn|worth|cost|price|fee|free)\b|\d[\d.,]*\s*(?:%|percent\b|per cent\b|bn\b|m\b|k\b)`,
  'i',
);
/** A year or a date is not a count nor an amount: "how many votes did he get in 2011" is not answered by "2011". */
/** A year as written in news: 1500 to 2099. */
const YEAR = String.raw`(?:1[5-9]|20)\d{2}`;
const WHOLE_YEAR = new RegExp(String.raw`^${YEAR}$`);

/** Whether a word is a year ("2016"), which is a date rather than how many of anything. */
export function isYear(word: string): boolean {
  return WHOLE_YEAR.test(word);
}

const YEARS_AND_DATES = new RegExp(
  String.raw`\b${YEAR}s?\b|\b\d{1,2}(?:st|nd|rd|th)?(?= (?:${MONTHS})\b)|\b(?:${MONTHS}) \d{1,2}(?:st|nd|rd|th)?\b`,
  'gi',
);

/**
 * A place: a capitalised name after "in", "at", "near", "from" ("in Greenville"), a name compromise's lexicon knows
 * as a city, region or country ("Kent, Washington"), or a position ("14th", "bottom of the table"), which is what
 * "where are Spurs in the league?" asks.
 */
const PLACE_AFTER_PREPOSITION =
  /\b(?:in|at|near|from|outside|inside|across|throughout|around|to)\s+(?:the\s+)?(?:(?:north|south|east|west|central|downtown|northern|southern|eastern|western|rural|suburban)\w*\s+)?\p{Lu}/u;
/**
 * A position: an ordinal number ("14th", "3rd") or a place in a table ("bottom of the league", "second place").
 * An ordinal word alone is not one: "their first ever final" says nothing of where a team stands.
 */
const POSITION =
  /\b\d+(?:st|nd|rd|th)\b(?![- ](?:century|centuries|anniversary|birthday|minute|time|year|season))|\b(?:top|bottom|middle|foot|summit) of (?:the )?(?:table|league|standings|group|division|rankings?|polls?)\b|\b(?:first|second|third|fourth|fifth|last) place\b/i;

function holdsPlace(text: string): boolean {
  if (PLACE_AFTER_PREPOSITION.test(text) || POSITION.test(text)) return true;
  for (const match of text.matchAll(/\p{Lu}[\p{L}.'’-]+/gu)) if (isPlaceName(match[0])) return true;
  return false;
}

/** "12 percent", "40%", "half", "two-thirds", "one in five". */
const SHARE = new RegExp(
  String.raw`\d(?:[\d.,]*)\s*(?:%|percent\b|per cent\b|percentage points?\b)|\b(?:half|halves|third|thirds|quarters?|fifths?|tenths?|majority|minority|fraction|proportion)\b|\b(?:\d+|${CARDINALS}) (?:in|out of) (?:\d+|${CARDINALS})\b`,
  'i',
);

/**
 * A span of time, which is what "how long" asks: "five-and-a-half years", "a two-month-long expedition", "the
 * hourlong debate", "until the end of the 2022/23 season", "held since 2016", "for life". A date alone is not one.
 */
const DURATION = new RegExp(
  [
    String.raw`\b(?:\d+(?:\.\d+)?|${CARDINALS}|a|an|several|few|many|couple of|number of|half an?)(?:[- ]and[- ]a[- ]half)?[- ](?:${TIME_UNITS})\b(?![- ]olds?\b)`,
    String.raw`\b(?:until|till|through|to) (?:the end of |at least |early |late |mid-?)?(?:(?:the )?(?:${MONTHS}|(?:1[5-9]|20)\d{2}|next|end|summer|spring|autumn|winter|season))\b`,
    String.raw`\b(?:indefinitely|permanently|forever|for life|lifetime|lifelong)\b`,
    String.raw`\w-long\b|\b(?:hour|day|week|month|year|decade|night|season|century)long\b`,
    // "held since 2016": a span that has not ended.
    String.raw`\bsince (?:(?:early |late |mid-?)?(?:${MONTHS})\b|(?:1[5-9]|20)\d{2}\b)`,
  ].join('|'),
  'i',
);

/** Whether a text states a value of the kind. */
export function textHolds(kind: ValueKind, text: string): boolean {
  switch (kind) {
    case 'time':
      return TIME.test(text) || MAY.test(text);
    case 'duration':
      return DURATION.test(text);
    case 'place':
      return holdsPlace(text);
    case 'count':
      return COUNT.test(text.replace(YEARS_AND_DATES, ' '));
    case 'amount':
      return AMOUNT.test(text.replace(YEARS_AND_DATES, ' '));
    case 'share':
      return SHARE.test(text);
    case 'quotation':
      return /["“”]/.test(text);
  }
}
