import type {
  Cohort,
  CohortEffects,
  EffectsContext,
  FaultEffect,
  FaultEffectBuilder,
  FaultSpec,
  SegmentEffects,
} from './effects.js';
import { addLatency, affectShare, scaleLatency, stableTransform } from './faultMixtures.js';
import { type FaultTiming, faultWindows, phaseStartsMs, windowAt } from './faultWindows.js';
import type { LatencyMixture } from './latencyMixture.js';

const HOUR_MS = 3_600_000;
/** A degrading latency factor moves in steps of 1% (geometric), so a 13-day leak builds a few hundred mixtures. */
const DEGRADATION_STEP = Math.log(1.01);

/** A fault as the effect models read it: the fields of the plan's `FaultPlan` (the model does not import the plan). */
interface ModelledFault extends FaultSpec, FaultTiming {
  target: 'candidate' | 'baseline' | 'both';
  segmentIndex: number | null;
  params: Readonly<Record<string, number | string>>;
}

function asModelled(spec: FaultSpec): ModelledFault {
  const fault = spec as Partial<ModelledFault>;
  if (
    (fault.target !== 'candidate' && fault.target !== 'baseline' && fault.target !== 'both') ||
    typeof fault.params !== 'object' ||
    fault.params === null
  ) {
    throw new RangeError(`a ${spec.kind} fault needs target and params (a compiled FaultPlan)`);
  }
  return fault as ModelledFault;
}

function param(fault: ModelledFault, name: string): number | undefined {
  const value = fault.params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`a ${fault.kind} fault's ${name} must be a number, found ${JSON.stringify(value)}`);
  }
  return value;
}

function required(fault: ModelledFault, name: string): number {
  const value = param(fault, name);
  if (value === undefined) throw new RangeError(`a ${fault.kind} fault needs ${name}`);
  return value;
}

/** What a kind does while active; `elapsedMs` is the time since the current episode began. */
interface KindModel {
  cohort?(out: CohortEffects, elapsedMs: number): void;
  segment?(cohort: Cohort, segmentIndex: number, out: SegmentEffects, elapsedMs: number): void;
}

/**
 * A kind's model with the fault's timing (its windows drawn once per run from `context.rng`), its target
 * cohort(s) and its segment, if limited to one.
 */
function timedEffect(fault: ModelledFault, context: EffectsContext, model: KindModel): FaultEffect {
  const windows = faultWindows(fault, context.phaseDurationsMs, context.rng);
  const starts = phaseStartsMs(context.phaseDurationsMs);
  const elapsedMs = (phaseIndex: number, offsetMs: number) => {
    const tMs = starts[phaseIndex]! + offsetMs;
    return tMs - (windowAt(windows, tMs)?.startMs ?? tMs);
  };
  return {
    cohorts: fault.target === 'both' ? ['candidate', 'baseline'] : [fault.target],
    windows,
    applyToCohort: (_cohort, out, phaseIndex, offsetMs) =>
      model.cohort?.(out, elapsedMs(phaseIndex, offsetMs)),
    applyToSegment: (cohort, segmentIndex, out, phaseIndex, offsetMs) => {
      if (fault.segmentIndex !== null && segmentIndex !== fault.segmentIndex) return;
      model.segment?.(cohort, segmentIndex, out, elapsedMs(phaseIndex, offsetMs));
    },
  };
}

/** The latency a fault transforms: what earlier faults made of it, else the nominal mixture. */
function latencyIn(
  context: EffectsContext,
  cohort: Cohort,
  segmentIndex: number,
  out: SegmentEffects,
): LatencyMixture {
  return out.latency ?? context.nominalLatency(cohort, segmentIndex);
}

/**
 * The latency factor of a gradual degradation `elapsedMs` after it began: `1 + perHour · hours`, rounded to
 * the nearest 1% step on a log scale (`1.01^k`), so at most 0.5% off.
 *
 * @example degradationLatencyFactor(0.5, 7_200_000) // 2.0027 (1.01^70; exactly 2 before rounding)
 */
export function degradationLatencyFactor(perHour: number, elapsedMs: number): number {
  const steps = Math.round(Math.log(1 + (perHour * elapsedMs) / HOUR_MS) / DEGRADATION_STEP);
  return Math.exp(steps * DEGRADATION_STEP);
}

function builder(model: (fault: ModelledFault, context: EffectsContext) => KindModel): FaultEffectBuilder {
  return (spec, context) => {
    const fault = asModelled(spec);
    return timedEffect(fault, context, model(fault, context));
  };
}

const latencySpike = builder((fault, context) => {
  const spike = stableTransform((mixture) =>
    affectShare(mixture, param(fault, 'share') ?? 1, scaleLatency(required(fault, 'factor'))),
  );
  return {
    segment: (cohort, s, out) => {
      out.latency = spike(latencyIn(context, cohort, s, out));
    },
  };
});

const errorSpike = builder((fault) => {
  const added = required(fault, 'addedErrorRate');
  return {
    segment: (_cohort, _s, out) => {
      out.addedErrorRate += added;
    },
  };
});

/** Cohort-wide: the deployment is held down `1 − availability` of each interval. One segment: its requests fail. */
const outage = builder((fault) => {
  const availability = param(fault, 'availability') ?? 0;
  if (fault.segmentIndex !== null) {
    return {
      segment: (_cohort, _s, out) => {
        out.addedErrorRate += 1 - availability;
      },
    };
  }
  return {
    cohort: (out) => {
      out.forcedDownFraction = 1 - (1 - out.forcedDownFraction) * availability;
    },
  };
});

const degradation = builder((fault, context) => {
  const perHour = required(fault, 'perHour');
  if (fault.params.metric === 'errors') {
    return {
      segment: (_cohort, _s, out, elapsedMs) => {
        out.addedErrorRate += Math.min(1, (perHour * elapsedMs) / HOUR_MS);
      },
    };
  }
  const bySteps = new Map<number, (mixture: LatencyMixture) => LatencyMixture>();
  return {
    segment: (cohort, s, out, elapsedMs) => {
      const factor = degradationLatencyFactor(perHour, elapsedMs);
      if (factor === 1) return;
      let slow = bySteps.get(factor);
      if (slow === undefined) {
        slow = stableTransform((mixture) => affectShare(mixture, 1, scaleLatency(factor)));
        bySteps.set(factor, slow);
      }
      out.latency = slow(latencyIn(context, cohort, s, out));
    },
  };
});

const segmentRegression = builder((fault, context) => {
  if (fault.segmentIndex === null) throw new RangeError('a segment-regression fault needs a segment');
  const errorRate = param(fault, 'errorRate');
  const latencyFactor = param(fault, 'latencyFactor');
  const revenueUplift = param(fault, 'revenueUplift');
  const slow =
    latencyFactor === undefined
      ? null
      : stableTransform((mixture) => affectShare(mixture, 1, scaleLatency(latencyFactor)));
  return {
    segment: (cohort, s, out) => {
      if (errorRate !== undefined) out.addedErrorRate += errorRate - context.nominalErrorRate(cohort, s);
      if (slow !== null) out.latency = slow(latencyIn(context, cohort, s, out));
      if (revenueUplift !== undefined) out.revenueUplift = revenueUplift;
    },
  };
});

const churnSpike = builder((fault) => {
  const factor = required(fault, 'factor');
  return {
    segment: (_cohort, _s, out) => {
      out.churnFactor *= factor;
    },
  };
});

const dataInconsistency = builder((fault) => {
  const share = required(fault, 'share');
  return {
    segment: (_cohort, _s, out) => {
      out.inconsistentShare = 1 - (1 - out.inconsistentShare) * (1 - share);
    },
  };
});

const trafficSurge = builder((fault) => {
  const factor = required(fault, 'factor');
  return {
    segment: (_cohort, _s, out) => {
      out.trafficFactor *= factor;
    },
  };
});

const slowDependency = builder((fault, context) => {
  const slow = stableTransform((mixture) =>
    affectShare(mixture, param(fault, 'share') ?? 1, addLatency(required(fault, 'addedLatencyMs'))),
  );
  return {
    segment: (cohort, s, out) => {
      out.latency = slow(latencyIn(context, cohort, s, out));
    },
  };
});

/**
 * The effect model of every fault kind, against the engine's hook (docs/faults.md states each formula):
 * latency-spike (a share × factor), error-spike (+ error rate), outage (held down), degradation (latency
 * factor or error rate growing linearly from the start), segment-regression (one segment's error rate,
 * latency, revenue), churn-spike (× churn), data-inconsistency (silently wrong responses), traffic-surge
 * (× requests), slow-dependency (+ ms on a share).
 */
export const FAULT_KIND_EFFECTS: Readonly<Record<string, FaultEffectBuilder>> = {
  'latency-spike': latencySpike,
  'error-spike': errorSpike,
  outage,
  degradation,
  'segment-regression': segmentRegression,
  'churn-spike': churnSpike,
  'data-inconsistency': dataInconsistency,
  'traffic-surge': trafficSurge,
  'slow-dependency': slowDependency,
};
