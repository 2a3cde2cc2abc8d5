import { describe, expect, it } from 'vitest';
import { type FaultWindow, faultWindows, phaseStartsMs, windowAt } from '../../src/model/faultWindows.js';
import { deriveStream } from '../../src/random/index.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Canary 2 h, ramp 4 h, rollout 13 d. */
const PHASES_MS = [2 * HOUR_MS, 4 * HOUR_MS, 13 * DAY_MS];

const random = (ratePerDay: number, meanDurationMs: number, phaseIndex: number | null = null) => ({
  phaseIndex,
  atMs: null,
  durationMs: null,
  ratePerDay,
  meanDurationMs,
});

describe('faultWindows', () => {
  it('places a scheduled fault at its phase start + at, for its duration, running on past the phase', () => {
    const rng = deriveStream(1, 'faults');
    const fault = {
      phaseIndex: 1,
      atMs: 3.5 * HOUR_MS,
      durationMs: HOUR_MS,
      ratePerDay: null,
      meanDurationMs: null,
    };
    expect(faultWindows(fault, PHASES_MS, rng)).toEqual([{ startMs: 5.5 * HOUR_MS, endMs: 6.5 * HOUR_MS }]);
  });

  it('draws nothing for a scheduled fault: the stream is left as it was', () => {
    const used = deriveStream(1, 'faults');
    faultWindows(
      { phaseIndex: 0, atMs: 0, durationMs: 1, ratePerDay: null, meanDurationMs: null },
      PHASES_MS,
      used,
    );
    expect(used.next()).toBe(deriveStream(1, 'faults').next());
  });

  it('keeps a random fault limited to a phase inside that phase, sorted and disjoint', () => {
    for (let run = 0; run < 200; run++) {
      const windows = faultWindows(random(24, HOUR_MS, 1), PHASES_MS, deriveStream(7, run, 'faults'));
      windows.forEach((window, i) => {
        expect(window.startMs).toBeGreaterThanOrEqual(2 * HOUR_MS);
        expect(window.endMs).toBeLessThanOrEqual(6 * HOUR_MS);
        expect(window.endMs).toBeGreaterThan(window.startMs);
        if (i > 0) expect(window.startMs).toBeGreaterThan(windows[i - 1]!.endMs);
      });
    }
  });

  it('draws episodes as a Poisson process: starts over 13.25 days at 2 a day ~ Poisson(26.5)', () => {
    // Short episodes (1 s) almost never merge, so the window count is the episode count. Over R runs the
    // mean of a Poisson(μ) count has standard error sqrt(μ / R); tolerance 4 of those.
    const runs = 2000;
    const mu = 2 * (PHASES_MS.reduce((a, b) => a + b, 0) / DAY_MS);
    let total = 0;
    for (let run = 0; run < runs; run++)
      total += faultWindows(random(2, 1000), PHASES_MS, deriveStream(3, run, 'faults')).length;
    expect(Math.abs(total / runs - mu)).toBeLessThanOrEqual(4 * Math.sqrt(mu / runs));
  });

  it('gives episodes exponential lengths: mean 20 min, standard error mean/√n', () => {
    // Rare episodes (so none merge) in the 13-day phase, far from its end (so none is cut).
    const lengths: number[] = [];
    for (let run = 0; lengths.length < 4000; run++) {
      for (const window of faultWindows(
        random(1, 20 * 60_000, 2),
        PHASES_MS,
        deriveStream(9, run, 'faults'),
      )) {
        if (window.endMs < 6 * HOUR_MS + 12 * DAY_MS) lengths.push(window.endMs - window.startMs);
      }
    }
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(Math.abs(mean - 1_200_000)).toBeLessThanOrEqual((4 * 1_200_000) / Math.sqrt(lengths.length));
  });

  it('is the same for the same (seed, run) and differs between runs', () => {
    const a = faultWindows(random(5, HOUR_MS), PHASES_MS, deriveStream(20251031, 4, 'faults'));
    expect(faultWindows(random(5, HOUR_MS), PHASES_MS, deriveStream(20251031, 4, 'faults'))).toEqual(a);
    expect(faultWindows(random(5, HOUR_MS), PHASES_MS, deriveStream(20251031, 5, 'faults'))).not.toEqual(a);
  });
});

describe('windowAt', () => {
  const windows: FaultWindow[] = [
    { startMs: 0, endMs: 60_000 },
    { startMs: 90_000, endMs: 120_000 },
  ];
  it.each([
    [0, 0],
    [59_999, 0],
    [60_000, null],
    [89_999, null],
    [90_000, 1],
    [120_000, null],
    [-1, null],
  ])('at %i ms → window %s', (tMs, index) => {
    expect(windowAt(windows, tMs)).toBe(index === null ? null : windows[index]);
  });

  it('phaseStartsMs: cumulative planned durations', () => {
    expect(phaseStartsMs(PHASES_MS)).toEqual([0, 2 * HOUR_MS, 6 * HOUR_MS]);
  });
});
