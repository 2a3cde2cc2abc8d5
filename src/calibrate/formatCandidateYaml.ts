import { formatCount, formatPercent } from '../gates/index.js';
import type { Calibration } from './calibration.js';
import { AVAILABILITY_BLOCKS } from './fitAvailability.js';
import type { Estimate } from './fitLatency.js';
import type { ProportionFit } from './fitProportion.js';

/** Three significant digits: as precise as a fitted parameter deserves, e.g. 0.000792, 25.1, 46. */
function significant(value: number): number {
  return Number(value.toPrecision(3));
}

/** A fraction near 1 with three significant digits of its distance to 1: 0.99968 → 0.99968, not 1. */
function nearOne(value: number): number {
  return Number((1 - significant(1 - value)).toFixed(12));
}

function ms(value: number): string {
  return `${significant(value)}`;
}

function rateInterval(fit: ProportionFit): string {
  return `95% CI ${formatPercent(fit.ci95[0])}–${formatPercent(fit.ci95[1])} (Clopper–Pearson)`;
}

function msInterval(estimate: Estimate): string {
  return `95% CI ${ms(estimate.ci95[0])}–${ms(estimate.ci95[1])} ms`;
}

function errorRateLines(calibration: Calibration): string[] {
  const shared = calibration.sharedErrorRate;
  const served = calibration.source === 'request-log' ? 'served requests' : 'requests';
  const overrides = calibration.segments.filter((segment) => segment.differs);
  const scope = overrides.length > 0 ? ' in the segments without an override' : '';
  const lines = [
    `    errorRate: ${significant(shared.value ?? 0)} # ${formatCount(shared.count)} error${shared.count === 1 ? '' : 's'} in ${formatCount(shared.total)} ${served}${scope}; ${rateInterval(shared)}`,
  ];
  if (overrides.length === 0) return lines;
  lines.push(
    '    segments: # error rates that differ from the other segments (tested at 5%/k, Bonferroni; 95% intervals)',
  );
  for (const segment of overrides) {
    lines.push(
      `      ${segment.segment}: { errorRate: ${significant(segment.value ?? 0)} } # ${formatCount(segment.count)} in ${formatCount(segment.total)}; ${rateInterval(segment)}`,
    );
  }
  return lines;
}

function latencyLines(calibration: Calibration): string[] {
  const fit = calibration.latency;
  if (fit !== null) {
    const sigma = `σ = ${significant(fit.sigma.value)} (95% CI ${significant(fit.sigma.ci95[0])}–${significant(fit.sigma.ci95[1])})`;
    return [
      '    latencyMs:',
      `      p50: ${ms(fit.p50Ms.value)} # ${msInterval(fit.p50Ms)}; lognormal maximum likelihood on ${formatCount(fit.n)} latencies`,
      `      p99: ${ms(fit.p99Ms.value)} # ${msInterval(fit.p99Ms)}; ${sigma}`,
    ];
  }
  const recorded = calibration.recordedLatency;
  const lines = ['    latencyMs:'];
  if (recorded?.p50Ms != null)
    lines.push(
      `      p50: ${ms(recorded.p50Ms)} # as recorded: checkpoint rows hold quantiles, not a sample`,
    );
  else
    lines.push(
      "      # p50: not in checkpoint rows (calibrate from a request log, or add p50_latency_ms); keep your scenario's",
    );
  if (recorded?.p99Ms != null) {
    const range =
      recorded.p99RangeMs === null
        ? ''
        : `; recorded p99s ranged ${ms(recorded.p99RangeMs[0])}–${ms(recorded.p99RangeMs[1])} ms`;
    lines.push(`      p99: ${ms(recorded.p99Ms)} # the best-measured phase's final p99, as recorded${range}`);
  } else lines.push("      # p99: not recorded; keep your scenario's");
  return lines;
}

function availabilityLine(calibration: Calibration): string {
  const availability = calibration.availability;
  if ('ci95' in availability) {
    const refused = availability.total - availability.count;
    const interval = `95% CI ${formatPercent(availability.ci95[0])}–${formatPercent(availability.ci95[1])}`;
    const how =
      availability.outages === 0
        ? `${interval} (Clopper–Pearson; no outage seen, so how outages vary is unknown: likely too narrow)`
        : `${interval} (widest of Clopper–Pearson, the count of ${formatCount(availability.outages)} outage${availability.outages === 1 ? '' : 's'}${availability.interval.includes('batch-means') ? ` and batch means over ${AVAILABILITY_BLOCKS} time blocks` : ''}: outages refuse requests in bursts)`;
    return `    availability: ${nearOne(availability.value ?? 1)} # ${formatCount(refused)} of ${formatCount(availability.total)} requests refused (503); ${how}`;
  }
  if (availability.recorded === null) return "    # availability: not recorded; keep your scenario's";
  const range =
    availability.range === null
      ? ''
      : `; recorded values ranged ${formatPercent(availability.range[0])}–${formatPercent(availability.range[1])}`;
  return `    availability: ${nearOne(availability.recorded)} # request-weighted mean of the final rows, no interval (rows have no counts)${range}`;
}

function fitVerdictLine(calibration: Calibration): string[] {
  const fit = calibration.latency?.goodnessOfFit;
  if (fit === undefined) return [];
  if (fit.verdict === 'too few to test')
    return [`# Lognormal latency: too few latencies to test the fit (${fit.n}).`];
  const comparison = fit.pValue >= fit.alpha ? '≥' : '<';
  return [
    `# Lognormal latency ${fit.verdict === 'fits' ? 'fits' : 'does not fit'}: Anderson–Darling A² = ${fit.statistic.toFixed(3)} ` +
      `on ${formatCount(fit.n)} log latencies, p = ${fit.pValue.toPrecision(2)} ${comparison} ${fit.alpha}.`,
  ];
}

function segmentsComment(calibration: Calibration): string[] {
  if (calibration.segments.length === 0) return [];
  const parts = calibration.segments.map(
    (segment) =>
      `${segment.segment} ${segment.value === null ? 'no requests' : formatPercent(segment.value)} (${formatPercent(segment.ci95[0])}–${formatPercent(segment.ci95[1])})`,
  );
  return [`# Error rate by segment (95% CI): ${parts.join(', ')}.`];
}

/**
 * The analyzer a fit describes, as the scenario names it: `baseline` when the log's baseline cohort was
 * fitted (`--cohort baseline`), else `candidate` (the default cohort, every row, or a cohort of another name).
 */
function fittedAnalyzer(calibration: Calibration): 'baseline' | 'candidate' {
  return calibration.cohort === 'baseline' ? 'baseline' : 'candidate';
}

/**
 * The `analyzers.candidate` block of a scenario (`analyzers.baseline` for a fit of the baseline cohort),
 * fitted from observations, ready to paste: each value with its 95% interval as a comment, then the
 * latency fit's verdict and the per-segment error rates.
 *
 * @example formatCandidateYaml(calibration) // 'analyzers:\n  candidate:\n    errorRate: 0.000792 # …'
 */
export function formatCandidateYaml(calibration: Calibration): string {
  const what =
    calibration.source === 'request-log'
      ? `${formatCount(calibration.used)} requests${calibration.cohort === null ? '' : ` of cohort ${calibration.cohort}`}`
      : `${formatCount(calibration.rows)} checkpoint rows`;
  const span = calibration.span === null ? '' : ` from ${calibration.span[0]} to ${calibration.span[1]}`;
  const analyzer = fittedAnalyzer(calibration);
  const lines = [
    `# Fitted by rehearse calibrate from ${calibration.file}: ${what}${span}.`,
    `# Replace your scenario's analyzers.${analyzer} with this block; each comment gives the value's 95% interval.`,
    'analyzers:',
    `  ${analyzer}:`,
    ...errorRateLines(calibration),
    ...latencyLines(calibration),
    availabilityLine(calibration),
    ...fitVerdictLine(calibration),
    ...segmentsComment(calibration),
  ];
  return `${lines.join('\n')}\n`;
}
