import { formatDuration } from '../scenario/duration.js';
import { withActiveFaults } from './describeActiveFaults.js';
import type { Results } from './results.js';
import { PLAIN_STYLE, type TerminalStyle } from './terminalStyle.js';

/**
 * The outcome in one line: status, phase, offset into the phase and the deciding reason; a guard's
 * trailing window is named, since its request count covers only that window; then the fault episodes
 * active in what the deciding phase judged, if any.
 *
 * @example formatOutcomeLine(results)
 * // 'rolled-back in ramp at 1h12m: guard tripped: errorRate 6.25% > 1.50% limit (ramp, 1h12m, 16 requests); trailing 30s window'
 * @example formatOutcomeLine(results) // 'completed in rollout at 13d: all 3 phases passed (canary → ramp → rollout)'
 * @example formatOutcomeLine(replayed) // 'partial in canary at 2h: canary passed; no rows for ramp, rollout, so …'
 */
export function formatOutcomeLine(results: Results, style: TerminalStyle = PLAIN_STYLE): string {
  const { status, phase, offsetMs, reason, cause } = results.outcome;
  const paint = status === 'completed' ? style.good : status === 'rolled-back' ? style.bad : style.warn;
  const window =
    cause?.kind === 'guard' ? `; trailing ${formatDuration(results.monitoring.guardWindowMs)} window` : '';
  const episodes = results.phases.find((entry) => entry.name === phase)?.decision?.faultEpisodes ?? [];
  return `${paint(status)} in ${phase} at ${formatDuration(offsetMs)}: ${withActiveFaults(`${reason}${window}`, episodes)}`;
}
