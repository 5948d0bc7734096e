import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './knowledge.ts';

/** A project entry point as its own process, the way `npm start` runs it, with its output collected. */
export interface StartedProcess {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or time-out with the output so far. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Each process gets its own database, so no test writes into the project's data/, and no token leaks in. */
export function startProcess(script: string, env: Record<string, string>): StartedProcess {
  let output = '';
  const processEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dossier-data-')) };
  delete processEnv.DISCORD_TOKEN;
  Object.assign(processEnv, env);
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: processEnv,
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
