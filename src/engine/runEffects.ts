import {
  type Cohort,
  compileEffects,
  type EffectsSource,
  FAULT_EFFECT_BUILDERS,
  type FaultEffectBuilder,
  NO_EFFECTS,
} from '../model/index.js';
import type { EngineSetup } from './engineSetup.js';
import { faultStream, type RunKey } from './streams.js';

/**
 * The fault effects of one run of a resolved plan, compiled against its phases, segments and each
 * cohort's nominal latency and error rate, with random timing drawn from the run's own fault stream.
 * A rehearsal and the request log of the same (seed, run) get the very same effects. A plan without
 * faults has nothing to compile and derives no fault stream (nothing would draw from it).
 *
 * @param builders effect models by fault kind (default: the model's registry)
 */
export function runEffects(
  setup: EngineSetup,
  key: RunKey,
  builders: Readonly<Record<string, FaultEffectBuilder>> = FAULT_EFFECT_BUILDERS,
): EffectsSource {
  if (setup.faults.length === 0) return NO_EFFECTS;
  const cohort = (name: Cohort) => (name === 'candidate' ? setup.candidate : setup.baseline);
  return compileEffects(
    setup.faults,
    {
      phaseNames: setup.phases.map((phase) => phase.name),
      phaseDurationsMs: setup.phases.map((phase) => phase.durationMs),
      segmentIds: setup.segmentIds,
      rng: faultStream(key),
      nominalLatency: (name, segment) => cohort(name).latency[segment]!,
      nominalErrorRate: (name, segment) => cohort(name).errorRate[segment]!,
    },
    builders,
  );
}
