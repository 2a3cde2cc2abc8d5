import { formatCount, formatPercent, OPERATOR_SYMBOLS } from '../gates/index.js';
import type { Risk } from '../risk/risk.js';
import type { Probability } from '../stats/index.js';
import { formatGuardFix, guardFixCondition } from './formatGuardFix.js';

function chance(probability: Probability): string {
  if (Number.isNaN(probability.p)) return '—';
  const [lo, hi] = probability.ci95;
  return `${formatPercent(probability.p)} (${formatPercent(lo)}–${formatPercent(hi)})`;
}

/**
 * The terminal summary of a study, plain text: outcomes, true and false rollbacks, each phase's reach
 * and pass, one line per guard that fires on noise alone and one per recommended guard setting. Intervals
 * are 95% Wilson.
 *
 * @example formatRiskSummary(risk).split('\n')[0] // 'Sprint 2 cohort analyzer: 10,000 rehearsals, seed 20251031, aggregate fidelity'
 */
export function formatRiskSummary(risk: Risk): string {
  const lines = [
    `${risk.scenario.name}: ${formatCount(risk.runs)} rehearsals, seed ${risk.seed}, ${risk.fidelity} fidelity`,
    `  completes       ${chance(risk.pComplete)}`,
    `  rolls back      ${chance(risk.pRollback)}: true ${chance(risk.rollbacks.pTrue)}, false (no regression: noise or a nominal candidate outage) ${chance(risk.rollbacks.pFalse)}`,
    `  halts           ${chance(risk.pHalt)}`,
  ];
  const width = Math.max(...risk.phases.map((phase) => phase.name.length));
  for (const phase of risk.phases) {
    lines.push(
      `  ${phase.name.padEnd(width)}  reached ${chance(phase.pReach)}, passed ${chance(phase.pPass)} of those, false rollbacks ${chance(phase.pFalseRollback)}`,
    );
  }
  for (const finding of risk.noise.guards.filter((guard) => guard.firesOnNoise)) {
    const { lower, upper } = finding.current.falseTrip;
    const exact =
      lower === upper
        ? `${formatPercent(lower)} of phases (exact)`
        : `${formatPercent(lower)}–${formatPercent(upper)} of phases (bounds: overlapping windows)`;
    lines.push(
      `noise: in the ${finding.phase}, errorRate ${OPERATOR_SYMBOLS[finding.op]} ${formatPercent(finding.threshold)} trips on noise alone: ` +
        `${exact}, ${chance(finding.pFalseRollback)} false rollbacks (Monte Carlo)`,
    );
  }
  for (const fix of risk.noise.planFixes)
    lines.push(`fix: ${guardFixCondition(fix)}: ${formatGuardFix(fix)}`);
  return lines.join('\n');
}
