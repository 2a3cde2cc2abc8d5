import { describe, expect, it } from 'vitest';
import type { CohortStreams } from '../../src/engine/cohortSampler.js';
import { CohortStreamSet, cohortStreams, type RunKey } from '../../src/engine/streams.js';
import { deriveStream } from '../../src/random/index.js';

const PURPOSES: Array<keyof CohortStreams> = [
  'requests',
  'errors',
  'latency',
  'availability',
  'revenue',
  'exposure',
  'events',
  'integrity',
  'segments',
  'latencyDetail',
];

function expected(key: RunKey, purpose: string, cohort: string, phase: number) {
  const run = key.run === undefined ? [] : [key.run];
  return deriveStream(key.seed, ...run, purpose, cohort, phase);
}

describe('CohortStreamSet', () => {
  it('draws what deriveStream(seed, [run,] purpose, cohort, phase) draws, run after run and phase after phase', () => {
    const set = new CohortStreamSet('baseline', 3);
    const keys: RunKey[] = [{ seed: 20251031 }, { seed: 20251031, run: 7 }, { seed: 6570055745874584 }];
    for (const key of keys) {
      set.forRun(key);
      for (const phase of [0, 2, 1, 0]) {
        const streams = set.forPhase(phase);
        // Only some purposes, in varying order: the others must start afresh in a later phase or run.
        for (const purpose of PURPOSES.filter((_, i) => (i + phase) % 3 !== 0).reverse()) {
          const reference = expected(key, purpose, 'baseline', phase);
          for (let k = 0; k < 5; k++) expect(streams[purpose].next()).toBe(reference.next());
        }
      }
    }
  });

  it('hands out the same stream for a purpose until the phase changes', () => {
    const set = new CohortStreamSet('candidate', 1);
    set.forRun({ seed: 1, run: 2 });
    const streams = set.forPhase(0);
    const reference = expected({ seed: 1, run: 2 }, 'latency', 'candidate', 0);
    expect([streams.latency.next(), streams.latency.next()]).toEqual([reference.next(), reference.next()]);
  });

  it('rejects a phase the plan does not have', () => {
    const set = new CohortStreamSet('candidate', 2);
    set.forRun({ seed: 1 });
    expect(() => set.forPhase(2)).toThrow(RangeError);
  });
});

describe('cohortStreams', () => {
  it('derives one phase of one run on its own', () => {
    const streams = cohortStreams({ seed: 20251031, run: 3 }, 'candidate', 2);
    const reference = expected({ seed: 20251031, run: 3 }, 'requests', 'candidate', 2);
    expect(streams.requests.next()).toBe(reference.next());
  });
});
