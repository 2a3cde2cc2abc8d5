import { conditionHolds, type MetricName, OPERATOR_SYMBOLS, type Operator } from '../gates/index.js';
import type { WindowAtHour } from '../risk/guardNoise.js';
import type { GuardSetting, QuietestWindow } from '../risk/guardWindows.js';
import { twiceThreshold } from '../risk/phaseGuard.js';
import type { NoiseFinding, Risk, RiskDistribution, RiskExample } from '../risk/risk.js';
import type { Probability } from '../stats/index.js';

/** A probability as templates show it: `p` null where nothing was estimated (no runs). */
export interface ProbabilityView {
  p: number | null;
  ci95: [number, number];
  runs: number;
}

/** A row of the "where rollbacks come from" table: one gate or guard in one phase. */
export type CauseView = RuleCauseView | ControllerCauseView;

export interface RuleCauseView {
  phase: string;
  kind: 'gate' | 'guard';
  metric: MetricName;
  op: Operator;
  symbol: string;
  threshold: number;
  /** Failed (gate) or tripped (guard), among runs that reached the phase. */
  fired: ProbabilityView;
  causedRollback: ProbabilityView;
  causedFalseRollback: ProbabilityView;
}

/** A controller metric (or Flagger webhook) of a controller's plan, by its name in the manifests. */
export interface ControllerCauseView {
  phase: string;
  kind: 'controller';
  metric: string;
  /** Always true: templates tell the rows apart with `{{#if controller}}`. */
  controller: true;
  /** Failed in one measurement or more, among runs that reached the phase. */
  fired: ProbabilityView;
  causedRollback: ProbabilityView;
  causedFalseRollback: ProbabilityView;
}

/** A guard setting as templates see it: a flat day's has no quietest window and no blind hours. */
export interface SettingView extends Omit<GuardSetting, 'quietest' | 'blindHoursUtc'> {
  quietest: QuietestWindow | null;
  blindHoursUtc: number[];
}

/** A full guard window at an hour of the day (diurnal profiles only), requests rounded for display. */
export interface WindowAtHourView {
  hourUtc: number;
  expectedRequests: number;
}

/** One noisy guard, with the numbers its plain-language finding quotes. */
export interface NoiseView {
  phase: string;
  metric: 'errorRate';
  symbol: string;
  threshold: number;
  /** Twice the threshold: the error rate the fix is shown to catch. */
  twiceThreshold: number;
  windowMs: number;
  expectedRequestsPerWindow: number;
  /** Under a diurnal profile, the phase's quietest and busiest full windows; null when traffic is flat. */
  quietestWindow: WindowAtHourView | null;
  busiestWindow: WindowAtHourView | null;
  /** Requests in a window of typical size: round(λ), at least 1. */
  typicalRequests: number;
  /** The error rate one error makes in such a window. */
  singleErrorRate: number;
  /** Whether that single error is enough to trip the guard. */
  singleErrorTrips: boolean;
  errorRate: number;
  tripPerWindow: number;
  checks: number;
  exactLower: number;
  exactUpper: number;
  exactIsBound: boolean;
  outageChance: number;
  monteCarloTripped: ProbabilityView;
  monteCarloFalseRollback: ProbabilityView;
  windowFix: SettingView | null;
  minRequestsFix: SettingView | null;
  /** Share of full windows the minRequests-only fix judges is below the bar: that fix makes the guard blind. */
  minRequestsFixBlind: boolean;
}

/** Everything risk.md and risk.html show; numbers stay numbers, the templates' helpers format them. */
export interface RiskView {
  scenario: Risk['scenario'];
  toolVersion: string;
  seed: number;
  fidelity: Risk['fidelity'];
  approve: boolean;
  runs: number;
  pComplete: ProbabilityView;
  pRollback: ProbabilityView;
  pHalt: ProbabilityView;
  pTrueRollback: ProbabilityView;
  pFalseRollback: ProbabilityView;
  candidateWorse: string[];
  noCandidateRegression: boolean;
  phases: Array<{
    name: string;
    traffic: number;
    learners: number;
    reach: ProbabilityView;
    pass: ProbabilityView;
    rollback: ProbabilityView;
    falseRollback: ProbabilityView;
    halt: ProbabilityView;
    slipsThrough: ProbabilityView | null;
    twiceLimitPasses: Array<{ threshold: number; pPass: number }>;
  }>;
  causes: CauseView[];
  faults: Array<{
    kind: string;
    target: string;
    phase: string | null;
    ratePerDay: number | null;
    meanDurationMs: number | null;
    atMs: number | null;
    durationMs: number | null;
    struck: ProbabilityView;
    rollbackWhenStruck: ProbabilityView;
    completedWhenStruck: ProbabilityView;
  }>;
  exactGates: Array<{
    phase: string;
    symbol: string;
    threshold: number;
    errorRate: number;
    checkpoints: Array<{
      label: string;
      expectedRequests: number;
      /** The window's mean diurnal factor; null when traffic is flat. */
      meanDiurnalFactor: number | null;
      pPass: number;
      pFail: number;
      pInconclusive: number;
    }>;
  }>;
  /** Traffic follows a diurnal profile: the exact figures follow it hour by hour. */
  diurnal: boolean;
  noisy: NoiseView[];
  quiet: NoiseView[];
  /** Settings the scenario can state (one window for all guards) that fix each noisy guard in every phase. */
  planFixes: Array<
    Omit<Risk['noise']['planFixes'][number], 'phases'> & {
      metric: 'errorRate';
      symbol: string;
      /** The setting needs more than one check in a row (`consecutive` is worth writing). */
      streak: boolean;
      twiceThreshold: number;
      phases: Array<
        { phase: string; nominalOutageTrip: number; twiceThresholdDetectionMs: number | null } & SettingView
      >;
      /** Some phase has hours whose windows the setting cannot judge. */
      blind: boolean;
    }
  >;
  /** Some guard fires on noise and no single setting fixes it in every phase. */
  noPlanFix: boolean;
  noiseTarget: number;
  minJudgedShare: number;
  timeToCompletionMs: RiskDistribution | null;
  timeToRollbackMs: RiskDistribution | null;
  learnersExposedBeforeRollback: RiskDistribution | null;
  finance: Risk['finance'];
  examples: RiskExample[];
  runSeedScheme: string;
  warnings: string[];
}

function view(probability: Probability): ProbabilityView {
  return {
    p: Number.isNaN(probability.p) ? null : probability.p,
    ci95: probability.ci95,
    runs: probability.runs,
  };
}

/** Rounded to `decimals` places for display (`count` shows whole numbers without decimals). */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

function rounded(distribution: RiskDistribution | null): RiskDistribution | null {
  if (distribution === null) return null;
  const { runs, p10, p50, p90, mean } = distribution;
  return { runs, p10: Math.round(p10), p50: Math.round(p50), p90: Math.round(p90), mean: Math.round(mean) };
}

function settingView(setting: GuardSetting): SettingView {
  return { ...setting, quietest: setting.quietest ?? null, blindHoursUtc: setting.blindHoursUtc ?? [] };
}

function atHourView(window: WindowAtHour | undefined): WindowAtHourView | null {
  return window === undefined
    ? null
    : { hourUtc: window.hourUtc, expectedRequests: roundTo(window.expectedRequests, 2) };
}

function noiseView(finding: NoiseFinding, risk: Risk): NoiseView {
  const typicalRequests = Math.max(1, Math.round(finding.expectedRequestsPerWindow));
  const singleErrorRate = 1 / typicalRequests;
  const symbol = OPERATOR_SYMBOLS[finding.op];
  return {
    phase: finding.phase,
    metric: 'errorRate',
    symbol,
    threshold: finding.threshold,
    twiceThreshold: twiceThreshold(finding.threshold),
    windowMs: finding.current.windowMs,
    expectedRequestsPerWindow: roundTo(finding.expectedRequestsPerWindow, 2),
    quietestWindow: atHourView(finding.quietestWindow),
    busiestWindow: atHourView(finding.busiestWindow),
    typicalRequests,
    singleErrorRate,
    singleErrorTrips: conditionHolds(finding.op, singleErrorRate, finding.threshold),
    errorRate: finding.errorRate,
    tripPerWindow: finding.tripPerWindow,
    checks: finding.checks,
    exactLower: finding.current.falseTrip.lower,
    exactUpper: finding.current.falseTrip.upper,
    exactIsBound: finding.current.falseTrip.lower !== finding.current.falseTrip.upper,
    outageChance: finding.outageChance,
    monteCarloTripped: view(finding.pTripped),
    monteCarloFalseRollback: view(finding.pFalseRollback),
    windowFix: finding.windowFix === null ? null : settingView(finding.windowFix),
    minRequestsFix: finding.minRequestsFix === null ? null : settingView(finding.minRequestsFix),
    minRequestsFixBlind:
      finding.minRequestsFix !== null && finding.minRequestsFix.judgedShare < risk.noise.minJudgedShare,
  };
}

/**
 * The view model of risk.md and risk.html, from risk.json alone (so `rehearse report` can render it
 * again): probabilities with `p` null when nothing was estimated, rollback causes flattened into one table, the exact gate
 * characteristics, and the noisy guards with the numbers of their finding and fix.
 */
export function buildRiskView(risk: Risk): RiskView {
  const noise = risk.noise.guards.map((finding) => noiseView(finding, risk));
  return {
    scenario: risk.scenario,
    toolVersion: risk.tool.version,
    seed: risk.seed,
    fidelity: risk.fidelity,
    approve: risk.approve,
    runs: risk.runs,
    pComplete: view(risk.pComplete),
    pRollback: view(risk.pRollback),
    pHalt: view(risk.pHalt),
    pTrueRollback: view(risk.rollbacks.pTrue),
    pFalseRollback: view(risk.rollbacks.pFalse),
    candidateWorse: risk.rollbacks.candidateWorse,
    noCandidateRegression: risk.rollbacks.candidateWorse.length === 0,
    phases: risk.phases.map((phase) => ({
      name: phase.name,
      traffic: phase.traffic,
      learners: phase.learners,
      reach: view(phase.pReach),
      pass: view(phase.pPass),
      rollback: view(phase.pRollback),
      falseRollback: view(phase.pFalseRollback),
      halt: view(phase.pHalt),
      slipsThrough: phase.pRegressionSlipsThrough === null ? null : view(phase.pRegressionSlipsThrough),
      twiceLimitPasses: phase.gates.flatMap((gate) =>
        gate.exact?.pPassAtTwiceThreshold == null
          ? []
          : [
              {
                threshold: gate.threshold,
                pPass: gate.exact.pPassAtTwiceThreshold,
              },
            ],
      ),
    })),
    faults: risk.faults.map(({ pStruck, pRollbackWhenStruck, pCompletedWhenStruck, ...fault }) => ({
      ...fault,
      struck: view(pStruck),
      rollbackWhenStruck: view(pRollbackWhenStruck),
      completedWhenStruck: view(pCompletedWhenStruck),
    })),
    causes: risk.phases.flatMap((phase) => [
      ...phase.guards.map((guard) => ({
        phase: phase.name,
        kind: 'guard' as const,
        metric: guard.metric,
        op: guard.op,
        symbol: OPERATOR_SYMBOLS[guard.op],
        threshold: guard.threshold,
        fired: view(guard.pTripped),
        causedRollback: view(guard.pCausedRollback),
        causedFalseRollback: view(guard.pCausedFalseRollback),
      })),
      ...phase.gates.map((gate) => ({
        phase: phase.name,
        kind: 'gate' as const,
        metric: gate.metric,
        op: gate.op,
        symbol: OPERATOR_SYMBOLS[gate.op],
        threshold: gate.threshold,
        fired: view(gate.pFailed),
        causedRollback: view(gate.pCausedRollback),
        causedFalseRollback: view(gate.pCausedFalseRollback),
      })),
      ...(phase.controllerMetrics ?? []).map((metric) => ({
        phase: phase.name,
        kind: 'controller' as const,
        metric: metric.name,
        controller: true as const,
        fired: view(metric.pFailed),
        causedRollback: view(metric.pCausedRollback),
        causedFalseRollback: view(metric.pCausedFalseRollback),
      })),
    ]),
    exactGates: risk.phases.flatMap((phase) =>
      phase.gates.flatMap((gate) =>
        gate.exact === null
          ? []
          : [
              {
                phase: phase.name,
                symbol: OPERATOR_SYMBOLS[gate.op],
                threshold: gate.threshold,
                errorRate: gate.exact.errorRate,
                checkpoints: gate.exact.checkpoints.map((checkpoint) => ({
                  ...checkpoint,
                  expectedRequests: roundTo(checkpoint.expectedRequests, 2),
                  meanDiurnalFactor: checkpoint.meanDiurnalFactor ?? null,
                })),
              },
            ],
      ),
    ),
    noisy: noise.filter((_, i) => risk.noise.guards[i]!.firesOnNoise),
    planFixes: risk.noise.planFixes.map((fix) => {
      const phases = fix.phases.map(
        ({ phase, nominalOutageTrip, twiceThresholdDetectionMs, ...setting }) => ({
          phase,
          nominalOutageTrip,
          twiceThresholdDetectionMs,
          ...settingView(setting),
        }),
      );
      return {
        ...fix,
        metric: 'errorRate' as const,
        symbol: OPERATOR_SYMBOLS[fix.op],
        streak: fix.consecutive > 1,
        twiceThreshold: twiceThreshold(fix.threshold),
        phases,
        blind: phases.some((phase) => phase.blindHoursUtc.length > 0),
      };
    }),
    diurnal:
      risk.noise.guards.some((finding) => finding.quietestWindow !== undefined) ||
      risk.phases.some((phase) =>
        phase.gates.some((gate) =>
          gate.exact?.checkpoints.some((checkpoint) => checkpoint.meanDiurnalFactor !== undefined),
        ),
      ),
    noPlanFix: risk.noise.guards.some(
      (finding) =>
        finding.firesOnNoise && !risk.noise.planFixes.some((fix) => fix.guardIndex === finding.guardIndex),
    ),
    quiet: noise.filter((_, i) => !risk.noise.guards[i]!.firesOnNoise),
    noiseTarget: risk.noise.targetPerPhase,
    minJudgedShare: risk.noise.minJudgedShare,
    timeToCompletionMs: risk.timeToCompletionMs,
    timeToRollbackMs: risk.timeToRollbackMs,
    learnersExposedBeforeRollback: rounded(risk.learnersExposedBeforeRollback),
    finance: risk.finance,
    examples: risk.runSeeds.examples,
    runSeedScheme: risk.runSeeds.scheme,
    warnings: risk.warnings,
  };
}
