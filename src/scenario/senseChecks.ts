import type * as z from 'zod/mini';
import { type CheckContext, didYouMean, makeCheckContext } from './checkContext.js';
import { checkConditions } from './conditionChecks.js';
import { formatDuration, parseDurationMs } from './duration.js';
import { checkFaults } from './faultChecks.js';
import type { Scenario } from './scenarioSchema.js';
import { closestName } from './suggest.js';

/** How far segment shares may sum from 1 (rounding in hand-written decimals). */
export const SHARE_SUM_TOLERANCE = 1e-9;

/**
 * The checks beyond types, run as one refinement of the whole scenario so that they see across
 * sections: segment shares sum to 1 and ids are unique; overrides, faults and guards name things that
 * exist; checkpoints increase and fall inside their phase at monitoring-interval boundaries; phase
 * names are unique; thresholds fit their metric. Each check only reads parts that type-checked.
 */
export function senseChecks(scenario: Scenario, context: z.core.$RefinementCtx<Scenario>): void {
  if (typeof scenario !== 'object' || scenario === null) return;
  const check = makeCheckContext(context as z.core.$RefinementCtx<unknown>);
  const segmentIds = checkSegments(scenario, check);
  for (const side of ['baseline', 'candidate'] as const) {
    if (segmentIds === null || !check.clean('analyzers', side, 'segments')) continue;
    for (const id of Object.keys(scenario.analyzers[side].segments ?? {})) {
      if (segmentIds.includes(id)) continue;
      check.report(
        ['analyzers', side, 'segments', id],
        `a segment id from population.segments (${segmentIds.join(', ')})`,
        {
          found: `${JSON.stringify(id)}${didYouMean(closestName(id, segmentIds))}`,
          at: 'key',
        },
      );
    }
  }
  const intervalMs = check.clean('monitoring', 'interval')
    ? parseDurationMs(scenario.monitoring.interval)
    : null;
  if (intervalMs !== null) checkMonitoring(scenario, intervalMs, check);
  checkPlanSource(scenario, check);
  const phaseDurationsMs =
    scenario.phases !== undefined && check.shaped('phases')
      ? checkPhases(scenario.phases, scenario, intervalMs, check)
      : null;
  if (check.clean('guards', 'rollbackWhen'))
    checkConditions(scenario.guards.rollbackWhen, ['guards', 'rollbackWhen'], check, 'guard');
  if (check.shaped('faults')) checkFaults(scenario.faults, { phaseDurationsMs, segmentIds }, check);
}

/**
 * The plan comes from the scenario's `phases` or from a `controller`'s manifests, never both; with a
 * controller, the manifests' analysis decides rollbacks, so `guards.rollbackWhen` would be a second rule.
 */
function checkPlanSource(scenario: Scenario, check: CheckContext): void {
  const hasController = scenario.controller !== undefined;
  if (scenario.phases === undefined && !hasController) {
    check.report(
      ['phases'],
      'a list of phases, or a controller section naming Argo Rollouts or Flagger manifests',
      {
        found: 'nothing',
      },
    );
  } else if (scenario.phases !== undefined && hasController) {
    check.report(['phases'], 'no phases with a controller section (the manifests give the phases)', {
      found: 'phases',
      at: 'key',
    });
  }
  if (hasController && Object.keys(scenario.guards.rollbackWhen ?? {}).length > 0) {
    check.report(
      ['guards', 'rollbackWhen'],
      "no rollbackWhen guards with a controller section (the manifests' analysis decides rollbacks)",
      { found: 'guards', at: 'key' },
    );
  }
}

/** Unique ids and shares summing to 1; returns the ids, or null when the segments did not type-check. */
function checkSegments(scenario: Scenario, check: CheckContext): string[] | null {
  if (!check.clean('population', 'segments')) return null;
  const segments = scenario.population.segments;
  const firstIndex = new Map<string, number>();
  segments.forEach((segment, index) => {
    const first = firstIndex.get(segment.id);
    if (first === undefined) firstIndex.set(segment.id, index);
    else
      check.report(
        ['population', 'segments', index, 'id'],
        `a segment id not used before (segments[${first}] has it)`,
      );
  });
  const sum = segments.reduce((total, segment) => total + segment.share, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    check.report(['population', 'segments'], 'shares that sum to 1', {
      found: `shares that sum to ${Number(sum.toPrecision(12))}`,
    });
  }
  return [...firstIndex.keys()];
}

function checkMonitoring(scenario: Scenario, intervalMs: number, check: CheckContext): void {
  const { window, latencyBucketsMs } = scenario.monitoring;
  if (window !== undefined && check.clean('monitoring', 'window')) {
    const windowMs = parseDurationMs(window);
    if (windowMs !== null && windowMs % intervalMs !== 0) {
      check.report(
        ['monitoring', 'window'],
        `a whole multiple of monitoring.interval (${formatDuration(intervalMs)})`,
      );
    }
  }
  if (latencyBucketsMs !== undefined && check.clean('monitoring', 'latencyBucketsMs')) {
    latencyBucketsMs.forEach((boundMs, index) => {
      const previousMs = latencyBucketsMs[index - 1];
      if (previousMs !== undefined && !(boundMs > previousMs)) {
        check.report(
          ['monitoring', 'latencyBucketsMs', index],
          `a bound above the previous one (${previousMs} ms)`,
        );
      }
    });
  }
}

/**
 * Phase names, learners and checkpoints; returns each phase's duration in ms by name (null when the
 * duration did not type-check), or null when some name did not.
 */
function checkPhases(
  phases: NonNullable<Scenario['phases']>,
  scenario: Scenario,
  intervalMs: number | null,
  check: CheckContext,
): Map<string, number | null> | null {
  const durationsMs = new Map<string, number | null>();
  let namesClean = true;
  const populationLearners = check.clean('population', 'learners') ? scenario.population.learners : null;
  phases.forEach((phase, index) => {
    const path = ['phases', index];
    if (!check.shaped(...path)) {
      namesClean = false;
      return;
    }
    const durationMs = check.clean(...path, 'duration') ? parseDurationMs(phase.duration) : null;
    if (!check.clean(...path, 'name')) namesClean = false;
    else if (durationsMs.has(phase.name)) check.report([...path, 'name'], 'a phase name not used before');
    else durationsMs.set(phase.name, durationMs);
    const every = intervalMs === null ? '' : formatDuration(intervalMs);
    if (durationMs !== null && intervalMs !== null && durationMs % intervalMs !== 0) {
      check.report([...path, 'duration'], `a whole multiple of monitoring.interval (${every})`);
    }
    if (phase.checkpoints !== undefined && check.clean(...path, 'checkpoints')) {
      let previousMs = 0;
      phase.checkpoints.forEach((checkpoint, checkpointIndex) => {
        const atMs = parseDurationMs(checkpoint) ?? 0;
        const at = [...path, 'checkpoints', checkpointIndex];
        if (atMs <= previousMs)
          check.report(at, `a checkpoint after the previous one (${formatDuration(previousMs)})`);
        else if (durationMs !== null && atMs > durationMs)
          check.report(at, `a checkpoint within the phase (at most ${phase.duration})`);
        else if (intervalMs !== null && atMs % intervalMs !== 0)
          check.report(
            at,
            `a whole multiple of monitoring.interval (${every}): checkpoints are evaluated at interval boundaries`,
          );
        previousMs = Math.max(previousMs, atMs);
      });
    }
    if (populationLearners !== null) checkLearners(phase, path, populationLearners, check);
    if (check.clean(...path, 'gates')) checkConditions(phase.gates, [...path, 'gates'], check, 'gate');
  });
  return namesClean ? durationsMs : null;
}

function checkLearners(
  phase: NonNullable<Scenario['phases']>[number],
  path: (string | number)[],
  populationLearners: number,
  check: CheckContext,
): void {
  if (phase.learners !== undefined) {
    if (check.clean(...path, 'learners') && phase.learners > populationLearners) {
      check.report([...path, 'learners'], `at most population.learners (${populationLearners})`);
    }
  } else if (check.clean(...path, 'traffic') && Math.round(phase.traffic * populationLearners) < 1) {
    check.report([...path, 'traffic'], `a share giving at least one of the ${populationLearners} learners`);
  }
}
