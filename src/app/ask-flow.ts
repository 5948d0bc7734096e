import { answerQuestion } from '../answer/answer.ts';
import type { Curation } from '../curation/curation.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import { renderAnswer } from '../render/answer.ts';
import { voteButtons } from '../render/curation.ts';
import { log } from '../log.ts';
import type { ReplyPayload } from './command.ts';
import { cooldown } from './checks.ts';

/**
 * One way to answer a question, whether it came as /ask, a mention or a message in an answer channel: the same
 * engine, the same rendering, the same pause between questions, and a question the bot cannot take (empty, too
 * long) answered privately wherever privacy exists.
 */

export const QUESTION_COOLDOWN_MS = 3_000;

/** Shared by /ask and questions in channels: a person waits the same whichever way they ask. */
export const questionCooldown = cooldown('question', QUESTION_COOLDOWN_MS);

export interface AskServices {
  knowledge: KnowledgeStore;
  curation: Curation;
}

export async function answerFor(
  question: string,
  guildId: string | null,
  services: AskServices,
): Promise<{ payload: ReplyPayload; refused: boolean }> {
  const answer = answerQuestion(services.knowledge.current, question);
  if (answer.error) return { payload: { ...renderAnswer(answer), ephemeral: true }, refused: true };
  try {
    // Recorded so that votes, and questions nobody could answer, reach the moderators' /kb gaps.
    const answerId = await services.curation.feedback.recordAnswer(answer, guildId);
    return { payload: { ...renderAnswer(answer), components: voteButtons(answerId) }, refused: false };
  } catch (error) {
    // The database is out of reach: the answer still comes from the knowledge in memory, only without votes.
    log.warn('Could not record an answer; it is shown without vote buttons', error);
    return { payload: renderAnswer(answer), refused: false };
  }
}
