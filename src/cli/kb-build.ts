import { loadKnowledge } from '../kb/built-index.ts';
import { KnowledgeBuildError } from '../kb/errors.ts';
import { readCommonArgs } from './args.ts';

/** `npm run kb:build`: validate the knowledge folder, write its built index, print counts. */

const args = await readCommonArgs();
const started = performance.now();
try {
  const { kb, saveError } = await loadKnowledge(args.knowledgeDir, { forceRebuild: true });
  const counts = kb.counts();
  const summary = {
    knowledge: args.knowledgeDir,
    ...counts,
    sentences: kb.passages.reduce((sum, passage) => sum + passage.sentences.length, 0),
    warnings: kb.warnings,
    tookMs: Math.round(performance.now() - started),
    saved: saveError === undefined,
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(
      `Built ${args.knowledgeDir} in ${summary.tookMs} ms: ${counts.sources} reports, ${counts.passages} paragraphs, ` +
        `${summary.sentences} sentences, ${counts.qa} curated Q&A, ${counts.entities} entities (${counts.curatedEntities} from entities.json), ` +
        `${counts.claims} claims (${counts.attributedClaims} attributed).\n`,
    );
    for (const warning of kb.warnings) process.stdout.write(`warning: ${warning}\n`);
  }
  if (saveError) {
    process.stderr.write(`The knowledge is valid but its index could not be saved: ${saveError}\n`);
    process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`${error instanceof KnowledgeBuildError ? error.message : (error as Error).message}\n`);
  process.exitCode = 1;
}
