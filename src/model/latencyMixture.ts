/**
 * One component of a latency mixture: a share `weight` of requests whose latency, ms, is
 * `factor · exp(N(mu, sigma²)) + addMs`. A plain lognormal is one component with weight 1, factor 1
 * and addMs 0; a latency spike multiplies by `factor`, a slow dependency adds `addMs`.
 */
export interface LatencyComponent {
  /** Share of requests, 0..1; the weights of a mixture sum to 1. */
  weight: number;
  /** Location of ln(latency in ms) before `factor`. */
  mu: number;
  /** Scale of ln(latency), > 0 (0 gives a point mass at `factor · e^mu + addMs`). */
  sigma: number;
  /** Multiplies the lognormal latency, ≥ 0. */
  factor: number;
  /** Added to the latency, ms, ≥ 0. */
  addMs: number;
}

/**
 * The latency distribution of one group of requests. Mixtures are built once per parameter set and
 * compared by identity in the hot loop (their bucket probabilities are cached per object), so build a
 * mixture when the parameters change, never per interval.
 */
export type LatencyMixture = readonly LatencyComponent[];

/**
 * A mixture of one lognormal component: the nominal latency of an analyzer.
 *
 * @example lognormalMixture(Math.log(25), 0.2622) // median 25 ms, p99 46 ms
 */
export function lognormalMixture(mu: number, sigma: number): LatencyMixture {
  return [{ weight: 1, mu, sigma, factor: 1, addMs: 0 }];
}

/** Whether two mixtures have the same components (value equality), for grouping segments at setup. */
export function sameMixture(a: LatencyMixture, b: LatencyMixture): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.weight !== y.weight || x.mu !== y.mu || x.sigma !== y.sigma) return false;
    if (x.factor !== y.factor || x.addMs !== y.addMs) return false;
  }
  return true;
}
