import { describe, expect, it } from 'vitest';
import { replayObservationsFile } from '../../src/io/readObservations.js';
import { buildResults, nextActions, type Results } from '../../src/report/index.js';
import { stringifyStable } from '../../src/report/stringifyStable.js';
import { planGuardFix, runSeed } from '../../src/risk/index.js';
import { defaultResults, readDefaultPlan } from './defaultScenario.js';
import { META, makePlan, makeRehearsal } from './fixtures.js';

const kinds = (results: Results) => nextActions(results).map((action) => action.kind);
const textOf = (results: Results, kind: string) =>
  nextActions(results).find((action) => action.kind === kind)?.text;

/**
 * Run 16 of the default scenario's risk study (runSeed(20251031, 16)), its first run that passes the
 * canary with fewer error-free requests than show a rate below 1% and rolls back in the ramp: the ramp's
 * 30 s error-rate guard trips at 52m30s on one error in a thin window, with no regression.
 */
const THIN_WINDOW_SEED = 4316137345178438;

describe('nextActions', () => {
  it('explains a guard tripped by one error in a thin window, and recommends the one setting risk.md recommends', async () => {
    expect(runSeed(20251031, 16)).toBe(THIN_WINDOW_SEED);
    const results = await defaultResults(THIN_WINDOW_SEED);
    expect(results.outcome.cause).toEqual({ kind: 'guard', metric: 'errorRate' });
    const text = textOf(results, 'guard-noise')!;
    // One error in n requests is above 1.5% for n < 66.7: 67 requests; the ramp served 1,690 in 52m30s, so
    // a 30 s window holds 1,690 / 105 ≈ 16. Clopper–Pearson's upper end for 1 in 1,690 is
    // scipy.stats.beta.ppf(0.975, 2, 1689) = 0.329%.
    expect(text).toContain('trailing 30s window that holds about 16 requests');
    expect(text).toContain('(1,690 requests in 52m30s)');
    expect(text).toContain('one error in fewer than 67 requests is above 1.50%');
    expect(text).toContain('1 error in 1,690 requests (0.059%, 95% interval up to 0.33%, below 1.50%)');
    // The setting is planGuardFix's, recorded in results.json, the very function risk.json's planFixes hold.
    expect(results.guardFixes).toEqual([
      JSON.parse(stringifyStable(planGuardFix(await readDefaultPlan(), 0))),
    ]);
    expect(text).toContain(
      'The recommended setting, the one rehearse risk computes for every phase: monitoring.window: 1m with errorRate: { above: 0.015, consecutive: 26 } in guards.rollbackWhen: noise trips it under 0.01% of any phase',
    );
    expect(text).toContain('the cost is detection delay: a real outage rolls back after 13m1s');
    expect(text).not.toContain('minRequests: 67');
    expect(kinds(results)).not.toContain('rollback');
  });

  it('under a diurnal profile, states the window at the hour of the trip; without a recorded setting, points to risk', async () => {
    const flat = await defaultResults(THIN_WINDOW_SEED);
    // The same rehearsal's counts, told that 16:00–17:00 UTC carries a tenth of the traffic of the ramp's
    // first hour (14:00, when it ran). At 1,690 requests in 52m30s, a 30 s window at 14:00 still holds 16.
    const factors = Array.from({ length: 24 }, (_, hour) => (hour === 16 ? 0.1 : 1));
    const results: Results = { ...flat, model: { ...flat.model, diurnal: true, diurnalFactors: factors } };
    const text = textOf(results, 'guard-noise')!;
    expect(text).toContain(
      'window that holds about 16 requests at the traffic of 14:00 UTC (1,690 requests in 52m30s, spread over the day by the diurnal profile)',
    );
    const { guardFixes: _recorded, ...older } = results;
    expect(textOf(older, 'guard-noise')).toContain(
      'rehearse risk on this scenario computes the guard setting that keeps it quiet in every phase, or says that none can, and what it costs.',
    );
    // The canary's 368 error-free requests at 357 in 2h take 7,421.8 s: 2h4m in 30 s steps.
    expect(textOf(results, 'evidence')).toContain("2h4m at this phase's average traffic");
  });

  it('flags passed error-rate limits the counts cannot show, with the requests it would take', async () => {
    const text = textOf(await defaultResults(THIN_WINDOW_SEED), 'evidence')!;
    // Zero errors show p < 1% at 95% once 1 − 0.025^(1/n) < 0.01: n > ln 0.025 / ln 0.99 = 367.04; the
    // canary's 357 requests in 2h reach 368 after 7,421.8 s, 2h4m in 30 s steps.
    expect(text).toContain(
      'In canary the errorRate < 1.00% gate passed, but 0 errors in 357 requests cannot show a rate below 1.00%',
    );
    expect(text).toContain('at least 368 requests without an error: 2h4m at this phase');
  });

  it('prices the delay when the rollout did not complete, and always says what one run cannot', async () => {
    const results = await defaultResults();
    expect(textOf(results, 'delay')).toContain(
      'each day costs $7,945 of the measured uplift ($2.9M a year at full exposure)',
    );
    expect(kinds(results).at(-1)).toBe('risk');
    expect(textOf(results, 'risk')).toContain('one rehearsal (seed 20251031)');
  });

  it('for recorded metrics, says what the data covers and checks, and nothing about other seeds', async () => {
    const plan = await readDefaultPlan();
    const { rehearsal, replay } = await replayObservationsFile(
      'scenarios/observed/sprint2-canary.csv',
      plan,
      {
        lenient: false,
      },
    );
    const results: Results = { ...buildResults(plan, rehearsal, META), replay };
    expect(kinds(results)).toEqual(['partial', 'delay', 'data', 'data']);
    expect(textOf(results, 'partial')).toBe(
      'The replay observed canary (5 recorded points), and every recorded phase passed; ramp, rollout have no rows, ' +
        'so it cannot say whether the rollout completes. Replay again with their rows once they have run.',
    );
    expect(nextActions(results).map((action) => action.headline)).toContain(
      'A data check flagged the recorded metrics: small-sample-pass (4)',
    );
    expect(textOf(results, 'delay')).toContain("this replay's timeline");
  });

  it('names the broken gate of a rollback that is not guard noise', () => {
    const results = buildResults(makePlan(), makeRehearsal(), META);
    const gated: Results = {
      ...results,
      outcome: {
        ...results.outcome,
        cause: { kind: 'gate', metric: 'errorRate' },
        reason: 'errorRate 0.62% ≥ 0.50% limit',
      },
    };
    expect(textOf(gated, 'rollback')).toBe(
      'Find out why errorRate broke its gate in ramp (errorRate 0.62% ≥ 0.50% limit) before rehearsing again.',
    );
  });

  it('reports a completed rollout and no delay cost', async () => {
    const plan = await readDefaultPlan();
    const lenient = plan.phases.map((phase) => ({
      ...phase,
      gates: [{ metric: 'p99LatencyMs' as const, op: 'below' as const, threshold: 200 }],
    }));
    const results = await defaultResults(undefined, { guards: [], phases: lenient });
    expect(results.outcome.status).toBe('completed');
    expect(kinds(results)[0]).toBe('complete');
    expect(kinds(results)).not.toContain('delay');
  });
});
