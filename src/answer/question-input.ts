/** The edge where raw question text becomes a question the engine will look up. */

export const MAX_QUESTION_LENGTH = 1000;

export type QuestionCheck = { ok: true; question: string } | { ok: false; reason: string };

/**
 * What Discord wraps around a question that is not part of it: mentions of users, roles and channels (also typed as
 * "@name"), @everyone/@here, custom emoji (also typed as ":name:"), links, and markdown (code fences, bold,
 * spoilers, quotes, headings). Removed before the question is read, so "<@123…> **who is John Sipher?**" asks what
 * "who is John Sipher?" asks.
 */
const DISCORD_NOISE: Array<[RegExp, string]> = [
  [/<(?:@[!&]?|#)\d{15,22}>/g, ' '],
  [/<a?:[A-Za-z0-9_~]{1,32}:\d{15,22}>/g, ' '],
  [/<t:-?\d{1,13}(?::[tTdDfFR])?>/g, ' '],
  [/@(?:everyone|here)\b/g, ' '],
  // A name typed with its @ that did not become a mention ("hey @Dossier …"), and an emoji typed by its name
  // (":thinking:") where Discord did not replace it.
  [/(^|\s)@[\w.-]{2,32}/g, '$1 '],
  [/(^|\s):[a-z0-9_+-]{2,32}:(?=\s|$)/gi, '$1 '],
  [/<?\bhttps?:\/\/[^\s<>]+>?/gi, ' '],
  [/```[a-z0-9+-]*\n?|```/gi, ' '],
  // Struck-through words are words the writer took back.
  [/~~[^~]*~~/g, ' '],
  [/(\*\*|__|~~|\|\||[*_`])/g, ' '],
  [/(^|\n)\s*(?:>>>|>|#{1,3}|-#)\s+/g, '$1'],
];

function withoutDiscordNoise(text: string): string {
  return DISCORD_NOISE.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

export function checkQuestion(raw: string): QuestionCheck {
  const question = withoutDiscordNoise(raw.replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  if (question.length === 0)
    return { ok: false, reason: 'Please type a question, for example: "Was Putin personally involved in the hacks?"' };
  if (question.length > MAX_QUESTION_LENGTH) {
    return { ok: false, reason: `That question is ${question.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.` };
  }
  return { ok: true, question };
}

/** A second question joined to the first by "and": "who is kurt volker and what did he say about a quid pro quo". */
const SECOND_QUESTION =
  /^(.{8,}?),?\s+(?:and|&)\s+((?:who|what|when|where|why|how|which|is|are|was|were|did|does|do|has|have|can|will|would)\b.{3,})$/i;

/** The question's first question, and the second one it goes on to ask (as a question of its own), if any. */
export function twoQuestions(question: string): { first: string; second: string | null } {
  const match = SECOND_QUESTION.exec(question);
  if (!match) return { first: question, second: null };
  const second = match[2]!.trim().replace(/[?!.\s]*$/, '?');
  return { first: match[1]!.trim(), second: second.charAt(0).toUpperCase() + second.slice(1) };
}
