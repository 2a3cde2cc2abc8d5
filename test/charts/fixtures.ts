import type {
  GateMetricChartInput,
  OutcomesChartInput,
  RevenueFanChartInput,
  SensitivityChartInput,
  TimeToDetectChartInput,
  TrafficChartInput,
} from '../../src/charts/index.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The default plan's errorRate gate: a full canary, a ramp cut short, a rollout not reached; `name` names the canary. */
export function makeGateInput(name = 'canary'): GateMetricChartInput {
  return {
    title: 'errorRate at each checkpoint against its limit, by phase',
    axisTitle: 'errorRate',
    unit: 'fraction',
    panels: [
      {
        title: `${name}: errorRate < 1.00%`,
        op: 'below',
        threshold: 0.01,
        durationMs: 2 * HOUR_MS,
        points: [15, 30, 60, 90, 120].map((minutes, index) => ({
          label: `${minutes}m`,
          offsetMs: minutes * 60_000,
          observed: index * 0.0005,
          verdict: 'pass' as const,
        })),
      },
      {
        title: 'ramp: errorRate < 0.50%',
        op: 'below',
        threshold: 0.005,
        durationMs: 4 * HOUR_MS,
        points: [{ label: '15m', offsetMs: 900_000, observed: 0.006, verdict: 'fail' as const }],
      },
      {
        title: 'rollout: errorRate < 0.10%',
        op: 'below',
        threshold: 0.001,
        durationMs: 13 * DAY_MS,
        points: [],
      },
    ],
  };
}

export function makeTrafficInput(): TrafficChartInput {
  const rollbackMs = 2 * HOUR_MS + 19 * 60_000;
  return {
    title: 'Traffic on the candidate over time',
    rehearsed: [
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: rollbackMs, share: 0.1 },
      { fromMs: rollbackMs, toMs: 6 * HOUR_MS + 13 * DAY_MS, share: 0 },
    ],
    planned: [
      { fromMs: 0, toMs: 2 * HOUR_MS, share: 0.01 },
      { fromMs: 2 * HOUR_MS, toMs: 6 * HOUR_MS, share: 0.1 },
      { fromMs: 6 * HOUR_MS, toMs: 6 * HOUR_MS + 13 * DAY_MS, share: 1 },
    ],
    phases: [
      { name: 'canary', startMs: 0 },
      { name: 'ramp', startMs: 2 * HOUR_MS },
      { name: 'rollout', startMs: 6 * HOUR_MS },
    ],
    markers: [
      { atMs: 2 * HOUR_MS, share: 0.01, label: 'advance at 2h', kind: 'advance' },
      { atMs: rollbackMs, share: 0.1, label: 'rollback at 2h19m', kind: 'rollback' },
    ],
  };
}

/** +5.8% of $50M, sd 1.2 points, accruing linearly over a year. */
export function makeFanInput(): RevenueFanChartInput {
  const points = Array.from({ length: 53 }, (_, week) => {
    const day = Math.min(week * 7, 365);
    const valueUsd = (2_900_000 * day) / 365;
    const spreadUsd = (1.2816 * 600_000 * day) / 365;
    return { day, valueUsd, p10Usd: valueUsd - spreadUsd, p90Usd: valueUsd + spreadUsd };
  });
  return { title: 'Cumulative revenue impact', series: [{ name: 'plan on schedule', points }] };
}

export function makeSensitivityInput(): SensitivityChartInput {
  return {
    title: 'What moves the projected net value most',
    baseUsd: 2_898_153,
    bars: [
      { label: 'timeline (rolled-back to completed)', lowUsd: 7, highUsd: 2_898_153 },
      { label: 'revenueUplift (+3.45% to +8.15%)', lowUsd: 1_722_883, highUsd: 4_073_423 },
    ],
  };
}

export function makeOutcomesInput(): OutcomesChartInput {
  return {
    title: 'Outcomes of 10,000 rehearsals',
    outcomes: [
      { label: 'completed', p: 0.31, ci95: [0.301, 0.319], kind: 'completed' },
      { label: 'rolled back: errorRate guard', p: 0.65, ci95: [0.641, 0.659], kind: 'rolled-back' },
      { label: 'halted', p: 0.04, ci95: [0.036, 0.044], kind: 'halted' },
    ],
  };
}

export function makeTimeToDetectInput(): TimeToDetectChartInput {
  return {
    title: 'Time to detect each fault',
    rows: [
      { label: 'latency-spike ×6 in ramp', pDetected: 0.98, p10Ms: 30_000, p50Ms: 60_000, p90Ms: 150_000 },
      { label: 'data inconsistency', pDetected: 0, p10Ms: null, p50Ms: null, p90Ms: null },
    ],
    reference: { valueMs: 300_000, label: 'promised: 5m' },
  };
}
