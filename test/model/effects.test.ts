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
const context: EffectsContext = {
  phaseNames: ['canary', 'ramp'],
  phaseDurationsMs: [7_200_000, 14_400_000],
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
  });

  it('applies a builder’s effect while it is active, composing with neutral values', () => {
    const spiked = [{ weight: 1, mu: Math.log(25), sigma: 0.26, factor: 6, addMs: 0 }];
    const source = compileEffects([{ kind: 'surge' }], context, {
      surge: () => ({
        activeAt: (cohort, phaseIndex, offsetMs) =>
          cohort === 'candidate' && phaseIndex === 1 && offsetMs >= 60_000,
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
