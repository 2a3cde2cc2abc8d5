import { join } from 'node:path';
import { rehearse } from '../../src/engine/rehearse.js';
import { readScenario } from '../../src/io/readScenario.js';
import { buildResults, type Results } from '../../src/report/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { META } from './fixtures.js';

export const ROOT = join(import.meta.dirname, '../..');
export const DEFAULT_SCENARIO = 'scenarios/sprint2-rollout.yaml';
/** The seed the golden example and these tests rehearse at (the default scenario's own). */
export const EXAMPLE_SEED = 20251031;

/** The default scenario's plan, as `rehearse run` reads it. */
export function readDefaultPlan(): Promise<Plan> {
  return readScenario(join(ROOT, DEFAULT_SCENARIO));
}

/** The default scenario rehearsed once at `seed`, as results (manual phases approved, aggregate fidelity). */
export async function defaultResults(seed = EXAMPLE_SEED, overrides: Partial<Plan> = {}): Promise<Results> {
  const plan = { ...(await readDefaultPlan()), ...overrides };
  return buildResults(plan, rehearse(plan, { seed, fidelity: 'aggregate', approve: true }), META);
}
