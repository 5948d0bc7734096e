/** The edge where raw question text becomes a question the engine will look up. */

export const MAX_QUESTION_LENGTH = 1000;

export type QuestionCheck = { ok: true; question: string } | { ok: false; reason: string };

export function checkQuestion(raw: string): QuestionCheck {
  const question = raw
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (question.length === 0) return { ok: false, reason: 'Please type a question, for example: "Was Putin personally involved in the hacks?"' };
  if (question.length > MAX_QUESTION_LENGTH) {
    return { ok: false, reason: `That question is ${question.length} characters long; please keep it under ${MAX_QUESTION_LENGTH}.` };
  }
  return { ok: true, question };
}
