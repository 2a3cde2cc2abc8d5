import type { Risk } from '../../risk/index.js';
import type { Probability } from '../../stats/index.js';
import type { FailOnGrammar, FailOnTerm } from './failOnTerm.js';
import { thresholdFailure } from './thresholdFailure.js';

/** The probabilities of risk.json a `rehearse risk --fail-on` threshold may name. */
const RISK_QUANTITIES: Readonly<Record<string, (risk: Risk) => Probability>> = {
  complete: (risk) => risk.pComplete,
  rollback: (risk) => risk.pRollback,
  'false-rollback': (risk) => risk.rollbacks.pFalse,
  'true-rollback': (risk) => risk.rollbacks.pTrue,
  halt: (risk) => risk.pHalt,
};

/** `rehearse risk --fail-on`: thresholds on the study's headline probabilities. */
export const RISK_FAIL_ON: FailOnGrammar = {
  words: [],
  quantities: Object.keys(RISK_QUANTITIES),
  example: 'false-rollback>5%',
};

/**
 * The `--fail-on` thresholds a study breaks, each with both numbers:
 * `false-rollback>5%: 100.00% > 5.00% (95% CI 98.74%–100.00%, 300 runs)`.
 */
export function riskFailures(terms: readonly FailOnTerm[], risk: Risk): string[] {
  return terms.flatMap((term) => {
    const quantity = RISK_QUANTITIES[term.name];
    if (term.kind !== 'threshold' || quantity === undefined) return [];
    const failure = thresholdFailure(term, quantity(risk), {
      subject: null,
      runsLabel: 'runs',
      none: 'no runs',
    });
    return failure === null ? [] : [failure];
  });
}
