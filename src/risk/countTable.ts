/**
 * Values f(n) for whole counts n ≥ 0, each computed on first use and kept: a dense array grown by
 * doubling, NaN where not yet computed. The exact analysis looks the same counts up for every window of
 * a phase, so each is computed once.
 *
 * @example const logFactorial = new CountTable((n) => gammaln(n + 1)); logFactorial.at(3) // ln 6
 */
export class CountTable {
  private values = new Float64Array(0);
  private readonly compute: (n: number) => number;

  constructor(compute: (n: number) => number) {
    this.compute = compute;
  }

  /** f(n), computed now if it was not before. */
  at(n: number): number {
    if (n >= this.values.length) {
      const grown = new Float64Array(Math.max(n + 1, 2 * this.values.length)).fill(Number.NaN);
      grown.set(this.values);
      this.values = grown;
    }
    let value = this.values[n]!;
    if (Number.isNaN(value)) {
      value = this.compute(n);
      this.values[n] = value;
    }
    return value;
  }
}
