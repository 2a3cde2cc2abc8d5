import { describe, expect, it } from 'vitest';
import type { PhaseSetup } from '../../src/engine/engineSetup.js';
import { emptyEngineWindow } from '../../src/engine/engineWindow.js';
import { evaluateCheckpoint, metricValues } from '../../src/engine/evaluateCheckpoint.js';
import { evaluateGate, METRIC_NAMES } from '../../src/gates/index.js';

const boundsMs = [10, 20, 50, 100, 200, 500];

/** A window with 400 requests in buckets 2..4 and the range that holds them. */
function filledWindow() {
  const window = emptyEngineWindow(boundsMs, 2);
  const stats = window.stats;
  stats.requests = 400;
  stats.errors = 3;
  stats.upMs = 1_790_000;
  stats.observedMs = 1_800_000;
  stats.latencyCounts[2] = 250;
  stats.latencyCounts[3] = 140;
  stats.latencyCounts[4] = 10;
  stats.segments[0] = { requests: 300, errors: 1 };
  stats.segments[1] = { requests: 100, errors: 2 };
  window.latencyBuckets = { low: 2, high: 4 };
  return window;
}

describe('metricValues', () => {
  it('keys every metric in METRIC_NAMES order, the order results files write them', () => {
    expect(Object.keys(metricValues(emptyEngineWindow(boundsMs, 2).stats))).toEqual([...METRIC_NAMES]);
  });

  it('gives the same values when told the range of non-empty latency buckets', () => {
    const window = filledWindow();
    expect(metricValues(window.stats, window.latencyBuckets)).toEqual(metricValues(window.stats));
  });
});

describe('evaluateCheckpoint', () => {
  it('judges each gate exactly as evaluateGate on the candidate window', () => {
    const gates = [
      { metric: 'errorRate', op: 'below', threshold: 0.01 },
      { metric: 'p99LatencyMs', op: 'below', threshold: 150 },
      { metric: 'availability', op: 'above', threshold: 0.999 },
      { metric: 'revenueImpact', op: 'within', threshold: 0.03 },
    ] as const;
    const phase = { name: 'ramp', gates } as unknown as PhaseSetup;
    const gateContext = { phase: 'ramp', label: '30m checkpoint' };
    const window = filledWindow();
    const result = evaluateCheckpoint(phase, { label: '30m', offsetMs: 1_800_000, gateContext }, 'at', {
      candidate: window,
      baseline: null,
      windowFromMs: 0,
      segmentIds: ['a', 'b'],
    });
    expect(result.gates).toEqual(gates.map((gate) => evaluateGate(gate, window.stats, gateContext)));
    expect(result.gates.map((gate) => gate.verdict)).toEqual(['pass', 'fail', 'fail', 'inconclusive']);
    expect(result.verdict).toBe('fail');
  });
});
