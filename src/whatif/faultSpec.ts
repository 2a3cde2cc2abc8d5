import { formatDuration } from '../scenario/duration.js';
import type { FaultPlan, Plan } from '../scenario/plan.js';
import type { Problem } from '../scenario/problems.js';

/** A spec as the help text shows it. */
export const FAULT_SPEC_EXAMPLE = "'latency-spike phase=ramp at=2h duration=20m factor=6'";

/** Fields whose values stay text even when they look like numbers (a segment id may be `2024`). */
const TEXT_FIELDS = new Set([
  'kind',
  'target',
  'phase',
  'at',
  'duration',
  'meanDuration',
  'segment',
  'metric',
]);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A spec read into a fault entry (checked later, like a scenario's), or the problems of its syntax. */
export type FaultSpecResult =
  | { ok: true; entry: Record<string, string | number> }
  | { ok: false; problems: Problem[] };

/**
 * Reads a command-line fault spec: the kind, then `key=value` pairs separated by spaces, with the field
 * names of the scenario's `faults` entries. Values that look like numbers become numbers, except for
 * fields that are text (durations, names). Syntax only: `validateFaults` checks the entry. Pure.
 *
 * @param file how problems name the spec, e.g. `--fault "latency-spike ..."`
 * @example parseFaultSpec('latency-spike phase=ramp at=2h duration=20m factor=6', '--fault')
 * // { ok: true, entry: { kind: 'latency-spike', phase: 'ramp', at: '2h', duration: '20m', factor: 6 } }
 */
export function parseFaultSpec(text: string, file: string): FaultSpecResult {
  const problem = (path: string, expected: string, found: string): Problem => ({
    file,
    line: null,
    column: null,
    path,
    expected,
    found,
  });
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '');
  const [first, ...rest] = tokens;
  if (first === undefined) {
    return { ok: false, problems: [problem('', `a fault like ${FAULT_SPEC_EXAMPLE}`, 'nothing')] };
  }
  const entry: Record<string, string | number> = {};
  const problems: Problem[] = [];
  const pairs = first.includes('=') ? tokens : rest;
  if (!first.includes('=')) entry.kind = first;
  for (const token of pairs) {
    const split = token.indexOf('=');
    const key = token.slice(0, split);
    const value = token.slice(split + 1);
    if (split <= 0 || value === '') {
      problems.push(problem('', 'key=value pairs after the kind', JSON.stringify(token)));
    } else if (Object.hasOwn(entry, key)) {
      problems.push(problem(key, 'each field once', `a second ${key}`));
    } else {
      entry[key] = !TEXT_FIELDS.has(key) && NUMBER.test(value) ? Number(value) : value;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entry };
}

/**
 * A compiled fault written back as a spec that `--fault` reads: kind, the non-default common fields, then
 * the kind's parameters. Used as the fault's label in reports, so any row can be re-run on its own.
 *
 * @example formatFaultSpec(fault, plan) // 'latency-spike phase=ramp at=2h duration=20m factor=6 share=1'
 */
export function formatFaultSpec(fault: FaultPlan, plan: Plan): string {
  const parts: string[] = [fault.kind];
  if (fault.target !== 'candidate') parts.push(`target=${fault.target}`);
  if (fault.phaseIndex !== null) parts.push(`phase=${plan.phases[fault.phaseIndex]?.name}`);
  if (fault.atMs !== null) parts.push(`at=${formatDuration(fault.atMs)}`);
  if (fault.durationMs !== null) parts.push(`duration=${formatDuration(fault.durationMs)}`);
  if (fault.ratePerDay !== null) parts.push(`ratePerDay=${fault.ratePerDay}`);
  if (fault.meanDurationMs !== null) parts.push(`meanDuration=${formatDuration(fault.meanDurationMs)}`);
  if (fault.segmentIndex !== null) parts.push(`segment=${plan.segments[fault.segmentIndex]?.id}`);
  for (const [key, value] of Object.entries(fault.params)) parts.push(`${key}=${value}`);
  return parts.join(' ');
}
