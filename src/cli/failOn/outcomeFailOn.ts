import { formatCount } from '../../gates/index.js';
import { formatOutcomeLine } from '../../report/formatOutcomeLine.js';
import type { Results } from '../../report/results.js';
import type { FailOnGrammar, FailOnTerm } from './failOnTerm.js';

/** `rehearse run --fail-on`: the rehearsal's outcome. */
export const RUN_FAIL_ON: FailOnGrammar = { words: ['rollback', 'halt', 'any'], quantities: [] };

/** `rehearse replay --fail-on`: the outcome (a replay may also end `partial`), and passes the sample cannot show. */
export const REPLAY_FAIL_ON: FailOnGrammar = {
  words: ['rollback', 'halt', 'partial', 'any', 'small-sample'],
  quantities: [],
};

/** The statuses each outcome word fails on; `any` is everything but `completed`. */
const FAILING_STATUSES: Readonly<Record<string, readonly string[]>> = {
  rollback: ['rolled-back'],
  halt: ['halted'],
  partial: ['partial'],
  any: ['rolled-back', 'halted', 'partial'],
};

/**
 * The `--fail-on` terms a run's or replay's results match, each with its reason: the outcome line for an
 * outcome word (`rollback: rolled-back in ramp at 19m: guard tripped: errorRate 6.67% > 1.50% …`), and for
 * `small-sample` how many gates passed only because their sample was small, with the first.
 */
export function outcomeFailures(terms: readonly FailOnTerm[], results: Results): string[] {
  return terms.flatMap((term) => {
    if (term.name === 'small-sample') {
      const count = results.replay?.warningCounts['small-sample-pass'] ?? 0;
      const first = results.replay?.warnings.find((warning) => warning.kind === 'small-sample-pass');
      if (count === 0 || first === undefined) return [];
      return [
        `small-sample: ${formatCount(count)} error-rate gate${count === 1 ? '' : 's'} passed only because the sample was small; first: ${first.message}`,
      ];
    }
    const statuses = FAILING_STATUSES[term.name] ?? [];
    return statuses.includes(results.outcome.status) ? [`${term.text}: ${formatOutcomeLine(results)}`] : [];
  });
}
