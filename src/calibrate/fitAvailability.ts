import { fitProportion, type ProportionFit } from './fitProportion.js';
import { poissonInterval } from './poissonInterval.js';

/** Number of equal time blocks of the batch-means interval. */
export const AVAILABILITY_BLOCKS = 20;

/** t quantile for a 95% interval with `AVAILABILITY_BLOCKS − 1` = 19 degrees of freedom: scipy.stats.t.ppf(0.975, 19). */
const T_975_19 = 2.0930240544083087;

/** Requests and refused (503) requests in one minute of the log. */
export interface MinuteCounts {
  requests: number;
  refused: number;
}

/** Availability as the share of requests not refused, with an interval that allows for outages coming in bursts. */
export interface AvailabilityFit extends ProportionFit {
  /** Outage episodes seen: runs of consecutive refused requests. */
  outages: number;
  /** Which intervals the 95% interval is the widest of. */
  interval: Array<'clopper-pearson' | 'outage-count' | 'batch-means'>;
}

/**
 * The share of requests served (not refused with 503), with a 95% interval. Refusals are not independent:
 * one outage refuses every request that arrives during it, so the binomial (Clopper–Pearson) interval alone
 * is too narrow. The interval is the widest of:
 * - Clopper–Pearson on the requests;
 * - the outage count's: `k` outages were seen, so the refused share scales by the Garwood interval of a
 *   Poisson count k, over k (one outage seen is consistent with 0.03 to 5.6 expected);
 * - batch means, when refusals fall in at least two of {@link AVAILABILITY_BLOCKS} equal time blocks: the
 *   blocks' served shares' mean ± t₀.₉₇₅,₁₉ × their standard error, which also captures how outage lengths vary.
 * With no outage seen only Clopper–Pearson is left, a lower bound on the uncertainty.
 *
 * @param minutes counts per minute since the first request (sparse: minutes without requests absent)
 * @param spanMinutes the log's span in minutes
 * @param outages outage episodes seen (runs of consecutive refused requests in time order)
 */
export function fitAvailability(
  minutes: ReadonlyMap<number, MinuteCounts>,
  spanMinutes: number,
  outages: number,
): AvailabilityFit {
  let requests = 0;
  let refused = 0;
  for (const counts of minutes.values()) {
    requests += counts.requests;
    refused += counts.refused;
  }
  const fit = fitProportion(requests - refused, requests);
  const interval: AvailabilityFit['interval'] = ['clopper-pearson'];
  let [low, high] = fit.ci95;
  if (outages > 0 && requests > 0) {
    const [countLow, countHigh] = poissonInterval(outages);
    const refusedShare = refused / requests;
    low = Math.min(low, Math.max(0, 1 - (refusedShare * countHigh) / outages));
    high = Math.max(high, 1 - (refusedShare * countLow) / outages);
    interval.push('outage-count');
  }
  const blocks = Array.from({ length: AVAILABILITY_BLOCKS }, () => ({ requests: 0, refused: 0 }));
  const minutesPerBlock = Math.max(1, spanMinutes) / AVAILABILITY_BLOCKS;
  for (const [minute, counts] of minutes) {
    const block = blocks[Math.min(AVAILABILITY_BLOCKS - 1, Math.floor(minute / minutesPerBlock))]!;
    block.requests += counts.requests;
    block.refused += counts.refused;
  }
  const blocksWithRefusals = blocks.filter((block) => block.refused > 0).length;
  if (blocksWithRefusals >= 2 && blocks.every((block) => block.requests > 0)) {
    const shares = blocks.map((block) => 1 - block.refused / block.requests);
    const mean = shares.reduce((sum, share) => sum + share, 0) / shares.length;
    const variance = shares.reduce((sum, share) => sum + (share - mean) ** 2, 0) / (shares.length - 1);
    const half = T_975_19 * Math.sqrt(variance / shares.length);
    low = Math.min(low, Math.max(0, mean - half));
    high = Math.max(high, Math.min(1, mean + half));
    interval.push('batch-means');
  }
  return { ...fit, ci95: [low, high], outages, interval };
}
