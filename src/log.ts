/**
 * Logs go to stderr, so stdout carries only what a command prints (the JSON of --json mode, the console's
 * replies). Anything shaped like a bot token is masked before it is written.
 */

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const TOKEN_SHAPE = /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g;

let threshold: LogLevel = 'info';

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export function redact(text: string): string {
  return text.replace(TOKEN_SHAPE, '[redacted token]');
}

function write(level: LogLevel, message: string, detail?: unknown): void {
  if (ORDER[level] > ORDER[threshold]) return;
  const suffix = detail === undefined ? '' : ` ${detail instanceof Error ? detail.message : JSON.stringify(detail)}`;
  process.stderr.write(redact(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${suffix}`) + '\n');
}

export const log = {
  error: (message: string, detail?: unknown) => write('error', message, detail),
  warn: (message: string, detail?: unknown) => write('warn', message, detail),
  info: (message: string, detail?: unknown) => write('info', message, detail),
  debug: (message: string, detail?: unknown) => write('debug', message, detail),
};
