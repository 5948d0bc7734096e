import { ApplicationCommandOptionType } from 'discord.js';
import type { CommandModule, CommandOptions } from '../app/command.ts';

/**
 * Reads a console line the way Discord would deliver the slash command: "/kb refresh" picks the subcommand,
 * the rest of the line fills the command's first text option ("/ask Was Putin involved?"), and "private:true" or
 * "days:30" pairs set boolean and integer options. A line without a slash is a question.
 */

export interface ParsedLine {
  commandName: string;
  options: CommandOptions;
}

interface OptionJson {
  type: number;
  name: string;
  required?: boolean;
  options?: OptionJson[];
}

export function parseConsoleLine(line: string, findCommand: (name: string) => CommandModule | undefined): ParsedLine | { error: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith('/')) return parseConsoleLine(`/ask ${trimmed}`, findCommand);
  const [, name = '', rest = ''] = /^\/(\S*)\s*([\s\S]*)$/.exec(trimmed) ?? [];
  const command = findCommand(name.toLowerCase());
  if (!command) return { error: `Unknown command /${name}.` };

  let options = (command.data.toJSON().options ?? []) as OptionJson[];
  let text = rest;
  let subcommand: string | null = null;
  const subcommands = options.filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) {
    const [word = '', remainder = ''] = /^(\S*)\s*([\s\S]*)$/.exec(text)?.slice(1) ?? [];
    const chosen = subcommands.find((option) => option.name === word.toLowerCase());
    if (!chosen) return { error: `/${name} needs one of: ${subcommands.map((option) => option.name).join(', ')}.` };
    subcommand = chosen.name;
    options = chosen.options ?? [];
    text = remainder;
  }

  const booleans = new Map<string, boolean>();
  for (const option of options.filter((candidate) => candidate.type === ApplicationCommandOptionType.Boolean)) {
    text = text.replace(new RegExp(`(?:^|\\s)${option.name}:(true|false)\\b`, 'i'), (_, value: string) => {
      booleans.set(option.name, value.toLowerCase() === 'true');
      return ' ';
    });
  }
  const integers = new Map<string, number>();
  for (const option of options.filter((candidate) => candidate.type === ApplicationCommandOptionType.Integer)) {
    text = text.replace(new RegExp(`(?:^|\\s)${option.name}:(\\d+)\\b`, 'i'), (_, value: string) => {
      integers.set(option.name, Number(value));
      return ' ';
    });
  }
  const textOption = options.find((option) => option.type === ApplicationCommandOptionType.String);
  const strings = new Map<string, string>();
  if (textOption && text.trim()) strings.set(textOption.name, text.trim());
  return {
    commandName: command.data.name,
    options: {
      getString: (optionName) => strings.get(optionName) ?? null,
      getBoolean: (optionName) => booleans.get(optionName) ?? null,
      getInteger: (optionName) => integers.get(optionName) ?? null,
      // Files are uploaded from Discord; the console adds reports by copying them into knowledge/sources/.
      getAttachment: () => null,
      getSubcommand: () => subcommand,
    },
  };
}
