import { ApplicationCommandOptionType as Option } from 'discord.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeDiscord, type InteractionHandle } from '../fake-discord/index.ts';
import { messageProblems } from '../fake-discord/validate.ts';
import { startFileServer } from '../helpers/file-server.ts';
import { copyKnowledge, PROJECT_ROOT, REPORT_003, snapshotFolder } from '../helpers/knowledge.ts';
import { outgoingMessage } from '../helpers/outgoing.ts';
import { childEnv } from '../helpers/process.ts';
import { hostileText, malformedOptions, seededRandom } from './hostile.ts';

/**
 * The soak: the real bot, as its own process, against the fake Discord server, through hostile input, load,
 * faults and permission attacks. Every figure comes from what crossed the wire or what the bot process did.
 */

export interface SoakOptions {
  hostileInteractions: number;
  askers: number;
  loadSeconds: number;
  /**
   * Refuse callbacks later than 3 s, as Discord does (default). The short soak in `npm test` turns it off: on a
   * busy CI machine timing is noise, and the test holds what does not depend on it (nothing lost, nothing broken).
   */
  enforceDeadline?: boolean;
  seed?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  options: SoakOptions;
  hostile: {
    interactions: number;
    messages: number;
    crashes: number;
    unhandledRejections: number;
    repliesOutsideLimits: number;
    mentionParsingMessages: number;
    unanswered: number;
    unansweredKinds: Record<string, number>;
  };
  load: {
    askers: number;
    seconds: number;
    questions: number;
    answered: number;
    p50Ms: number;
    p99Ms: number;
    unacknowledgedAfter3s: number;
    lost: number;
    refusedByDiscord: number;
    rssStartMb: number;
    rssEndMb: number;
    rssSlopeMbPerMinute: number;
  };
  faults: {
    gatewayDropsSurvived: boolean;
    rateLimitedRetried: boolean;
    serverErrorsSurvived: boolean;
    expiredTokenSurvived: boolean;
    corruptRefreshRefused: boolean;
    asksDuringCorruption: number;
    answeredFromLastGood: number;
    builtIndexIntact: boolean;
  };
  permissions: { attempts: number; refused: number; knowledgeUnchanged: boolean };
  botAliveAtEnd: boolean;
  handlerErrors: number;
  /** The first distinct error lines the bot logged, for whoever fixes them. */
  errorSamples: string[];
}

const QUESTIONS = [
  'Was Putin personally involved in the hacks?',
  'who is john sipher',
  'what did mcfaul say about putin',
  'why did russian sources go quiet',
  'what is the weather in moscow',
  'when was putin re-elected',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Least-squares slope of samples (minutes, MB): a leak shows as a steady climb. */
function slope(samples: Array<[number, number]>): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanX = samples.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = samples.reduce((sum, [, y]) => sum + y, 0) / n;
  const numerator = samples.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = samples.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}

async function settle<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed ?? 7);
  const knowledge = copyKnowledge();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dossier-soak-data-'));
  const fake = await FakeDiscord.start({ interactionDeadlineMs: options.enforceDeadline === false ? 0 : 3000 });
  const files = await startFileServer();
  let child: ChildProcess | null = null;
  let stderr = '';
  let exited = false;
  try {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: childEnv({
        DISCORD_TOKEN: fake.token,
        DISCORD_API_BASE: fake.apiBase,
        MODERATOR_ROLE_IDS: fake.moderatorRoleId,
        ANSWER_CHANNEL_IDS: fake.otherChannelId,
        KNOWLEDGE_DIR: knowledge.dir,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('exit', () => (exited = true));
    await fake.waitForReady(60_000);
    // Warm-up: one question builds the engine, one refresh loads what a rebuild needs (WordNet), so neither
    // Discord's three seconds nor the memory trend of the load phase pays for a one-time start.
    await fake.sendCommand('ask', [{ name: 'question', type: Option.String, value: 'warm up' }]).callback(20_000);
    await fake
      .sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], { roles: [fake.moderatorRoleId] })
      .finalMessage(60_000);
    let userCounter = 0;
    const user = () => `8${String(++userCounter).padStart(17, '0')}`;

    // ── Hostile input ──────────────────────────────────────────────────────────
    log(`hostile: ${options.hostileInteractions} interactions and messages`);
    let hostileMessages = 0;
    let hostileInteractions = 0;
    let unanswered = 0;
    const unansweredKinds: Record<string, number> = {};
    const miss = (kind: string) => () => {
      unanswered++;
      unansweredKinds[kind] = (unansweredKinds[kind] ?? 0) + 1;
    };
    const inFlight = new Set<Promise<unknown>>();
    for (let index = 0; index < options.hostileInteractions; index++) {
      const kind = random();
      let pending: Promise<unknown>;
      if (kind < 0.45) {
        hostileInteractions++;
        const handle = fake.sendCommand('ask', [{ name: 'question', type: Option.String, value: hostileText(random) }], { userId: user() });
        pending = handle.callback(10_000).catch(miss('ask'));
      } else if (kind < 0.6) {
        hostileInteractions++;
        pending = fake.sendCommand('ask', malformedOptions(random), { userId: user() }).callback(10_000).catch(miss('malformed ask'));
      } else if (kind < 0.7) {
        hostileInteractions++;
        pending = fake
          .sendCommand('claims', [{ name: 'subject', type: Option.String, value: hostileText(random, 300) }], { userId: user() })
          .callback(10_000)
          .catch(miss('claims'));
      } else if (kind < 0.8) {
        hostileInteractions++;
        const focused = [{ name: 'subject', type: Option.String, value: hostileText(random, 500), focused: true }];
        pending = fake.sendAutocomplete('claims', focused, { userId: user() }).callback(10_000).catch(miss('autocomplete'));
      } else if (kind < 0.85) {
        hostileInteractions++;
        pending = fake
          .sendButton(hostileText(random, 100) || 'x', { id: '1000000000000000001' }, { userId: user() })
          .callback(10_000)
          .catch(miss('button'));
      } else {
        hostileMessages++;
        const mention = random() < 0.7;
        pending = fake.sendMessage(`${mention ? `<@${fake.botUser.id}> ` : ''}${hostileText(random, 4000)}`, {
          mentionBot: mention,
          channelId: random() < 0.5 ? fake.channelId : fake.otherChannelId,
          authorId: user(),
        });
      }
      inFlight.add(pending);
      void pending.finally(() => inFlight.delete(pending));
      if (inFlight.size >= 40) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const hostileRequests = fake.requests.length;

    // ── Load, with faults injected while it runs ───────────────────────────────
    log(`load: ${options.askers} askers for ${options.loadSeconds} s, with faults`);
    const latencies: number[] = [];
    let questions = 0;
    let answered = 0;
    let unacknowledged = 0;
    let lost = 0;
    let refusedAnswers = 0;
    const rss: Array<[number, number]> = [];
    const loadStart = Date.now();
    const loadEnd = loadStart + options.loadSeconds * 1000;
    const sampler = setInterval(() => rss.push([(Date.now() - loadStart) / 60_000, rssMb(child!.pid!)]), 1000);
    const faults = {
      gatewayDropsSurvived: false,
      rateLimitedRetried: false,
      serverErrorsSurvived: false,
      expiredTokenSurvived: false,
      corruptRefreshRefused: false,
      asksDuringCorruption: 0,
      answeredFromLastGood: 0,
      builtIndexIntact: false,
    };
    let corruption: { from: number; to: number } | null = null;
    const askers = Array.from({ length: options.askers }, async (_, asker) => {
      const userId = `7${String(asker).padStart(17, '0')}`;
      await new Promise((resolve) => setTimeout(resolve, (asker * 3000) / options.askers));
      while (Date.now() < loadEnd) {
        const started = Date.now();
        const handle: InteractionHandle = fake.sendCommand(
          'ask',
          [{ name: 'question', type: Option.String, value: QUESTIONS[(asker + questions) % QUESTIONS.length]! }],
          { userId },
        );
        questions++;
        const callback = await settle(handle.callback(10_000));
        const took = Date.now() - started;
        if (!callback) {
          unacknowledged++;
          // An answer Discord itself refused (the injected 500s) is the fault working, not the bot losing it.
          const refusedByDiscord = fake.requests.some(
            (request) => request.path.includes(`/interactions/${handle.id}/`) && (request.status ?? 0) >= 500,
          );
          if (refusedByDiscord) refusedAnswers++;
          else lost++;
        } else {
          latencies.push(took);
          if (took > 3000) unacknowledged++;
          if (callback.data?.embeds?.length) answered++;
          if (corruption && started >= corruption.from && started <= corruption.to) {
            faults.asksDuringCorruption++;
            // Answered: an answer or an honest "not covered", whichever the last good knowledge gives.
            if (callback.data?.embeds?.length) faults.answeredFromLastGood++;
          }
        }
        // Discord users wait for an answer; each asker respects the bot's 3-second cooldown.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3100 - took)));
      }
    });
    const at = (fraction: number) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, loadStart + fraction * options.loadSeconds * 1000 - Date.now())));
    const faultScript = (async () => {
      await at(0.15);
      fake.closeGateway();
      const afterDrop = await settle(fake.sendCommand('sources', [], { userId: user() }).callback(20_000));
      faults.gatewayDropsSurvived = afterDrop?.type === 4;

      await at(0.3);
      fake.failNextRequests(
        (request) => request.path.endsWith('/callback'),
        Array.from({ length: 5 }, () => ({ status: 429, headers: { 'retry-after': '0.3' } })),
      );
      const limited = await settle(fake.sendCommand('help', [], { userId: user() }).callback(20_000));
      faults.rateLimitedRetried = limited?.type === 4;

      await at(0.4);
      fake.failNextRequests(
        (request) => request.path.endsWith('/callback'),
        Array.from({ length: 6 }, () => ({ status: 500 })),
      );
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const afterErrors = await settle(fake.sendCommand('sources', [], { userId: user() }).callback(20_000));
      faults.serverErrorsSurvived = afterErrors?.type === 4;

      await at(0.5);
      // The interaction's token expires before the deferred answer is written.
      fake.failNextRequests(
        (request) => /\/webhooks\/.+\/messages\/@original$/.test(request.path) && request.method === 'PATCH',
        [{ status: 404, body: { message: 'Unknown Webhook', code: 10015 } }],
      );
      const expired = fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], {
        userId: user(),
        roles: [fake.moderatorRoleId],
      });
      await settle(expired.callback(20_000));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const afterExpiry = await settle(fake.sendCommand('sources', [], { userId: user() }).callback(20_000));
      faults.expiredTokenSurvived = afterExpiry?.type === 4 && !exited;

      await at(0.6);
      const qaFile = path.join(knowledge.dir, 'qa.json');
      const goodQa = readFileSync(qaFile, 'utf8');
      corruption = { from: Date.now(), to: Number.POSITIVE_INFINITY };
      writeFileSync(qaFile, '[{"id": "broken", "question": ');
      const refresh = fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], {
        userId: user(),
        roles: [fake.moderatorRoleId],
      });
      const refreshed = await settle(refresh.finalMessage(30_000));
      faults.corruptRefreshRefused = /Refresh failed/.test(JSON.stringify(refreshed?.embeds ?? []));
      await at(0.8);
      corruption.to = Date.now();
      writeFileSync(qaFile, goodQa);
    })();
    await Promise.all([...askers, faultScript]);
    clearInterval(sampler);
    try {
      const built = JSON.parse(readFileSync(path.join(knowledge.dir, '.built', 'index.json'), 'utf8')) as { passages?: unknown[] };
      faults.builtIndexIntact = Array.isArray(built.passages) && built.passages.length > 0;
    } catch {
      faults.builtIndexIntact = false;
    }

    // ── Permissions ────────────────────────────────────────────────────────────
    log('permissions: every moderator action from a member, with forged values');
    const before = JSON.stringify(snapshotFolder(knowledge.dir));
    const attachment = fake.addAttachment({
      filename: '../../etc/passwd.txt',
      url: files.put('evil.txt', 'Evil | Outlet\n\nA forged report that must never be stored.\n'),
      size: 60,
    });
    const forged: Array<() => InteractionHandle> = [
      ...['refresh', 'status', 'add-qa', 'gaps', 'audit'].map(
        (name) => () => fake.sendCommand('kb', [{ name, type: Option.Subcommand, options: [] }], { userId: user() }),
      ),
      () =>
        fake.sendCommand(
          'kb',
          [{ name: 'add-source', type: Option.Subcommand, options: [{ name: 'file', type: 11, value: attachment }] }],
          { userId: user(), permissions: '0' },
        ),
      () =>
        fake.sendCommand(
          'kb',
          [{ name: 'remove-source', type: Option.Subcommand, options: [{ name: 'source', type: Option.String, value: REPORT_003 }] }],
          { userId: user() },
        ),
      () =>
        fake.sendCommand(
          'kb',
          [
            {
              name: 'remove-source',
              type: Option.Subcommand,
              options: [{ name: 'source', type: Option.String, value: '../../package.json' }],
            },
          ],
          { userId: user() },
        ),
      () =>
        fake.sendCommand(
          'kb',
          [{ name: 'remove-qa', type: Option.Subcommand, options: [{ name: 'qa', type: Option.String, value: 'who-is-michael-mcfaul' }] }],
          { userId: user() },
        ),
      () =>
        fake.sendCommand('kb', [{ name: 'gaps', type: Option.Subcommand, options: [{ name: 'days', type: 4, value: -5 }] }], {
          userId: user(),
        }),
      () =>
        fake.sendModalSubmit(
          'dossier-add-qa',
          { question: 'forged', alternatives: '', answer: 'forged', source: REPORT_003, quote: 'Putin' },
          { userId: user() },
        ),
      () => fake.sendButton('dossier-confirm:1:yes', { id: '1000000000000000002' }, { userId: user() }),
      () => fake.sendButton('dossier-gap:anything', { id: '1000000000000000003' }, { userId: user() }),
      // A member holding the role id in a forged payload but not the permission is still refused: roles come from Discord.
      () =>
        fake.sendCommand('kb', [{ name: 'refresh', type: Option.Subcommand, options: [] }], {
          userId: user(),
          roles: ['999999999999999999'],
        }),
    ];
    let refused = 0;
    for (const attempt of forged) {
      const callback = await settle(attempt().callback(10_000));
      if (callback?.data?.content === 'Only moderators can manage the knowledge base.') refused++;
    }
    const knowledgeUnchanged = JSON.stringify(snapshotFolder(knowledge.dir)) === before;

    // ── Wire checks over everything sent ───────────────────────────────────────
    let outsideLimits = 0;
    let mentionParsing = 0;
    for (const request of fake.requests) {
      const body = outgoingMessage(request);
      if (!body) continue;
      if (messageProblems(body).length > 0 || request.status === 400) outsideLimits++;
      if (!body.allowed_mentions || !Array.isArray(body.allowed_mentions.parse) || body.allowed_mentions.parse.length > 0) mentionParsing++;
    }
    latencies.sort((a, b) => a - b);
    const unhandled = (stderr.match(/Unhandled rejection/g) ?? []).length;
    const handlerErrors = (stderr.match(/ERROR Interaction/g) ?? []).length;
    log(`done: ${fake.requests.length} requests (${hostileRequests} during the hostile phase)`);
    return {
      options,
      hostile: {
        interactions: hostileInteractions,
        messages: hostileMessages,
        crashes: exited ? 1 : 0,
        unhandledRejections: unhandled,
        repliesOutsideLimits: outsideLimits,
        mentionParsingMessages: mentionParsing,
        unanswered,
        unansweredKinds,
      },
      load: {
        askers: options.askers,
        seconds: options.loadSeconds,
        questions,
        answered,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        unacknowledgedAfter3s: unacknowledged,
        lost,
        refusedByDiscord: refusedAnswers,
        rssStartMb: rss[0]?.[1] ?? 0,
        rssEndMb: rss.at(-1)?.[1] ?? 0,
        // The first tenth is warm-up (JIT, caches); the trend is read over the rest.
        rssSlopeMbPerMinute: slope(rss.slice(Math.floor(rss.length / 10))),
      },
      faults,
      permissions: { attempts: forged.length, refused, knowledgeUnchanged },
      botAliveAtEnd: !exited,
      handlerErrors,
      errorSamples: [
        ...new Set(
          stderr
            .split('\n')
            .filter((line) => / (ERROR|WARN) /.test(line))
            .map((line) => line.replace(/^\S+ /, '').replace(/\d+/g, 'N').slice(0, 300)),
        ),
      ].slice(0, 12),
    };
  } finally {
    child?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    child?.kill('SIGKILL');
    await files.stop();
    await fake.stop();
    knowledge.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
