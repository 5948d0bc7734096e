import type { AttachmentInfo, CommandOptions } from './command.ts';
import type { CommandData, RawOption } from './interaction.ts';

/**
 * A slash command's options as commands read them, from Discord's JSON. A value of the wrong type (a number where
 * text belongs, as a forged payload might send) reads as absent instead of reaching a command as the wrong type.
 */

const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const OptionType = { String: 3, Integer: 4, Boolean: 5, Attachment: 11 } as const;

/** The subcommand's name (if any) and the options it carries. */
export function leafOptions(options: readonly RawOption[] | undefined): { subcommand: string | null; options: readonly RawOption[] } {
  let list = options ?? [];
  let subcommand: string | null = null;
  for (;;) {
    const nested = list.length === 1 ? list[0] : undefined;
    if (nested?.type === SUB_COMMAND_GROUP) list = nested.options ?? [];
    else if (nested?.type === SUB_COMMAND) {
      subcommand = nested.name;
      list = nested.options ?? [];
    } else return { subcommand, options: list };
  }
}

export function readCommandOptions(data: CommandData): CommandOptions {
  const { subcommand, options } = leafOptions(data.options);
  const valueOf = (name: string, type: number) => options.find((option) => option.name === name && option.type === type)?.value;
  return {
    getString: (name) => {
      const value = valueOf(name, OptionType.String);
      return typeof value === 'string' ? value : null;
    },
    getBoolean: (name) => {
      const value = valueOf(name, OptionType.Boolean);
      return typeof value === 'boolean' ? value : null;
    },
    getInteger: (name) => {
      const value = valueOf(name, OptionType.Integer);
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
    },
    getAttachment: (name): AttachmentInfo | null => {
      const id = valueOf(name, OptionType.Attachment);
      const file = typeof id === 'string' ? data.resolved?.attachments?.[id] : undefined;
      return file ? { name: file.filename, url: file.url, size: file.size } : null;
    },
    getSubcommand: () => subcommand,
  };
}

/** The option being typed in an autocomplete request. */
export function focusedOption(data: CommandData): { name: string; value: string; subcommand: string | null } {
  const { subcommand, options } = leafOptions(data.options);
  const focused = options.find((option) => option.focused);
  const value = typeof focused?.value === 'string' || typeof focused?.value === 'number' ? String(focused.value) : '';
  return { name: focused?.name ?? '', value: value.slice(0, 200), subcommand };
}
