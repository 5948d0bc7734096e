import { renderAllClaims } from '../render/claims.ts';
import { payloadToText } from '../render/text.ts';
import { findClaims } from '../search/claims-lookup.ts';
import { readCommonArgs } from './args.ts';
import { openKnowledgeOrExit } from './open-knowledge.ts';

/** `npm run -s claims -- [--json] <entity>`: claims about or by an entity. Exit 1 when the entity is unknown. */

const USAGE = 'Usage: npm run -s claims -- [--json] [--knowledge DIR] <person or organisation>';

const args = await readCommonArgs();
const query = args.positionals.join(' ').trim();
if (args.help || query.length === 0) {
  (args.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(args.help ? 0 : 2);
}
const store = await openKnowledgeOrExit(args.knowledgeDir);
const result = findClaims(store.current, query);
process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${renderAllClaims(result).map(payloadToText).join('\n\n')}\n`);
if (!result.entity) process.exitCode = 1;
