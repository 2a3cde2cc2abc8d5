import type { GateResult } from './evaluateGate.js';
import type { GuardResult } from './evaluateGuard.js';
import type { MetricName } from './metrics.js';
import { type Verdict, worseOf } from './verdict.js';

/**
 * A phase's rules from the scenario. `require`: `every-checkpoint` (default) rolls back at the first failing
 * checkpoint and ends on the worst of all checkpoints; `final` lets only the last checkpoint decide.
 * `advance`: `auto` (default) or `manual` (a passing phase awaits approval).
 */
export interface PhaseRules {
  require?: 'every-checkpoint' | 'final';
  advance?: 'auto' | 'manual';
}

/** What a phase does next, when (offset from the phase start, ms) and why, quoting the deciding gate or guard. */
export interface Decision {
  action: 'advance' | 'await-approval' | 'rollback' | 'halt';
  atMs: number;
  reason: string;
}

/** A checkpoint's gate results; the engine's and replay's checkpoint records fit this shape. */
export interface CheckpointGates {
  label: string;
  /** Offset of the checkpoint from the phase start, ms. */
  offsetMs: number;
  gates: readonly GateResult[];
}

/** A checkpoint's verdict: the worst of its gates (`pass` when it has none). The one place this rule lives. */
export function checkpointVerdict(gates: readonly GateResult[]): Verdict {
  let verdict: Verdict = 'pass';
  for (let i = 0; i < gates.length; i++) verdict = worseOf(verdict, gates[i]!.verdict);
  return verdict;
}

/** The first gate with `verdict` over the checkpoints, plus how many more there are: the decision's reason. */
function quoteGates(checkpoints: readonly CheckpointGates[], verdict: Verdict, heading: string): string {
  const matching = checkpoints.flatMap((checkpoint) =>
    checkpoint.gates.filter((gate) => gate.verdict === verdict),
  );
  const more = matching.length - 1;
  const tail =
    more > 0
      ? `; and ${more} more ${verdict === 'fail' ? 'failing' : verdict} gate${more > 1 ? 's' : ''}`
      : '';
  return `${heading}: ${matching[0]?.reason ?? '(no gate)'}${tail}`;
}

/** The gate behind a rollback or a halt: its index in the phase's gates (and each checkpoint's), and its result. */
export interface DecidingGate {
  index: number;
  gate: GateResult;
}

/**
 * The gate behind a rollback or a halt: the first gate failing (rollback) or inconclusive (halt) over the
 * checkpoints that decide, all of them or only the last under `require: final`. The same gate
 * {@link decideCheckpoint} quotes first; null when no gate has that verdict. Its index tells two gates on one
 * metric apart (`errorRate below 1%` and `errorRate max 2%`).
 *
 * @example decidingGate(checkpoints, { require: 'final' }, 'rollback') // { index: 1, gate: { metric: 'errorRate', op: 'below', ... } }
 */
export function decidingGate(
  checkpoints: readonly CheckpointGates[],
  rules: PhaseRules,
  action: 'rollback' | 'halt',
): DecidingGate | null {
  const verdict: Verdict = action === 'rollback' ? 'fail' : 'inconclusive';
  const deciding = rules.require === 'final' ? checkpoints.slice(-1) : checkpoints;
  for (const checkpoint of deciding) {
    const index = checkpoint.gates.findIndex((gate) => gate.verdict === verdict);
    if (index >= 0) return { index, gate: checkpoint.gates[index]! };
  }
  return null;
}

/** The metric of {@link decidingGate}, or null. */
export function decidingGateMetric(
  checkpoints: readonly CheckpointGates[],
  rules: PhaseRules,
  action: 'rollback' | 'halt',
): MetricName | null {
  return decidingGate(checkpoints, rules, action)?.gate.metric ?? null;
}

function passReason(
  checkpoints: readonly CheckpointGates[],
  rules: PhaseRules,
  last: CheckpointGates,
): string {
  const gateCount = last.gates.length;
  const passed =
    gateCount === 0 ? 'no gates to check' : `${gateCount} gate${gateCount === 1 ? '' : 's'} passed`;
  const where =
    rules.require === 'final' || checkpoints.length === 1
      ? `at the final checkpoint (${last.label})`
      : `at all ${checkpoints.length} checkpoints (last: ${last.label})`;
  return `${passed} ${where}${rules.advance === 'manual' ? '; advance is manual: awaiting approval' : ''}`;
}

/**
 * The decision after the latest checkpoint, or null to keep going. Call it at every checkpoint with the
 * phase's checkpoints so far (the latest last); `isLast` says the phase ends here.
 *
 * - `every-checkpoint`: a failing checkpoint → `rollback` at once; at the last checkpoint the phase verdict is
 *   the worst over all its checkpoints.
 * - `final`: earlier checkpoints are informational; the last checkpoint's verdict is the phase verdict.
 * - phase verdict `pass` → `advance` (`await-approval` when `advance: manual`), `inconclusive` → `halt`,
 *   `fail` → `rollback`.
 *
 * @example decideCheckpoint(checkpointsSoFar, { require: 'final' }, false) // null until the last one
 */
export function decideCheckpoint(
  checkpoints: readonly CheckpointGates[],
  rules: PhaseRules,
  isLast: boolean,
): Decision | null {
  const latest = checkpoints.at(-1);
  if (latest === undefined) throw new Error('decideCheckpoint: no checkpoint to decide on');
  const atMs = latest.offsetMs;
  const everyCheckpoint = rules.require !== 'final';
  if (everyCheckpoint && checkpointVerdict(latest.gates) === 'fail') {
    return { action: 'rollback', atMs, reason: quoteGates([latest], 'fail', 'gate failed') };
  }
  if (!isLast) return null;
  const deciding = everyCheckpoint ? checkpoints : [latest];
  let verdict: Verdict = 'pass';
  for (const checkpoint of deciding) verdict = worseOf(verdict, checkpointVerdict(checkpoint.gates));
  switch (verdict) {
    case 'fail':
      return { action: 'rollback', atMs, reason: quoteGates(deciding, 'fail', 'gate failed') };
    case 'inconclusive':
      return { action: 'halt', atMs, reason: quoteGates(deciding, 'inconclusive', 'gate inconclusive') };
    case 'pass': {
      const action = rules.advance === 'manual' ? 'await-approval' : 'advance';
      return { action, atMs, reason: passReason(checkpoints, rules, latest) };
    }
  }
}

/**
 * A phase's decision over all its recorded checkpoints (replay): {@link decideCheckpoint} applied checkpoint
 * by checkpoint, so replay and the live engine decide identically. The last checkpoint ends the phase.
 */
export function decidePhase(checkpoints: readonly CheckpointGates[], rules: PhaseRules): Decision {
  for (let i = 0; i < checkpoints.length; i++) {
    const decision = decideCheckpoint(checkpoints.slice(0, i + 1), rules, i === checkpoints.length - 1);
    if (decision !== null) return decision;
  }
  throw new Error('decidePhase: a phase needs at least one checkpoint');
}

/**
 * The rollback a tripped guard causes at once, at `atMs` (offset from the phase start, ms).
 *
 * @example decideGuardTrip(evaluateGuard(guard, window, context), 7_800_000).action // 'rollback'
 */
export function decideGuardTrip(guard: GuardResult, atMs: number): Decision {
  if (!guard.tripped) throw new Error(`decideGuardTrip: guard on ${guard.metric} did not trip`);
  return { action: 'rollback', atMs, reason: `guard tripped: ${guard.reason}` };
}
