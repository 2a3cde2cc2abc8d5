import type { OutcomeStatus } from '../engine/rehearsal.js';
import { type CountHistogram, mergeCountsInto } from './countHistogram.js';

/** How often one gate did something, counted over the runs that reached its phase. */
export interface GateTally {
  /** Runs in which it failed at one checkpoint or more. */
  failed: number;
  /** Runs in which it was inconclusive (no value, too few requests) at one checkpoint or more. */
  inconclusive: number;
  /** Runs whose rollback it decided (the first failing gate of the deciding checkpoint). */
  causedRollback: number;
  /** Of those, runs in which a regression was present (true rollbacks). */
  causedTrueRollback: number;
  /** Runs it halted (inconclusive at the phase's end). */
  causedHalt: number;
}

/** How often one guard tripped in a phase, counted over the runs that reached the phase. */
export interface GuardTally {
  tripped: number;
  /** Runs whose rollback it decided (the first guard to trip; guards are checked in the plan's order). */
  causedRollback: number;
  causedTrueRollback: number;
}

/** How often one controller metric (or Flagger webhook) did something in a phase, over the runs that reached it. */
export interface ControllerMetricTally {
  /** Runs with at least one failed (Argo: Failed or Error) measurement of it in the phase. */
  failed: number;
  /** Runs whose rollback its failures decided. */
  causedRollback: number;
  causedTrueRollback: number;
  /** Runs it halted (an Argo run Inconclusive). */
  causedHalt: number;
}

/** How often one of the plan's candidate faults struck, and what the rollout did then. */
export interface FaultTally {
  /** Runs in which an episode overlapped a phase while it ran. */
  struck: number;
  /** Of those, runs that were rolled back. */
  rolledBack: number;
  /** Of those, runs whose rollout completed anyway: the fault slipped through every gate and guard. */
  completed: number;
}

/** Counts for one phase. */
export interface PhaseTally {
  reached: number;
  passed: number;
  rolledBack: number;
  trueRollbacks: number;
  halted: number;
  /** Runs that reached the phase with a regression present, and of those, runs that passed it (slipped through). */
  regressionReached: number;
  regressionPassed: number;
  /** One per gate of the phase, in the plan's order. */
  gates: GateTally[];
  /** One per guard of the plan, in its order. */
  guards: GuardTally[];
  /** For a controller's plan: one per controller metric, in the order of `controllerMetricNames`. */
  controller?: ControllerMetricTally[];
}

/** One run, as risk.json quotes it so that it can be reproduced with `rehearse run --seed`. */
export interface RunExample {
  run: number;
  /** The run's own seed (see `runSeed`). */
  seed: number;
  status: OutcomeStatus;
  /** The phase it ended in. */
  phase: string;
  /** What decided a rollback or halt: `guard errorRate`, `gate revenueImpact`; null when none did. */
  cause: string | null;
  /** From the rollout start to the end, ms. */
  elapsedMs: number;
  /** Whether a regression was present (a rollback of this run is a true one). */
  regression: boolean;
}

/**
 * Everything a study needs from its runs, as whole-number counts: per-outcome and per-phase counters,
 * histograms of elapsed times and exposures (integer ms and learners), the runs' exposure timelines by
 * signature, and a few example runs. Runs are tallied in any grouping and order and merged by adding
 * counts, which is exact, so one worker, many workers and many machines give the very same tally. Every
 * number field, here and in its phases, gates, guards and faults, is such a count.
 */
export interface RiskTally {
  /** Half-open range of run indices covered, or several merged ranges (sorted, disjoint). */
  ranges: Array<[number, number]>;
  runs: number;
  completed: number;
  rolledBack: number;
  trueRollbacks: number;
  halted: number;
  phases: PhaseTally[];
  /** One per candidate fault of the plan (those the model simulates and that hit the candidate), in plan order. */
  faults: FaultTally[];
  /** Elapsed time of completed runs, ms. */
  completionMs: CountHistogram;
  /** Elapsed time of rolled-back runs, from the rollout start to the rollback, ms. */
  rollbackMs: CountHistogram;
  /** Candidate learners exposed (at least one request) before a rollback. */
  exposedBeforeRollback: CountHistogram;
  /** Runs by exposure timeline, keyed by `timelineKey` over the phases that ran (for the finance projection). */
  timelines: CountHistogram<string>;
  /** The first few runs and the first run of each (status, phase, cause), sorted by run. */
  examples: RunExample[];
  /** What the rehearsals could not simulate as asked, each once, sorted. */
  warnings: string[];
}

/** The tally's shape: how many gates each phase has and how many guards the plan has. */
export interface TallyShape {
  gatesPerPhase: readonly number[];
  guards: number;
  /** Candidate faults the model simulates. */
  faults: number;
  /** Controller metrics of a controller's plan (absent otherwise). */
  controllerMetrics?: number;
}

/** How many of the first runs risk.json always quotes. */
export const LEADING_EXAMPLES = 3;

function emptyPhase(gates: number, guards: number, controllerMetrics: number | undefined): PhaseTally {
  const phase: PhaseTally = {
    reached: 0,
    passed: 0,
    rolledBack: 0,
    trueRollbacks: 0,
    halted: 0,
    regressionReached: 0,
    regressionPassed: 0,
    gates: Array.from({ length: gates }, () => ({
      failed: 0,
      inconclusive: 0,
      causedRollback: 0,
      causedTrueRollback: 0,
      causedHalt: 0,
    })),
    guards: Array.from({ length: guards }, () => ({ tripped: 0, causedRollback: 0, causedTrueRollback: 0 })),
  };
  if (controllerMetrics !== undefined) {
    phase.controller = Array.from({ length: controllerMetrics }, () => ({
      failed: 0,
      causedRollback: 0,
      causedTrueRollback: 0,
      causedHalt: 0,
    }));
  }
  return phase;
}

/** A tally of no runs (the identity of {@link mergeTallies}). */
export function emptyTally(shape: TallyShape): RiskTally {
  return {
    ranges: [],
    runs: 0,
    completed: 0,
    rolledBack: 0,
    trueRollbacks: 0,
    halted: 0,
    phases: shape.gatesPerPhase.map((gates) => emptyPhase(gates, shape.guards, shape.controllerMetrics)),
    faults: Array.from({ length: shape.faults }, () => ({ struck: 0, rolledBack: 0, completed: 0 })),
    completionMs: new Map(),
    rollbackMs: new Map(),
    exposedBeforeRollback: new Map(),
    timelines: new Map(),
    examples: [],
    warnings: [],
  };
}

/** The union of two lists of warnings, each once, sorted. */
export function mergeWarnings(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function exampleKey(example: RunExample): string {
  return `${example.status}|${example.phase}|${example.cause ?? ''}`;
}

/**
 * The examples worth keeping, sorted by run: the first {@link LEADING_EXAMPLES} runs, and the first run
 * of each kind of ending. Depends only on the set given, not its order.
 */
export function keepExamples(examples: readonly RunExample[]): RunExample[] {
  const sorted = [...examples].sort((a, b) => a.run - b.run);
  const seen = new Set<string>();
  return sorted.filter((example) => {
    const key = exampleKey(example);
    const first = !seen.has(key);
    seen.add(key);
    return first || example.run < LEADING_EXAMPLES;
  });
}

/**
 * Adds every count of `source` into `target`: in a tally every number field is a count of runs, so a new
 * counter is merged without being listed here; lists, maps and ranges are the caller's to merge.
 */
function addCounts<T extends object>(target: T, source: T): void {
  for (const key of Object.keys(source) as Array<keyof T>) {
    const count = source[key];
    if (typeof count === 'number') (target[key] as number) += count;
  }
}

/** Merges sorted, disjoint ranges, joining adjacent ones; throws if two overlap (a run counted twice). */
export function mergeRanges(ranges: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].filter(([from, to]) => to > from).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && from < last[1]) {
      throw new RangeError(`runs ${from}..${Math.min(to, last[1]) - 1} are counted twice`);
    }
    if (last !== undefined && from === last[1]) last[1] = to;
    else merged.push([from, to]);
  }
  return merged;
}

/**
 * Adds `source` into `target` in place and returns `target`: exact integer sums, so merging in any
 * order and grouping gives the same tally. Both must have the same shape and cover disjoint runs.
 */
export function mergeTallies(target: RiskTally, source: RiskTally): RiskTally {
  target.ranges = mergeRanges([...target.ranges, ...source.ranges]);
  addCounts(target, source);
  source.phases.forEach((phase, p) => {
    const into = target.phases[p]!;
    addCounts(into, phase);
    phase.gates.forEach((gate, g) => {
      addCounts(into.gates[g]!, gate);
    });
    phase.guards.forEach((guard, g) => {
      addCounts(into.guards[g]!, guard);
    });
    phase.controller?.forEach((metric, m) => {
      addCounts(into.controller![m]!, metric);
    });
  });
  source.faults.forEach((fault, f) => {
    addCounts(target.faults[f]!, fault);
  });
  mergeCountsInto(target.completionMs, source.completionMs);
  mergeCountsInto(target.rollbackMs, source.rollbackMs);
  mergeCountsInto(target.exposedBeforeRollback, source.exposedBeforeRollback);
  mergeCountsInto(target.timelines, source.timelines);
  target.examples = keepExamples([...target.examples, ...source.examples]);
  target.warnings = mergeWarnings(target.warnings, source.warnings);
  return target;
}
