import type { Answer } from '../../src/answer/answer.ts';

/** An answer as the engine would give it, for record tests that need one shown (answered) or declined. */
export function answerFixture(question: string, answered: boolean): Answer {
  return {
    question,
    answered,
    answer: answered ? 'An answer.' : "The reports don't cover this.",
    confidence: answered ? 0.9 : 0.2,
    citations: [],
    suggestions: [],
    via: answered ? 'passage' : null,
    corrections: [],
  };
}
