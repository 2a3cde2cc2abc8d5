import * as z from 'zod/mini';
import { makeCheckContext } from '../scenario/checkContext.js';
import { compileFault } from '../scenario/compileFault.js';
import { checkFaults, type FaultReferences } from '../scenario/faultChecks.js';
import { faultSchema } from '../scenario/faultSchema.js';
import { issuesToProblems } from '../scenario/issuesToProblems.js';
import type { FaultPlan, Plan } from '../scenario/plan.js';
import { type Problem, sortProblems } from '../scenario/problems.js';
import type { Locate } from '../scenario/sourceMap.js';

/** Faults compiled against a plan, or every problem found. */
export type FaultsResult = { ok: true; faults: FaultPlan[] } | { ok: false; problems: Problem[] };

function referencesOf(plan: Plan): FaultReferences {
  return {
    phaseDurationsMs: new Map(plan.phases.map((phase) => [phase.name, phase.durationMs])),
    segmentIds: plan.segments.map((segment) => segment.id),
  };
}

/**
 * Checks fault entries (plain data, as read from a fault file or a `--fault` spec) with the scenario's own
 * fault schema and sense checks, against the plan they will be injected into, and compiles them. An
 * unknown kind, parameter, phase or segment is a problem at `faults[i]...`, located with `locate` in
 * `file`; every problem is collected. Pure.
 *
 * @example validateFaults([{ kind: 'latency-spike', phase: 'rmap', at: '1h', factor: 6 }], plan, '--fault')
 * // { ok: false, problems: [{ path: 'faults[0].phase', expected: 'the name of a phase (canary, ramp, rollout)', found: '"rmap"; did you mean "ramp"?' }] }
 */
export function validateFaults(
  entries: readonly unknown[],
  plan: Plan,
  file: string,
  locate: Locate = () => null,
): FaultsResult {
  const references = referencesOf(plan);
  const fields = z.object({ faults: z.array(faultSchema) });
  const schema = fields.check(
    z.superRefine(
      (value: z.output<typeof fields>, context) =>
        checkFaults(value.faults, references, makeCheckContext(context)),
      { when: () => true },
    ),
  );
  const data = { faults: entries };
  const result = schema.safeParse(data);
  if (!result.success) {
    return { ok: false, problems: sortProblems(issuesToProblems(result.error.issues, data, file, locate)) };
  }
  const segmentIds = plan.segments.map((segment) => segment.id);
  return {
    ok: true,
    faults: result.data.faults.map((fault) => compileFault(fault, plan.phases, segmentIds)),
  };
}
