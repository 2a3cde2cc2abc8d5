import { clopperPearsonInterval } from '../stats/index.js';

/** A proportion `count / total` with its Clopper–Pearson 95% interval; null value when `total` is 0. */
export interface ProportionFit {
  count: number;
  total: number;
  value: number | null;
  ci95: [number, number];
}

/**
 * A rate estimated from counts, with the exact (conservative) binomial interval.
 *
 * @example fitProportion(0, 380) // { count: 0, total: 380, value: 0, ci95: [0, 0.00966] }
 */
export function fitProportion(count: number, total: number, confidence = 0.95): ProportionFit {
  return {
    count,
    total,
    value: total > 0 ? count / total : null,
    ci95: clopperPearsonInterval(count, total, confidence),
  };
}
