import { InternalError } from '../errors.js';
import {
  type EffectSamples,
  type FinanceSimulation,
  type RehearsedTimeline,
  rolloutTimelines,
  simulateFinance,
} from '../finance/index.js';
import { deriveStream } from '../random/index.js';
import type { Plan } from '../scenario/plan.js';
import { type Probability, probability } from '../stats/index.js';
import { controllerMetricNames } from './controllerMetricNames.js';
import {
  type CountHistogram,
  countTotal,
  histogramMean,
  histogramQuantiles,
  sortedEntries,
} from './countHistogram.js';
import { exactGate } from './exactGate.js';
import { type GuardNoise, guardNoise } from './guardNoise.js';
import { MIN_JUDGED_SHARE, NOISE_TARGET } from './noiseTarget.js';
import { GuardModels } from './phaseGuard.js';
import { type PlanGuardFix, planGuardFix } from './planGuardFix.js';
import { candidateFaults, regressionFacts } from './regressionFacts.js';
import {
  type ExactGate,
  RISK_SCHEMA_VERSION,
  type Risk,
  type RiskControllerMetric,
  type RiskDistribution,
  type RiskExample,
  type RiskFault,
  type RiskGate,
  type RiskGuard,
  type RiskPhase,
} from './risk.js';
import type { PhaseTally, RiskTally, RunExample } from './riskTally.js';
import type { StudySettings } from './tallyRuns.js';
import { parseTimelineKey } from './timelineKey.js';

/** Everything a study's result depends on besides its runs: the plan, the settings, the run count. */
export interface RiskInputs {
  plan: Plan;
  settings: StudySettings;
  /** Runs in the whole study (all shards). */
  runs: number;
  /** Bootstrap replicates of the effects for the finance projection, when the scenario names a file. */
  effectSamples: EffectSamples | null;
}

/** Where the study comes from, as risk.json records it. */
export interface RiskMeta {
  tool: { name: string; version: string };
  /** The scenario file as the user named it (never a machine-specific path). */
  scenarioFile: string;
}

/** How run seeds are derived, as risk.json states it. */
export const RUN_SEED_SCHEME =
  'run i is rehearsed at seed runSeed(seed, i): the (i+1)-th output of SplitMix64 started at seed, top 53 bits (docs/risk.md)';

function distribution(histogram: CountHistogram): RiskDistribution | null {
  const values = histogramQuantiles(histogram, [0.1, 0.5, 0.9]);
  const mean = histogramMean(histogram);
  if (values === null || mean === null) return null;
  const [p10, p50, p90] = values as [number, number, number];
  return { runs: countTotal(histogram), p10, p50, p90, mean };
}

function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

function example(run: RunExample, file: string, settings: StudySettings): RiskExample {
  const flags = [
    `--seed ${run.seed}`,
    settings.fidelity === 'aggregate' ? '' : `--fidelity ${settings.fidelity}`,
    settings.approve ? '' : '--no-approve',
  ].filter((flag) => flag !== '');
  return { ...run, reproduce: `rehearse run ${shellWord(file)} ${flags.join(' ')}` };
}

/** The rehearsed timeline a tally key (`timelineKey`) stands for: the phases back to back from the rollout's start. */
function timelineOf(plan: Plan, key: string): RehearsedTimeline {
  const { status, ranMs: ran } = parseTimelineKey(key);
  let startOffsetMs = 0;
  const phases = plan.phases.map((phase, i) => {
    const ranMs = ran[i];
    if (ranMs === undefined)
      return { traffic: phase.traffic, ranMs: 0, startOffsetMs: null, status: 'not-reached' as const };
    const started = { traffic: phase.traffic, ranMs, startOffsetMs, status: 'passed' as const };
    startOffsetMs += ranMs;
    return started;
  });
  return { outcome: { status }, phases };
}

/**
 * The finance projection over the study's runs: one draw per run, each run's exposure timeline taken
 * in the canonical (sorted-key) order, so it is the same however the runs were split.
 */
function finance(inputs: RiskInputs, tally: RiskTally): FinanceSimulation | null {
  const { plan } = inputs;
  if (plan.business === null) return null;
  const rehearsals = sortedEntries(tally.timelines).flatMap(([key, count]) => {
    const timeline = timelineOf(plan, key);
    return Array.from({ length: count }, () => timeline);
  });
  return simulateFinance(
    plan.business,
    rolloutTimelines(plan, rehearsals),
    deriveStream(inputs.settings.seed, 'risk', 'finance'),
    tally.runs,
    { effectSamples: inputs.effectSamples, learners: plan.population.learners },
  );
}

/**
 * The part of risk.json that depends on the plan alone, not on any run: each gate's exact operating
 * characteristic, the exact noise analysis of the guards and the plan fixes it proposes. It is most of
 * `buildRisk`'s time (incomplete beta functions and binomial sums), so `runRiskStudy` computes it on the
 * main thread while the workers start tallying.
 */
export interface PlanAnalysis {
  /** By phase, then gate; null where the gate has no exact model. */
  exactGates: Array<Array<ExactGate | null>>;
  noise: GuardNoise[];
  planFixes: PlanGuardFix[];
}

/** {@link PlanAnalysis} of a plan (pure). */
export function analyzePlan(plan: Plan): PlanAnalysis {
  const models = new GuardModels(plan);
  const noise = guardNoise(plan, models);
  return {
    exactGates: plan.phases.map((phase, p) => phase.gates.map((condition) => exactGate(plan, p, condition))),
    noise,
    planFixes: [...new Set(noise.map((finding) => finding.guardIndex))]
      .map((guardIndex) => planGuardFix(plan, guardIndex, models))
      .filter((fix): fix is PlanGuardFix => fix !== null),
  };
}

function phaseOf(
  inputs: RiskInputs,
  tally: RiskTally,
  phase: PhaseTally,
  p: number,
  exactGates: ReadonlyArray<ExactGate | null>,
): RiskPhase {
  const { plan } = inputs;
  const planned = plan.phases[p]!;
  const among = (count: number): Probability => probability(count, phase.reached);
  const gates = planned.gates.map((condition, g): RiskGate => {
    const counts = phase.gates[g]!;
    return {
      metric: condition.metric,
      op: condition.op,
      threshold: condition.threshold,
      minRequests: condition.minRequests ?? 0,
      pFailed: among(counts.failed),
      pInconclusive: among(counts.inconclusive),
      pCausedRollback: among(counts.causedRollback),
      pCausedFalseRollback: among(counts.causedRollback - counts.causedTrueRollback),
      pCausedHalt: among(counts.causedHalt),
      exact: exactGates[g]!,
    };
  });
  const guards = plan.guards.map((condition, g): RiskGuard => {
    const counts = phase.guards[g]!;
    return {
      metric: condition.metric,
      op: condition.op,
      threshold: condition.threshold,
      minRequests: condition.minRequests ?? 0,
      windowMs: plan.guardWindowMs,
      pTripped: among(counts.tripped),
      pCausedRollback: among(counts.causedRollback),
      pCausedFalseRollback: among(counts.causedRollback - counts.causedTrueRollback),
    };
  });
  return {
    name: planned.name,
    traffic: planned.traffic,
    learners: planned.learners,
    pReach: probability(phase.reached, tally.runs),
    pPass: among(phase.passed),
    pRollback: among(phase.rolledBack),
    pFalseRollback: among(phase.rolledBack - phase.trueRollbacks),
    pHalt: among(phase.halted),
    pRegressionSlipsThrough:
      phase.regressionReached === 0 ? null : probability(phase.regressionPassed, phase.regressionReached),
    gates,
    guards,
    ...(phase.controller === undefined
      ? {}
      : {
          controllerMetrics: controllerMetricNames(plan).map((name, m): RiskControllerMetric => {
            const counts = phase.controller![m]!;
            return {
              name,
              pFailed: among(counts.failed),
              pCausedRollback: among(counts.causedRollback),
              pCausedFalseRollback: among(counts.causedRollback - counts.causedTrueRollback),
              pCausedHalt: among(counts.causedHalt),
            };
          }),
        }),
  };
}

/**
 * `risk.json` from a complete tally (pure): outcome probabilities with Wilson intervals, per phase and
 * per gate and guard, rollbacks split into true and false, time and exposure distributions, example runs
 * with their seeds, the exact noise analysis of the error-rate guards beside the Monte Carlo, and the
 * finance distribution over the runs' timelines. Same inputs and tally ⇒ same object, whoever tallied.
 *
 * @param analysis the plan's {@link analyzePlan}, when it was computed ahead (default: computed here)
 * @throws InternalError when the tally does not cover runs 0..runs−1 exactly once.
 */
export function buildRisk(
  inputs: RiskInputs,
  tally: RiskTally,
  meta: RiskMeta,
  analysis: PlanAnalysis = analyzePlan(inputs.plan),
): Risk {
  const { plan, settings } = inputs;
  const covered =
    tally.ranges.length === 1 && tally.ranges[0]![0] === 0 && tally.ranges[0]![1] === inputs.runs;
  if (tally.runs !== inputs.runs || !(covered || inputs.runs === 0)) {
    throw new InternalError(
      `the tally covers ${JSON.stringify(tally.ranges)}, not runs 0..${inputs.runs - 1}`,
    );
  }
  const phases = tally.phases.map((phase, p) => phaseOf(inputs, tally, phase, p, analysis.exactGates[p]!));
  const noise = analysis.noise.map((finding) => {
    const phase = tally.phases[finding.phaseIndex]!;
    const guard = phase.guards[finding.guardIndex]!;
    return {
      ...finding,
      pTripped: probability(guard.tripped, phase.reached),
      pFalseRollback: probability(guard.causedRollback - guard.causedTrueRollback, phase.reached),
    };
  });
  return {
    schemaVersion: RISK_SCHEMA_VERSION,
    tool: meta.tool,
    scenario: {
      name: plan.name,
      file: meta.scenarioFile,
      sha256: plan.scenarioSha256,
      release: plan.release,
    },
    seed: settings.seed,
    fidelity: settings.fidelity,
    approve: settings.approve,
    runs: tally.runs,
    runSeeds: {
      scheme: RUN_SEED_SCHEME,
      examples: tally.examples.map((run) => example(run, meta.scenarioFile, settings)),
    },
    pComplete: probability(tally.completed, tally.runs),
    pRollback: probability(tally.rolledBack, tally.runs),
    pHalt: probability(tally.halted, tally.runs),
    rollbacks: {
      pTrue: probability(tally.trueRollbacks, tally.runs),
      pFalse: probability(tally.rolledBack - tally.trueRollbacks, tally.runs),
      candidateWorse: regressionFacts(plan).candidateWorse,
    },
    phases,
    faults: candidateFaults(plan).map((fault, f): RiskFault => {
      const counts = tally.faults[f]!;
      return {
        kind: fault.kind,
        target: fault.target === 'both' ? 'both' : 'candidate',
        phase: fault.phaseIndex === null ? null : plan.phases[fault.phaseIndex]!.name,
        ratePerDay: fault.ratePerDay,
        meanDurationMs: fault.meanDurationMs,
        atMs: fault.atMs,
        durationMs: fault.durationMs,
        pStruck: probability(counts.struck, tally.runs),
        pRollbackWhenStruck: probability(counts.rolledBack, counts.struck),
        pCompletedWhenStruck: probability(counts.completed, counts.struck),
      };
    }),
    timeToCompletionMs: distribution(tally.completionMs),
    timeToRollbackMs: distribution(tally.rollbackMs),
    learnersExposedBeforeRollback: distribution(tally.exposedBeforeRollback),
    noise: {
      targetPerPhase: NOISE_TARGET,
      minJudgedShare: MIN_JUDGED_SHARE,
      guards: noise,
      planFixes: analysis.planFixes,
    },
    finance: finance(inputs, tally),
    warnings: tally.warnings,
  };
}
