import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigSchema } from '../../src/config.ts';
import { PROJECT_ROOT } from './knowledge.ts';

/** A project entry point as its own process, the way `npm start` runs it, with its output collected. */
export interface StartedProcess {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or time-out with the output so far. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/**
 * The environment of a project process under test: each of Dossier's variables empty unless the test sets it (an
 * empty value counts as unset, and dotenv does not replace it, so a developer's .env or shell never leaks in), and a
 * database of its own, so no test writes into the project's data/.
 */
export function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const blank = Object.fromEntries(Object.keys(ConfigSchema.shape).map((name) => [name, '']));
  return { ...process.env, ...blank, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dossier-data-')), ...env };
}

export function startProcess(script: string, env: Record<string, string>): StartedProcess {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const poll = () => {
        const match = output.match(pattern);
        if (match) return resolve(match);
        if (exited || Date.now() > deadline) return reject(new Error(`No ${pattern} in the output of ${script}:\n${output}`));
        setTimeout(poll, 50);
      };
      poll();
    });
  return { child, output: () => output, exit, waitFor };
}
