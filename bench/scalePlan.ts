import type { Condition } from '../src/gates/index.js';
import type { Plan } from '../src/scenario/index.js';

const HOUR_MS = 3_600_000;

/** The scale benchmark's fixed workload: one phase of fixed length and a gate every run passes. */
export interface ScaleOptions {
  learners: number;
  requestsPerLearnerHour: number;
  /** Candidate share of the traffic, (0, 1]. */
  traffic: number;
  durationMs: number;
}

const PASS_EVERYTHING: Condition = { metric: 'requests', op: 'min', threshold: 0 };

/**
 * The default scenario's plan reshaped for the scale benchmark: its analyzers, segments, guards and
 * monitoring as they are, with `learners` at `requestsPerLearnerHour` in every segment, and one phase of
 * fixed length with hourly checkpoints and a gate every run passes, so every run simulates the whole
 * phase and every interval does the guards' work.
 */
export function scalePlan(base: Plan, options: ScaleOptions): Plan {
  const hours = Math.round(options.durationMs / HOUR_MS);
  return {
    ...base,
    name: `scale ${options.learners} learners`,
    population: { learners: options.learners, requestsPerLearnerHour: options.requestsPerLearnerHour },
    segments: base.segments.map((segment) => ({
      ...segment,
      requestsPerLearnerHour: options.requestsPerLearnerHour,
    })),
    diurnal: null,
    phases: [
      {
        name: 'scale',
        index: 0,
        traffic: options.traffic,
        learners: Math.round(options.traffic * options.learners),
        durationMs: options.durationMs,
        checkpointsMs: Array.from({ length: hours }, (_, h) => (h + 1) * HOUR_MS),
        gates: [PASS_EVERYTHING],
        require: 'every-checkpoint',
        advance: 'auto',
        window: 'cumulative',
      },
    ],
    faults: [],
  };
}
