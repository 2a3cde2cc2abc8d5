import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Condition } from '../../src/gates/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { makePlan } from '../engine/makePlan.js';
import { tempDir } from '../support/tempDir.js';

/** The header of every fixture CSV unless a test says otherwise. */
export const HEADER = 'phase,at,requests,errors,p99_latency_ms,availability,revenue_impact';

/** Writes `lines` (joined with newlines) as a CSV file in a fresh folder and returns its path. */
export function writeCsv(lines: readonly string[], name = 'observed.csv'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  return path;
}

const HOUR_MS = 3_600_000;

/** The seed canary's gates (scenarios/sprint2-rollout.yaml). */
export const CANARY_GATES: Condition[] = [
  { metric: 'errorRate', op: 'below', threshold: 0.01 },
  { metric: 'p99LatencyMs', op: 'below', threshold: 200 },
  { metric: 'availability', op: 'above', threshold: 0.999 },
  { metric: 'revenueImpact', op: 'within', threshold: 0.03 },
];

/**
 * A two-phase plan built in code: a 2 h canary with checkpoints 30m, 1h, 1.5h, 2h and the seed canary's
 * gates, then a 4 h ramp (checkpoints 1h..4h) adding segmentVariance and incidents gates.
 */
export function replayPlan(
  overrides: { guards?: Condition[]; canary?: Partial<Plan['phases'][number]> } = {},
): Plan {
  return makePlan({
    segments: [
      { id: 'k12-mobile', share: 0.5 },
      { id: 'k12-web', share: 0.5 },
    ],
    guards: overrides.guards ?? [],
    phases: [
      {
        name: 'canary',
        traffic: 0.01,
        durationMs: 2 * HOUR_MS,
        checkpointsMs: [0.5, 1, 1.5, 2].map((hours) => hours * HOUR_MS),
        gates: CANARY_GATES,
        ...overrides.canary,
      },
      {
        name: 'ramp',
        traffic: 0.1,
        durationMs: 4 * HOUR_MS,
        checkpointsMs: [1, 2, 3, 4].map((hours) => hours * HOUR_MS),
        gates: [
          { metric: 'errorRate', op: 'below', threshold: 0.005 },
          { metric: 'segmentVariance', op: 'below', threshold: 0.05 },
          { metric: 'incidents', op: 'max', threshold: 0 },
        ],
      },
    ],
  });
}

/** A well-formed canary: four cumulative checkpoint rows, 0.1% errors at the end. */
export const GOOD_CANARY = [
  HEADER,
  'canary,30m,1000,1,40,0.9997,0.004',
  'canary,1h,2000,2,42,0.9997,0.004',
  'canary,1.5h,3000,3,44,0.9997,0.004',
  'canary,2h,4000,4,46,0.9997,0.004',
];
