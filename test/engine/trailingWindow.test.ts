import { describe, expect, it } from 'vitest';
import { emptyEngineWindow } from '../../src/engine/engineWindow.js';
import { TrailingWindow } from '../../src/engine/trailingWindow.js';

const boundsMs = [10, 20];

function interval(requests: number, bucket: number) {
  const window = emptyEngineWindow(boundsMs, 2);
  window.stats.requests = requests;
  window.stats.errors = requests % 3;
  window.stats.latencyCounts[bucket] = requests;
  if (requests > 0) window.latencyBuckets = { low: bucket, high: bucket };
  window.stats.segments[1]!.requests = requests;
  window.stats.upMs = 30_000;
  window.stats.observedMs = 30_000;
  window.churnEvents = 1;
  return window;
}

describe('TrailingWindow', () => {
  it.each([1, 3, 10])('holds the sums of the last %d intervals', (length) => {
    const trailing = new TrailingWindow(length, boundsMs, 2);
    const pushed = [5, 0, 7, 2, 9, 4, 4, 1, 8, 3, 6, 2];
    pushed.forEach((requests, i) => {
      trailing.push(interval(requests, i % 3));
      const last = pushed.slice(Math.max(0, i + 1 - length), i + 1);
      const first = Math.max(0, i + 1 - length);
      const stats = trailing.window.stats;
      expect(stats.requests).toBe(last.reduce((a, b) => a + b, 0));
      expect(stats.errors).toBe(last.reduce((a, b) => a + (b % 3), 0));
      expect(stats.segments[1]!.requests).toBe(stats.requests);
      expect(stats.observedMs).toBe(30_000 * last.length);
      expect(trailing.window.churnEvents).toBe(last.length);
      const buckets = [0, 0, 0];
      last.forEach((requests, j) => {
        buckets[(first + j) % 3] = buckets[(first + j) % 3]! + requests;
      });
      expect(stats.latencyCounts).toEqual(buckets);
    });
    trailing.clear();
    trailing.push(interval(2, 0));
    expect(trailing.window.stats.requests).toBe(2);
  });

  it.each([1, 2, 3, 10])(
    'holds the last %d intervals drawn into fresh windows, across clears and draws never pushed',
    (length) => {
      const trailing = new TrailingWindow(length, boundsMs, 2);
      // Each step: requests pushed, -1 a draw that is not pushed (an unjudged piece), or 'clear'.
      const steps = '5 0 -1 7 2 clear 9 -1 4 4 1 clear 8 3 -1 6 2 11'
        .split(' ')
        .map((step) => (step === 'clear' ? step : Number(step)));
      let pushed: number[] = [];
      steps.forEach((step, i) => {
        if (step === 'clear') {
          trailing.clear();
          pushed = [];
          return;
        }
        const window = trailing.fresh();
        expect(window.stats.requests).toBe(0);
        expect(window.latencyBuckets.high).toBe(-1);
        const requests = step < 0 ? 13 : step;
        window.stats.requests = requests;
        window.stats.errors = requests % 3;
        window.stats.latencyCounts[i % 3] = requests;
        if (requests > 0) window.latencyBuckets = { low: i % 3, high: i % 3 };
        if (step < 0) return;
        trailing.pushFresh();
        pushed.push(requests);
        const last = pushed.slice(-length);
        const stats = trailing.window.stats;
        expect(stats.requests).toBe(last.reduce((a, b) => a + b, 0));
        expect(stats.errors).toBe(last.reduce((a, b) => a + (b % 3), 0));
        expect(stats.latencyCounts.reduce((a, b) => a + b, 0)).toBe(stats.requests);
      });
    },
  );
});
