import type { CommandModule } from '../src/app/command.ts';
import * as ask from './ask.ts';
import * as claims from './claims.ts';
import * as help from './help.ts';
import * as kb from './kb.ts';
import * as sources from './sources.ts';

/** Every slash command, in the order /help and the console list them. */
export const commands: readonly CommandModule[] = [ask, claims, sources, kb, help];

export function findCommand(name: string): CommandModule | undefined {
  return commands.find((command) => command.data.name === name);
}
