import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { setLogLevel } from '../log.ts';

/** Flags every command-line tool shares: --knowledge DIR (or KNOWLEDGE_DIR), --json, --help. */

export interface CommonArgs {
  knowledgeDir: string;
  json: boolean;
  help: boolean;
  positionals: string[];
}

export async function readCommonArgs(argv: string[] = process.argv.slice(2)): Promise<CommonArgs> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        knowledge: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  try {
    const config = await loadConfig();
    setLogLevel(config.LOG_LEVEL);
    return {
      knowledgeDir: parsed.values.knowledge ?? config.KNOWLEDGE_DIR,
      json: parsed.values.json,
      help: parsed.values.help,
      positionals: parsed.positionals,
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
