import { type JudgedGuardTrip, PhaseJudge } from '../engine/phaseJudge.js';
import type { CheckpointResult, MetricValues, SegmentTotals, StopCause } from '../engine/rehearsal.js';
import {
  type Condition,
  checkpointVerdict,
  computeMetric,
  type Decision,
  METRIC_NAMES,
  nextGuardStreak,
  streakReason,
  streakTrips,
} from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import type { PhasePlan } from '../scenario/plan.js';
import type { Problem } from '../scenario/problems.js';
import type { ObservationRow } from './observation.js';
import {
  evaluateObservedGate,
  evaluateObservedGuard,
  isRecorded,
  notRecordedGate,
  observedGuardTrips,
  observedWindowStats,
} from './observedGates.js';
import { type ObservedPoint, ObservedPointBuilder } from './observedPoint.js';
import { type ObservedRate, observedRate, type ReplayWarning, smallSampleWarning } from './replayChecks.js';

/** A checkpoint result whose absolute time is filled in once the phase's start is known. */
export type ReplayedCheckpoint = Omit<CheckpointResult, 'at'>;

/** Counts of the phase's candidate cohort as recorded. */
export interface RecordedTotals {
  requests: number;
  errors: number;
}

function metricValues(point: ObservedPoint): MetricValues {
  const values = {} as MetricValues;
  for (const metric of METRIC_NAMES) {
    values[metric] = isRecorded(point, metric)
      ? computeMetric(metric, observedWindowStats(point, metric))
      : null;
  }
  return values;
}

const NOTHING_RECORDED = Object.fromEntries(METRIC_NAMES.map((metric) => [metric, null])) as MetricValues;

/**
 * One phase of a replay: groups its rows into recorded points as they stream in (rows of a phase come in
 * time order; see docs/replay.md), and at each closed point runs the rehearsal's guard code, then, at the
 * plan's checkpoints, its gate code, and hands both to the {@link PhaseJudge} a rehearsal decides with.
 * The phase ends at its first decision, a pass included. Holds the open point and the checkpoint results
 * only, never rows.
 */
export class PhaseReplay {
  readonly rates: ObservedRate[] = [];
  readonly warnings: ReplayWarning[] = [];
  /** Epoch ms of the phase start, when the file gives absolute times. */
  startEpochMs: number | null = null;
  points = 0;
  pointsAfterDecision = 0;
  lastPoint: ObservedPoint | null = null;
  private form: 'offset' | 'time' | null = null;
  private open: ObservedPointBuilder | null = null;
  private nextCheckpoint = 0;
  private readonly checkpointLines = new Map<number, number>();
  private readonly checkpointSums: RecordedTotals = { requests: 0, errors: 0 };
  private readonly judge: PhaseJudge<ReplayedCheckpoint>;
  /** Each guard's streak: the consecutive recorded points up to now at which its condition held. */
  private readonly streaks: number[] = [];

  constructor(
    readonly plan: PhasePlan,
    private readonly guards: readonly Condition[],
    /** How far a recorded time may be from a planned checkpoint and still be that checkpoint, ms. */
    private readonly toleranceMs: number,
    private readonly file: string,
    /** The scenario's segment ids: checkpoint segment totals follow their order, unknown ids after. */
    private readonly segmentIds: readonly string[],
    /** The phase start when it is known (`--phase-start`), epoch ms; null: inferred from the first ISO row. */
    private readonly givenStartEpochMs: number | null = null,
  ) {
    this.startEpochMs = givenStartEpochMs;
    this.judge = new PhaseJudge(plan.name, plan, plan.checkpointsMs.length);
  }

  get checkpoints(): readonly ReplayedCheckpoint[] {
    return this.judge.checkpoints;
  }

  get guardTrips(): readonly JudgedGuardTrip[] {
    return this.judge.guardTrips;
  }

  /** The phase's decision: the first guard trip or a rollback or halt at a checkpoint, else the pass at the last one. */
  get decision(): Decision | null {
    return this.judge.stop ?? this.judge.passed;
  }

  /** The gate or guard behind a rollback or halt; null otherwise. */
  get cause(): StopCause | null {
    return this.judge.cause;
  }

  private segmentTotals(point: ObservedPoint): SegmentTotals[] {
    const rank = (id: string) => {
      const index = this.segmentIds.indexOf(id);
      return index < 0 ? this.segmentIds.length : index;
    };
    return point.segments
      .map(({ id, requests, errors }) => ({ id, requests, errors }))
      .sort((a, b) => rank(a.id) - rank(b.id));
  }

  private problem(row: ObservationRow, path: string, expected: string, found: string): Problem {
    return { file: this.file, line: row.line, column: null, path, expected, found };
  }

  /** The row's offset from the phase start, or why it has none. */
  private offsetOf(row: ObservationRow): number | Problem {
    const form = row.at.kind;
    this.form ??= form;
    if (form !== this.form) {
      const expected =
        this.form === 'offset'
          ? 'an offset like 30m, as in the phase’s first row'
          : 'an ISO time, as in the phase’s first row';
      return this.problem(row, 'at', expected, `"${row.at.text}"`);
    }
    if (row.at.kind === 'offset') return row.at.offsetMs;
    this.startEpochMs ??= row.at.epochMs - (this.plan.checkpointsMs[0] ?? 0);
    const offsetMs = row.at.epochMs - this.startEpochMs;
    if (offsetMs < 0) {
      const start =
        this.givenStartEpochMs === null
          ? 'the phase start (inferred from its first row)'
          : `the phase start given, ${new Date(this.givenStartEpochMs).toISOString()}`;
      return this.problem(row, 'at', `a time after ${start}`, row.at.text);
    }
    return offsetMs;
  }

  /** Adds a row of this phase, or returns why it cannot be used. */
  add(row: ObservationRow): Problem | null {
    const offsetMs = this.offsetOf(row);
    if (typeof offsetMs !== 'number') return offsetMs;
    const open = this.open;
    if (open !== null && offsetMs === open.offsetMs) return open.add(row, this.file);
    if (open !== null && offsetMs < open.offsetMs) {
      const firstLine = this.checkpointLines.get(offsetMs);
      if (firstLine !== undefined) {
        const found = `a second row for ${row.phase} at ${row.at.text} (the first is on line ${firstLine})`;
        return this.problem(row, 'at', 'one row per phase, at and segment', found);
      }
      return this.problem(
        row,
        'at',
        `rows of a phase in time order (this one comes after ${open.atText})`,
        row.at.text,
      );
    }
    const builder = new ObservedPointBuilder(row, offsetMs, row.at.kind === 'time' ? row.at.epochMs : null);
    const problem = builder.add(row, this.file);
    if (problem !== null) return problem;
    if (open !== null) this.close(open.build());
    this.open = builder;
    return null;
  }

  /** The planned checkpoint a recorded point stands for, if any (exact offset, or within tolerance for times). */
  private checkpointAt(offsetMs: number): number | null {
    const tolerance = this.form === 'time' ? this.toleranceMs : 0;
    for (let k = this.nextCheckpoint; k < this.plan.checkpointsMs.length; k++) {
      const distance = Math.abs(this.plan.checkpointsMs[k]! - offsetMs);
      if (distance <= tolerance) return k;
    }
    return null;
  }

  /** Planned checkpoints before `offsetMs` that no row recorded: every gate inconclusive, never a silent pass. */
  private fillGapsBefore(offsetMs: number): void {
    const tolerance = this.form === 'time' ? this.toleranceMs : 0;
    while (this.decision === null && this.nextCheckpoint < this.plan.checkpointsMs.length) {
      const plannedMs = this.plan.checkpointsMs[this.nextCheckpoint]!;
      if (plannedMs + tolerance >= offsetMs) return;
      const label = formatDuration(plannedMs);
      const context = { phase: this.plan.name, label: `${label} checkpoint, no row recorded` };
      const gates = this.plan.gates.map((gate) => notRecordedGate(gate, context));
      this.nextCheckpoint++;
      this.judge.checkpointJudged({
        label,
        offsetMs: plannedMs,
        windowFromMs: this.windowFrom(),
        windowToMs: plannedMs,
        metrics: NOTHING_RECORDED,
        baselineMetrics: null,
        gates,
        verdict: checkpointVerdict(gates),
        segments: [],
      });
    }
  }

  private windowFrom(): number {
    return this.plan.window === 'cumulative' ? 0 : (this.judge.checkpoints.at(-1)?.offsetMs ?? 0);
  }

  private close(point: ObservedPoint): void {
    this.points++;
    if (this.decision !== null) {
      this.pointsAfterDecision++;
      return;
    }
    this.checkCounts(point);
    this.lastPoint = point;
    const k = this.checkpointAt(point.offsetMs);
    this.fillGapsBefore(k === null ? point.offsetMs : this.plan.checkpointsMs[k]!);
    if (this.decision !== null) return;
    for (const [g, guard] of this.guards.entries()) {
      const streak = nextGuardStreak(this.streaks[g] ?? 0, observedGuardTrips(guard, point));
      this.streaks[g] = streak;
      if (streak === 0 || !streakTrips(guard, streak)) continue;
      const result = evaluateObservedGuard(guard, point, this.judge.guardContext(point.offsetMs));
      const suffix = streakReason(guard);
      this.judge.guardTripped(
        g,
        suffix === '' ? result : { ...result, reason: result.reason + suffix },
        point.offsetMs,
      );
    }
    if (this.decision === null && k !== null) this.evaluateCheckpoint(point, k);
  }

  private evaluateCheckpoint(point: ObservedPoint, k: number): void {
    const label = formatDuration(this.plan.checkpointsMs[k]!);
    const context = { phase: this.plan.name, label: `${label} checkpoint` };
    const gates = this.plan.gates.map((gate) => evaluateObservedGate(gate, point, context));
    this.checkpointLines.set(point.offsetMs, point.firstLine);
    this.checkpointSums.requests += point.requests;
    this.checkpointSums.errors += point.errors;
    const rate = observedRate(this.plan.name, label, null, point.requests, point.errors);
    this.rates.push(rate);
    for (const segment of point.segments) {
      this.rates.push(observedRate(this.plan.name, label, segment.id, segment.requests, segment.errors));
    }
    for (const gate of gates) {
      const warning = smallSampleWarning(gate, rate);
      if (warning !== null) this.warnings.push(warning);
    }
    this.nextCheckpoint = k + 1;
    this.judge.checkpointJudged({
      label,
      offsetMs: point.offsetMs,
      windowFromMs: this.windowFrom(),
      windowToMs: point.offsetMs,
      metrics: metricValues(point),
      baselineMetrics: null,
      gates,
      verdict: checkpointVerdict(gates),
      segments: this.segmentTotals(point),
    });
  }

  /** Cumulative counts cannot fall: a warning when a phase with a cumulative window shows them falling. */
  private checkCounts(point: ObservedPoint): void {
    const previous = this.lastPoint;
    if (this.plan.window !== 'cumulative' || previous === null) return;
    if (point.requests >= previous.requests && point.errors >= previous.errors) return;
    const message =
      `line ${point.firstLine} (${point.phase} at ${point.atText}): requests/errors fell from ` +
      `${previous.requests}/${previous.errors} at ${previous.atText} to ${point.requests}/${point.errors}, ` +
      "but the phase's window is cumulative: rows should count from the phase start";
    this.warnings.push({ kind: 'counts-decreased', line: point.firstLine, phase: point.phase, message });
  }

  /** Closes the last point and marks planned checkpoints after the last row as not recorded. */
  finish(): void {
    if (this.open !== null) this.close(this.open.build());
    this.open = null;
    if (this.points > 0) this.fillGapsBefore(Number.POSITIVE_INFINITY);
  }

  /** The cohort's recorded counts: the last point's for a cumulative window, else the checkpoints' sum. */
  totals(): RecordedTotals {
    if (this.plan.window !== 'cumulative') return { ...this.checkpointSums };
    return { requests: this.lastPoint?.requests ?? 0, errors: this.lastPoint?.errors ?? 0 };
  }
}
