import type { BucketTable } from '../src/model/index.js';
import type { Workload } from './measure.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
/** The Poisson table ends past the mean where a term falls under this; a uniform above its end is drawn again. */
const TABLE_TAIL = 1e-17;

/**
 * Marsaglia's xorshift128: four 32-bit words, a few shifts and xors per step, the cheapest generator
 * with a long period that V8 runs in 32-bit registers. Two steps make one uniform with 53 random
 * bits, the resolution the engine's draws rely on (tail buckets hold probabilities far below 2⁻³²).
 */
export class Xorshift128 {
  private x = 123456789;
  private y = 362436069;
  private z = 521288629;
  private w: number;

  constructor(seed: number) {
    this.w = seed | 0 || 88675123;
  }

  private step(): number {
    const t = this.x ^ (this.x << 11);
    this.x = this.y;
    this.y = this.z;
    this.z = this.w;
    this.w = this.w ^ (this.w >>> 19) ^ (t ^ (t >>> 8));
    return this.w;
  }

  /** A uniform in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.step() >>> 11;
    const low = this.step() >>> 0;
    return (high * TWO_POW_32 + low) / TWO_POW_53;
  }
}

/** What the candidate's monitoring windows of one phase need, averaged over a study's rehearsals. */
export interface FloorPhase {
  /** Windows simulated per rehearsal (the mean over the study's runs). */
  windowsPerRehearsal: number;
  requestsPerWindow: number;
  errorRate: number;
}

/**
 * The Poisson(λ) cdf up to where its terms fall under {@link TABLE_TAIL}, and a guide table (`guide[i]` is the
 * first k whose cdf passes i / length): inversion with one uniform and a comparison or two a draw.
 */
function poissonTable(mean: number): { cdf: Float64Array; guide: Int32Array } {
  const values: number[] = [];
  let pmf = Math.exp(-mean);
  let total = 0;
  for (let k = 0; k <= mean || pmf >= TABLE_TAIL; k++) {
    total += pmf;
    values.push(total);
    pmf *= mean / (k + 1);
  }
  const cdf = Float64Array.from(values);
  const guide = new Int32Array(cdf.length);
  let k = 0;
  for (let i = 0; i < guide.length; i++) {
    while (cdf[k]! <= i / guide.length) k++;
    guide[i] = k;
  }
  return { cdf, guide };
}

/** P(no error) among n requests, (1 − e)ⁿ, for every n the Poisson table can give. */
function noErrorTable(errorRate: number, largest: number): Float64Array {
  return Float64Array.from({ length: largest + 1 }, (_, n) => (1 - errorRate) ** n);
}

/** A {@link Workload} of bare draws, with the uniforms it takes and what it drew so far (a sanity check). */
export interface FloorWorkload extends Workload {
  uniformsPerRehearsal: number;
  /** Requests, latencies (buckets drawn) and errors drawn so far. */
  drawn: () => { requests: number; latencies: number; errors: number };
}

/**
 * The bare draws of the windows a study's rehearsals simulate, with nothing around them: per window the
 * requests (Poisson, one uniform by table inversion), the errors among them (binomial, one uniform by
 * inversion, (1 − e)ⁿ precomputed) and the latencies the guards read: with `tailShare` (the share of
 * requests in the guards' latency tail, as the engine draws a window) the number in the tail (binomial,
 * one uniform by inversion) and one bucket per tail request; without it, one bucket per request (Walker's
 * alias method, one uniform), into a histogram. One call draws the windows of `rehearsals` rehearsals of
 * each phase. Checkpoint spans (revenue, segments, the body's histogram the engine draws once per span)
 * and the deployment's rare transitions are left out, so this is a floor that no implementation of the
 * model can go under with this generator.
 */
export function drawFloorWorkload(
  phases: readonly FloorPhase[],
  table: BucketTable,
  rehearsals: number,
  tailShare: number | null = null,
): FloorWorkload {
  const rng = new Xorshift128(20251031);
  const tables = phases.map((phase) => {
    const { cdf, guide } = poissonTable(phase.requestsPerWindow);
    return {
      cdf,
      guide,
      noError: noErrorTable(phase.errorRate, cdf.length),
      errorRate: phase.errorRate,
      noTail: tailShare === null ? null : noErrorTable(tailShare, cdf.length),
    };
  });
  const windows = phases.map((phase) => Math.round(phase.windowsPerRehearsal * rehearsals));
  const { order, aliasThreshold, aliasOther } = table;
  const buckets = order.length;
  const counts = new Float64Array(table.probabilities.length);
  let errors = 0;
  let requestsDrawn = 0;
  const uniformsPerRehearsal = phases.reduce(
    (sum, phase) =>
      sum +
      phase.windowsPerRehearsal *
        (tailShare === null ? 2 + phase.requestsPerWindow : 3 + phase.requestsPerWindow * tailShare),
    0,
  );
  /** Binomial(n, p) by inversion from one uniform, P(0) = `none` = (1 − p)ⁿ. */
  const binomial = (n: number, p: number, none: number): number => {
    let k = 0;
    let v = rng.next();
    let pmf = none;
    while (v >= pmf && k < n) {
      v -= pmf;
      k++;
      pmf *= ((n - k + 1) / k) * (p / (1 - p));
    }
    return k;
  };
  return {
    run: () => {
      phases.forEach((_, p) => {
        const { cdf, guide, noError, errorRate, noTail } = tables[p]!;
        const top = cdf[cdf.length - 1]!;
        for (let w = 0; w < windows[p]!; w++) {
          let u = rng.next();
          while (u >= top) u = rng.next();
          let requests = guide[Math.floor(u * guide.length)]!;
          while (u >= cdf[requests]!) requests++;
          requestsDrawn += requests;
          errors += binomial(requests, errorRate, noError[requests]!);
          const latencies = noTail === null ? requests : binomial(requests, tailShare!, noTail[requests]!);
          for (let i = 0; i < latencies; i++) {
            const scaled = rng.next() * buckets;
            const j = Math.floor(scaled);
            const k = order[scaled - j < aliasThreshold[j]! ? j : aliasOther[j]!]!;
            counts[k] = counts[k]! + 1;
          }
        }
      });
    },
    batch: 1,
    uniformsPerRehearsal,
    drawn: () => ({
      requests: requestsDrawn,
      latencies: counts.reduce((sum, count) => sum + count, 0),
      errors,
    }),
  };
}
