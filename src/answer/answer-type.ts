/**
 * Some questions say what kind of answer they want: "when …" wants a time, "how many …" a number. A paragraph that
 * covers every other word of such a question but holds no time or number ("when did McFaul become ambassador?"
 * against a paragraph that only calls him a former ambassador) does not answer it, however well it matches. The
 * cues are deliberately broad, so a real answer is never refused for phrasing its time or number loosely.
 */

export type AnswerType = 'time' | 'count';

const ASKS_FOR_TIME = /^(?:and |so |but )?(?:when|since when|(?:in |since )?(?:what|which) (?:year|month|day|date|decade))\b/i;
const ASKS_FOR_COUNT = /^(?:and |so |but )?how many\b/i;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const RELATIVE_TIMES =
  'yesterday|today|tonight|tomorrow|ago|since|until|till|before|after|during|earlier|later|recently|previously|' +
  'last|next|past|upcoming|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|morning|evening|night|spring|' +
  'summer|autumn|winter|midterms?';
const TIME = new RegExp(String.raw`\d|\b(?:${MONTHS}|${WEEKDAYS}|${RELATIVE_TIMES})\b`, 'i');

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|' +
  'eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|' +
  'dozens?|several|few|handful|many|numerous|multiple|some|half|single|no|none|couple|number|majority|minority|most|all|every|both';
const COUNT = new RegExp(String.raw`\d|\b(?:${NUMBER_WORDS})\b`, 'i');

/** The kind of answer a question asks for, when its first words say so clearly. */
export function expectedAnswerType(question: string): AnswerType | null {
  const start = question.trim();
  if (ASKS_FOR_TIME.test(start)) return 'time';
  if (ASKS_FOR_COUNT.test(start)) return 'count';
  return null;
}

/** Whether a text holds anything that could be an answer of the type: a date or time phrase, a number. */
export function holdsAnswerType(text: string, type: AnswerType): boolean {
  return (type === 'time' ? TIME : COUNT).test(text);
}
