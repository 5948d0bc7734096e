/**
 * Words that only frame what a question asks about, in the phrasings that make them so: "what is known about X",
 * "what was X's role in Y", "how was X connected to Y", "is X behind Y", "how old is X", "how long did X last",
 * "what was the score". They name no part of the answer ("how old" asks for an age, "how long" a span of time, which
 * the answer type checks: "Jobs, 56,", "nine days"), so a paragraph that answers ("X approved Y") does not use them,
 * and counting them as the question's words made such questions look half unanswered. Elsewhere the same words keep
 * their meaning ("the role of the board", "known for"), so they are taken out only inside these phrasings, not made
 * stop words.
 */

const FRAMES: readonly RegExp[] = [
  /\b(?:what(?:'s|s)?|is (?:anything|something|much)|how much)\b(?: (?:is|was|are|were|do we|do you|does anyone))? (known|reported)(?= (?:about|of|on)\b)/gi,
  /\bwhat (?:was|is|were|are|'s|s)\b.{1,60}?\b(role)s?\b(?=\s*(?:in|with|on|behind|$|\?))/gi,
  /\bhow (?:was|is|were|are)\b.{1,60}?\b(connected|linked|tied|related)(?= (?:to|with)\b)/gi,
  /^\s*(?:is|was|are|were)\b.{1,60}?\b(behind)(?= (?:the|this|that|these|those|a|an)\b)/gi,
  /\bhow (old)\b/gi,
  /\bhow (long)\b/gi,
  // "what was the score": the answer type wants a score ("6-3, 7-6"), which a report rarely calls one.
  /\bwhat(?:'s| is| was| were)? (?:the )?(?:final )?(scor(?:e|es)?|scoreline)\b/gi,
  // A greeting before the question and thanks after it: "hey who is john sipher", "who is x pls".
  /^\s*(hey|hi|hello|yo|ok|okay|pls|plz|please|um|uh|hmm)\b/gi,
  /\b(thanks|thx|ty|pls|plz|please)\W*$/gi,
];

/** The question with its framing words blanked out, every other character where it was. */
export function withoutFramingWords(question: string): string {
  let result = question;
  for (const frame of FRAMES) {
    result = result.replace(frame, (match: string, word: string) => {
      const at = match.lastIndexOf(word);
      return match.slice(0, at) + ' '.repeat(word.length) + match.slice(at + word.length);
    });
  }
  return result;
}
