import * as z from 'zod/mini';
import { issuesToProblems } from './issuesToProblems.js';
import { type Problem, sortProblems } from './problems.js';
import { type Scenario, scenarioFieldsSchema } from './scenarioSchema.js';
import { senseChecks } from './senseChecks.js';
import type { Locate } from './sourceMap.js';

/** The whole scenario schema: fields, types, ranges, defaults, then the cross-field sense checks. */
export const scenarioSchema = scenarioFieldsSchema.check(z.superRefine(senseChecks, { when: () => true }));

/** A valid scenario, or every problem found. */
export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Checks scenario data (already read from YAML or JSON, or built in code) against the schema and the
 * sense checks, collecting every problem. `locate` points problems at lines of the file; without it,
 * problems have no position.
 */
export function validateScenario(data: unknown, file: string, locate: Locate = () => null): ScenarioResult {
  const result = scenarioSchema.safeParse(data);
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, problems: sortProblems(issuesToProblems(result.error.issues, data, file, locate)) };
}
