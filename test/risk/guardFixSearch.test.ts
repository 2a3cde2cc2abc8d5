import { describe, expect, it } from 'vitest';
import { ConditionTable } from '../../src/risk/conditionTable.js';
import { FIX_WINDOWS_MS, GuardModels } from '../../src/risk/phaseGuard.js';
import { guardFixWithWindow, planGuardFix } from '../../src/risk/planGuardFix.js';
import { logFactorials, mixtureDensity, RequestMixture } from '../../src/risk/requestMixture.js';
import { StartWindows } from '../../src/risk/startWindows.js';
import type { Plan } from '../../src/scenario/plan.js';
import { makePlan } from '../engine/makePlan.js';

/*
 * The recommendation's search keeps work between window lengths and tries windows in order of their outage
 * delay; these tests hold it to the direct computation: every window length evaluated afresh, and each
 * mixture built term by term. Both must agree exactly (toEqual on floats), as the results files do.
 */

const HOUR_MS = 3_600_000;

/** 24 raw hourly factors: 1 everywhere except the hours given. */
function profile(hours: Record<number, number>): number[] {
  return Array.from({ length: 24 }, (_, hour) => hours[hour] ?? 1);
}

/** The fix by the definition: every window length, fresh models each, the fastest outage delay (shorter first). */
function exhaustiveFix(plan: Plan, guardIndex: number) {
  const shortestPhaseMs = Math.min(...plan.phases.map((phase) => phase.durationMs));
  const lengths = [...new Set([plan.intervalMs, ...FIX_WINDOWS_MS])]
    .map((windowMs) => windowMs / plan.intervalMs)
    .filter((intervals) => Number.isInteger(intervals) && intervals * plan.intervalMs <= shortestPhaseMs);
  for (const quietHoursToo of [true, false]) {
    let best = null;
    for (const intervals of lengths) {
      const fix = guardFixWithWindow(plan, guardIndex, intervals, quietHoursToo, new GuardModels(plan));
      if (fix !== null && (best === null || fix.outageDetectionMs < best.outageDetectionMs)) best = fix;
    }
    if (best !== null) return best;
  }
  return null;
}

const phases = [
  { name: 'canary', traffic: 0.01, durationMs: 2 * HOUR_MS },
  { name: 'ramp', traffic: 0.1, durationMs: 4 * HOUR_MS },
  { name: 'rollout', traffic: 1, durationMs: 48 * HOUR_MS },
];

describe('planGuardFix against every window length evaluated afresh', () => {
  it.each([
    ['flat, 1.5% guard', makePlan({ learners: 500_000, phases, guards: [guard(0.015)] })],
    ['flat, 5% guard', makePlan({ learners: 500_000, phases, guards: [guard(0.05)] })],
    [
      'flat, always up',
      makePlan({ learners: 500_000, phases, guards: [guard(0.015)], candidate: { availability: 1 } }),
    ],
    [
      'diurnal with quiet evening hours',
      makePlan({
        learners: 500_000,
        phases,
        guards: [guard(0.015)],
        diurnal: profile({ 18: 0.05, 19: 0.05, 20: 0.2 }),
      }),
    ],
    [
      'diurnal, quiet hours inside the canary',
      makePlan({
        requestsPerLearnerHour: 0.38,
        candidate: { errorRate: 0.00079, availability: 1 },
        guards: [guard(0.015)],
        diurnal: profile({ 18: 0.01, 19: 0.01 }),
        phases: [
          { name: 'canary', learners: 50_000, durationMs: HOUR_MS, checkpointsMs: [HOUR_MS] },
          { name: 'ramp', learners: 50_000, durationMs: 24 * HOUR_MS, checkpointsMs: [24 * HOUR_MS] },
        ],
      }),
    ],
  ])('%s: the same fix', (_label, plan) => {
    expect(planGuardFix(plan, 0)).toEqual(exhaustiveFix(plan, 0));
  });
});

function guard(threshold: number) {
  return { metric: 'errorRate', op: 'above', threshold } as const;
}

describe('StartWindows: the phase-start mixtures continued from shorter ones', () => {
  const windows = Array.from({ length: 60 }, (_, j) => 158.3 * (j + 1) * (j % 7 === 3 ? 0.9 : 1));
  const table = new ConditionTable(0.00079, 'above', 0.015);

  /** A mixture's figures at every minRequests that matters, to compare float for float. */
  function figures(mixture: RequestMixture): number[] {
    const counts = Array.from({ length: mixture.hi + 2 }, (_, m) => m);
    return [
      mixture.lo,
      mixture.hi,
      ...counts.map((m) => mixture.atLeast(m)),
      ...counts.map((m) => mixture.trip(table, m)),
    ];
  }

  /** The mixture built directly, each window of weight 1. */
  function direct(prefix: readonly number[]): RequestMixture {
    const weighted = prefix.map((expectedRequests) => ({ expectedRequests, weight: 1 }));
    return new RequestMixture(mixtureDensity(weighted, logFactorials()));
  }

  it.each([
    ['ascending', [1, 3, 9, 19, 59]],
    ['descending', [59, 19, 9, 3, 1]],
    ['repeated and mixed', [9, 9, 0, 59, 3, 59]],
  ])('%s prefix lengths give the direct mixtures exactly', (_order, counts) => {
    const start = new StartWindows(logFactorials());
    for (const count of counts) {
      const prefix = windows.slice(0, count);
      expect(figures(start.mixture(prefix))).toEqual(figures(direct(prefix)));
    }
  });

  it('a sequence that does not continue the kept one is built afresh, still exactly', () => {
    const start = new StartWindows(logFactorials());
    start.mixture(windows.slice(0, 10));
    const other = windows.slice(0, 20).map((lambda, j) => (j === 4 ? lambda + 1 : lambda));
    expect(figures(start.mixture(other))).toEqual(figures(direct(other)));
  });
});
