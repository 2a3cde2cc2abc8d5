import type { Operator } from '../gates/index.js';
import { holdsGivenRequests } from './operatingCharacteristic.js';

/**
 * P(the condition `errors / n op threshold` holds | n requests) when each request fails with probability
 * `errorRate`, kept per n once computed. Every window of a phase, whatever its expected requests, sums
 * the same terms against its own Poisson weights, so under a diurnal profile (hundreds of distinct window
 * sizes) each count still costs one incomplete beta.
 */
export class ConditionTable {
  readonly errorRate: number;
  readonly op: Operator;
  readonly threshold: number;
  private values = new Float64Array(0);

  constructor(errorRate: number, op: Operator, threshold: number) {
    this.errorRate = errorRate;
    this.op = op;
    this.threshold = threshold;
  }

  /** P(the condition holds | n requests), n ≥ 1. */
  holds(n: number): number {
    if (n >= this.values.length) {
      const grown = new Float64Array(Math.max(n + 1, 2 * this.values.length)).fill(Number.NaN);
      grown.set(this.values);
      this.values = grown;
    }
    let value = this.values[n]!;
    if (Number.isNaN(value)) {
      value = holdsGivenRequests(n, this.errorRate, this.op, this.threshold);
      this.values[n] = value;
    }
    return value;
  }
}
