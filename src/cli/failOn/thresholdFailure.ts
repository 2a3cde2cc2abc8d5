import { formatCount, formatPercent } from '../../gates/index.js';
import type { Comparison, FailOnTerm } from './failOnTerm.js';

/** A probability as results write it: `p` is null (or NaN in memory) when there were no runs. */
export interface RunsProbability {
  p: number | null;
  ci95: readonly [number, number] | [number, number];
  runs: number;
}

type Threshold = Extract<FailOnTerm, { kind: 'threshold' }>;

function holds(value: number, comparison: Comparison, limit: number): boolean {
  switch (comparison) {
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
  }
}

/**
 * The value a threshold is decided on: the point estimate, or with `@ci` the end of the 95% interval on
 * the failing side (the upper end for `>`/`>=`, the lower for `<`/`<=`), so that `@ci` passes only when
 * the whole interval is on the good side of the limit: what the runs can show, not what they suggest.
 */
export function decidedValue(term: Threshold, probability: RunsProbability): number {
  if (term.bound === 'estimate') return probability.p ?? Number.NaN;
  return term.comparison === '>' || term.comparison === '>=' ? probability.ci95[1] : probability.ci95[0];
}

/** How a failure names what it judged: what the probability is of, what its runs were, and why there were none. */
export interface JudgedProbability {
  /** What the probability is of, when the term alone does not say (a fault's name); null otherwise. */
  subject: string | null;
  /** `runs`, or `runs in which it began`. */
  runsLabel: string;
  /** Said when there were no runs: `it began in none of 500 runs`. */
  none: string;
}

/**
 * Why a threshold fails on a probability, quoting the value it was decided on, the limit and the
 * estimate with its interval; null when it passes. No runs means nothing can be shown: that fails,
 * with `judged.none` saying why.
 *
 * @example thresholdFailure(term, { p: 1, ci95: [0.987, 1], runs: 300 }, { subject: null, runsLabel: 'runs', none: 'no runs' })
 * // 'false-rollback>5%: 100.00% > 5.00% (95% CI 98.70%–100.00%, 300 runs)'
 */
export function thresholdFailure(
  term: Threshold,
  probability: RunsProbability,
  judged: JudgedProbability,
): string | null {
  const { p, ci95, runs } = probability;
  const subject = judged.subject === null ? '' : `${judged.subject}: `;
  if (p === null || Number.isNaN(p)) return `${term.text}: ${subject}${judged.none}, so it cannot be judged`;
  const value = decidedValue(term, probability);
  if (!holds(value, term.comparison, term.limit)) return null;
  const interval = `95% CI ${formatPercent(ci95[0])}–${formatPercent(ci95[1])}, ${formatCount(runs)} ${judged.runsLabel}`;
  const limit = `${term.comparison} ${formatPercent(term.limit)}`;
  if (term.bound === 'estimate') return `${term.text}: ${subject}${formatPercent(p)} ${limit} (${interval})`;
  const end = term.comparison === '>' || term.comparison === '>=' ? 'upper' : 'lower';
  return `${term.text}: ${subject}the 95% interval's ${end} end ${formatPercent(value)} ${limit} (estimate ${formatPercent(p)}, ${interval})`;
}
