import type { Rehearsal } from '../engine/rehearsal.js';
import type { MetricName, Operator } from '../gates/index.js';
import type { FaultWindow } from '../model/faultWindows.js';

/** The gate, guard or controller metric that stopped a rollout. */
export type Trigger = RuleTrigger | ControllerTrigger;

/** A gate or guard of the scenario's own phases. */
export interface RuleTrigger {
  kind: 'gate' | 'guard';
  metric: MetricName;
  op: Operator;
  threshold: number;
}

/** A controller metric (Argo measurement, Flagger check) whose failure fed the controller's decision. */
export interface ControllerTrigger {
  kind: 'controller';
  /** The metric's name in the manifests. */
  name: string;
  /** The modelled metric it measures; null for a provider or a webhook. */
  metric: MetricName | null;
}

/** Measurement results that count against a rollout: a failure, an error, and an inconclusive one in a halt. */
const BAD_MEASUREMENTS = ['Failed', 'Error', 'failed'];

/** Whether the plan caught a fault in one run, how, and how fast (times from the fault's first interval). */
export interface Detection {
  detected: boolean;
  /** The gate or guard whose decision stopped the rollout, when detected. */
  by: Trigger | null;
  /** To the first gate failure or guard trip that looked at the fault's data, ms (detected runs). */
  detectMs: number | null;
  /** To the rollback (or halt) decision, ms (detected runs). */
  rollbackMs: number | null;
  /** The rollout stopped after the fault began, for a reason the fault did not cause. */
  stoppedAnyway: boolean;
}

/** A gate failure or guard trip with the data window it judged, on the rollout's timeline (ms). */
interface Flag {
  trigger: Trigger;
  atMs: number;
  fromMs: number;
}

function overlaps(spans: readonly FaultWindow[], fromMs: number, toMs: number): boolean {
  return spans.some((span) => span.startMs < toMs && span.endMs > fromMs);
}

/** Every guard trip and failing gate of a rehearsal (inconclusive ones too when it halted), in time order. */
function flagsOf(rehearsal: Rehearsal, guardWindowMs: number): Flag[] {
  const flagged = rehearsal.outcome.status === 'halted' ? ['fail', 'inconclusive'] : ['fail'];
  const flags: Flag[] = [];
  let phaseStartMs = 0;
  for (const phase of rehearsal.phases) {
    for (const trip of phase.guardTrips) {
      const atMs = phaseStartMs + trip.offsetMs;
      const trigger: Trigger = {
        kind: 'guard',
        metric: trip.metric,
        op: trip.op as Operator,
        threshold: trip.threshold,
      };
      flags.push({ trigger, atMs, fromMs: Math.max(phaseStartMs, atMs - guardWindowMs) });
    }
    for (const measurement of phase.measurements ?? []) {
      const bad =
        BAD_MEASUREMENTS.includes(measurement.result) ||
        (measurement.result === 'Inconclusive' && flagged.includes('inconclusive'));
      if (!bad) continue;
      const atMs = phaseStartMs + measurement.offsetMs;
      const metric = measurement.metric;
      flags.push({
        trigger: { kind: 'controller', name: measurement.name, metric },
        atMs,
        fromMs: atMs - measurement.windowMs,
      });
    }
    for (const checkpoint of phase.checkpoints) {
      for (const gate of checkpoint.gates) {
        if (!flagged.includes(gate.verdict)) continue;
        const { metric, op, threshold } = gate;
        flags.push({
          trigger: { kind: 'gate', metric, op, threshold },
          atMs: phaseStartMs + checkpoint.offsetMs,
          fromMs: phaseStartMs + checkpoint.windowFromMs,
        });
      }
    }
    phaseStartMs += phase.ranMs;
  }
  return flags.sort((a, b) => a.atMs - b.atMs);
}

/** What tells causes apart: their kind and metric, and a controller metric's name. */
function causeKey(
  cause: { kind: string; metric: MetricName | null; name?: string } | null | undefined,
): string {
  return cause ? `${cause.kind}|${cause.metric}|${cause.name ?? ''}` : '';
}

function sameStop(a: Rehearsal, b: Rehearsal): boolean {
  return (
    a.outcome.status === b.outcome.status &&
    a.outcome.elapsedMs === b.outcome.elapsedMs &&
    causeKey(a.outcome.cause) === causeKey(b.outcome.cause)
  );
}

/**
 * Classifies one run: the fault was detected when the rollout with it stopped (rollback or halt) after
 * it began, on a gate or guard that judged a window holding the fault's data, and that stop is not the
 * very one the same run makes without the fault (same seed and run: the two share every draw until the
 * fault begins, so a stop that noise would have caused anyway is recognised and not credited).
 *
 * @param faulted the run with the fault; `reference` the same run without it
 * @param spans the fault's affected spans in `faulted` (rollout time, ms), non-empty
 * @param guardWindowMs the trailing window guards look at, ms
 */
export function classifyDetection(
  faulted: Rehearsal,
  reference: Rehearsal,
  spans: readonly FaultWindow[],
  guardWindowMs: number,
): Detection {
  const startMs = spans[0]!.startMs;
  const undetected = { detected: false, by: null, detectMs: null, rollbackMs: null };
  const { outcome } = faulted;
  if (outcome.status === 'completed' || outcome.elapsedMs <= startMs)
    return { ...undetected, stoppedAnyway: false };
  const flags = flagsOf(faulted, guardWindowMs).filter((flag) => flag.atMs > startMs);
  const seen = flags.filter((flag) => overlaps(spans, flag.fromMs, flag.atMs));
  const cause = outcome.cause;
  const causing = seen.filter(
    (flag) =>
      flag.atMs <= outcome.elapsedMs && (cause === null || causeKey(flag.trigger) === causeKey(cause)),
  );
  // A rollback is decided at its flag; a halt may come at the phase's end for an earlier inconclusive gate.
  const deciding = causing.find((flag) => flag.atMs === outcome.elapsedMs) ?? causing.at(-1);
  if (deciding === undefined || sameStop(faulted, reference)) return { ...undetected, stoppedAnyway: true };
  return {
    detected: true,
    by: deciding.trigger,
    detectMs: seen[0]!.atMs - startMs,
    rollbackMs: outcome.elapsedMs - startMs,
    stoppedAnyway: false,
  };
}
