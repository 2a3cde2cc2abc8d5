import { formatPercent, OPERATOR_SYMBOLS } from '../gates/index.js';
import type { PlanGuardFix } from '../risk/planGuardFix.js';
import { formatDuration } from '../scenario/duration.js';

/** The scenario text of a recommended guard setting: `monitoring.window: 1m with errorRate: { above: 0.015, consecutive: 25 }`. */
export function guardFixSetting(fix: PlanGuardFix): string {
  const condition = [`${fix.op}: ${fix.threshold}`];
  if (fix.minRequests > 0) condition.push(`minRequests: ${fix.minRequests}`);
  if (fix.consecutive > 1) condition.push(`consecutive: ${fix.consecutive}`);
  return `monitoring.window: ${formatDuration(fix.windowMs)} with errorRate: { ${condition.join(', ')} } in guards.rollbackWhen`;
}

/**
 * One recommended guard setting ({@link planGuardFix}) in a sentence, with what it buys and what it costs,
 * as the terminal summary of `risk` and a run's next actions both state it: the worst phase's noise and
 * nominal-outage trip chances, and the detection delays.
 *
 * @example formatGuardFix(fix) // 'monitoring.window: 1m with errorRate: { above: 0.015, consecutive: 25 } in guards.rollbackWhen: noise trips it under 0.01% …'
 */
export function formatGuardFix(fix: PlanGuardFix): string {
  const worst = (pick: (phase: PlanGuardFix['phases'][number]) => number) => {
    const chance = Math.max(...fix.phases.map(pick));
    return chance < 0.0001 ? 'under 0.01%' : `at most ${formatPercent(chance)}`;
  };
  const last = fix.phases.at(-1);
  const twice =
    last?.twiceThresholdDetectionMs == null
      ? ''
      : `, a candidate at ${formatPercent(2 * fix.threshold)} errors in the ${last.phase} after ${formatDuration(last.twiceThresholdDetectionMs)} (expected)`;
  return (
    `${guardFixSetting(fix)}: noise trips it ${worst((phase) => phase.falseTrip.upper)} of any phase and ` +
    `the candidate's own outages (within its availability) ${worst((phase) => phase.nominalOutageTrip)}; ` +
    `the cost is detection delay: a real outage rolls back after ${formatDuration(fix.outageDetectionMs)}${twice}`
  );
}

/** `errorRate > 1.50%`: the guard a fix is for. */
export function guardFixCondition(fix: PlanGuardFix): string {
  return `errorRate ${OPERATOR_SYMBOLS[fix.op]} ${formatPercent(fix.threshold)}`;
}
