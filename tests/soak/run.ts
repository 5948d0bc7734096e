import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/knowledge.ts';
import { runSoak, type SoakReport } from './soak.ts';

/**
 * `npm run soak`: the full soak (10,000 hostile interactions and messages, 200 askers for 60 s, faults, forged
 * moderator actions), printed as a table and written to soak-results/latest.json. `--quick` runs a short one.
 */

const quick = process.argv.includes('--quick');
const report = await runSoak({
  hostileInteractions: quick ? 500 : 10_000,
  askers: quick ? 30 : 200,
  loadSeconds: quick ? 15 : 60,
  log: (line) => process.stderr.write(`${line}\n`),
});

function rows(result: SoakReport): Array<[string, string, string]> {
  const { hostile, load, faults, permissions } = result;
  const yes = (ok: boolean) => (ok ? 'yes' : 'NO');
  return [
    ['hostile', 'interactions / messages sent', `${hostile.interactions} / ${hostile.messages}`],
    ['hostile', 'crashes (must be 0)', String(hostile.crashes)],
    ['hostile', 'unhandled rejections (must be 0)', String(hostile.unhandledRejections)],
    ['hostile', "replies outside Discord's limits (must be 0)", String(hostile.repliesOutsideLimits)],
    ['hostile', 'messages that would parse a mention (must be 0)', String(hostile.mentionParsingMessages)],
    ['hostile', 'interactions never acknowledged', `${hostile.unanswered} ${JSON.stringify(hostile.unansweredKinds)}`],
    ['load', 'askers × seconds', `${load.askers} × ${load.seconds}`],
    ['load', 'questions / answered with an embed', `${load.questions} / ${load.answered}`],
    ['load', 'INTERACTION_CREATE → reply p50 / p99', `${load.p50Ms} ms / ${load.p99Ms} ms`],
    ['load', 'not acknowledged within 3 s (must be 0)', String(load.unacknowledgedAfter3s)],
    ['load', 'never answered (must be 0) / answers Discord refused (injected 500s)', `${load.lost} / ${load.refusedByDiscord}`],
    [
      'load',
      'bot RSS start → end, trend',
      `${load.rssStartMb.toFixed(0)} → ${load.rssEndMb.toFixed(0)} MB, ${load.rssSlopeMbPerMinute.toFixed(2)} MB/min`,
    ],
    ['faults', 'gateway closed mid-run: resumed and answering', yes(faults.gatewayDropsSurvived)],
    ['faults', '429 with retry-after: retried and answered', yes(faults.rateLimitedRetried)],
    ['faults', '500s: survived, next command answered', yes(faults.serverErrorsSurvived)],
    ['faults', 'token expired before the follow-up: survived', yes(faults.expiredTokenSurvived)],
    ['faults', 'corrupt qa.json during refresh: refused', yes(faults.corruptRefreshRefused)],
    ['faults', 'asks while corrupt / answered from last good', `${faults.asksDuringCorruption} / ${faults.answeredFromLastGood}`],
    ['faults', 'built index intact afterwards', yes(faults.builtIndexIntact)],
    ['permissions', 'forged moderator actions refused', `${permissions.refused} / ${permissions.attempts}`],
    ['permissions', 'knowledge folder unchanged', yes(permissions.knowledgeUnchanged)],
    ['bot', 'alive at the end / handler errors logged', `${yes(result.botAliveAtEnd)} / ${result.handlerErrors}`],
  ];
}

const table = [
  '| part | figure | value |',
  '|---|---|---:|',
  ...rows(report).map(([part, figure, value]) => `| ${part} | ${figure} | ${value} |`),
];
process.stdout.write(`${table.join('\n')}\n`);
if (report.errorSamples.length > 0)
  process.stdout.write(`\nErrors the bot logged (first distinct ones):\n${report.errorSamples.map((line) => `  ${line}`).join('\n')}\n`);
const outDir = path.join(PROJECT_ROOT, 'soak-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  path.join(outDir, quick ? 'quick.json' : 'latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...report }, null, 2)}\n`,
);
