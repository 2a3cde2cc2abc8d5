import { formatCount, formatPercent, formatThreshold, OPERATOR_SYMBOLS } from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import type {
  WhatifFault,
  WhatifPercentiles,
  WhatifProbability,
  WhatifResults,
  WhatifSummary,
} from '../whatif/whatifResults.js';
import { formatDate, formatMoney } from './format.js';

const MISSING = '—';

/** One fault as the reports show it: every figure already formatted, every sentence built from results. */
export interface WhatifRowView {
  rank: number;
  name: string;
  spec: string;
  source: string;
  occurred: string;
  detected: string;
  firstBy: string;
  timeToDetect: string;
  timeToRollback: string;
  learnersExposed: string;
  requestsExposed: string;
  errorsServed: string;
  wrongResponses: string;
  slowResponses: string;
  revenueLost: string;
  undetected: string;
  /** Whether the plan caught it in most runs (for styling). */
  caught: boolean;
  summary: string;
  claim: string | null;
}

/** The whole what-if report's view. */
export interface WhatifView {
  scenario: WhatifResults['scenario'];
  seed: number;
  runs: number;
  fidelity: string;
  toolVersion: string;
  start: string;
  interval: string;
  guards: string[];
  reference: string;
  /** The report's first sentence: what was injected, whether the plan caught it, and how likely. */
  headline: string;
  rows: WhatifRowView[];
  claims: Array<{ name: string; text: string }>;
}

function percentOf(probability: WhatifProbability): string {
  return probability.p === null ? MISSING : formatPercent(probability.p);
}

function interval(probability: WhatifProbability): string {
  return `95% CI ${formatPercent(probability.ci95[0])} to ${formatPercent(probability.ci95[1])}`;
}

function spread(values: WhatifSummary | null, format: (value: number) => string): string {
  if (values === null) return MISSING;
  return `${format(values.p50)} (${format(values.p10)} to ${format(values.p90)})`;
}

function times(values: WhatifPercentiles | null): string {
  return values === null ? MISSING : `${formatDuration(values.p50)} / ${formatDuration(values.p90)}`;
}

function whole(value: number): string {
  return formatCount(Math.round(value));
}

function intervals(ms: number, intervalMs: number): string {
  const count = ms / intervalMs;
  return `${Number(count.toFixed(1))} interval${count === 1 ? '' : 's'}`;
}

/** The row's sentence: what happened to the fault in the runs, with the figures that say so. */
function summaryOf(row: WhatifFault, results: WhatifResults): string {
  const occurred = row.pDetected.runs;
  if (occurred === 0) {
    return `It never began in ${formatCount(results.runs)} runs: every rehearsal ended (completed or stopped) before it.`;
  }
  const began = `${percentOf(row.pOccurred)} of ${formatCount(results.runs)}`;
  const perInterval = row.requestsPerInterval ?? 0;
  const traffic = `While it acted, a ${formatDuration(results.intervalMs)} interval held ${formatCount(Number(perInterval.toPrecision(3)))} of the requests it hit on average.`;
  const floor = `Without the fault, the same runs stopped for their own reasons while it would have lasted in ${percentOf(row.pStoppedWithoutFault)} of cases.`;
  if (row.outcomes.detected === 0) {
    const stopped =
      row.outcomes.stoppedAnyway > 0
        ? ` The rollout stopped for other reasons in ${formatCount(row.outcomes.stoppedAnyway)} of them, not because of the fault.`
        : '';
    return `${traffic} Undetected in all ${formatCount(occurred)} runs in which it began (${began}; detection ${interval(row.pDetected)}): no gate or guard of the plan stopped the rollout on it.${stopped} ${floor}`;
  }
  const first = row.detectedBy[0]!;
  const detect = row.timeToDetectMs!;
  const rollback = row.timeToRollbackMs!;
  return (
    `${traffic} Detected in ${percentOf(row.pDetected)} of the ${formatCount(occurred)} runs in which it began (${began}; ${interval(row.pDetected)}), first by ${first.condition} in ${formatPercent(first.share)} of those. ` +
    `Detection came ${formatDuration(detect.p50)} after the fault began at the median (${intervals(detect.p50, results.intervalMs)} of ${formatDuration(results.intervalMs)}; p90 ${formatDuration(detect.p90)}), ` +
    `the rollback ${formatDuration(rollback.p50)} after (p90 ${formatDuration(rollback.p90)}). ${floor}`
  );
}

function claimOf(row: WhatifFault): string | null {
  const { claim } = row;
  if (claim === null) return null;
  const parts: string[] = [];
  if (claim.detectedBy !== null) parts.push(`caught by a gate or guard on ${claim.detectedBy}`);
  else parts.push('caught by a gate or guard');
  if (claim.withinMs !== null)
    parts.push(`rolled back within ${formatDuration(claim.withinMs)} of the fault's start`);
  const verdict =
    claim.pHolds.p === null
      ? 'untested: the fault never began'
      : `holds in ${percentOf(claim.pHolds)} of runs (${interval(claim.pHolds)})`;
  return `"${claim.says}": ${parts.join(' and ')}: ${verdict}.`;
}

/** A fault's detection as the headline states it: `in 96.15% of the 494 runs it began in (95% CI …)`. */
function caughtIn(row: WhatifResults['faults'][number]): string {
  const runs = row.pDetected.runs;
  if (runs === 0 || row.pDetected.p === null) return 'in any run, since it began in none';
  const share = row.pDetected.p === 0 ? 'any' : percentOf(row.pDetected);
  return `in ${share} of the ${formatCount(runs)} run${runs === 1 ? '' : 's'} it began in (${interval(row.pDetected)})`;
}

/**
 * One sentence for the top of the report. One fault: what it was and how often the plan caught it. Several:
 * how many, how many the plan caught in at least 95% of the runs each began in, and the one it caught least.
 */
function headlineOf(results: WhatifResults): string {
  const faults = results.faults;
  if (faults.length === 0) return 'No fault was injected.';
  if (faults.length === 1) {
    const only = faults[0]!;
    const caught = (only.pDetected.p ?? 0) > 0 ? 'the plan caught it' : 'the plan did not catch it';
    return `Injected ${only.name}: ${caught} ${caughtIn(only)}.`;
  }
  const reliable = faults.filter((row) => (row.pDetected.p ?? 0) >= 0.95).length;
  const least = faults.reduce((worst, row) =>
    (row.pDetected.p ?? -1) < (worst.pDetected.p ?? -1) ? row : worst,
  );
  return (
    `Injected ${formatCount(faults.length)} faults, each on its own: the plan caught ${formatCount(reliable)} of them ` +
    `in at least 95% of the runs each began in; the one it caught least, ${least.name}, ` +
    ((least.pDetected.p ?? 0) > 0 ? `it caught ${caughtIn(least)}.` : `it did not catch ${caughtIn(least)}.`)
  );
}

/**
 * The view of `whatif.json` for `whatif.md` and `whatif.html`: rows in the results' order (by expected
 * harm), figures formatted, one sentence per fault saying whether and how fast the plan caught it. Pure.
 */
export function buildWhatifView(results: WhatifResults): WhatifView {
  const money = (usd: number) => formatMoney(usd);
  const rows = results.faults.map(
    (row): WhatifRowView => ({
      rank: row.rank,
      name: row.name,
      spec: row.spec,
      source: row.source,
      occurred: percentOf(row.pOccurred),
      detected:
        row.pDetected.p === null ? MISSING : `${percentOf(row.pDetected)} (${interval(row.pDetected)})`,
      firstBy:
        row.detectedBy.length === 0
          ? MISSING
          : `${row.detectedBy[0]!.condition} (${formatPercent(row.detectedBy[0]!.share)})`,
      timeToDetect: times(row.timeToDetectMs),
      timeToRollback: times(row.timeToRollbackMs),
      learnersExposed: spread(row.learnersExposed, whole),
      requestsExposed: spread(row.requestsExposed, whole),
      errorsServed: spread(row.errorsServed, whole),
      wrongResponses: spread(row.wrongResponses, whole),
      slowResponses: spread(row.slowResponses, whole),
      revenueLost: spread(row.revenueLostUsd, money),
      undetected: percentOf(row.pUndetected),
      caught: (row.pDetected.p ?? 0) >= 0.5,
      summary: summaryOf(row, results),
      claim: claimOf(row),
    }),
  );
  return {
    scenario: { ...results.scenario, sha256: results.scenario.sha256 || 'none: built in code' },
    seed: results.seed,
    runs: results.runs,
    fidelity: results.fidelity,
    toolVersion: results.tool.version,
    start: formatDate(results.startedAt),
    interval: formatDuration(results.intervalMs),
    guards: results.guards.map(
      ({ metric, op, threshold, windowMs }) =>
        `${metric} ${OPERATOR_SYMBOLS[op]} ${formatThreshold(metric, op, threshold)} over the last ${formatDuration(windowMs)}`,
    ),
    headline: headlineOf(results),
    reference: `Without any fault the plan stops (rollback or halt) in ${percentOf(results.reference.pStopped)} of ${formatCount(results.runs)} runs (${interval(results.reference.pStopped)}).`,
    rows,
    claims: rows.flatMap((row) => (row.claim === null ? [] : [{ name: row.name, text: row.claim }])),
  };
}
