import type { Condition } from '../gates/condition.js';
import { formatCount } from '../gates/format.js';
import { formatDuration } from './duration.js';
import type { Plan } from './plan.js';
import type { PathSegment } from './problems.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A sampling problem a valid scenario can still have: a `minRequests` that a window cannot reach. */
export interface ReachWarning {
  /** Where the condition is: `guards.rollbackWhen.errorRate` or `phases[0].gates.errorRate`. */
  path: string;
  /**
   * Where its `minRequests` can be set in the scenario, the condition's own first: a guard's
   * `guards.rollbackWhen.<metric>.minRequests`, then the guards' `guards.minRequests`; a gate's
   * `phases[i].gates.<metric>.minRequests`.
   */
  sources: PathSegment[][];
  phase: string;
  minRequests: number;
  /** Expected candidate requests in the window it judges: the quietest full guard window, or each checkpoint's. */
  expectedRequests: number;
  /** The chance that such a window holds at least `minRequests` requests (Poisson). */
  judgedShare: number;
  message: string;
}

/** P(N ≥ m) for N ~ Poisson(λ), summed in log space so that large λ and m keep their digits. */
export function poissonAtLeast(lambda: number, m: number): number {
  if (m <= 0) return 1;
  if (lambda <= 0) return 0;
  const logLambda = Math.log(lambda);
  let logTerm = -lambda;
  let below = 0;
  for (let k = 0; k < m; k++) {
    if (k > 0) logTerm += logLambda - Math.log(k);
    below += Math.exp(logTerm);
  }
  return Math.max(0, 1 - below);
}

/** Expected candidate requests in each monitoring interval of phase `p` on schedule, at its hour's diurnal factor. */
function intervalRequests(plan: Plan, p: number): Float64Array {
  const phase = plan.phases[p]!;
  const perHour = plan.segments.reduce(
    (sum, segment) => sum + phase.learners * segment.share * segment.requestsPerLearnerHour,
    0,
  );
  let startMs = plan.startMs;
  for (let earlier = 0; earlier < p; earlier++) startMs += plan.phases[earlier]!.durationMs;
  const count = Math.ceil(phase.durationMs / plan.intervalMs);
  const requests = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const offsetMs = i * plan.intervalMs;
    const lengthMs = Math.min(plan.intervalMs, phase.durationMs - offsetMs);
    const hour = Math.floor(((((startMs + offsetMs) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
    requests[i] = (perHour * lengthMs * (plan.diurnal?.[hour] ?? 1)) / HOUR_MS;
  }
  return requests;
}

function sum(values: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i]!;
  return total;
}

/** The expected requests of the quietest full trailing window of `intervals` intervals (the mean one when the phase is shorter). */
function quietestWindow(requests: Float64Array, intervals: number): number {
  if (requests.length <= intervals) return sum(requests, 0, requests.length);
  let window = sum(requests, 0, intervals);
  let quietest = window;
  for (let i = intervals; i < requests.length; i++) {
    window += requests[i]! - requests[i - intervals]!;
    quietest = Math.min(quietest, window);
  }
  return quietest;
}

const round = (value: number): string => formatCount(Number(value.toPrecision(3)));
const percent = (share: number): string => `${Number((share * 100).toPrecision(12))}%`;

function guardWarning(plan: Plan, p: number, guard: Condition, requests: Float64Array): ReachWarning | null {
  const minRequests = guard.minRequests ?? 0;
  const intervals = Math.max(1, Math.round(plan.guardWindowMs / plan.intervalMs));
  const expectedRequests = quietestWindow(requests, intervals);
  if (expectedRequests >= minRequests) return null;
  const phase = plan.phases[p]!;
  const judgedShare = poissonAtLeast(expectedRequests, minRequests);
  const where = plan.diurnal === null ? '' : ' in its quietest hour';
  const path = `guards.rollbackWhen.${guard.metric}`;
  return {
    path,
    sources: [
      ['guards', 'rollbackWhen', guard.metric, 'minRequests'],
      ['guards', 'minRequests'],
    ],
    phase: phase.name,
    minRequests,
    expectedRequests,
    judgedShare,
    message:
      `${path}: minRequests ${formatCount(minRequests)} cannot be reached in ${phase.name}: its ` +
      `${formatDuration(plan.guardWindowMs)} guard window holds about ${round(expectedRequests)} requests${where} ` +
      `at ${percent(phase.traffic)} traffic, so the guard judges ${(judgedShare * 100).toFixed(2)}% of those ` +
      'windows and leaves them to the gates',
  };
}

function gateWarning(plan: Plan, p: number, gate: Condition, requests: Float64Array): ReachWarning | null {
  const phase = plan.phases[p]!;
  const minRequests = gate.minRequests ?? 0;
  const short: Array<{ label: string; expected: number }> = [];
  let previousMs = 0;
  for (const checkpointMs of phase.checkpointsMs) {
    const fromMs = phase.window === 'since-last-checkpoint' ? previousMs : 0;
    const expected = sum(
      requests,
      Math.round(fromMs / plan.intervalMs),
      Math.round(checkpointMs / plan.intervalMs),
    );
    if (expected < minRequests) short.push({ label: formatDuration(checkpointMs), expected });
    previousMs = checkpointMs;
  }
  if (short.length === 0) return null;
  const first = short[0]!;
  const path = `phases[${p}].gates.${gate.metric}`;
  const sources: PathSegment[][] = [['phases', p, 'gates', gate.metric, 'minRequests']];
  const every = phase.require === 'every-checkpoint' && phase.checkpointsMs.length > 1;
  const consequence = every
    ? '; under require: every-checkpoint an inconclusive checkpoint halts the phase at its end'
    : '';
  const all = short.length === phase.checkpointsMs.length;
  return {
    path,
    sources,
    phase: phase.name,
    minRequests,
    expectedRequests: first.expected,
    judgedShare: poissonAtLeast(first.expected, minRequests),
    message:
      `${path}: minRequests ${formatCount(minRequests)} cannot be reached at ${all ? 'any' : 'the'} ` +
      `${phase.name} checkpoint${short.length === 1 ? '' : 's'} ${short.map((each) => `${each.label} (about ${round(each.expected)} requests expected)`).join(', ')}` +
      `: the gate is inconclusive there${consequence}`,
  };
}

/**
 * Every guard and gate whose `minRequests` its window cannot be expected to hold in some phase, from the
 * plan's own traffic on schedule (learners × share × rate × window, each interval at its hour's diurnal
 * factor): a guard's quietest full trailing window (docs/decisions.md: a minimum must be reachable in the
 * quietest hour, not only on average), a gate's window at each checkpoint. Such a guard is blind there; such
 * a gate is inconclusive, and under `require: every-checkpoint` an inconclusive checkpoint halts the phase.
 *
 * @example reachWarnings(tunedPlan)[0].message // 'guards.rollbackWhen.errorRate: minRequests 100 cannot be reached in canary: …'
 */
export function reachWarnings(plan: Plan): ReachWarning[] {
  const warnings: ReachWarning[] = [];
  const hasMinimum = (condition: Condition) => (condition.minRequests ?? 0) > 0;
  const guards = plan.guards.filter(hasMinimum);
  plan.phases.forEach((phase, p) => {
    const gates = phase.gates.filter(hasMinimum);
    // A phase's traffic, interval by interval, is worked out only when some minimum needs it.
    if (guards.length === 0 && gates.length === 0) return;
    const requests = intervalRequests(plan, p);
    for (const guard of guards) {
      const warning = guardWarning(plan, p, guard, requests);
      if (warning !== null) warnings.push(warning);
    }
    for (const gate of gates) {
      const warning = gateWarning(plan, p, gate, requests);
      if (warning !== null) warnings.push(warning);
    }
  });
  return warnings;
}
