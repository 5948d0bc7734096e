import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { commands, findCommand } from '../../commands/index.ts';
import { runCommand } from '../app/checks.ts';
import { moderatorOf, runChange } from '../app/kb-actions.ts';
import type { CommandContext, ReplyPayload, ShardRefresh } from '../app/command.ts';
import { NO_COOLDOWNS } from '../app/cooldowns.ts';
import type { Curation } from '../curation/curation.ts';
import type { KnowledgeStore } from '../kb/store.ts';
import { log } from '../log.ts';
import { payloadToText } from '../render/text.ts';
import { parseConsoleLine } from './console-line.ts';

/**
 * The offline console: the bot's own command modules, typed at a terminal instead of sent from Discord. The
 * person at the terminal runs the bot, so moderator commands are theirs. Piped input is answered line by line
 * and the console exits at the end of it.
 */

export const CONSOLE_BANNER =
  'Dossier offline console: type a question, or /help. To run the Discord bot, set DISCORD_TOKEN in .env (see README).';

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'console';
  }
}

export async function runConsoleLine(
  line: string,
  store: KnowledgeStore,
  curation: Curation,
  print: (text: string) => void,
  refreshKnowledge: () => Promise<ShardRefresh[]> = async () => [{ shard: null, result: await store.refresh() }],
): Promise<void> {
  if (line.trim().length === 0) return;
  const parsed = parseConsoleLine(line, findCommand);
  if ('error' in parsed) {
    print(`${parsed.error} Commands: ${commands.map((command) => `/${command.data.name}`).join(', ')}.`);
    return;
  }
  const reply = async (payload: ReplyPayload) => print(payloadToText(payload));
  const context: CommandContext = {
    knowledge: store,
    curation,
    guildId: null,
    user: { id: 'console', name: operatorName() },
    options: parsed.options,
    isModerator: () => true,
    defer: async () => {},
    reply,
    replyPaged: async (pages) => {
      for (const page of pages) await reply(page);
    },
    refreshKnowledge,
    showModal: async () => false,
    // The person at the console typed the command themselves; it runs without a second question.
    confirm: async (confirmation) => reply(await runChange(context, moderatorOf(context), confirmation.change)),
  };
  try {
    await runCommand(findCommand(parsed.commandName)!, context, { cooldowns: NO_COOLDOWNS });
  } catch (error) {
    log.error(`/${parsed.commandName} failed`, error);
    print('Something went wrong while answering that; it has been logged.');
  }
}

export async function runConsole(
  store: KnowledgeStore,
  curation: Curation,
  input: Readable,
  output: Writable,
  interactive: boolean,
  /** With shared knowledge, a change made here reaches every replica; by default the console's own store reloads. */
  refreshKnowledge?: () => Promise<ShardRefresh[]>,
): Promise<void> {
  const print = (text: string) => output.write(`${text}\n\n`);
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  if (interactive) {
    lines.setPrompt('dossier> ');
    lines.prompt();
  }
  for await (const line of lines) {
    await runConsoleLine(line, store, curation, print, refreshKnowledge);
    if (interactive) lines.prompt();
  }
}
