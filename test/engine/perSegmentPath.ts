import type { FaultEffectBuilder } from '../../src/model/index.js';
import type { Plan } from '../../src/scenario/index.js';
import { makeFault } from '../support/makeFault.js';

/**
 * `plan` with a one-hour candidate outage in its first phase, and the fault effects that make that outage
 * do nothing: a fault the plan may apply switches the engine to its per-segment path (every interval's
 * whole histogram drawn), with nothing else changed. Rehearse the plan with `{ faultEffects }`.
 */
export function onPerSegmentPath(plan: Plan): {
  plan: Plan;
  faultEffects: { outage: FaultEffectBuilder };
} {
  const inert: FaultEffectBuilder = () => ({
    cohorts: ['candidate'],
    windows: [],
    applyToCohort: () => {},
    applyToSegment: () => {},
  });
  const outage = makeFault('outage', { availability: 0 });
  return { plan: { ...plan, faults: [outage] }, faultEffects: { outage: inert } };
}
