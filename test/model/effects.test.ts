import { describe, expect, it } from 'vitest';
import {
  compileEffects,
  type EffectsContext,
  lognormalMixture,
  NO_EFFECTS,
  neutralCohortEffects,
  neutralSegmentEffects,
} from '../../src/model/index.js';
import { deriveStream } from '../../src/random/index.js';

const nominal = lognormalMixture(Math.log(25), 0.26);
const PHASE_0_MS = 7_200_000;
const PHASE_1_MS = 14_400_000;
const context: EffectsContext = {
  phaseNames: ['canary', 'ramp'],
  phaseDurationsMs: [PHASE_0_MS, PHASE_1_MS],
  segmentIds: ['web', 'mobile'],
  rng: deriveStream(1, 'faults'),
  nominalLatency: () => nominal,
  nominalErrorRate: () => 0.001,
};

describe('compileEffects', () => {
  it('without faults is the neutral source that the engine skips', () => {
    const source = compileEffects([], context);
    expect(source.any).toBe(false);
    expect(source.segmentAt('candidate', 0, 0, 0, neutralSegmentEffects())).toEqual(neutralSegmentEffects());
    expect(NO_EFFECTS.cohortAt('candidate', 0, 0, neutralCohortEffects()).forcedDownFraction).toBe(0);
  });

  it('lists fault kinds without an effect model and leaves them neutral', () => {
    const source = compileEffects([{ kind: 'made-up' }, { kind: 'made-up' }, { kind: 'other' }], context, {});
    expect(source.any).toBe(false);
    expect(source.unmodelledKinds).toEqual(['made-up', 'other']);
    expect(source.episodes).toEqual([]);
  });

  it('lists every episode of every cohort a fault hits, by the fault’s index in the plan: when it acts', () => {
    const windows = [
      { startMs: 0, endMs: 60_000 },
      { startMs: 120_000, endMs: 180_000 },
    ];
    const both = () => ({
      cohorts: ['candidate', 'baseline'] as const,
      windows,
      applyToCohort: () => undefined,
      applyToSegment: (_cohort: string, _segment: number, out: { trafficFactor: number }) => {
        out.trafficFactor *= 2;
      },
    });
    const source = compileEffects([{ kind: 'made-up' }, { kind: 'both' }], context, { both });
    expect(source.episodes).toEqual([
      { fault: 1, cohort: 'candidate', startMs: 0, endMs: 60_000 },
      { fault: 1, cohort: 'candidate', startMs: 120_000, endMs: 180_000 },
      { fault: 1, cohort: 'baseline', startMs: 0, endMs: 60_000 },
      { fault: 1, cohort: 'baseline', startMs: 120_000, endMs: 180_000 },
    ]);
    const factorAt = (offsetMs: number) =>
      source.segmentAt('baseline', 0, 0, offsetMs, neutralSegmentEffects()).trafficFactor;
    expect([0, 59_999, 60_000, 119_999, 120_000, 180_000].map(factorAt)).toEqual([2, 2, 1, 1, 2, 1]);
  });

  it('applies a builder’s effect while it is active, composing with neutral values', () => {
    const spiked = [{ weight: 1, mu: Math.log(25), sigma: 0.26, factor: 6, addMs: 0 }];
    const source = compileEffects([{ kind: 'surge' }], context, {
      // Phase 1 (ramp) from 60 s after its start to its end, on the candidate only.
      surge: () => ({
        cohorts: ['candidate'],
        windows: [{ startMs: PHASE_0_MS + 60_000, endMs: PHASE_0_MS + PHASE_1_MS }],
        applyToCohort: (_cohort, out) => {
          out.forcedDownFraction = 0.5;
        },
        applyToSegment: (_cohort, segment, out) => {
          out.trafficFactor *= 3;
          if (segment === 1) out.latency = spiked;
        },
      }),
    });
    expect(source.any).toBe(true);
    const out = neutralSegmentEffects();
    expect(source.segmentAt('candidate', 1, 1, 30_000, out).trafficFactor).toBe(1);
    expect(source.segmentAt('candidate', 1, 1, 60_000, out)).toMatchObject({
      trafficFactor: 3,
      latency: spiked,
    });
    expect(source.segmentAt('candidate', 0, 1, 60_000, out)).toMatchObject({
      trafficFactor: 3,
      latency: null,
    });
    expect(source.segmentAt('baseline', 0, 1, 60_000, out).trafficFactor).toBe(1);
    expect(source.cohortAt('candidate', 1, 90_000, neutralCohortEffects()).forcedDownFraction).toBe(0.5);
  });
});
