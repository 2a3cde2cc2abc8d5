import type { Condition } from '../gates/index.js';
import { formatDuration } from '../scenario/duration.js';
import type { Plan } from '../scenario/plan.js';
import { candidateTraffic } from './candidateTraffic.js';
import { gateOperatingCharacteristic } from './operatingCharacteristic.js';
import { twiceThreshold } from './phaseGuard.js';
import type { ExactCheckpoint, ExactGate } from './risk.js';
import { msByHourIn, windowWeightedMs } from './trailingWindows.js';

/**
 * The exact operating characteristic of an errorRate gate at each checkpoint of its phase, for the
 * nominal candidate: the checkpoint's window (cumulative from the phase start, or since the previous
 * checkpoint) holds Poisson(λ) requests with λ the expected candidate requests in it, the sum over its
 * intervals of each one's mean at the diurnal factor of the hour it starts in (the engine cuts intervals
 * at checkpoints, so a window is whole intervals). Each checkpoint on its own (cumulative windows
 * overlap, so they are not independent). Null for other metrics.
 *
 * @example exactGate(defaultPlan, 0, canaryErrorGate)?.checkpoints[0] // 15m: λ 47.5, pFail 0.037 (one error in < 100 requests fails it)
 */
export function exactGate(plan: Plan, phaseIndex: number, gate: Condition): ExactGate | null {
  if (gate.metric !== 'errorRate') return null;
  const phase = plan.phases[phaseIndex]!;
  const traffic = candidateTraffic(plan, phaseIndex);
  const perMs = traffic.requestsPerInterval / plan.intervalMs;
  const offsets = phase.checkpointsMs.filter((offsetMs) => offsetMs > 0 && offsetMs <= phase.durationMs);
  const checkpointsMs = offsets.length > 0 ? offsets : [phase.durationMs];
  const judge = (expectedRequests: number, errorRate: number) =>
    gateOperatingCharacteristic({
      expectedRequests,
      errorRate,
      op: gate.op,
      threshold: gate.threshold,
      minRequests: gate.minRequests ?? 0,
    });
  const checkpoints = checkpointsMs.map((offsetMs, i) => {
    const fromMs = phase.window === 'since-last-checkpoint' && i > 0 ? checkpointsMs[i - 1]! : 0;
    const weightedMs = windowWeightedMs(traffic, msByHourIn(traffic, fromMs, offsetMs));
    const expectedRequests = perMs * weightedMs;
    const { pPass, pFail, pInconclusive } = judge(expectedRequests, traffic.errorRate);
    const checkpoint: ExactCheckpoint = {
      label: formatDuration(offsetMs),
      offsetMs,
      expectedRequests,
      pPass,
      pFail,
      pInconclusive,
    };
    if (traffic.hourlyFactors !== null && offsetMs > fromMs)
      checkpoint.meanDiurnalFactor = weightedMs / (offsetMs - fromMs);
    return checkpoint;
  });
  const upperLimit = gate.op === 'below' || gate.op === 'max';
  const last = checkpoints.at(-1)!;
  return {
    errorRate: traffic.errorRate,
    checkpoints,
    pPassAtTwiceThreshold: upperLimit
      ? judge(last.expectedRequests, twiceThreshold(gate.threshold)).pPass
      : null,
  };
}
