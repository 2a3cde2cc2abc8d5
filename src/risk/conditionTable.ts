import type { Operator } from '../gates/index.js';
import { CountTable } from './countTable.js';
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
  private readonly values: CountTable;

  constructor(errorRate: number, op: Operator, threshold: number) {
    this.errorRate = errorRate;
    this.op = op;
    this.threshold = threshold;
    this.values = new CountTable((n) => holdsGivenRequests(n, errorRate, op, threshold));
  }

  /** P(the condition holds | n requests), n ≥ 1. */
  holds(n: number): number {
    return this.values.at(n);
  }
}
