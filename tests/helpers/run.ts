import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from './knowledge.ts';
import { childEnv } from './process.ts';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a project command as a user would, in a real child process, with the given stdin. */
export function run(command: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = childEnv(options.env);
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A TypeScript entry point of the project, run the way its npm script runs it. */
export function runScript(script: string, args: string[], options: Parameters<typeof run>[2] = {}): Promise<RunResult> {
  return run(process.execPath, ['--import', 'tsx', script, ...args], options);
}
