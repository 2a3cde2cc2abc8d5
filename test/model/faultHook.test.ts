import { describe, expect, it } from 'vitest';
import { faultWindows, windowAt } from '../../src/model/faultWindows.js';
import {
  compileEffects,
  degradationLatencyFactor,
  type EffectsContext,
  FAULT_EFFECT_BUILDERS,
  lognormalMixture,
  neutralCohortEffects,
  neutralSegmentEffects,
} from '../../src/model/index.js';
import { deriveStream } from '../../src/random/index.js';
import { FAULT_KINDS, type FaultPlan } from '../../src/scenario/index.js';
import { makeFault } from '../support/makeFault.js';

const HOUR_MS = 3_600_000;
const nominal = lognormalMixture(Math.log(25), 0.2622);
const context = (seed = 1): EffectsContext => ({
  phaseNames: ['canary', 'ramp'],
  phaseDurationsMs: [2 * HOUR_MS, 4 * HOUR_MS],
  segmentIds: ['web', 'mobile'],
  rng: deriveStream(seed, 'faults'),
  nominalLatency: () => nominal,
  nominalErrorRate: (_cohort, segment) => (segment === 0 ? 0.001 : 0.002),
});

function segmentAt(
  faults: FaultPlan[],
  cohort: 'candidate' | 'baseline',
  segment: number,
  phase: number,
  offsetMs: number,
) {
  return compileEffects(faults, context()).segmentAt(
    cohort,
    segment,
    phase,
    offsetMs,
    neutralSegmentEffects(),
  );
}

describe('fault effects on the engine hook', () => {
  it('models every kind of the scenario schema', () => {
    expect(Object.keys(FAULT_EFFECT_BUILDERS).sort()).toEqual([...FAULT_KINDS].sort());
    for (const kind of FAULT_KINDS) {
      const fault = makeFault(kind, paramsOf(kind), kind === 'segment-regression' ? { segmentIndex: 0 } : {});
      expect(compileEffects([fault], context()).any).toBe(true);
    }
  });

  it.each([
    ['candidate', [true, false]],
    ['baseline', [false, true]],
    ['both', [true, true]],
  ] as const)('target %s hits candidate, baseline: %j', (target, [candidate, baseline]) => {
    const fault = makeFault('error-spike', { addedErrorRate: 0.1 }, { target });
    expect(segmentAt([fault], 'candidate', 0, 0, 0).addedErrorRate).toBe(candidate ? 0.1 : 0);
    expect(segmentAt([fault], 'baseline', 0, 0, 0).addedErrorRate).toBe(baseline ? 0.1 : 0);
  });

  it.each([
    ['before it', 0, 29 * 60_000, 0],
    ['at its start', 0, 30 * 60_000, 0.1],
    ['inside it', 0, 49 * 60_000, 0.1],
    ['at its end', 0, 50 * 60_000, 0],
    ['in another phase', 1, 30 * 60_000, 0],
  ])('a scheduled fault (canary, 30m for 20m) %s', (_label, phase, offsetMs, added) => {
    const fault = makeFault(
      'error-spike',
      { addedErrorRate: 0.1 },
      { atMs: 30 * 60_000, durationMs: 20 * 60_000 },
    );
    expect(segmentAt([fault], 'candidate', 0, phase, offsetMs).addedErrorRate).toBe(added);
  });

  it('runs a scheduled fault on into the next phase when it outlasts its own', () => {
    const fault = makeFault(
      'error-spike',
      { addedErrorRate: 0.1 },
      { atMs: HOUR_MS, durationMs: 2 * HOUR_MS },
    );
    expect(segmentAt([fault], 'candidate', 0, 1, 59 * 60_000).addedErrorRate).toBe(0.1);
    expect(segmentAt([fault], 'candidate', 0, 1, HOUR_MS).addedErrorRate).toBe(0);
  });

  it('limits a fault to its segment', () => {
    const fault = makeFault('traffic-surge', { factor: 3 }, { segmentIndex: 1 });
    expect(segmentAt([fault], 'candidate', 0, 0, 0).trafficFactor).toBe(1);
    expect(segmentAt([fault], 'candidate', 1, 0, 0).trafficFactor).toBe(3);
  });

  it('sets a regressed segment to its stated error rate, whatever its nominal rate', () => {
    const fault = makeFault(
      'segment-regression',
      { errorRate: 0.08, revenueUplift: -0.2 },
      { segmentIndex: 1 },
    );
    const out = segmentAt([fault], 'candidate', 1, 0, 0);
    expect(0.002 + out.addedErrorRate).toBeCloseTo(0.08, 15);
    expect(out.revenueUplift).toBe(-0.2);
  });

  it('composes overlapping faults: factors multiply, rates add, shares combine as independent', () => {
    const faults = [
      makeFault('latency-spike', { factor: 2, share: 1 }),
      makeFault('latency-spike', { factor: 3, share: 1 }),
      makeFault('data-inconsistency', { share: 0.1 }),
      makeFault('data-inconsistency', { share: 0.2 }),
      makeFault('churn-spike', { factor: 2 }),
      makeFault('churn-spike', { factor: 1.5 }),
    ];
    const out = segmentAt(faults, 'candidate', 0, 0, 0);
    expect(out.latency).toEqual([{ ...nominal[0], factor: 6 }]);
    expect(out.inconsistentShare).toBeCloseTo(1 - 0.9 * 0.8, 15);
    expect(out.churnFactor).toBe(3);
    const outages = [makeFault('outage', { availability: 0.5 }), makeFault('outage', { availability: 0.5 })];
    expect(
      compileEffects(outages, context()).cohortAt('candidate', 0, 0, neutralCohortEffects())
        .forcedDownFraction,
    ).toBe(0.75);
  });

  it('hands back the same mixture object every interval (the engine caches bucket tables per object)', () => {
    const source = compileEffects(
      [makeFault('slow-dependency', { addedLatencyMs: 400, share: 0.3 })],
      context(),
    );
    const first = source.segmentAt('candidate', 0, 0, 0, neutralSegmentEffects()).latency;
    const later = source.segmentAt('candidate', 0, 0, 30 * 60_000, neutralSegmentEffects()).latency;
    expect(later).toBe(first);
    expect(first).toEqual([
      { ...nominal[0], weight: 0.7 },
      { ...nominal[0], weight: 0.3, addMs: 400 },
    ]);
  });

  it.each([
    [0, 0, 1],
    [0.5, 2 * HOUR_MS, 2],
    [1, 30 * 60_000, 1.5],
    [0.2, 13 * 24 * HOUR_MS, 63.4],
  ])(
    'degradation at %d per hour after %d ms: factor ≈ %d, to within half a step of 1 percent',
    (perHour, elapsedMs, factor) => {
      expect(Math.abs(degradationLatencyFactor(perHour, elapsedMs) / factor - 1)).toBeLessThanOrEqual(0.005);
    },
  );

  it('restarts a degradation at each random episode: it grows with the time since the episode began', () => {
    const fault = makeFault(
      'degradation',
      { metric: 'errors', perHour: 0.01 },
      {
        phaseIndex: null,
        atMs: null,
        durationMs: null,
        // Gaps of 30 min and episodes of 20 min on average: about 7 episodes in the 6 hours, so more than
        // one (what the test needs) in all but ~0.1% of seeds.
        ratePerDay: 48,
        meanDurationMs: HOUR_MS / 3,
      },
    );
    const source = compileEffects([fault], context(4));
    const windows = faultWindows(fault, context().phaseDurationsMs, deriveStream(4, 'faults'));
    expect(windows.length).toBeGreaterThan(1);
    for (let tMs = 0; tMs < 6 * HOUR_MS; tMs += 30_000) {
      const phase = tMs < 2 * HOUR_MS ? 0 : 1;
      const added = source.segmentAt(
        'candidate',
        0,
        phase,
        tMs - phase * 2 * HOUR_MS,
        neutralSegmentEffects(),
      ).addedErrorRate;
      const episode = windowAt(windows, tMs);
      expect(added).toBeCloseTo(episode === null ? 0 : (0.01 * (tMs - episode.startMs)) / HOUR_MS, 15);
    }
  });
});

function paramsOf(kind: (typeof FAULT_KINDS)[number]): Record<string, number | string> {
  switch (kind) {
    case 'latency-spike':
      return { factor: 6, share: 1 };
    case 'error-spike':
      return { addedErrorRate: 0.05 };
    case 'outage':
      return { availability: 0 };
    case 'degradation':
      return { metric: 'latency', perHour: 0.5 };
    case 'segment-regression':
      return { errorRate: 0.1 };
    case 'churn-spike':
      return { factor: 2 };
    case 'data-inconsistency':
      return { share: 0.01 };
    case 'traffic-surge':
      return { factor: 3 };
    case 'slow-dependency':
      return { addedLatencyMs: 400, share: 1 };
  }
}
