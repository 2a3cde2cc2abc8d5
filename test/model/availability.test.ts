import { describe, expect, it } from 'vitest';
import { advanceAvailability, createAvailability, isDownAt } from '../../src/model/index.js';
import { deriveStream } from '../../src/random/index.js';

const MINUTE_MS = 60_000;

describe('availability renewal process', () => {
  // The up-fraction of independent stationary processes over one interval has mean A; the tolerance
  // is 4 standard errors of the sample mean (sample SD / sqrt(runs)).
  it('has long-run mean availability A from the first interval on (stationary start)', () => {
    const availability = 0.99;
    const runs = 4000;
    const rng = deriveStream(3, 'availability-test');
    const firstInterval: number[] = [];
    const overDay: number[] = [];
    for (let r = 0; r < runs; r++) {
      const process = createAvailability(rng, availability, 2 * MINUTE_MS);
      let upMs = 0;
      for (let i = 0; i < 240; i++) {
        advanceAvailability(process, rng, 30_000, 0);
        if (i === 0) firstInterval.push(process.upMs / 30_000);
        upMs += process.upMs;
      }
      overDay.push(upMs / (240 * 30_000));
    }
    for (const sample of [firstInterval, overDay]) {
      const mean = sample.reduce((a, b) => a + b, 0) / runs;
      const sd = Math.sqrt(sample.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs - 1));
      expect(Math.abs(mean - availability)).toBeLessThanOrEqual((4 * sd) / Math.sqrt(runs));
    }
  });

  it('begins outages at rate 1 / (mean up + mean down)', () => {
    const availability = 0.95;
    const meanOutageMs = 2 * MINUTE_MS;
    const meanUpMs = (meanOutageMs * availability) / (1 - availability);
    const rng = deriveStream(4, 'outages');
    const process = createAvailability(rng, availability, meanOutageMs);
    const hours = 2000;
    let outages = 0;
    for (let i = 0; i < hours * 120; i++) {
      advanceAvailability(process, rng, 30_000, 0);
      outages += process.outagesBegun;
    }
    const expected = (hours * 3_600_000) / (meanUpMs + meanOutageMs);
    // A renewal count over a long time t has variance ≈ t·σ²/μ³ = expected·σ²/μ² (cycle mean μ, variance σ²);
    // with exponential up and down times μ = up + down and σ² = up² + down², so σ²/μ² = A² + (1 − A)². 4 SE.
    const se = Math.sqrt(expected * (availability ** 2 + (1 - availability) ** 2));
    expect(Math.abs(outages - expected)).toBeLessThanOrEqual(4 * se);
  });

  it('never goes down at availability 1, and a forced outage holds the interval start down', () => {
    const rng = deriveStream(5, 'forced');
    const process = createAvailability(rng, 1, MINUTE_MS);
    advanceAvailability(process, rng, 30_000, 0);
    expect(process.upMs).toBe(30_000);
    advanceAvailability(process, rng, 30_000, 0.5);
    expect(process.upMs).toBe(15_000);
    expect(process.outagesBegun).toBe(1);
    expect(isDownAt(process, 14_999)).toBe(true);
    expect(isDownAt(process, 15_000)).toBe(false);
    advanceAvailability(process, rng, 30_000, 1);
    expect(process.outagesBegun).toBe(1);
    advanceAvailability(process, rng, 30_000, 1);
    expect(process.outagesBegun).toBe(0);
  });
});
