import {
  type Cohort,
  compileEffects,
  type EffectsContext,
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
  return compileEffects(setup.faults, effectsContext(setup, key), builders);
}

/**
 * What effects of a resolved plan are compiled against for run `key`: its phases and segments, each
 * cohort's nominal latency and error rate, and the run's own fault stream (a fresh one per call, so every
 * caller sees the very draws the engine's {@link runEffects} saw).
 */
export function effectsContext(setup: EngineSetup, key: RunKey): EffectsContext {
  const cohort = (name: Cohort) => (name === 'candidate' ? setup.candidate : setup.baseline);
  return {
    phaseNames: setup.phases.map((phase) => phase.name),
    phaseDurationsMs: setup.phases.map((phase) => phase.durationMs),
    segmentIds: setup.segmentIds,
    rng: faultStream(key),
    nominalLatency: (name, segment) => cohort(name).latency[segment]!,
    nominalErrorRate: (name, segment) => cohort(name).errorRate[segment]!,
  };
}
