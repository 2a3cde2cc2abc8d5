import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRiskTemplates } from '../../src/io/runRiskStudy.js';
import { formatRiskSummary, renderRiskFiles } from '../../src/report/index.js';
import {
  buildRisk,
  exactGate,
  guardNoise,
  judgesEnough,
  MIN_JUDGED_SHARE,
  NOISE_TARGET,
  phaseGuard,
  planGuardFix,
  smallestMinRequests,
  tallyRuns,
} from '../../src/risk/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { makePlan } from '../engine/makePlan.js';
import { expectRelativelyClose } from '../stats/support.js';
import { schemaErrors } from '../support/schemaErrors.js';

/*
 * The exact analysis under a diurnal profile, against values computed independently with scipy 1.17
 * (scipy.stats.poisson.pmf × binom.sf / binom.cdf summed over the request counts, each phase's intervals
 * enumerated as the engine walks them, with the factor of the UTC hour each interval starts in). The
 * analysis truncates each window's Poisson sum at 1e-12 of its mass, so its figures agree to ~1e-12
 * absolute per window; a relative tolerance of 1e-9 leaves room for 240 windows of that.
 */

const HOUR_MS = 3_600_000;
const ERROR_GUARD = { metric: 'errorRate', op: 'above', threshold: 0.015 } as const;

/** 24 raw hourly factors: 1 everywhere except the hours given. */
function profile(hours: Record<number, number>): number[] {
  return Array.from({ length: 24 }, (_, hour) => hours[hour] ?? 1);
}

/**
 * The reported case: 100 candidates at 2.4 requests per learner-hour send 2 requests per 30 s interval
 * on a flat day, so a single error (0.23% of requests) trips errorRate > 1.5%. The canary runs 12:00–14:00
 * UTC, and those two hours carry 0.14 of an ordinary hour's traffic (factor 0.14·24/22.28 = 0.1508).
 */
const reported = makePlan({
  requestsPerLearnerHour: 2.4,
  candidate: { errorRate: 0.0023, availability: 1 },
  guards: [ERROR_GUARD],
  diurnal: profile({ 12: 0.14, 13: 0.14 }),
  phases: [{ name: 'canary', learners: 100, durationMs: 2 * HOUR_MS, checkpointsMs: [2 * HOUR_MS] }],
});

describe('a one-interval guard under a diurnal profile (the reported case)', () => {
  it('trips in 15.34% of canaries, as 1 − Π(1 − q(λᵢ)) over its 240 intervals says; flat, it would be 66.85%', () => {
    const [finding] = guardNoise(reported);
    // scipy: λ = 2 × 0.15080789946140036 = 0.3016157989228007 requests per interval, q(λ) = 6.934757719752681e-4.
    expectRelativelyClose(finding!.expectedRequestsPerWindow, 0.3016157989228007, 1e-12);
    expectRelativelyClose(finding!.tripPerWindow, 6.934757719752681e-4, 1e-9);
    expect(finding!.checks).toBe(240);
    expectRelativelyClose(finding!.current.falseTrip.lower, 0.1533703431757526, 1e-9);
    expect(finding!.current.falseTrip.upper).toBe(finding!.current.falseTrip.lower);
    expect(finding!.quietestWindow).toEqual({
      hourUtc: 12,
      expectedRequests: finding!.expectedRequestsPerWindow,
    });
    // The same plan on a flat day: q(2) = 4.58943620402775e-3 and 1 − (1 − q)^240 = 0.6684577412151204 (scipy),
    // the figure the analysis gave for the profiled plan while it fixed the factor at 1.
    const [flat] = guardNoise({ ...reported, diurnal: null });
    expectRelativelyClose(flat!.current.falseTrip.lower, 0.6684577412151204, 1e-9);
    expect(flat!.quietestWindow).toBeUndefined();
    expect(flat!.current.quietest).toBeUndefined();
  });

  it('agrees with the Monte Carlo within four standard errors', () => {
    const runs = 4000;
    const exact = guardNoise(reported)[0]!.current.falseTrip.lower;
    const tally = tallyRuns(reported, { seed: 11, fidelity: 'aggregate', approve: true }, 0, runs);
    const tripped = tally.phases[0]!.guards[0]!.tripped / runs;
    // Each run trips or not: a proportion's standard error sqrt(p(1 − p)/R) = 0.0057 at p = 0.153.
    expect(Math.abs(tripped - exact)).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / runs));
  });

  it('reports the exact chance in the terminal summary and risk.md', async () => {
    const risk = buildRisk(
      {
        plan: reported,
        settings: { seed: 3, fidelity: 'aggregate', approve: true },
        runs: 200,
        effectSamples: null,
      },
      tallyRuns(reported, { seed: 3, fidelity: 'aggregate', approve: true }, 0, 200),
      { tool: { name: 'rollout-rehearsal', version: 'test' }, scenarioFile: 'reported.yaml' },
    );
    expect(formatRiskSummary(risk)).toMatch(/trips on noise alone: 15\.34% of phases \(exact\)/);
    const files = await renderRiskFiles(
      risk,
      await readRiskTemplates(join(import.meta.dirname, '../../templates')),
    );
    const markdown = files.find((file) => file.name === 'risk.md')!.content;
    expect(markdown).toContain(
      'Its 30s window holds 0.30 requests on average (traffic follows the diurnal profile: 0.30 in the quietest hour, 12:00 UTC, 0.30 in the busiest, 12:00 UTC)',
    );
    expect(markdown).toContain('noise alone trips it with probability 15.34% (exact, outages aside;');
  });
});

/**
 * Gates: 5,000 candidates at 0.38 requests per learner-hour (1,900 an hour on a flat day), hour 12 at raw
 * 0.05 and hour 13 at 1.5 (factors 0.05095 and 1.529); a checkpoint at 1h0m15s cuts the interval that
 * starts at 13:00 in two, as the engine does.
 */
function gatePlan(window: 'cumulative' | 'since-last-checkpoint'): Plan {
  return makePlan({
    requestsPerLearnerHour: 0.38,
    candidate: { errorRate: 0.00079, availability: 1 },
    diurnal: profile({ 12: 0.05, 13: 1.5 }),
    phases: [
      {
        name: 'canary',
        learners: 5000,
        durationMs: 2 * HOUR_MS,
        checkpointsMs: [HOUR_MS, HOUR_MS + 15_000, 2 * HOUR_MS],
        gates: [{ metric: 'errorRate', op: 'below', threshold: 0.01 }],
        window,
      },
    ],
  });
}

describe('an errorRate gate under a diurnal profile', () => {
  it.each<[string, 'cumulative' | 'since-last-checkpoint', number, number, number]>([
    // [checkpoint, window, expected requests, P(fail), mean factor]: scipy, λ = 1,900 × Σ factor × hours
    ['1h', 'cumulative', 96.81528662420382, 0.04646044505922864, 0.050955414012738856],
    ['1h15s', 'cumulative', 108.9171974522293, 0.01820741315311558, 0.05708697835452071],
    ['2h', 'cumulative', 3001.2738853503183, 3.127898123141612e-23, 0.7898089171974522],
    ['2h', 'since-last-checkpoint', 2892.356687898089, 1.8339223580704243e-22, 1.5286624203821655],
  ])('the %s checkpoint (%s): λ = %d requests, P(fail) = %d', (label, window, lambda, pFail, factor) => {
    const plan = gatePlan(window);
    const checkpoint = exactGate(plan, 0, plan.phases[0]!.gates[0]!)!.checkpoints.find(
      (each) => each.label === label,
    )!;
    expectRelativelyClose(checkpoint.expectedRequests, lambda, 1e-12);
    // P(fail) to 1e-9 relative, or 1e-12 absolute: the sum's own accuracy (1 − I_x leaves 1e-16 per term).
    expect(Math.abs(checkpoint.pFail - pFail)).toBeLessThanOrEqual(1e-9 * pFail + 1e-12);
    expectRelativelyClose(checkpoint.meanDiurnalFactor!, factor, 1e-12);
    expect(checkpoint.pPass + checkpoint.pFail + checkpoint.pInconclusive).toBeCloseTo(1, 12);
  });

  it('walks the intervals as the engine does: the cut checkpoint adds one check', () => {
    const plan = makePlan({
      guards: [ERROR_GUARD],
      diurnal: profile({ 12: 0.05 }),
      phases: [{ name: 'canary', durationMs: 2 * HOUR_MS, checkpointsMs: [HOUR_MS + 15_000, 2 * HOUR_MS] }],
    });
    expect(guardNoise(plan)[0]!.checks).toBe(241);
    const flat = makePlan({ diurnal: null, phases: [{ name: 'canary' }], guards: [ERROR_GUARD] });
    expect(
      exactGate(flat, 0, { metric: 'errorRate', op: 'below', threshold: 0.01 })!.checkpoints[0],
    ).not.toHaveProperty('meanDiurnalFactor');
  });
});

describe('a guard window of four intervals under a diurnal profile: bounds, not an exact figure', () => {
  // 1,000 candidates at 0.6 requests per learner-hour: 5 per interval on a flat day, hour 12 at factor
  // 0.2069; errors 0.01%. scipy over the 240 checks: Boole's Σⱼ q(Λⱼ) = 0.29456477087714006 (partial
  // windows at the start included), the 60 disjoint windows 1 − Π(1 − q) = 0.0717765222234183.
  const plan = makePlan({
    requestsPerLearnerHour: 0.6,
    candidate: { errorRate: 0.0001, availability: 1 },
    guardWindowMs: 120_000,
    guards: [ERROR_GUARD],
    diurnal: profile({ 12: 0.2 }),
    phases: [{ name: 'canary', learners: 1000, durationMs: 2 * HOUR_MS, checkpointsMs: [2 * HOUR_MS] }],
  });

  it('bounds the phase’s trip chance exactly as the closed forms say, and the Monte Carlo lies between', () => {
    const { falseTrip } = guardNoise(plan)[0]!.current;
    expectRelativelyClose(falseTrip.upper, 0.29456477087714006, 1e-9);
    expectRelativelyClose(falseTrip.lower, 0.0717765222234183, 1e-9);
    const runs = 4000;
    const tripped = tallyRuns(plan, { seed: 5, fidelity: 'aggregate', approve: true }, 0, runs).phases[0]!
      .guards[0]!.tripped;
    const se = (p: number) => Math.sqrt((p * (1 - p)) / runs);
    expect(tripped / runs).toBeGreaterThanOrEqual(falseTrip.lower - 4 * se(falseTrip.lower));
    expect(tripped / runs).toBeLessThanOrEqual(falseTrip.upper + 4 * se(falseTrip.upper));
  });
});

describe('the recommended fix under a diurnal profile reaches the quietest hour', () => {
  // 5,000 candidates at 0.38 requests per learner-hour over 12 h from 12:00 UTC; 20:00–21:00 carries
  // 5% of an ordinary hour's traffic, so a 30 s window there holds 0.82 requests and a 10-minute one 16.
  const plan = makePlan({
    requestsPerLearnerHour: 0.38,
    candidate: { errorRate: 0.00079, availability: 1 },
    guards: [ERROR_GUARD],
    diurnal: profile({ 20: 0.05 }),
    phases: [{ name: 'ramp', learners: 5000, durationMs: 12 * HOUR_MS, checkpointsMs: [12 * HOUR_MS] }],
  });

  it('skips a window whose minRequests is out of reach at 20:00, though it judges 90% of windows on average', () => {
    const model = phaseGuard(plan, 0, ERROR_GUARD);
    const tenMinutes = smallestMinRequests(model, 20)!;
    expect(tenMinutes.falseTrip.upper).toBeLessThanOrEqual(NOISE_TARGET);
    expect(tenMinutes.judgedShare).toBeGreaterThanOrEqual(MIN_JUDGED_SHARE);
    expect(tenMinutes.quietest!.hourUtc).toBe(20);
    // scipy: λ = 1,900 × (24 × 0.05/23.05) / 6 = 16.4859 requests; P(Poisson(16.49) ≥ minRequests) < 1e-40.
    expectRelativelyClose(tenMinutes.quietest!.expectedRequests, 16.48590021691974, 1e-12);
    expect(tenMinutes.quietest!.judgedShare).toBeLessThan(1e-20);
    expect(tenMinutes.blindHoursUtc).toContain(20);
    expect(judgesEnough(tenMinutes, false)).toBe(true);
    expect(judgesEnough(tenMinutes, true)).toBe(false);
  });

  it('recommends the shortest window that judges 90% of windows at every hour, and says so', () => {
    const { windowFix } = guardNoise(plan)[0]!;
    expect(windowFix!.windowMs).toBe(2 * HOUR_MS);
    expect(windowFix!.falseTrip.upper).toBeLessThanOrEqual(NOISE_TARGET);
    expect(windowFix!.quietest!.judgedShare).toBeGreaterThanOrEqual(MIN_JUDGED_SHARE);
    expect(windowFix!.blindHoursUtc).toEqual([]);
    // Every shorter candidate window either misses the target or cannot judge the quiet hour.
    const model = phaseGuard(plan, 0, ERROR_GUARD);
    for (const intervals of [2, 4, 10, 20, 30, 60, 120]) {
      const fix = smallestMinRequests(model, intervals);
      expect(fix === null || !judgesEnough(fix, true)).toBe(true);
    }
  });

  it('names the hours a plan-wide setting cannot judge when no window up to the shortest phase can', async () => {
    // A 1 h canary limits the scenario's one guard window to 1 h; the 24 h ramp's 18:00–20:00 carry 1%
    // of an ordinary hour's traffic, so no window of at most 1 h holds minRequests there.
    const twoPhases = makePlan({
      requestsPerLearnerHour: 0.38,
      candidate: { errorRate: 0.00079, availability: 1 },
      guards: [ERROR_GUARD],
      diurnal: profile({ 18: 0.01, 19: 0.01 }),
      phases: [
        { name: 'canary', learners: 50_000, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS] },
        { name: 'ramp', learners: 50_000, durationMs: 24 * HOUR_MS, checkpointsMs: [24 * HOUR_MS] },
      ],
    });
    const fix = planGuardFix(twoPhases, 0)!;
    expect(fix.windowMs).toBeLessThanOrEqual(HOUR_MS);
    const [canary, ramp] = fix.phases;
    expect(canary!.blindHoursUtc).toEqual([]);
    // The windows checked at 20:00–20:10 still hold dead minutes of 19:00.
    expect(ramp!.blindHoursUtc).toEqual([18, 19, 20]);
    for (const phase of fix.phases) {
      expect(phase.falseTrip.upper).toBeLessThanOrEqual(NOISE_TARGET);
      expect(phase.judgedShare).toBeGreaterThanOrEqual(MIN_JUDGED_SHARE);
    }
    const settings = { seed: 3, fidelity: 'aggregate', approve: true } as const;
    const risk = buildRisk(
      { plan: twoPhases, settings, runs: 20, effectSamples: null },
      tallyRuns(twoPhases, settings, 0, 20),
      { tool: { name: 'rollout-rehearsal', version: 'test' }, scenarioFile: 'two-phases.yaml' },
    );
    const files = await renderRiskFiles(
      risk,
      await readRiskTemplates(join(import.meta.dirname, '../../templates')),
    );
    const json = JSON.parse(String(files.find((file) => file.name === 'risk.json')!.content));
    expect(schemaErrors('risk', json)).toEqual([]);
    expect(json.noise.guards[1].quietestWindow.hourUtc).toBe(18);
    for (const name of ['risk.md', 'risk.html']) {
      const text = files.find((file) => file.name === name)!.content;
      expect(text).toContain('No setting judges every hour of every phase');
      expect(text).toContain('the ramp at 18:00–21:00 UTC');
      expect(text).toContain('in the quietest hour, 18:00 UTC');
    }
  });
});
