import { createInterface } from 'node:readline';
import { answerQuestion, type Answer } from '../answer/answer.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { renderAnswer } from '../render/answer.ts';
import { payloadToText } from '../render/text.ts';
import { readCommonArgs } from './args.ts';
import { openKnowledgeOrExit } from './open-knowledge.ts';

const USAGE = `Usage: npm run -s ask -- [--json] [--knowledge DIR] "question"
       npm run -s ask -- [--json] [--knowledge DIR] < questions.txt   (one question per line)`;

function print(answer: Answer, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${payloadToText(renderAnswer(answer))}\n\n`);
}

async function answerStdin(kb: KnowledgeBase, json: boolean): Promise<void> {
  // One output per input line, in order, so a script can pair them up; a blank line gets its error object.
  for await (const line of createInterface({ input: process.stdin, terminal: false })) print(answerQuestion(kb, line), json);
}

const args = await readCommonArgs();
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const store = await openKnowledgeOrExit(args.knowledgeDir);
if (args.positionals.length === 0) {
  await answerStdin(store.current, args.json);
} else {
  const answer = answerQuestion(store.current, args.positionals.join(' '));
  print(answer, args.json);
  if (answer.error) {
    if (!args.json) process.stderr.write(`${answer.error}\n`);
    process.exitCode = 2;
  }
}
