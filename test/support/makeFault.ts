import type { FaultKind, FaultPlan } from '../../src/scenario/index.js';

/**
 * A compiled fault built in code: scheduled in phase 0 from its start for `durationMs` (1 h), on the
 * candidate, all segments, unless `overrides` say otherwise.
 */
export function makeFault(
  kind: FaultKind,
  params: Record<string, number | string>,
  overrides: Partial<FaultPlan> = {},
): FaultPlan {
  return {
    kind,
    target: 'candidate',
    phaseIndex: 0,
    atMs: 0,
    durationMs: 3_600_000,
    ratePerDay: null,
    meanDurationMs: null,
    segmentIndex: null,
    params,
    ...overrides,
  };
}
