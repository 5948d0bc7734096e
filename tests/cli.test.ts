import { afterEach, describe, expect, it } from 'vitest';
import { copyKnowledge, knowledgeWith, REPORT_003 } from './helpers/knowledge.ts';
import { run, runScript } from './helpers/run.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const CONTRACT_FIELDS = ['question', 'answered', 'answer', 'confidence', 'citations', 'suggestions'];
const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('npm run -s ask', () => {
  it('prints exactly one JSON object with --json, and nothing else on stdout', async () => {
    const result = await run('npm', ['run', '-s', 'ask', '--', '--json', 'Was Putin personally involved in the hacks?']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!);
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(CONTRACT_FIELDS));
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]).toMatchObject({ sourceId: REPORT_003, paragraph: 1, title: expect.any(String), outlet: null, url: null });
    expect(answer.citations[0].quote).toContain('personally involved');
  });

  it('answers stdin line by line, in order, one JSON object per line', async () => {
    const result = await runScript('src/cli/ask.ts', ['--json'], { input: 'who is john sipher\n\nwhat is the weather in paris\n' });
    expect(result.code).toBe(0);
    const answers = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(answers.map((answer) => answer.answered)).toEqual([true, false, false]);
    expect(answers[1].error).toMatch(/Please type a question/);
    expect(answers[2].answer).toBe("The reports don't cover this.");
  });

  it('prints a readable answer with its citation by default', async () => {
    const result = await runScript('src/cli/ask.ts', ['What did John Sipher tell the Times?']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('paragraph 9');
    expect(result.stdout).toContain('Digital Asia');
    expect(result.stdout).toContain('The Russians are very focused and upset');
  });

  it('answers from another folder with --knowledge', async () => {
    const folder = knowledgeWith({
      'harbour.txt':
        'Port strike ends | Harbour Times\n\nDock workers returned to the port on Monday after a deal on pay, the union said.\n',
    });
    cleanups.push(folder.cleanup);
    const result = await runScript('src/cli/ask.ts', [
      '--json',
      '--knowledge',
      folder.dir,
      'when did the dock workers return to the port?',
    ]);
    const answer = JSON.parse(result.stdout);
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]).toMatchObject({
      sourceId: 'harbour.txt',
      title: 'Port strike ends',
      outlet: 'Harbour Times',
      paragraph: 1,
    });
  });

  it('exits non-zero with a clear message for an empty question or a broken knowledge folder, never a stack trace', async () => {
    const empty = await runScript('src/cli/ask.ts', ['']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Please type a question/);

    const copy = copyKnowledge();
    cleanups.push(copy.cleanup);
    copy.write('entities.json', '[{"id": "x"}]');
    const broken = await runScript('src/cli/ask.ts', ['--json', '--knowledge', copy.dir, 'Was Putin involved?']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('entities.json, entry "x"');
    expect(broken.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('npm start without a token: the offline console', () => {
  it('answers piped commands with the same replies the bot gives, then exits 0', async () => {
    const input = '/ask Was Putin involved?\n/sources\n/kb status\nwho is michael mcfaul\n/nonsense\n';
    const result = await run('npm', ['start', '--silent'], { input });
    expect(result.code).toBe(0);
    expect(result.stderr.match(/offline console/g)).toHaveLength(1);
    expect(result.stdout).toContain('Putin was Personally Involved in Hacks: US Officials, paragraph 1');
    expect(result.stdout).toContain('Reports I answer from (2)');
    expect(result.stdout).toContain('Knowledge base status');
    expect(result.stdout).toContain('McFaul');
    expect(result.stdout).toContain('Unknown command /nonsense');
  });

  it('names an invalid environment variable in one line', async () => {
    const result = await runScript('src/main.ts', [], { env: { LOG_LEVEL: 'loud' } });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid environment variable LOG_LEVEL: .+See \.env\.example\.$/);
  });
});

describe('npm run kb:build', () => {
  it('builds, validates and prints counts', async () => {
    const copy = copyKnowledge();
    cleanups.push(copy.cleanup);
    const result = await runScript('src/cli/kb-build.ts', ['--knowledge', copy.dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 reports, 20 paragraphs, \d+ sentences, \d+ curated Q&A, \d+ entities/);
  });
});
