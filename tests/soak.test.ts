import { describe, expect, it } from 'vitest';
import { runSoak } from './soak/soak.ts';

/** A shortened `npm run soak`: the same parts, fewer interactions and a shorter load, held to the same zeros. */
describe('soak (short)', () => {
  it('survives hostile input, load, faults and forged moderator actions', async () => {
    const report = await runSoak({ hostileInteractions: 400, askers: 20, loadSeconds: 12, seed: 11, enforceDeadline: false });
    expect(report.botAliveAtEnd).toBe(true);
    expect(report.hostile).toMatchObject({
      crashes: 0,
      unhandledRejections: 0,
      repliesOutsideLimits: 0,
      mentionParsingMessages: 0,
      unanswered: 0,
    });
    // Within 3 s is a timing figure for `npm run soak`; here every question must simply be answered.
    expect(report.load.lost).toBe(0);
    expect(report.load.answered).toBeGreaterThan(0);
    expect(report.faults).toMatchObject({
      gatewayDropsSurvived: true,
      rateLimitedRetried: true,
      serverErrorsSurvived: true,
      expiredTokenSurvived: true,
      corruptRefreshRefused: true,
      builtIndexIntact: true,
    });
    expect(report.faults.answeredFromLastGood).toBe(report.faults.asksDuringCorruption);
    expect(report.permissions.refused).toBe(report.permissions.attempts);
    expect(report.permissions.knowledgeUnchanged).toBe(true);
  }, 120_000);
});
