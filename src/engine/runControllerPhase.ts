import { formatDuration } from '../scenario/duration.js';
import type { ControllerDriver, ControllerStep } from './controllerDriver.js';
import type { ControllerWindows } from './controllerWindows.js';
import type { EngineSetup, PhaseSetup } from './engineSetup.js';
import type { PhaseDecision } from './rehearsal.js';
import type { RehearsalWorkspace } from './rehearsalWorkspace.js';
import { checkpointOn, type PhaseEnd, phaseResult, simulateInterval } from './runPhase.js';

/**
 * The most intervals a controller phase may run, as a multiple of its nominal length: failed Flagger
 * checks and Argo error retries lengthen a phase, but by a bounded number of intervals, so more than this
 * is a bug in a driver.
 */
const MAX_STRETCH = 1000;

/**
 * Rehearses one phase of a controller's plan from `phaseStartMs` (epoch ms): interval by interval, both
 * cohorts simulated as in any phase, the candidate's interval pushed into the controller's trailing
 * windows, and the driver asked after each interval what the controller does (go on, move on to the next
 * phase, or stop). The phase lasts as long as the controller keeps it, which may be more than its
 * nominal length. Its one checkpoint, at its end, records the metrics of the whole phase; it has no
 * gates, since the controller's analysis decides.
 */
export function runControllerPhase(
  setup: EngineSetup,
  space: RehearsalWorkspace,
  phase: PhaseSetup,
  phaseStartMs: number,
  driver: ControllerDriver,
  windows: ControllerWindows,
): PhaseEnd {
  space.startPhase(phase, phaseStartMs);
  const run = { space, phase, closesEveryInterval: space.candidate.closesEveryInterval };
  let step: ControllerStep = driver.startPhase(phase.index, phaseStartMs - setup.startMs);
  let endMs = 0;
  const limitMs = phase.durationMs * MAX_STRETCH;
  while (step.kind === 'continue') {
    if (endMs >= limitMs)
      throw new RangeError(`runControllerPhase: ${phase.name} ran ${MAX_STRETCH} times its length`);
    const startMs = endMs;
    endMs = startMs + setup.intervalMs;
    simulateInterval(run, startMs, endMs);
    windows.push(space.interval);
    step = driver.afterInterval(endMs);
  }
  space.closeSpans();
  space.endPhase();
  const label = formatDuration(endMs);
  const checkpoint = checkpointOn(
    setup,
    space,
    phase,
    phaseStartMs,
    { label, offsetMs: endMs, gateContext: { phase: phase.name, label: `${label} checkpoint` } },
    false,
    0,
  );
  space.checkpointTaken();
  const decisionOf = (action: PhaseDecision['action'], reason: string): PhaseDecision => ({
    action,
    atMs: endMs,
    reason,
    at: space.times.at(phaseStartMs, endMs),
  });
  const decision =
    step.kind === 'advance'
      ? decisionOf('advance', step.reason)
      : decisionOf(step.status === 'rolled-back' ? 'rollback' : 'halt', step.reason);
  return {
    result: phaseResult(
      setup,
      space,
      phase,
      phaseStartMs,
      {
        ranMs: endMs,
        status: step.kind === 'advance' ? 'passed' : step.status,
        checkpoints: [checkpoint],
        guardTrips: [],
        decision,
      },
      driver.measurements,
    ),
    stop: step.kind === 'stop' ? { status: step.status, cause: step.cause, reason: step.reason } : null,
  };
}
