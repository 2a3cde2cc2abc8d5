import { formatCount } from '../../gates/index.js';
import type { WhatifFault, WhatifProbability, WhatifResults } from '../../whatif/whatifResults.js';
import type { FailOnGrammar, FailOnTerm } from './failOnTerm.js';
import { thresholdFailure } from './thresholdFailure.js';

/** The per-fault probabilities of whatif.json a threshold may name; null when a fault has none (no claim). */
const WHATIF_QUANTITIES: Readonly<Record<string, (fault: WhatifFault) => WhatifProbability | null>> = {
  detected: (fault) => fault.pDetected,
  undetected: (fault) => fault.pUndetected,
  claim: (fault) => fault.claim?.pHolds ?? null,
};

/** What the bare words mean: `undetected` is `undetected>0%`, `claim` is `claim<100%`. */
const WORDS: Readonly<Record<string, Extract<FailOnTerm, { kind: 'threshold' }>>> = {
  undetected: {
    kind: 'threshold',
    text: 'undetected',
    name: 'undetected',
    comparison: '>',
    limit: 0,
    bound: 'estimate',
  },
  claim: { kind: 'threshold', text: 'claim', name: 'claim', comparison: '<', limit: 1, bound: 'estimate' },
};

/**
 * `rehearse whatif --fail-on`: `undetected` (some fault went undetected in a run in which it began),
 * `claim` (a contingency claim that did not hold in every such run), or thresholds on each fault's
 * `detected`, `undetected` or `claim` probability, among the runs in which it began.
 */
export const WHATIF_FAIL_ON: FailOnGrammar = {
  words: Object.keys(WORDS),
  quantities: Object.keys(WHATIF_QUANTITIES),
  example: 'detected<95%',
};

/**
 * The `--fail-on` conditions a what-if breaks, one per fault that breaks each, with both numbers:
 * `detected<95%: Error-rate spike (+3%, ramp, 20 min): 92.13% < 95.00% (95% CI …, 89 runs in which it began)`.
 * A fault that began in no run cannot show anything, and fails a threshold on it.
 */
export function whatifFailures(terms: readonly FailOnTerm[], results: WhatifResults): string[] {
  return terms.flatMap((written) => {
    const term = written.kind === 'word' ? WORDS[written.name] : written;
    const quantity = term === undefined ? undefined : WHATIF_QUANTITIES[term.name];
    if (term === undefined || quantity === undefined) return [];
    return results.faults.flatMap((fault) => {
      const probability = quantity(fault);
      if (probability === null) return [];
      const failure = thresholdFailure(term, probability, {
        subject: fault.name,
        runsLabel: 'runs in which it began',
        none: `it began in none of ${formatCount(results.runs)} runs`,
      });
      return failure === null ? [] : [failure];
    });
  });
}
