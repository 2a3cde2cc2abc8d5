import { formatCount, formatPercent, type GateResult } from '../gates/index.js';
import { clopperPearsonInterval } from '../stats/index.js';
import type { ObservationRow } from './observation.js';

/** What a replay warns about: each kind is documented in docs/replay.md. */
export type ReplayWarningKind =
  | 'stated-rate-mismatch'
  | 'small-sample-pass'
  | 'skipped-row'
  | 'counts-decreased'
  | 'ignored-column'
  | 'not-a-checkpoint'
  | 'phase-not-recorded'
  | 'rows-after-decision';

/** A data-quality finding that does not stop the replay, with the line it concerns when there is one. */
export interface ReplayWarning {
  kind: ReplayWarningKind;
  line: number | null;
  phase: string | null;
  message: string;
}

/** An observed error rate recomputed from counts, with its exact 95% interval. */
export interface ObservedRate {
  phase: string;
  checkpoint: string;
  /** null for the whole cohort, else the segment's id. */
  segment: string | null;
  requests: number;
  errors: number;
  /** errors / requests; null without requests. */
  errorRate: number | null;
  /** Clopper–Pearson 95% interval; [0, 1] without requests (nothing is known). */
  ci95: [number, number];
}

/** Rounding slack on top of the written digits' own, for binary floating point. */
const FLOAT_SLACK = 1e-12;

/**
 * Checks a row's stated `error_rate` against its counts: a warning when they differ by more than rounding
 * of the stated value's last written digit (`0.079%` allows ±0.0005 points). Replay always uses the
 * recomputed rate.
 *
 * @example statedRateWarning(row) // 'line 6: error_rate states 0.079%, but errors/requests = 0/380 = 0.00%; …'
 */
export function statedRateWarning(row: ObservationRow): ReplayWarning | null {
  const stated = row.statedErrorRate;
  if (stated === null) return null;
  const where = `line ${row.line} (${row.phase} at ${row.at.text}${row.segment === null ? '' : `, ${row.segment}`})`;
  if (row.requests === 0) {
    if (stated.value === 0) return null;
    const message = `${where}: error_rate states ${stated.text}, but the row has no requests; the rate has no value`;
    return { kind: 'stated-rate-mismatch', line: row.line, phase: row.phase, message };
  }
  const recomputed = row.errors / row.requests;
  if (Math.abs(recomputed - stated.value) <= stated.roundingTolerance + FLOAT_SLACK) return null;
  const counts = `${formatCount(row.errors)}/${formatCount(row.requests)}`;
  const message =
    `${where}: error_rate states ${stated.text}, but errors/requests = ${counts} = ${formatPercent(recomputed)}; ` +
    'the recomputed rate is used';
  return { kind: 'stated-rate-mismatch', line: row.line, phase: row.phase, message };
}

/**
 * The error rate of `errors` in `requests` with its Clopper–Pearson 95% interval.
 *
 * @example observedRate('canary', '2h', null, 380, 0).ci95 // [0, 0.00966]
 */
export function observedRate(
  phase: string,
  checkpoint: string,
  segment: string | null,
  requests: number,
  errors: number,
): ObservedRate {
  const errorRate = requests > 0 ? errors / requests : null;
  const ci95: [number, number] = requests > 0 ? clopperPearsonInterval(errors, requests, 0.95) : [0, 1];
  return { phase, checkpoint, segment, requests, errors, errorRate, ci95 };
}

/**
 * A warning when an error-rate gate passed only because the sample is too small to show anything: the
 * rate's 95% interval reaches across the threshold, so the same data is also consistent with a rate
 * that fails the gate. Only `errorRate` gates are checked: they are the ones with counts behind them.
 */
export function smallSampleWarning(gate: GateResult, rate: ObservedRate): ReplayWarning | null {
  if (gate.metric !== 'errorRate' || gate.verdict !== 'pass' || rate.errorRate === null) return null;
  const [low, high] = rate.ci95;
  const { op, threshold } = gate;
  const upperCrosses =
    op === 'below' ? high >= threshold : op === 'max' || op === 'within' ? high > threshold : false;
  const lowerCrosses = op === 'above' ? low <= threshold : op === 'min' ? low < threshold : false;
  if (!upperCrosses && !lowerCrosses) return null;
  const end = upperCrosses ? `up to ${formatPercent(high)}` : `as low as ${formatPercent(low)}`;
  const side = upperCrosses ? 'above' : 'below';
  const message =
    `${rate.phase}, ${rate.checkpoint}: errorRate passed (${formatPercent(rate.errorRate)} vs ${formatPercent(threshold)}) ` +
    `only because the sample is small: ${formatCount(rate.errors)} errors in ${formatCount(rate.requests)} requests ` +
    `is consistent with an error rate ${end} (95% Clopper–Pearson), ${side} the ${formatPercent(threshold)} limit`;
  return { kind: 'small-sample-pass', line: null, phase: rate.phase, message };
}
