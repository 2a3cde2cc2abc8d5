import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Operator } from '../../src/gates/index.js';
import {
  binomialCdf,
  gateOperatingCharacteristic,
  tallyRuns,
  tripAtLeastOnce,
  tripUnionBound,
} from '../../src/risk/index.js';
import {
  binomialCdfByBeta,
  holdsGivenRequests,
  requestTable,
} from '../../src/risk/operatingCharacteristic.js';
import { makePlan } from '../engine/makePlan.js';

const MINUTE_MS = 60_000;

/** A direct sum over n ≤ 200 and k ≤ n of Poisson × binomial pmfs, in logs: an independent check of the beta route. */
function bruteForce(lambda: number, e: number, holds: (k: number, n: number) => boolean, fewest: number) {
  const logFactorial = [0];
  for (let i = 1; i <= 400; i++) logFactorial.push(logFactorial[i - 1]! + Math.log(i));
  let pPass = 0;
  let pInconclusive = 0;
  for (let n = 0; n <= 200; n++) {
    const mass = Math.exp(n * Math.log(lambda) - lambda - logFactorial[n]!);
    if (n < Math.max(1, fewest)) {
      pInconclusive += mass;
      continue;
    }
    for (let k = 0; k <= n; k++) {
      const binomial = Math.exp(
        logFactorial[n]! -
          logFactorial[k]! -
          logFactorial[n - k]! +
          k * Math.log(e) +
          (n - k) * Math.log1p(-e),
      );
      if (holds(k, n)) pPass += mass * binomial;
    }
  }
  return { pPass, pInconclusive };
}

describe('binomialCdf', () => {
  it.each([
    // scipy.stats.binom.cdf(k, n, p), scipy 1.17
    [0, 10, 0.1, 0.3486784401],
    [2, 10, 0.1, 0.9298091736],
    [5, 20, 0.3, 0.41637082944748],
    [3, 1000, 0.001, 0.98107316654964],
    [-1, 5, 0.5, 0],
    [5, 5, 0.5, 1],
  ])('P(Binomial(%i ≤ k; n=%i, p=%f)) = %f', (k, n, p, expected) => {
    expect(binomialCdf(k, n, p)).toBeCloseTo(expected, 12);
  });
});

describe('binomialCdf: the screening of negligible tails', () => {
  /** k at z standard deviations from the mean n·e, inside [0, n − 1]. */
  const countAt = (n: number, e: number, z: number) =>
    Math.min(n - 1, Math.max(0, Math.round(n * e + z * Math.sqrt(n * e * (1 - e)))));

  it('returns the very double the incomplete beta gives, in both tails, far and near', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 1e-6, max: 0.999, noNaN: true }),
        fc.double({ min: -60, max: 60, noNaN: true }),
        (n, e, z) => {
          const k = countAt(n, e, z);
          expect(Object.is(binomialCdf(k, n, e), binomialCdfByBeta(k, n, e))).toBe(true);
        },
      ),
      { numRuns: 3000, seed: 20261207 },
    );
  });

  it('returns the very double on a grid of counts, rates and distances from the mean', () => {
    // Up to a 13-day window at 100% traffic (~5.9 M requests); rates up to where the beta changes sides.
    for (const n of [10, 1_000, 100_000, 5_928_000])
      for (const e of [1e-5, 0.00079, 0.01, 0.3, 0.5, 0.9])
        for (let z = -60; z <= 60; z++) {
          const k = countAt(n, e, z);
          expect(Object.is(binomialCdf(k, n, e), binomialCdfByBeta(k, n, e))).toBe(true);
        }
  });
});

describe('requestTable: the counts where the condition has settled', () => {
  it('holds, at every n, the very double holdsGivenRequests gives', () => {
    const ops: Operator[] = ['below', 'max', 'above', 'min', 'within'];
    // Canary to 13 days at 100% traffic; thresholds above and below the rate, near and far.
    for (const lambda of [47.5, 380, 45_600, 5_928_000])
      for (const [errorRate, threshold] of [
        [0.00079, 0.01],
        [0.00079, 0.002],
        [0.00079, 0.0009],
        [0.004, 0.002],
        [0.02, 0.015],
        [0.5, 0.3],
      ] as const)
        for (const op of ops) {
          const table = requestTable({ expectedRequests: lambda, errorRate, op, threshold });
          for (let n = Math.max(1, table.lo); n <= table.hi; n++) {
            const expected = holdsGivenRequests(n, errorRate, op, threshold);
            if (!Object.is(table.holds[n - table.lo], expected))
              expect({ lambda, errorRate, threshold, op, n, holds: table.holds[n - table.lo] }).toEqual({
                lambda,
                errorRate,
                threshold,
                op,
                n,
                holds: expected,
              });
          }
        }
  });
});

describe('gateOperatingCharacteristic: closed forms', () => {
  it('a threshold that any error crosses: P(pass) = e^(−λe) − e^(−λ), P(inconclusive) = e^(−λ)', () => {
    // below 1e-9: only a window with no errors passes; Poisson thinning makes errors Poisson(λe).
    for (const [lambda, e] of [
      [1.5833, 0.00079],
      [16, 0.01],
      [120, 0.002],
    ] as const) {
      const oc = gateOperatingCharacteristic({
        expectedRequests: lambda,
        errorRate: e,
        op: 'below',
        threshold: 1e-9,
      });
      expect(oc.pInconclusive).toBeCloseTo(Math.exp(-lambda), 12);
      expect(oc.pPass).toBeCloseTo(Math.exp(-lambda * e) - Math.exp(-lambda), 12);
      expect(oc.pPass + oc.pFail + oc.pInconclusive).toBeCloseTo(1, 12);
      expect(oc.neglectedMass).toBeLessThan(1e-12);
    }
  });

  it.each([
    // Σₙ poisson.pmf(n, λ) · binom.cdf(kMax(n), n, e) in scipy 1.17: the canary's 2h and 15m checkpoints.
    [380, 0.99978204547572],
    [47.5, 0.96317033816213],
  ])(
    'the default canary errorRate < 1%% gate over λ = %f requests passes with probability %f (scipy)',
    (lambda, pPass) => {
      const oc = gateOperatingCharacteristic({
        expectedRequests: lambda,
        errorRate: 0.00079,
        op: 'below',
        threshold: 0.01,
      });
      expect(oc.pPass).toBeCloseTo(pPass, 12);
    },
  );

  it('no requests at all: always inconclusive', () => {
    expect(
      gateOperatingCharacteristic({ expectedRequests: 0, errorRate: 0.1, op: 'below', threshold: 0.5 }),
    ).toEqual({
      pPass: 0,
      pFail: 0,
      pInconclusive: 1,
      neglectedMass: 0,
    });
  });

  it.each<[number, number, Operator, number, number]>([
    [5, 0.05, 'below', 0.1, 0],
    [12, 0.1, 'max', 0.1, 0],
    [12, 0.1, 'above', 0.1, 3],
    [30, 0.02, 'min', 0.05, 10],
    [40, 0.02, 'within', 0.03, 0],
  ])(
    'λ=%f e=%f errorRate %s %f (minRequests %i) matches a direct double sum',
    (lambda, e, op, threshold, fewest) => {
      const compare: Record<Operator, (k: number, n: number) => boolean> = {
        below: (k, n) => k / n < threshold,
        above: (k, n) => k / n > threshold,
        max: (k, n) => k / n <= threshold,
        min: (k, n) => k / n >= threshold,
        within: (k, n) => Math.abs(k / n) <= threshold,
      };
      const oc = gateOperatingCharacteristic({
        expectedRequests: lambda,
        errorRate: e,
        op,
        threshold,
        minRequests: fewest,
      });
      const direct = bruteForce(lambda, e, compare[op], fewest);
      expect(oc.pPass).toBeCloseTo(direct.pPass, 11);
      expect(oc.pInconclusive).toBeCloseTo(direct.pInconclusive, 11);
    },
  );
});

describe('tripAtLeastOnce and tripUnionBound', () => {
  it('1 − (1 − q)^M, keeping the digits of tiny q', () => {
    expect(tripAtLeastOnce(0.1, 2)).toBeCloseTo(0.19, 15);
    // M·q − C(M, 2)·q² + …: the second term still shows at q = 1e-12.
    expect(tripAtLeastOnce(1e-12, 1000)).toBeCloseTo(1e-9 - 499_500e-24, 22);
    expect(tripAtLeastOnce(1, 3)).toBe(1);
    expect(tripAtLeastOnce(0.3, 0)).toBe(0);
  });

  it('Boole: the sum, capped at 1', () => {
    expect(tripUnionBound([0.1, 0.2])).toBeCloseTo(0.3, 15);
    expect(tripUnionBound([0.7, 0.6])).toBe(1);
  });
});

/**
 * The Monte Carlo against the exact sums: plans whose candidate is always up (no outages), one segment,
 * one phase at 100% traffic, so a window's requests are Poisson(learners × rate × window) and its errors
 * binomial. The tolerance is four standard errors of a proportion over R runs, sqrt(p(1 − p)/R).
 */
describe('the Monte Carlo agrees with the exact operating characteristic', () => {
  const runs = 3000;
  const withinFourSe = (observed: number, p: number) => {
    expect(Math.abs(observed / runs - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / runs) + 1e-12);
  };

  it.each<[number, number, Operator, number]>([
    [5, 0.05, 'below', 0.1],
    [40, 0.02, 'below', 0.03],
    [200, 0.01, 'below', 0.015],
    [12, 0.1, 'max', 0.1],
  ])('gate: λ=%f requests, e=%f, errorRate %s %f at one checkpoint', (lambda, e, op, threshold) => {
    const durationMs = 30 * MINUTE_MS;
    const plan = makePlan({
      learners: 100,
      requestsPerLearnerHour: (lambda / 100) * 2,
      candidate: { errorRate: e, availability: 1 },
      phases: [
        {
          name: 'canary',
          traffic: 1,
          durationMs,
          checkpointsMs: [durationMs],
          gates: [{ metric: 'errorRate', op, threshold }],
        },
      ],
    });
    const exact = gateOperatingCharacteristic({ expectedRequests: lambda, errorRate: e, op, threshold });
    const gate = tallyRuns(plan, { seed: 4, fidelity: 'aggregate', approve: true }, 0, runs).phases[0]!
      .gates[0]!;
    withinFourSe(gate.failed, exact.pFail);
    withinFourSe(gate.inconclusive, exact.pInconclusive);
    withinFourSe(runs - gate.failed - gate.inconclusive, exact.pPass);
  });

  it.each<[number, number, number]>([
    [2, 0.01, 0.3],
    [16, 0.004, 0.015],
    [60, 0.03, 0.08],
  ])(
    'guard: λ=%f requests per 30 s window, e=%f, errorRate above %f over 60 windows',
    (lambda, e, threshold) => {
      const plan = makePlan({
        learners: 100,
        requestsPerLearnerHour: (lambda / 100) * 120,
        candidate: { errorRate: e, availability: 1 },
        guards: [{ metric: 'errorRate', op: 'above', threshold }],
        phases: [{ name: 'canary', traffic: 1, durationMs: 30 * MINUTE_MS, checkpointsMs: [30 * MINUTE_MS] }],
      });
      const q = gateOperatingCharacteristic({
        expectedRequests: lambda,
        errorRate: e,
        op: 'above',
        threshold,
      }).pPass;
      const tally = tallyRuns(plan, { seed: 5, fidelity: 'aggregate', approve: true }, 0, runs);
      withinFourSe(tally.phases[0]!.guards[0]!.tripped, tripAtLeastOnce(q, 60));
    },
  );
});
