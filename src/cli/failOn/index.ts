/**
 * `--fail-on`: conditions under which a command exits with code 3, so that CI can fail on a bad rehearsal,
 * study, what-if or replay without confusing it with bad input (2). Words (`rollback`, `undetected`) and
 * thresholds on probabilities (`false-rollback>5%`, `detected<95%@ci`), parsed when the flags are checked
 * and decided on the results; each match is printed with both numbers.
 */
export {
  type Comparison,
  EXIT_FAIL_ON,
  type FailOnGrammar,
  type FailOnTerm,
  parseFailOn,
  parseFailOnTerm,
} from './failOnTerm.js';
export { outcomeFailures, REPLAY_FAIL_ON, RUN_FAIL_ON } from './outcomeFailOn.js';
export { reportFailures } from './reportFailures.js';
export { RISK_FAIL_ON, riskFailures } from './riskFailOn.js';
export {
  decidedValue,
  type JudgedProbability,
  type RunsProbability,
  thresholdFailure,
} from './thresholdFailure.js';
export { WHATIF_FAIL_ON, whatifFailures } from './whatifFailOn.js';
