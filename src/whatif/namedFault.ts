import type { MetricName } from '../gates/metrics.js';
import type { FaultPlan, Plan } from '../scenario/plan.js';
import type { Problem } from '../scenario/problems.js';
import { formatFaultSpec, parseFaultSpec } from './faultSpec.js';
import { validateFaults } from './validateFaults.js';

/**
 * What a plan's owner says protects against a fault ("Auto-rollback at 250ms", "rollback in under 5
 * minutes"), in a form a rehearsal can check: detected by a gate or guard on `detectedBy` (any, when
 * null) and rolled back within `withinMs` of the fault's start (no limit, when null).
 */
export interface FaultClaim {
  says: string;
  detectedBy: MetricName | null;
  withinMs: number | null;
}

/** One fault to rehearse, with how reports name it and where it came from. */
export interface NamedFault {
  /** The fault file's `name`, or the spec. */
  name: string;
  /** Where it was stated: `scenarios/faults/seed-risks.yaml faults[0]`, `--fault 1`, `scenario faults[2]`. */
  source: string;
  /** The fault as a `--fault` spec (re-runs it alone). */
  spec: string;
  fault: FaultPlan;
  claim: FaultClaim | null;
}

/** The scenario's own faults, each to be rehearsed on its own. */
export function faultsOfPlan(plan: Plan): NamedFault[] {
  return plan.faults.map((fault, index) => {
    const spec = formatFaultSpec(fault, plan);
    return { name: spec, source: `scenario faults[${index}]`, spec, fault, claim: null };
  });
}

/**
 * `--fault` specs read, checked against the plan and compiled, or every problem of every spec; each
 * problem names its spec (`--fault "latency-spike phase=rmap ..." phase: expected the name of a phase ...`).
 *
 * @example faultsFromSpecs(['error-spike phase=ramp at=1h addedErrorRate=0.03'], plan)
 */
export function faultsFromSpecs(
  specs: readonly string[],
  plan: Plan,
): { ok: true; faults: NamedFault[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const faults: NamedFault[] = [];
  specs.forEach((text, index) => {
    const file = `--fault ${JSON.stringify(text)}`;
    const parsed = parseFaultSpec(text, file);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      return;
    }
    const checked = validateFaults([parsed.entry], plan, file);
    if (!checked.ok) {
      for (const problem of checked.problems) {
        problems.push({ ...problem, path: problem.path.replace(/^faults\[0\]\.?/, '') });
      }
      return;
    }
    const fault = checked.faults[0]!;
    const spec = formatFaultSpec(fault, plan);
    faults.push({ name: spec, source: `--fault ${index + 1}`, spec, fault, claim: null });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, faults };
}
