import { Z99 } from '../model/index.js';
import { normalQuantile } from '../random/index.js';
import { ANDERSON_DARLING_MIN_N, andersonDarlingNormal } from './andersonDarlingNormal.js';
import type { LogLatencySample } from './logLatencySample.js';

/** Significance level of the goodness-of-fit verdict. */
export const FIT_ALPHA = 0.05;

const Z95 = normalQuantile(0.975);

/** An estimate with its 95% interval. */
export interface Estimate {
  value: number;
  ci95: [number, number];
}

/** Whether a lognormal describes the latencies: the Anderson–Darling test on (a subsample of) log latencies. */
export interface GoodnessOfFit {
  test: 'anderson-darling';
  /** How many log latencies the test looked at. */
  n: number;
  statistic: number;
  pValue: number;
  alpha: number;
  verdict: 'fits' | 'does not fit' | 'too few to test';
}

/** A lognormal fitted to latencies by maximum likelihood, with asymptotic 95% intervals. */
export interface LatencyFit {
  n: number;
  mu: Estimate;
  sigma: Estimate;
  p50Ms: Estimate;
  p99Ms: Estimate;
  goodnessOfFit: GoodnessOfFit;
}

function interval(center: number, halfWidth: number): [number, number] {
  return [center - halfWidth, center + halfWidth];
}

function testFit(sample: LogLatencySample): GoodnessOfFit {
  const values = sample.subsample();
  const base = { test: 'anderson-darling' as const, n: values.length, alpha: FIT_ALPHA };
  if (values.length < ANDERSON_DARLING_MIN_N || !(sample.sdLog > 0)) {
    return { ...base, statistic: Number.NaN, pValue: Number.NaN, verdict: 'too few to test' };
  }
  const { statistic, pValue } = andersonDarlingNormal(values);
  return { ...base, statistic, pValue, verdict: pValue >= FIT_ALPHA ? 'fits' : 'does not fit' };
}

/**
 * The lognormal latency of the analyzer model from observed latencies: `μ` and `σ` are the mean and the
 * (divisor n) standard deviation of the log latencies. Intervals are the large-sample ones of maximum
 * likelihood: `se(μ) = σ/√n`, `se(ln σ) = 1/√(2n)`, and for a quantile `μ + zσ`,
 * `se = σ·√((1 + z²/2)/n)`, mapped through exp. p50 = e^μ, p99 = e^(μ + z₀.₉₉σ), the same
 * parametrisation the simulator uses (docs/model.md). Needs n ≥ 2.
 *
 * @example fitLatency(sample).p99Ms // { value: 46.1, ci95: [45.6, 46.6] }
 */
export function fitLatency(sample: LogLatencySample): LatencyFit {
  const n = sample.n;
  if (n < 2) throw new RangeError(`fitLatency: need at least 2 latencies, got ${n}`);
  const mu = sample.meanLog;
  const sigma = sample.sdLog;
  const muHalf = (Z95 * sigma) / Math.sqrt(n);
  const sigmaFactor = Math.exp(Z95 / Math.sqrt(2 * n));
  const p99Half = Z95 * sigma * Math.sqrt((1 + (Z99 * Z99) / 2) / n);
  const p99Log = mu + Z99 * sigma;
  return {
    n,
    mu: { value: mu, ci95: interval(mu, muHalf) },
    sigma: { value: sigma, ci95: [sigma / sigmaFactor, sigma * sigmaFactor] },
    p50Ms: { value: Math.exp(mu), ci95: [Math.exp(mu - muHalf), Math.exp(mu + muHalf)] },
    p99Ms: { value: Math.exp(p99Log), ci95: [Math.exp(p99Log - p99Half), Math.exp(p99Log + p99Half)] },
    goodnessOfFit: testFit(sample),
  };
}
